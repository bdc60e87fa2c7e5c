import { count, eq } from 'drizzle-orm'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { sessions, users } from '../../db/schema'
import { DEMO_PASSWORD } from '../../db/seed'
import { CURRENT_PASSWORD_THROTTLED } from '~/models/account.server'
import { action as loginAction } from '~/routes/login'
import { action, loader } from '~/routes/me.profile'
import { getUser, requireVerifiedWorker } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { takeNotice } from '~/utils/notice.server'
import { verifyPassword } from '~/utils/password.server'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { context, cookieFor, get, post, settle, toCookieHeader, unwrapData } from '../request'

type Reply = { intent: string; result: { error?: Record<string, string[] | null> } }

const args = (request: Request) => ({ request, context: context(), params: {} })
const page = async (cookie: string, path = '/me/profile') => await loader(args(get(path, cookie)))
const submit = (fields: Record<string, string>, cookie?: string) => settle(() => action(args(post('/me/profile', fields, cookie))))

function userByPhone(phone: string) {
  return db.select().from(users).where(eq(users.username, phone)).get()
}

/** Submits `fields` and returns the status and data of the answer, which must be data (not a thrown redirect). */
async function reply(fields: Record<string, string>, cookie: string) {
  const result = await submit(fields, cookie)
  expect('value' in result, JSON.stringify(fields)).toBe(true)
  return unwrapData<Reply>((result as { value: unknown }).value)
}

async function expectError(fields: Record<string, string>, cookie: string, field: string, message: string) {
  const result = await submit(fields, cookie)
  expect('value' in result, `${field}: ${message}`).toBe(true)
  const reply = unwrapData<Reply>((result as { value: unknown }).value)
  expect(reply.status).toBe(400)
  expect(reply.data.result.error?.[field], JSON.stringify(reply.data.result.error)).toEqual([message])
  expect(JSON.stringify(reply.data)).not.toContain(DEMO_PASSWORD)
}

