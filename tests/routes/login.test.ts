import crypto from 'node:crypto'
import { and, count, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { auditLog, sessions, users } from '../../db/schema'
import { action, loader } from '~/routes/login'
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from '~/models/sign-in.server'
import { db } from '~/utils/db.server'
import { sessionCookie } from '~/utils/session.server'
import { DEMO_PASSWORD } from '../../db/seed'
import { auditCount } from '../audit'
import { context, cookieFor, get, post, settle, toCookieHeader, unwrapData } from '../request'

type Reply = { error?: Record<string, string[] | null> }

type Outcome = { status: number; location?: string | null }

/** Runs the real login action and reduces its answer to a status (and Location for a redirect). */
async function attempt(fields: Record<string, string>, clientIp: string): Promise<Outcome> {
  const result = await settle(() => action({ request: post('/login', fields), context: context({ clientIp }), params: {} }))
  if ('thrown' in result) return { status: result.thrown.status, location: result.thrown.headers.get('Location') }
  return { status: unwrapData(result.value).status }
}

test('每个演示账号登录后进入本方首页 / each staff account signs in and lands on its own home', async () => {
  const homes = { admin: '/admin', weifang: '/east', dezhou: '/east', zaozhuang: '/east', kaizhou: '/west', xiushan: '/west', fengdu: '/west' }
  for (const [username, home] of Object.entries(homes)) {
    const result = await settle(() =>
      action({ request: post('/login', { username, password: DEMO_PASSWORD }), context: context({ clientIp: `10.0.0.${home.length}` }), params: {} }),
    )
    expect('thrown' in result, username).toBe(true)
    const response = (result as { thrown: Response }).thrown
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(home)
    const cookie = response.headers.get('Set-Cookie')!
    expect(cookie).toMatch(/^__session=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
  }
})

test('务工人员用手机号登录，全角数字和 +86 也认 / a worker signs in with the phone number, full-width or +86 included', async () => {
  const result = await settle(() =>
    action({ request: post('/login', { username: '+86 １３９ ９６００ ０００１', password: DEMO_PASSWORD }), context: context(), params: {} }),
  )
  const response = (result as { thrown: Response }).thrown
  expect(response.headers.get('Location')).toBe('/me')
})

test('cookie 只带随机令牌，数据库只存令牌的摘要 / the cookie carries a random token and the table stores only its hash', async () => {
  const before = db.select({ n: count() }).from(sessions).get()!.n
  const result = await settle(() => action({ request: post('/login', { username: 'fengdu', password: DEMO_PASSWORD }), context: context(), params: {} }))
  const setCookie = (result as { thrown: Response }).thrown.headers.get('Set-Cookie')!
  expect(db.select({ n: count() }).from(sessions).get()!.n).toBe(before + 1)
  const rawValue = decodeURIComponent(toCookieHeader(setCookie).slice('__session='.length))
  const rows = db.select().from(sessions).all()
  for (const row of rows) expect(rawValue).not.toContain(row.id)
  expect(rawValue).not.toMatch(/fengdu|west|userId/)
  // What the signed cookie holds is a bare random token; the row is keyed by its SHA-256, not the token.
  const parsed: unknown = await sessionCookie.parse(toCookieHeader(setCookie))
  const token = typeof parsed === 'string' ? parsed : ''
  expect(token).toMatch(/^[\w-]{43}$/)
  const user = db.select().from(users).where(eq(users.username, 'fengdu')).get()!
  const mine = db.select().from(sessions).where(eq(sessions.userId, user.id)).all()
  expect(mine.map((r) => r.id)).toContain(crypto.createHash('sha256').update(token).digest('base64url'))
  expect(mine.map((r) => r.id)).not.toContain(token)
})

test('未知用户与密码错误得到同样的提示，并记入审计 / unknown user and wrong password get the same message and are audited', async () => {
  const failuresBefore = auditCount('auth.login_failed')
  const wrong = unwrapData<Reply>(
    await action({ request: post('/login', { username: 'dezhou', password: 'not-the-password' }), context: context({ clientIp: '10.1.1.1' }), params: {} }),
  )
  const unknown = unwrapData<Reply>(
    await action({
      request: post('/login', { username: 'nobody-here', password: 'not-the-password' }),
      context: context({ clientIp: '10.1.1.2' }),
      params: {},
    }),
  )
  expect(wrong.status).toBe(400)
  expect(unknown.status).toBe(400)
  expect(wrong.data.error?.['']).toEqual(['用户名或密码不正确。'])
  expect(unknown.data.error).toEqual(wrong.data.error)
  expect(auditCount('auth.login_failed')).toBe(failuresBefore + 2)
})

test('空字段得到中文字段提示和 400 / empty fields get Chinese field messages and 400', async () => {
  const reply = unwrapData<Reply>(await action({ request: post('/login', { username: '  ', password: '' }), context: context(), params: {} }))
  expect(reply.status).toBe(400)
  expect(reply.data.error?.username).toEqual(['请填写用户名或手机号'])
  expect(reply.data.error?.password).toEqual(['请填写密码'])
})

test('同一账号连续失败后被限制，正确密码也不放行 / an account is throttled after repeated failures, even with the right password', async () => {
  for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
    const r = unwrapData(
      await action({ request: post('/login', { username: 'zaozhuang', password: `guess-${i}` }), context: context({ clientIp: `10.2.0.${i}` }), params: {} }),
    )
    expect(r.status).toBe(400)
  }
  const throttled = unwrapData<Reply>(
    await action({ request: post('/login', { username: 'zaozhuang', password: DEMO_PASSWORD }), context: context({ clientIp: '10.2.0.99' }), params: {} }),
  )
  expect(throttled.status).toBe(429)
  expect(throttled.data.error?.['']?.[0]).toContain('15 分钟')
  // Another account from another address is not affected.
  const other = await settle(() =>
    action({ request: post('/login', { username: 'xiushan', password: DEMO_PASSWORD }), context: context({ clientIp: '10.2.1.1' }), params: {} }),
  )
  expect('thrown' in other && other.thrown.status).toBe(302)
})

test('同一地址尝试过多账号后被限制 / one address is throttled after too many failures across accounts', async () => {
  const ip = '10.3.3.3'
  for (let i = 0; i < 30; i++) {
    await action({ request: post('/login', { username: `spray-${i}`, password: 'x' }), context: context({ clientIp: ip }), params: {} })
  }
  const r = unwrapData(
    await action({ request: post('/login', { username: 'kaizhou', password: DEMO_PASSWORD }), context: context({ clientIp: ip }), params: {} }),
  )
  expect(r.status).toBe(429)
})

test('停用账号无法登录，已有会话立即失效 / a disabled account cannot sign in and its sessions end at once', async () => {
  const cookie = await cookieFor('13996000201')
  const { loader: meLoader } = await import('~/routes/me._index')
  const ok = await settle(() => meLoader({ request: get('/me', cookie), context: context(), params: {} }))
  expect('value' in ok).toBe(true)
  db.update(users).set({ disabledAt: new Date() }).where(eq(users.username, '13996000201')).run()
  const after = await settle(() => meLoader({ request: get('/me', cookie), context: context(), params: {} }))
  expect('thrown' in after && after.thrown.headers.get('Location')).toBe('/login?redirectTo=%2Fme')
  const r = unwrapData(
    await action({ request: post('/login', { username: '13996000201', password: DEMO_PASSWORD }), context: context({ clientIp: '10.4.0.1' }), params: {} }),
  )
  expect(r.status).toBe(400)
  const reasons = db
    .select({ reason: auditLog.reason })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'auth.login_failed'), eq(auditLog.reason, 'disabled')))
    .all()
  expect(reasons.length).toBeGreaterThan(0)
})

