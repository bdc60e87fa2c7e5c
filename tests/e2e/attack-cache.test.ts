import { execFileSync } from 'node:child_process'
import http from 'node:http'
import zlib from 'node:zlib'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startPortal, type Portal } from '../setup/portal'

// An attacker's look at the anonymous page cache (server/public-cache.ts), the shared session look-up
// (utils/auth.server.ts) and the password hasher child (utils/password-work.server.ts), against a
// production portal of its own (two worker processes), so its database edits and sign-in floods touch
// no other suite.

let portal: Portal
const DEMO_PASSWORD = 'Luyu@2026'

beforeAll(async () => {
  portal = await startPortal('attack-cache', { extraEnv: { WEB_CONCURRENCY: '2', TRUST_PROXY: '1' } })
})
afterAll(async () => {
  await portal?.stop()
})

type Answer = { status: number; headers: http.IncomingHttpHeaders; raw: Buffer; body: string }

/** One request on a connection of its own (so the supervisor spreads them over both workers); the body decoded as its Content-Encoding says. */
function ask(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request(`${portal.baseURL}${path}`, { method, agent: false, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (c: Buffer) => chunks.push(c))
      response.on('end', () => {
        const raw = Buffer.concat(chunks)
        const encoding = response.headers['content-encoding']
        const decoded = encoding === 'br' ? zlib.brotliDecompressSync(raw) : encoding === 'gzip' ? zlib.gunzipSync(raw) : raw
        resolve({ status: response.statusCode ?? 0, headers: response.headers, raw, body: decoded.toString('utf8') })
      })
    })
    request.on('error', reject)
    request.end()
  })
}

/** Rendered for its request (a nonce in its CSP) or sent from the store (hashes, no nonce). */
const isHit = (a: Answer) => !/'nonce-/.test(String(a.headers['content-security-policy']))

async function warm(path: string, headers: Record<string, string> = {}) {
  const answers: Answer[] = []
  for (let i = 0; i < 10; i++) answers.push(await ask(path, headers))
  const last = answers.slice(-4)
  expect(last.every(isHit), `${path} is stored in both processes`).toBe(true)
  return last
}

function db() {
  return new Database(portal.databasePath)
}

function openPost() {
  const connection = db()
  try {
    return connection
      .prepare(
        `select v.id, v.title, v.employer_id as employerId, e.name as employerName, v.valid_until as validUntil from vacancies v
         join employers e on e.id = v.employer_id
         where v.status = 'published' and v.valid_until >= date('now', '+8 hours') order by v.id limit 1 offset 3`,
      )
      .get() as { id: number; title: string; employerId: number; employerName: string; validUntil: string }
  } finally {
    connection.close()
  }
}