test('本人信息打码显示，待核验状态写明原因和办法 / the own details are masked and the waiting status explains what happens', async () => {
  const me = userByPhone('13996000202')!
  const data = await page(await cookieFor('13996000202'))
  expect(data).toMatchObject({
    name: me.displayName,
    phoneMasked: '139****0202',
    countyName: '丰都县',
    centreName: '丰都县就业和人才中心',
    status: 'waiting',
    mustChangePassword: false,
  })
  expect(data.idNumberMasked).toBe(`${me.idNumber!.slice(0, 3)}***********${me.idNumber!.slice(-4)}`)
  const body = JSON.stringify(data)
  expect(body).not.toContain(me.idNumber!)
  expect(body).not.toContain('13996000202')
  const verified = await page(await cookieFor('13996000201'))
  expect(verified.status).toBe('verified')
  expect(verified.verifiedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
})

test('只有务工人员本人能打开，工作人员 403，匿名去登录 / only the worker can open it: staff get 403, anonymous goes to /login', async () => {
  for (const username of ['kaizhou', 'weifang', 'admin']) {
    const cookie = await cookieFor(username)
    const viewed = await settle(() => loader(args(get('/me/profile', cookie))))
    expect('thrown' in viewed && viewed.thrown.status, username).toBe(403)
    const changed = await submit({ intent: 'phone', phone: '17700880001', currentPassword: DEMO_PASSWORD }, cookie)
    expect('thrown' in changed && changed.thrown.status, username).toBe(403)
  }
  const anonymous = await settle(() => loader(args(get('/me/profile'))))
  expect('thrown' in anonymous && anonymous.thrown.headers.get('Location')).toBe('/login?redirectTo=%2Fme%2Fprofile')
  expect(userByPhone('17700880001')).toBeUndefined()
})

test('改手机号：需当前密码、号码有效、不与他人重复 / changing the phone needs the current password, a valid number not used by anyone else', async () => {
  const cookie = await cookieFor('13996000101')
  await expectError({ intent: 'phone', phone: '17700880002', currentPassword: 'wrong-password1' }, cookie, 'currentPassword', '当前密码不正确')
  await expectError({ intent: 'phone', phone: '17700880002' }, cookie, 'currentPassword', '请输入当前密码')
  await expectError({ intent: 'phone', phone: '12345', currentPassword: DEMO_PASSWORD }, cookie, 'phone', '手机号码应为 11 位，以 13–19 开头')
  await expectError({ intent: 'phone', phone: '139 9600 0001', currentPassword: DEMO_PASSWORD }, cookie, 'phone', '该手机号已被其他账号使用')
  await expectError({ intent: 'phone', phone: '13996000101', currentPassword: DEMO_PASSWORD }, cookie, 'phone', '新手机号与现在的手机号相同')
  expect(userByPhone('13996000101')).toBeTruthy()

  const me = userByPhone('13996000101')!
  // An id in the form does not redirect the change to someone else.
  const other = userByPhone('13996000001')!
  const done = await submit(
    { intent: 'phone', phone: '+86 177 0088 0003', currentPassword: DEMO_PASSWORD, id: String(other.id), userId: String(other.id) },
    cookie,
  )
  expect('thrown' in done && (await noticeOf(done.thrown))).toEqual({ location: '/me/profile', text: '手机号已修改，以后请用新手机号登录。' })
  expect(db.select().from(users).where(eq(users.id, me.id)).get()!.username).toBe('17700880003')
  expect(db.select().from(users).where(eq(users.id, other.id)).get()!.username).toBe('13996000001')
  const audit = auditOf('account.profile_update', me.id)
  expect(audit.map((a) => a.detail)).toEqual([{ fields: ['phone'] }])
  expect(JSON.stringify(audit)).not.toContain('17700880003')
  // The notice is one-time (a cookie the root reads once): a bookmarked old URL flag says nothing.
  expect(await page(cookie, '/me/profile?saved=phone')).toEqual(await page(cookie))

  const oldName = await settle(() =>
    loginAction({ request: post('/login', { username: '13996000101', password: DEMO_PASSWORD }), context: context({ clientIp: '10.8.0.1' }), params: {} }),
  )
  expect('value' in oldName).toBe(true)
  const newName = await settle(() =>
    loginAction({ request: post('/login', { username: '17700880003', password: DEMO_PASSWORD }), context: context({ clientIp: '10.8.0.2' }), params: {} }),
  )
  expect('thrown' in newName && newName.thrown.headers.get('Location')).toBe('/me')
})

test('改密码：规则、确认一致、不能含手机号或身份证号 / changing the password follows the rule, must match and may not contain the phone or ID', async () => {
  const cookie = await cookieFor('13996000201')
  const me = userByPhone('13996000201')!
  const base = { intent: 'password', currentPassword: DEMO_PASSWORD }
  await expectError(
    { ...base, currentPassword: 'nope-nope1', password: 'shan9dong', confirmPassword: 'shan9dong' },
    cookie,
    'currentPassword',
    '当前密码不正确',
  )
  await expectError({ ...base, password: 'short1', confirmPassword: 'short1' }, cookie, 'password', '密码至少 8 位')
  await expectError({ ...base, password: 'onlyletters', confirmPassword: 'onlyletters' }, cookie, 'password', '密码须同时包含字母和数字')
  await expectError({ ...base, password: 'abcd1234', confirmPassword: 'abcd1234' }, cookie, 'password', '这个密码太常见，容易被猜到，请换一个')
  await expectError({ ...base, password: 'shan9dong', confirmPassword: 'shan9donG' }, cookie, 'confirmPassword', '两次输入的密码不一致')
  await expectError({ ...base, password: 'a13996000201', confirmPassword: 'a13996000201' }, cookie, 'password', '密码不能包含手机号或身份证号码')
  await expectError({ ...base, password: `x${me.idNumber}`, confirmPassword: `x${me.idNumber}` }, cookie, 'password', '密码不能包含手机号或身份证号码')
  expect(await verifyPassword(userByPhone('13996000201')!.passwordHash, DEMO_PASSWORD)).toBe(true)
})

test('改密码后其他会话全部结束，本次换新会话，清除“须改密码” / a password change ends every other session, opens a fresh one and clears must-change', async () => {
  const me = userByPhone('13996000002')!
  db.update(users).set({ mustChangePassword: true }).where(eq(users.id, me.id)).run()
  const phoneSession = await cookieFor('13996000002')
  const otherDevice = await cookieFor('13996000002')
  expect((await page(phoneSession)).mustChangePassword).toBe(true)

  const result = await submit({ intent: 'password', currentPassword: DEMO_PASSWORD, password: 'Kaizhou2027go', confirmPassword: 'Kaizhou2027go' }, phoneSession)
  expect('thrown' in result).toBe(true)
  const response = (result as { thrown: Response }).thrown
  expect(response.headers.get('Location')).toBe('/me/profile')
  // The redirect sets the fresh session and the one-time notice.
  const cookies = response.headers.getSetCookie()
  const notice = cookies.find((c) => c.startsWith('__notice='))
  expect((await takeNotice(get('/me/profile', toCookieHeader(notice!)))).notice?.text).toBe('密码已修改，其他手机或电脑上的登录已全部退出。')
  const fresh = toCookieHeader(cookies.find((c) => !c.startsWith('__notice='))!)

  expect(await getUser(get('/me', phoneSession))).toBeNull()
  expect(await getUser(get('/me', otherDevice))).toBeNull()
  expect((await getUser(get('/me', fresh)))?.id).toBe(me.id)
  expect(db.select({ n: count() }).from(sessions).where(eq(sessions.userId, me.id)).get()!.n).toBe(1)

  const after = userByPhone('13996000002')!
  expect(after.mustChangePassword).toBe(false)
  expect(await verifyPassword(after.passwordHash, 'Kaizhou2027go')).toBe(true)
  // A password change is its own action (修改密码), not a contact change.
  expect(auditOf('account.profile_update', me.id)).toEqual([])
  const audit = auditOf('account.password_change', me.id)
  expect(audit).toHaveLength(1)
  expect(JSON.stringify(audit)).not.toContain('Kaizhou2027go')
  expect((await page(fresh)).mustChangePassword).toBe(false)
})

test('未知操作得到 400 / an unknown intent is a 400', async () => {
  const cookie = await cookieFor('13996000001')
  for (const intent of ['', 'delete', 'name']) {
    const result = await submit({ intent, name: '别人' }, cookie)
    expect('thrown' in result && result.thrown.status, intent).toBe(400)
  }
})

test('未核验的务工人员办理需核验的业务得到 403 和中文说明 / an unverified worker gets 403 with a Chinese explanation for verified-only business', async () => {
  const unverified = await cookieFor('13996000102')
  const blocked = await settle(() => requireVerifiedWorker(get('/me/claims/new', unverified)))
  expect('thrown' in blocked && blocked.thrown.status).toBe(403)
  expect(await (blocked as { thrown: Response }).thrown.text()).toMatch(/还没有通过.*核验/)
  const staffCookie = await cookieFor('xiushan')
  const staff = await settle(() => requireVerifiedWorker(get('/me/claims/new', staffCookie)))
  expect('thrown' in staff && staff.thrown.status).toBe(403)
  const ok = await requireVerifiedWorker(get('/me/claims/new', await cookieFor('13996000001')))
  expect(ok.verified).toBe(true)
})

test('资料表单乱填总是 400 或跳转，从不抛错，账号不变 / a fuzzed profile form gives 400 or a redirect, never a throw, and the account stays as it was', async () => {
  const cookie = await cookieFor('13996000001')
  const before = userByPhone('13996000001')!
  const nasty = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('\u0000', '__proto__', '../', 'phone', 'password', '17700880099', '\u202e', ''),
    fc.integer({ min: 500, max: 20_000 }).map((n) => 'a1'.repeat(n)),
  )
  const keys = fc.constantFrom('intent', 'phone', 'currentPassword', 'password', 'confirmPassword', '__proto__', 'constructor', 'id')
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(keys, nasty), { maxLength: 8 }), async (pairs) => {
      const request = new Request('http://localhost:3000/me/profile', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
        body: new URLSearchParams(pairs),
      })
      const result = await settle(() => action(args(request)))
      const status = 'thrown' in result ? result.thrown.status : unwrapData(result.value).status
      expect([400]).toContain(status)
    }),
    { numRuns: 50 },
  )
  const after = userByPhone('13996000001')!
  expect(after.passwordHash).toBe(before.passwordHash)
  expect(after.username).toBe(before.username)
}, 60_000)

