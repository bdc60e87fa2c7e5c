import crypto from 'node:crypto'
import { and, count, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { auditLog, sessions, users } from '../../db/schema'
import { action, loader } from '~/routes/login'
import { MAX_FAILURES_PER_ACCOUNT } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { sessionCookie } from '~/utils/session.server'
import { DEMO_PASSWORD } from '../../db/seed'
import { context, cookieFor, get, post, settle, toCookieHeader, unwrapData } from '../request'

type Reply = { error?: Record<string, string[] | null> }

function auditCount(action: string) {
  return db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)).get()!.n
}

test('每个演示账号登录后进入本方首页 / each staff account signs in and lands on its own home', async () => {
  const homes = { admin: '/admin', weifang: '/east', dezhou: '/east', zaozhuang: '/east', kaizhou: '/west', xiushan: '/west', fengdu: '/west' }
  for (const [username, home] of Object.entries(homes)) {
    const result = await settle(() => action({ request: post('/login', { username, password: DEMO_PASSWORD }), context: context({ clientIp: `10.0.0.${home.length}` }), params: {} }))
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
  const result = await settle(() => action({ request: post('/login', { username: '+86 １３９ ９６００ ０００１', password: DEMO_PASSWORD }), context: context(), params: {} }))
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
  const token = await sessionCookie.parse(toCookieHeader(setCookie))
  expect(token).toMatch(/^[\w-]{43}$/)
  const user = db.select().from(users).where(eq(users.username, 'fengdu')).get()!
  const mine = db.select().from(sessions).where(eq(sessions.userId, user.id)).all()
  expect(mine.map((r) => r.id)).toContain(crypto.createHash('sha256').update(token).digest('base64url'))
  expect(mine.map((r) => r.id)).not.toContain(token)
})

test('未知用户与密码错误得到同样的提示，并记入审计 / unknown user and wrong password get the same message and are audited', async () => {
  const failuresBefore = auditCount('auth.login_failed')
  const wrong = unwrapData<Reply>(await action({ request: post('/login', { username: 'dezhou', password: 'not-the-password' }), context: context({ clientIp: '10.1.1.1' }), params: {} }))
  const unknown = unwrapData<Reply>(await action({ request: post('/login', { username: 'nobody-here', password: 'not-the-password' }), context: context({ clientIp: '10.1.1.2' }), params: {} }))
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
    const r = unwrapData(await action({ request: post('/login', { username: 'zaozhuang', password: `guess-${i}` }), context: context({ clientIp: `10.2.0.${i}` }), params: {} }))
    expect(r.status).toBe(400)
  }
  const throttled = unwrapData<Reply>(await action({ request: post('/login', { username: 'zaozhuang', password: DEMO_PASSWORD }), context: context({ clientIp: '10.2.0.99' }), params: {} }))
  expect(throttled.status).toBe(429)
  expect(throttled.data.error?.['']?.[0]).toContain('15 分钟')
  // Another account from another address is not affected.
  const other = await settle(() => action({ request: post('/login', { username: 'xiushan', password: DEMO_PASSWORD }), context: context({ clientIp: '10.2.1.1' }), params: {} }))
  expect('thrown' in other && other.thrown.status).toBe(302)
})

test('同一地址尝试过多账号后被限制 / one address is throttled after too many failures across accounts', async () => {
  const ip = '10.3.3.3'
  for (let i = 0; i < 30; i++) {
    await action({ request: post('/login', { username: `spray-${i}`, password: 'x' }), context: context({ clientIp: ip }), params: {} })
  }
  const r = unwrapData(await action({ request: post('/login', { username: 'kaizhou', password: DEMO_PASSWORD }), context: context({ clientIp: ip }), params: {} }))
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
  const r = unwrapData(await action({ request: post('/login', { username: '13996000201', password: DEMO_PASSWORD }), context: context({ clientIp: '10.4.0.1' }), params: {} }))
  expect(r.status).toBe(400)
  const reasons = db.select({ reason: auditLog.reason }).from(auditLog).where(and(eq(auditLog.action, 'auth.login_failed'), eq(auditLog.reason, 'disabled'))).all()
  expect(reasons.length).toBeGreaterThan(0)
})

test('登录后回到原来要去的本方页面，不会跳到别方或站外 / after sign-in the user returns to the page they wanted, never another side or site', async () => {
  const back = await settle(() => action({ request: post('/login', { username: 'kaizhou', password: DEMO_PASSWORD, redirectTo: '/west?tab=1' }), context: context({ clientIp: '10.5.0.1' }), params: {} }))
  expect((back as { thrown: Response }).thrown.headers.get('Location')).toBe('/west?tab=1')
  const foreign = await settle(() => action({ request: post('/login', { username: 'kaizhou', password: DEMO_PASSWORD, redirectTo: 'https://evil.example/' }), context: context({ clientIp: '10.5.0.2' }), params: {} }))
  expect((foreign as { thrown: Response }).thrown.headers.get('Location')).toBe('/west')
  const otherSide = await settle(() => action({ request: post('/login', { username: 'kaizhou', password: DEMO_PASSWORD, redirectTo: '/east' }), context: context({ clientIp: '10.5.0.3' }), params: {} }))
  expect((otherSide as { thrown: Response }).thrown.headers.get('Location')).toBe('/west')
})

test('已登录用户打开登录页直接回到首页 / a signed-in user opening /login goes to their home', async () => {
  const cookie = await cookieFor('weifang')
  const result = await settle(() => loader({ request: get('/login', cookie), context: context(), params: {} }))
  expect('thrown' in result && result.thrown.headers.get('Location')).toBe('/east')
})
