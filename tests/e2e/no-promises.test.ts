import Database from 'better-sqlite3'
import { expect, inject, test } from 'vitest'

// Issue 9 §3: no page may promise what the portal does not do yet. Each later capability adds its own
// wording with its pages: chartered buses (包车, 点对点) came with issue 12's batch pages, the transport
// subsidy (补助, 交通补贴) with issue 13's claim pages, and the map of workstations (地图, 工作站) with issue 14's
// /map, so they are no longer promises; 驿站 (a service the portal does not run) still is. This fetches every page a signed-out visitor, a worker (verified and
// not), a county, a bureau and the admin can open, from the production server, and reads the HTML.

const baseURL = inject('baseURL')
const DEMO_PASSWORD = 'Luyu@2026'

const PROMISES = ['驿站']

function one<T>(sql: string, ...params: unknown[]): T {
  const db = new Database(inject('databasePath'), { readonly: true })
  try {
    const row = db.prepare(sql).get(...params) as T | undefined
    if (!row) throw new Error(`no row for ${sql}`)
    return row
  } finally {
    db.close()
  }
}

async function cookieOf(username: string) {
  const response = await fetch(`${baseURL}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD }),
  })
  expect(response.status, `sign in as ${username}`).toBe(302)
  return response.headers.get('set-cookie')!.split(';')[0]
}

/** The ids the pages below need, from the seeded demo data. */
function demoIds() {
  const org = (area: string, kind: string) => one<{ id: number }>('select id from organisations where area_code = ? and kind = ?', area, kind).id
  const weifang = org('370700', 'bureau')
  const kaizhou = org('500154', 'centre')
  return {
    publicPost: one<{ id: number }>(
      "select v.id from vacancies v join vacancy_targets t on t.vacancy_id = v.id where v.status = 'published' and v.valid_until >= date('now') and t.county_code = '500154' limit 1",
    ).id,
    eastPost: one<{ id: number }>("select id from vacancies where organisation_id = ? and status in ('draft', 'published') limit 1", weifang).id,
    employer: one<{ id: number }>('select id from employers where organisation_id = ? limit 1', weifang).id,
    ledgerRow: one<{ id: number }>('select id from workers where organisation_id = ? limit 1', kaizhou).id,
    unverified: one<{ id: number }>("select id from users where username = '13996000002'").id,
  }
}

/** Every page each kind of visitor can open (the xlsx downloads and the JSON feed are not pages). */
function pagesOf(ids: ReturnType<typeof demoIds>): { who: string | null; paths: string[] }[] {
  const post = `/jobs/${ids.publicPost}`
  return [
    { who: null, paths: ['/', '/jobs', post, '/login', '/register'] },
    { who: '13996000001', paths: ['/', '/jobs', post, '/me', '/me/profile', '/me/applications'] },
    { who: '13996000002', paths: ['/', post, '/me', '/me/profile', '/me/applications'] },
    {
      who: 'kaizhou',
      paths: [
        '/west',
        '/west/workers',
        '/west/workers/new',
        `/west/workers/${ids.ledgerRow}`,
        `/west/workers/${ids.ledgerRow}/edit`,
        '/west/workers/import',
        '/west/verifications',
        `/west/verifications/${ids.unverified}`,
        '/west/accounts/new',
        '/west/jobs',
        `/west/jobs/${ids.publicPost}/recommend`,
        post,
      ],
    },
    {
      who: 'weifang',
      paths: [
        '/east',
        '/east/employers',
        '/east/employers/new',
        `/east/employers/${ids.employer}/edit`,
        '/east/jobs',
        '/east/jobs/new',
        `/east/jobs/${ids.eastPost}`,
        `/east/jobs/${ids.eastPost}/edit`,
        `/east/jobs/${ids.eastPost}/applicants`,
        '/east/reports',
      ],
    },
    { who: 'admin', paths: ['/admin'] },
  ]
}

test('没有页面承诺尚未建成的功能；说到地图的页面都能去到地图 / no page promises what is not built, and the map every page names exists', async () => {
  const promising: string[] = []
  for (const { who, paths } of pagesOf(demoIds())) {
    const cookie = who ? await cookieOf(who) : undefined
    for (const path of paths) {
      const response = await fetch(baseURL + path, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' })
      expect(response.status, `${who ?? 'visitor'} ${path}`).toBe(200)
      const html = await response.text()
      const said = PROMISES.filter((word) => html.includes(word))
      if (said.length > 0) promising.push(`${who ?? 'visitor'} ${path}: ${said.join('、')}`)
      if (html.includes('地图') && !html.includes('href="/map"')) promising.push(`${who ?? 'visitor'} ${path}: 地图 without a link to /map`)
    }
  }
  expect(promising).toEqual([])
  const map = await fetch(`${baseURL}/map`)
  expect(map.status).toBe(200)
  expect(await map.text()).toContain('劳务工作站')
})

test('报名表说明会把姓名和手机号提供给发布岗位的人社局；岗位页的电话可以直接拨打 / the apply form says the name and phone go to the post’s bureau; contact numbers on post pages are tel: links', async () => {
  const ids = demoIds()
  const bureau = one<{ name: string }>('select o.name from vacancies v join organisations o on o.id = v.organisation_id where v.id = ?', ids.publicPost).name
  const worker = await (await fetch(`${baseURL}/jobs/${ids.publicPost}`, { headers: { Cookie: await cookieOf('13996000001') } })).text()
  expect(worker).toContain('即表示您同意把<strong>姓名和手机号</strong>提供给<strong>')
  expect(worker).toContain(`<strong>${bureau}</strong>`)
  expect(worker).toMatch(/<a href="tel:[\d-]{7,14}">[\d-]{7,14}<\/a>/)
  // React marks where text meets an expression with <!-- -->; the reader sees one sentence.
  const visitor = (await (await fetch(`${baseURL}/jobs/${ids.publicPost}`)).text()).replaceAll('<!-- -->', '')
  expect(visitor).toContain(`报名时您的姓名和手机号会提供给${bureau}`)
  expect(visitor).not.toContain('href="tel:')
  const east = await (await fetch(`${baseURL}/east/jobs/${ids.eastPost}`, { headers: { Cookie: await cookieOf('weifang') } })).text()
  expect(east).toMatch(/<a href="tel:[\d-]{7,14}">[\d-]{7,14}<\/a>/)
})