async function signIn(username: string, ip = '10.20.0.1') {
  const response = await fetch(`${portal.baseURL}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: portal.baseURL, 'X-Forwarded-For': ip },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD }),
  })
  expect(response.status, `sign-in of ${username}`).toBe(302)
  return response.headers.get('set-cookie')!.split(';')[0]
}

describe('the store never answers anyone but an anonymous visitor, and never with a signed-in page', () => {
  test('any Cookie header (a stray cookie, a forged notice, a session) gets a page rendered for it; a signed-in visitor sees their own header', async () => {
    await warm('/jobs')
    await warm('/')
    for (const cookie of ['x=1', '__notice=forged', '__session=forged', '']) {
      const answer = await ask('/jobs', { Cookie: cookie })
      expect(isHit(answer), `Cookie: ${cookie}`).toBe(false)
    }
    const cookie = await signIn('weifang')
    for (let i = 0; i < 4; i++) {
      const mine = await ask('/jobs', { Cookie: cookie })
      expect(isHit(mine)).toBe(false)
      expect(mine.headers['cache-control']).toBe('private, no-store')
      expect(mine.body).toContain('退出')
      // …and the anonymous copy still shows no one signed in.
      const anonymous = await ask('/jobs')
      expect(anonymous.body).not.toContain('退出')
    }
    // A signed-in `.data` navigation is rendered for its request as well.
    const data = await ask('/_root.data', { Cookie: cookie })
    expect(isHit(data)).toBe(false)
    expect(data.body).toContain('east')
  })

  test('not found, redirects and HEAD are never stored; HEAD of a stored page has the GET headers and no body', async () => {
    for (let i = 0; i < 6; i++) {
      const missing = await ask('/jobs/999999999')
      expect(missing.status).toBe(404)
      expect(isHit(missing)).toBe(false)
      const missingData = await ask('/jobs/999999999.data')
      expect(missingData.status).toBe(404)
    }
    const [stored] = await warm('/jobs?sort=salary')
    const head = await ask('/jobs?sort=salary', {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.raw.byteLength).toBe(0)
    expect(head.headers['content-security-policy']).toBe(stored.headers['content-security-policy'])
  })
})

describe('poisoning', () => {
  test('Host, X-Forwarded-Host and X-Forwarded-Proto of the request that filled the store show nowhere in what others get', async () => {
    const forged = { Host: 'evil.example', 'X-Forwarded-Host': 'evil2.example', 'X-Forwarded-Proto': 'https' }
    for (const path of ['/?p=1', '/jobs?p=1', `/jobs/${openPost().id}?p=1`, '/api/v1/vacancies?p=1', '/jobs.data?p=1', '/_root.data?p=1']) {
      for (let i = 0; i < 6; i++) {
        const answer = await ask(path, forged)
        expect(answer.body, path).not.toMatch(/evil/)
      }
      const plain = await warm(path)
      for (const a of plain) expect(a.body, path).not.toMatch(/evil/)
    }
    const feed = JSON.parse((await ask('/api/v1/vacancies?p=1')).body) as { data: { url: string }[] }
    expect(feed.data.length).toBeGreaterThan(0)
    for (const row of feed.data) expect(row.url.startsWith(`${portal.baseURL}/jobs/`)).toBe(true)
  })

  test('every Accept-Encoding gets bytes it can decode, a Range gets the whole page, a long URL is never stored', async () => {
    const path = '/jobs?q=%E6%99%AE%E5%B7%A5'
    const [reference] = await warm(path, { 'Accept-Encoding': 'br' })
    const cases: [string | undefined, string | undefined][] = [
      [undefined, undefined],
      ['identity', undefined],
      ['deflate', undefined],
      ['gzip', 'gzip'],
      ['br', 'br'],
      ['GZIP;q=1, br;q=0', 'gzip'],
      ['gzip;q=0, br;q=0.0', undefined],
      ['*;q=0', undefined],
    ]
    for (const [acceptEncoding, expected] of cases) {
      for (let i = 0; i < 3; i++) {
        const answer = await ask(path, acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding })
        expect(answer.headers['content-encoding'], String(acceptEncoding)).toBe(expected)
        expect(answer.body).toBe(reference.body)
      }
    }
    const ranged = await ask(path, { Range: 'bytes=0-10', 'Accept-Encoding': 'gzip' })
    expect(ranged.status).toBe(200)
    expect(ranged.body).toBe(reference.body)
    const long = `/jobs?q=${'a'.repeat(600)}`
    for (let i = 0; i < 6; i++) expect(isHit(await ask(long))).toBe(false)
  })
})

describe('freshness in both processes', () => {
  test('an employer renamed, a post edited and a post past its day show at once on stored pages', async () => {
    const post = openPost()
    const page = `/jobs/${post.id}`
    const feed = '/api/v1/vacancies?pageSize=100'
    for (const a of await warm(page)) expect(a.body).toContain(post.employerName)
    await warm(feed)

    const connection = db()
    try {
      connection.prepare('update employers set name = ? where id = ?').run('攻击测试改名有限公司', post.employerId)
      for (let i = 0; i < 4; i++) {
        const answer = await ask(page)
        expect(answer.body).toContain('攻击测试改名有限公司')
        expect(answer.body).not.toContain(post.employerName)
      }
      await warm(page)
      connection.prepare('update vacancies set title = ? where id = ?').run('攻击测试新标题', post.id)
      for (let i = 0; i < 4; i++) expect((await ask(page)).body).toContain('攻击测试新标题')
      await warm(page)
      await warm(feed)
      // Past its valid-until day (as after midnight in Shanghai): closed on its page, gone from the feed.
      connection.prepare(`update vacancies set valid_until = date('now', '+8 hours', '-1 day') where id = ?`).run(post.id)
      for (let i = 0; i < 4; i++) {
        expect((await ask(page)).body).toContain('不再接受报名')
        const rows = (JSON.parse((await ask(feed)).body) as { data: { id: number }[] }).data
        expect(rows.some((r) => r.id === post.id)).toBe(false)
      }
    } finally {
      connection.close()
    }
  })
})

describe('the shared session look-up', () => {
  test('a session signed out is refused on the very next request, with requests in flight on the same Cookie around the sign-out', async () => {
    const cookie = await signIn('zaozhuang', '10.20.0.2')
    const get = async () => {
      const response = await fetch(`${portal.baseURL}/east`, { redirect: 'manual', headers: { Cookie: cookie } })
      await response.text()
      return response.status
    }
    expect(await get()).toBe(200)
    let out = false
    const during = Promise.all(
      [0, 1, 2].map(async () => {
        const seen: number[] = []
        while (!out) seen.push(await get())
        return seen
      }),
    )
    await new Promise((r) => setTimeout(r, 200))
    const logout = await fetch(`${portal.baseURL}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: portal.baseURL, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(logout.status).toBe(302)
    out = true
    expect((await during).flat().length).toBeGreaterThan(0)
    const after = await Promise.all(Array.from({ length: 30 }, get))
    expect(new Set(after)).toEqual(new Set([302]))
  })
})