test.each([
  ['/west?tab=1', '10.5.0.1', '/west?tab=1'],
  ['https://evil.example/', '10.5.0.2', '/west'],
  ['/east', '10.5.0.3', '/west'],
])(
  '登录后回到原来要去的本方页面，不会跳到别方或站外 / after sign-in the user returns to the page they wanted, never another side or site: %s',
  async (redirectTo, ip, location) => {
    expect((await attempt({ username: 'kaizhou', password: DEMO_PASSWORD, redirectTo }, ip)).location).toBe(location)
  },
)

test('已登录用户打开登录页直接回到首页 / a signed-in user opening /login goes to their home', async () => {
  const cookie = await cookieFor('weifang')
  const result = await settle(() => loader({ request: get('/login', cookie), context: context(), params: {} }))
  expect('thrown' in result && result.thrown.headers.get('Location')).toBe('/east')
})

// ---------------------------------------------------------------------------------------------------
// Throttles that hold under bursts (issue 7 §5) and a way back that can never break the response (§9)

function sessionCountOf(username: string) {
  const user = db.select().from(users).where(eq(users.username, username)).get()!
  return db.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id)).get()!.n
}

test('同一账号并发 60 次猜测：最多核对 5 次，其余 429，限额用完后正确密码也不放行 / 60 parallel guesses on one account: at most 5 checked, the rest 429, the right password refused once the limit is hit', async () => {
  const failedBefore = auditCount('auth.login_failed')
  const sessionsBefore = sessionCountOf('weifang')
  const guesses = Array.from({ length: 60 }, (_, i) => (i === 59 ? DEMO_PASSWORD : `guess-${i}`))
  const outcomes = await Promise.all(guesses.map((password, i) => attempt({ username: 'weifang', password }, `10.20.${i >> 8}.${i & 255}`)))
  const checked = outcomes.filter((o) => o.status !== 429)
  expect(checked.length).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT)
  expect(outcomes.filter((o) => o.status === 429).length).toBeGreaterThanOrEqual(60 - MAX_FAILURES_PER_ACCOUNT)
  expect(outcomes[59].status).toBe(429)
  expect(sessionCountOf('weifang')).toBe(sessionsBefore)
  expect(auditCount('auth.login_failed') - failedBefore).toBe(checked.length)
  // Later, one at a time, the right password is still refused while the window lasts.
  expect((await attempt({ username: 'weifang', password: DEMO_PASSWORD }, '10.20.9.9')).status).toBe(429)
})