// ---------------------------------------------------------------------------------------------------
// "Current password" is throttled per account and every failure is audited (issue 7 §5)

test('连续 40 次输错当前密码：5 次后 429，提示在字段旁，每次失败都记入审计 / 40 wrong current passwords: 429 after 5 with the message beside the field, every failure audited', async () => {
  const cookie = await cookieFor('13996000102')
  const me = userByPhone('13996000102')!
  const statuses: number[] = []
  for (let i = 0; i < 40; i++) {
    const fields: Record<string, string> =
      i % 2 === 0
        ? { intent: 'phone', phone: '17700880077', currentPassword: `guess-${i}x` }
        : { intent: 'password', currentPassword: `guess-${i}x`, password: 'Xiushan2027go', confirmPassword: 'Xiushan2027go' }
    const result = await submit(fields, cookie)
    expect('value' in result, `attempt ${i}`).toBe(true)
    const reply = unwrapData<Reply>((result as { value: unknown }).value)
    statuses.push(reply.status)
    const message = reply.status === 429 ? CURRENT_PASSWORD_THROTTLED : '当前密码不正确'
    expect(reply.data.result.error?.currentPassword, `attempt ${i}`).toEqual([message])
  }
  expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400])
  expect(statuses.slice(5).every((s) => s === 429)).toBe(true)
  expect(CURRENT_PASSWORD_THROTTLED).toContain('15 分钟')
  // The right password does not get through while the window lasts, and nothing changed.
  const right = await reply({ intent: 'phone', phone: '17700880077', currentPassword: DEMO_PASSWORD }, cookie)
  expect(right.status).toBe(429)
  const after = userByPhone('13996000102')!
  expect(after.passwordHash).toBe(me.passwordHash)
  expect(userByPhone('17700880077')).toBeUndefined()
  const failed = auditOf('auth.current_password_failed', me.id)
  const throttled = auditOf('auth.current_password_throttled', me.id)
  expect(failed).toHaveLength(5)
  expect(throttled).toHaveLength(36)
  for (const row of [...failed, ...throttled]) {
    expect(row.actorUserId).toBe(me.id)
    expect(row.organisationId).toBe(me.organisationId)
    expect(JSON.stringify(row)).not.toMatch(/guess-|17700880077/)
  }
})