describe('the password hasher', () => {
  /** The hasher children of the portal's worker processes (a worker that has not hashed yet has none). */
  function hasherPids() {
    const children = (pid: number) => {
      try {
        return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
      } catch (error) {
        // ps exits 1 when the process has no children.
        if ((error as { status?: number }).status === 1) return []
        throw error
      }
    }
    const pids: number[] = []
    for (const worker of children(portal.pid)) {
      for (const line of children(Number.parseInt(worker, 10))) if (line.includes('password-hasher.mjs')) pids.push(Number.parseInt(line, 10))
    }
    return pids
  }

  test('a killed hasher child is replaced and sign-in still works; a flood answers 400/429/503, never 500', async () => {
    await signIn('kaizhou', '10.20.0.3')
    await signIn('kaizhou', '10.20.0.4')
    const before = hasherPids()
    expect(before.length).toBeGreaterThan(0)
    for (const pid of before) process.kill(pid, 'SIGKILL')
    await new Promise((r) => setTimeout(r, 300))
    for (let i = 0; i < 4; i++) await signIn('xiushan', `10.20.1.${i}`)
    const after = hasherPids()
    expect(after.length).toBeGreaterThan(0)
    expect(after.some((pid) => before.includes(pid))).toBe(false)

    const statuses = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const response = await fetch(`${portal.baseURL}/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: portal.baseURL, 'X-Forwarded-For': `10.30.${i >> 8}.${i & 255}` },
          body: new URLSearchParams({ username: `nobody${i}`, password: 'wrong-password' }),
        })
        await response.text()
        return response.status
      }),
    )
    for (const status of statuses) expect([400, 429, 503]).toContain(status)
    await signIn('fengdu', '10.20.2.1')
  }, 120_000)

  test('a wrong password counts toward the account throttle: the sixth try from fresh addresses is 429', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${portal.baseURL}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: portal.baseURL, 'X-Forwarded-For': `10.40.0.${i}` },
        body: new URLSearchParams({ username: 'dezhou', password: `wrong-${i}` }),
      })
      await response.text()
      statuses.push(response.status)
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429])
  })
})