test('一次 300 个并发猜测也只核对 5 次 / a burst of 300 parallel guesses gets only 5 checked', async () => {
  const outcomes = await Promise.all(
    Array.from({ length: 300 }, (_, i) => attempt({ username: '13996000001', password: `burst-${i}` }, `10.21.${i >> 8}.${i & 255}`)),
  )
  expect(outcomes.filter((o) => o.status !== 429).length).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT)
  expect(outcomes.every((o) => o.status === 400 || o.status === 429)).toBe(true)
}, 60_000)

test('同一地址并发 100 个不存在的用户名：最多核对 30 次 / 100 parallel unknown names from one address: at most 30 checked', async () => {
  const ip = '10.22.0.1'
  const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt({ username: `nobody-${i}`, password: 'x' }, ip)))
  const checked = outcomes.filter((o) => o.status !== 429).length
  expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_IP)
  expect(auditCount('auth.login_failed', { ip })).toBe(checked)
  expect(auditCount('auth.login_throttled', { ip })).toBe(100 - checked)
}, 60_000)

test('几次输错后输对仍能登录，并清零该账号的计数 / the right password after a few typos still signs in and clears the account count', async () => {
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) {
      expect((await attempt({ username: 'xiushan', password: `typo-${round}-${i}` }, `10.23.${round}.${i}`)).status).toBe(400)
    }
    const ok = await attempt({ username: 'xiushan', password: DEMO_PASSWORD }, `10.23.${round}.99`)
    expect(ok.status, `round ${round}`).toBe(302)
  }
})

const HOSTILE_WAYS_BACK = [
  '/jobs?x=工人',
  '/jobs/工人?q=电焊 工#段',
  '/jobs?x=%E5%B7%A5',
  '/jobs?q=%',
  '/%2F%2Fevil.example',
  '//evil.example',
  '///evil.example',
  '\\\\evil.example',
  '/\\evil.example',
  '/\t/evil.example',
  '/./' + '/evil.example',
  '/jobs\r\nSet-Cookie: x=1',
  '/jobs\u0000',
  '/jobs\u2028\u202e',
  'https://evil.example/',
  'javascript:alert(1)',
  '/west/../east',
  '/%2e%2e/east',
  '/EAST',
  '/%65ast',
  '/east.data',
  '/' + 'x'.repeat(5000),
  '/' + '工'.repeat(1500),
  '/\ud800',
]