test('并发 40 次输错当前密码也最多核对 5 次 / 40 parallel wrong current passwords get at most 5 checked', async () => {
  const cookie = await cookieFor('13996000202')
  const me = userByPhone('13996000202')!
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, i) => submit({ intent: 'phone', phone: '17700880078', currentPassword: `para-${i}x` }, cookie)),
  )
  const statuses = results.map((r) => unwrapData<Reply>((r as { value: unknown }).value).status)
  const checked = statuses.filter((s) => s !== 429).length
  expect(checked).toBeLessThanOrEqual(5)
  expect(auditOf('auth.current_password_failed', me.id)).toHaveLength(checked)
  expect(auditOf('auth.current_password_throttled', me.id)).toHaveLength(40 - checked)
})

test('几次输错后输对当前密码仍能修改，并清零计数 / the right current password after a few typos still works and clears the count', async () => {
  const cookie = await cookieFor('13996000001')
  for (let i = 0; i < 4; i++) {
    const typo = await reply({ intent: 'phone', phone: '17700880079', currentPassword: `typo-${i}x` }, cookie)
    expect(typo.status).toBe(400)
  }
  const same = await reply({ intent: 'phone', phone: '13996000001', currentPassword: DEMO_PASSWORD }, cookie)
  expect(same.data.result.error?.phone).toEqual(['新手机号与现在的手机号相同'])
  for (let i = 0; i < 4; i++) {
    const typo = await reply({ intent: 'phone', phone: '17700880079', currentPassword: `again-${i}x` }, cookie)
    expect(typo.status, `typo ${i} after the count was cleared`).toBe(400)
  }
})

test("用别人的手机号试探：每次都算一次核对并记审计，5 次后 429 / probing with other people's numbers: each answer costs an attempt and is audited, 429 after 5", async () => {
  const phones = db
    .select({ phone: users.username })
    .from(users)
    .where(eq(users.role, 'worker'))
    .all()
    .map((u) => u.phone)
  // An account no other test of this file touches.
  const mine = phones.find((p) => !p.startsWith('1399600'))!
  const cookie = await cookieFor(mine)
  const me = userByPhone(mine)!
  const taken = phones.filter((p) => p !== mine).slice(0, 8)
  const statuses: number[] = []
  for (const phone of taken) {
    statuses.push((await reply({ intent: 'phone', phone, currentPassword: DEMO_PASSWORD }, cookie)).status)
  }
  expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400])
  expect(statuses.slice(5)).toEqual([429, 429, 429])
  const refused = auditOf('account.phone_change_refused', me.id)
  expect(refused).toHaveLength(5)
  for (const row of refused) for (const phone of taken) expect(JSON.stringify(row)).not.toContain(phone)
  expect(userByPhone(mine)?.id).toBe(me.id)
})