test('任意回跳地址都得到本站安全跳转，每次登录只建一个带 cookie 的会话 / any redirectTo gives a safe same-origin redirect, and each sign-in makes exactly one session that its response carries', async () => {
  for (const [i, redirectTo] of HOSTILE_WAYS_BACK.entries()) {
    const before = sessionCountOf('kaizhou')
    const result = await settle(() =>
      action({
        request: post('/login', { username: 'kaizhou', password: DEMO_PASSWORD, redirectTo }),
        context: context({ clientIp: `10.24.0.${i}` }),
        params: {},
      }),
    )
    expect('thrown' in result, JSON.stringify(redirectTo)).toBe(true)
    const response = (result as { thrown: Response }).thrown
    expect(response.status, JSON.stringify(redirectTo)).toBe(302)
    const location = response.headers.get('Location')!
    expect(location, JSON.stringify(redirectTo)).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/)
    expect(new URL(location, 'http://localhost:3000').origin).toBe('http://localhost:3000')
    expect(location === '/west' || !/^\/(east|me|admin)(\/|$)/i.test(decodeURIComponent(new URL(location, 'http://x').pathname)), location).toBe(true)
    expect(response.headers.get('Set-Cookie')).toMatch(/^__session=/)
    expect(sessionCountOf('kaizhou'), JSON.stringify(redirectTo)).toBe(before + 1)
  }
  const back = await attempt({ username: 'kaizhou', password: DEMO_PASSWORD, redirectTo: '/jobs?x=工人' }, '10.24.1.1')
  expect(back.location).toBe('/jobs?x=%E5%B7%A5%E4%BA%BA')
})

test('已登录用户带奇怪的回跳地址打开登录页也得到安全跳转 / a signed-in user opening /login with an odd redirectTo gets a safe redirect', async () => {
  const cookie = await cookieFor('kaizhou')
  for (const redirectTo of HOSTILE_WAYS_BACK) {
    const result = await settle(() => loader({ request: get(`/login?${new URLSearchParams({ redirectTo })}`, cookie), context: context(), params: {} }))
    expect('thrown' in result && result.thrown.status, JSON.stringify(redirectTo)).toBe(302)
    expect((result as { thrown: Response }).thrown.headers.get('Location')).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/)
  }
})

test('未登录访问带中文或超长查询的页面，转到登录页的地址安全 / an anonymous request with a Chinese or huge query is sent to /login with a safe Location', async () => {
  const { loader: profileLoader } = await import('~/routes/me.profile')
  const chinese = await settle(() => profileLoader({ request: get('/me/profile?x=工人'), context: context(), params: {} }))
  const location = (chinese as { thrown: Response }).thrown.headers.get('Location')!
  expect(location).toMatch(/^\/login\?redirectTo=[\x21-\x7e]+$/)
  expect(new URL(location, 'http://x').searchParams.get('redirectTo')).toBe('/me/profile?x=%E5%B7%A5%E4%BA%BA')
  const data = await settle(() => profileLoader({ request: get('/me/profile.data?_routes=routes%2Fme.profile'), context: context(), params: {} }))
  expect((data as { thrown: Response }).thrown.headers.get('Location')).toBe('/login?redirectTo=%2Fme%2Fprofile')
  const huge = await settle(() => profileLoader({ request: get(`/me/profile?q=${'工'.repeat(3000)}`), context: context(), params: {} }))
  expect((huge as { thrown: Response }).thrown.headers.get('Location')).toBe('/login')
})

test('旧参数的密码散列在登录时换成现在的参数 / a hash made with older argon2 parameters is replaced at sign-in', async () => {
  const argon2 = await import('argon2')
  const user = db.select().from(users).where(eq(users.username, 'dezhou')).get()!
  const weak = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id, memoryCost: 8 * 1024, timeCost: 1, parallelism: 1 })
  db.update(users).set({ passwordHash: weak }).where(eq(users.id, user.id)).run()
  const result = await settle(() =>
    action({ request: post('/login', { username: 'dezhou', password: DEMO_PASSWORD }), context: context({ clientIp: '10.9.9.9' }), params: {} }),
  )
  expect('thrown' in result && result.thrown.status).toBe(302)
  const after = db.select().from(users).where(eq(users.id, user.id)).get()!
  expect(after.passwordHash).not.toBe(weak)
  expect(after.passwordHash).toMatch(/m=19456/)
  expect(after.passwordHash).toMatch(/t=2/)
  expect(await argon2.verify(after.passwordHash, DEMO_PASSWORD)).toBe(true)
})
