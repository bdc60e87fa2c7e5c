import { and, count, desc, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { auditLog, registrationReferrals, users } from '../../db/schema'
import { REGISTRATION_REFERRED } from '~/models/registration.server'
import { action as registerAction } from '~/routes/register'
import { loader as homeLoader } from '~/routes/west._index'
import { action as queueAction, loader as queueLoader } from '~/routes/west.verifications._index'
import { db } from '~/utils/db.server'
import { noticeOf } from '../notice'
import { context, cookieFor, dataOf, get, post, settle, unwrapData } from '../request'

// Issue 7 §6 made true: a registration whose ID number already has an account is answered "已受理 … 会按您
// 留的手机号与您联系", and the holder's county centre finds the name and phone on /west/verifications.

let serial = 0
/** A phone nobody has used, as a person would type it. */
function freshPhone() {
  for (;;) {
    const phone = `1770066${String(1000 + serial++).slice(-4)}`
    if (!db.select({ id: users.id }).from(users).where(eq(users.username, phone)).get()) return phone
  }
}

/** Registers with the ID number of an existing account (anonymous, through the real action). */
async function registerWithTakenId(holderUsername: string, phone: string, { name = '向春梅', countyCode = '500241', ip = '10.20.0.1' } = {}) {
  const holder = db.select().from(users).where(eq(users.username, holderUsername)).get()!
  const fields = { name, idNumber: holder.idNumber!, phone, countyCode, password: 'shan9dong', confirmPassword: 'shan9dong' }
  const result = await settle(() => registerAction({ request: post('/register', fields), context: context({ clientIp: ip }), params: {} }))
  expect('value' in result).toBe(true)
  expect(unwrapData((result as { value: unknown }).value)).toEqual({ status: 200, data: { referred: REGISTRATION_REFERRED } })
  const referral = db
    .select()
    .from(registrationReferrals)
    .where(and(eq(registrationReferrals.userId, holder.id), eq(registrationReferrals.phone, phone)))
    .orderBy(desc(registrationReferrals.id))
    .get()!
  return { holder, referral }
}

const queue = async (cookie: string) => await queueLoader({ request: get('/west/verifications', cookie), context: context(), params: {} })
const act = (fields: Record<string, string>, cookie: string) =>
  settle(() => queueAction({ request: post('/west/verifications?index', fields, cookie), context: context({ clientIp: '10.20.9.9' }), params: {} }))

function auditOf(action: string, referralId: number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entity, 'registration_referral'), eq(auditLog.entityId, String(referralId))))
    .all()
}

const statusOf = (r: Awaited<ReturnType<typeof act>>) => ('thrown' in r ? r.thrown.status : unwrapData(r.value).status)

test("区县在核验页看到本县的注册受理，手机号打码，别县看不到 / the holder's county sees the referral with the phone masked; other counties do not", async () => {
  const phone = freshPhone()
  const { holder, referral } = await registerWithTakenId('13996000002', phone, { name: '向春梅', countyCode: '500241' })
  const kaizhou = await queue(await cookieFor('kaizhou'))
  const row = kaizhou.referrals.rows.find((r) => r.id === referral.id)!
  expect(row).toMatchObject({ name: '向春梅', phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}` })
  expect(row.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
  expect(row.account).toMatchObject({ id: holder.id, name: holder.displayName, phoneMasked: `${holder.username.slice(0, 3)}****${holder.username.slice(-4)}` })
  expect(kaizhou.referrals.total).toBeGreaterThanOrEqual(1)
  const page = JSON.stringify(kaizhou)
  for (const secret of [phone, holder.username, holder.idNumber!]) expect(page).not.toContain(secret)
  // Xiushan was the county chosen on the form, but the ID number is Kaizhou's.
  for (const username of ['xiushan', 'fengdu']) {
    const other = await queue(await cookieFor(username))
    expect(other.referrals.rows.some((r) => r.id === referral.id)).toBe(false)
    expect(JSON.stringify(other)).not.toContain(phone)
  }
  const home = dataOf(await homeLoader({ request: get('/west', await cookieFor('kaizhou')), context: context(), params: {} }))
  expect(home.openReferrals).toBe(kaizhou.referrals.total)
})

test('显示完整号码：返回完整手机号、不缓存、记审计（不记号码）/ revealing returns the full phone, no-store, and is audited without the number', async () => {
  const phone = freshPhone()
  const { referral } = await registerWithTakenId('13996000001', phone, { ip: '10.20.1.1' })
  const cookie = await cookieFor('kaizhou')
  const me = db.select().from(users).where(eq(users.username, 'kaizhou')).get()!
  const result = await act({ intent: 'reveal-referral-phone', referralId: String(referral.id) }, cookie)
  expect('value' in result).toBe(true)
  const reply = unwrapData<{ phone: string; referralId: number }>((result as { value: unknown }).value)
  expect(reply.status).toBe(200)
  expect(reply.data).toMatchObject({ referralId: referral.id, phone })
  const init = (result as { value: { init?: { headers?: HeadersInit } } }).value.init
  expect(new Headers(init?.headers).get('Cache-Control')).toContain('no-store')
  const reveals = auditOf('referral.reveal', referral.id)
  expect(reveals).toHaveLength(1)
  expect(reveals[0]).toMatchObject({ actorUserId: me.id, organisationId: me.organisationId, ip: '10.20.9.9', detail: { field: 'phone' } })
  expect(JSON.stringify(reveals)).not.toContain(phone)
})

test("别县的受理记录：显示号码、标记已处理、未知操作都是 404，什么都不变 / another county's referral answers 404 to reveal, handle and any intent, and nothing changes", async () => {
  const phone = freshPhone()
  const { referral } = await registerWithTakenId('13996000001', phone, { ip: '10.20.2.1' })
  const auditBefore = db.select({ n: count() }).from(auditLog).get()!.n
  for (const username of ['xiushan', 'fengdu']) {
    const cookie = await cookieFor(username)
    for (const intent of ['reveal-referral-phone', 'handle-referral', 'delete-everything', '']) {
      const result = await act({ intent, referralId: String(referral.id), note: '已处理' }, cookie)
      expect(statusOf(result), `${username} ${intent}`).toBe(404)
      expect(JSON.stringify(result)).not.toContain(phone)
    }
  }
  // A missing id and a malformed one answer the same.
  const cookie = await cookieFor('kaizhou')
  for (const referralId of ['999999', '0', 'abc', '']) expect(statusOf(await act({ intent: 'handle-referral', referralId }, cookie))).toBe(404)
  expect(db.select({ n: count() }).from(auditLog).get()!.n).toBe(auditBefore)
  expect(db.select().from(registrationReferrals).where(eq(registrationReferrals.id, referral.id)).get()!.handledAt).toBeNull()
})

test('未知操作 400；东部和务工人员不能操作 / an unknown intent is 400; east staff and workers are refused', async () => {
  const { referral } = await registerWithTakenId('13996000001', freshPhone(), { ip: '10.20.3.1' })
  const cookie = await cookieFor('kaizhou')
  for (const intent of ['delete', 'constructor', '__proto__', 'reveal-phone', '']) {
    expect(statusOf(await act({ intent, referralId: String(referral.id) }, cookie)), intent).toBe(400)
  }
  for (const username of ['weifang', '13996000001']) {
    expect(statusOf(await act({ intent: 'handle-referral', referralId: String(referral.id) }, await cookieFor(username)))).toBe(403)
  }
  expect(db.select().from(registrationReferrals).where(eq(registrationReferrals.id, referral.id)).get()!.handledAt).toBeNull()
})

test('标记已处理：跳转、记录谁何时处理和说明、审计、离开待联系列表；重复提交不再记 / handling redirects, records who, when and the note, is audited, leaves the open list; a repeat writes nothing', async () => {
  const phone = freshPhone()
  const { referral } = await registerWithTakenId('13996000002', phone, { ip: '10.20.4.1' })
  const cookie = await cookieFor('kaizhou')
  const me = db.select().from(users).where(eq(users.username, 'kaizhou')).get()!
  const before = await queue(cookie)
  expect(before.referrals.rows.some((r) => r.id === referral.id)).toBe(true)

  // A note that is too long or carries control characters: 400 beside the field, still open.
  for (const note of ['长'.repeat(201), 'a\u0000b', '第一行\n第二行']) {
    const bad = await act({ intent: 'handle-referral', referralId: String(referral.id), note }, cookie)
    const reply = unwrapData<{ referralId: number; result: { error?: Record<string, string[]> } }>((bad as { value: unknown }).value)
    expect(reply.status).toBe(400)
    expect(reply.data.referralId).toBe(referral.id)
    expect(reply.data.result.error?.note?.[0]).toMatch(/处理说明/)
  }
  expect(db.select().from(registrationReferrals).where(eq(registrationReferrals.id, referral.id)).get()!.handledAt).toBeNull()

  const done = await act({ intent: 'handle-referral', referralId: String(referral.id), note: ' 已回电，本人忘了登录手机号，已指导找回 ' }, cookie)
  expect('thrown' in done && done.thrown.status).toBe(302)
  expect('thrown' in done && (await noticeOf(done.thrown))).toEqual({ location: '/west/verifications', text: '已标记为已处理。' })
  const row = db.select().from(registrationReferrals).where(eq(registrationReferrals.id, referral.id)).get()!
  expect(row.handledAt).toBeInstanceOf(Date)
  expect(row.handledByUserId).toBe(me.id)
  expect(row.handlingNote).toBe('已回电，本人忘了登录手机号，已指导找回')
  const handled = auditOf('referral.handle', referral.id)
  expect(handled).toHaveLength(1)
  expect(handled[0]).toMatchObject({ actorUserId: me.id, organisationId: me.organisationId, detail: { withNote: true } })
  expect(JSON.stringify(handled)).not.toContain('忘了登录手机号')

  const after = await queue(cookie)
  expect(after.referrals.rows.some((r) => r.id === referral.id)).toBe(false)
  expect(after.referrals.total).toBe(before.referrals.total - 1)
  expect(after.handledReferrals.find((h) => h.id === referral.id)).toMatchObject({
    handlingNote: '已回电，本人忘了登录手机号，已指导找回',
    handledByName: me.displayName,
  })
  expect(JSON.stringify(after)).not.toContain(phone)

  // A second click gives the first click's result and writes nothing more.
  const again = await act({ intent: 'handle-referral', referralId: String(referral.id) }, cookie)
  expect('thrown' in again && again.thrown.status).toBe(302)
  expect(auditOf('referral.handle', referral.id)).toHaveLength(1)
  expect(db.select().from(registrationReferrals).where(eq(registrationReferrals.id, referral.id)).get()!.handlingNote).toBe(
    '已回电，本人忘了登录手机号，已指导找回',
  )

  // The same person trying again later is a new call to return.
  const { referral: next } = await registerWithTakenId('13996000002', phone, { ip: '10.20.4.2' })
  expect(next.id).not.toBe(referral.id)
  expect(next.handledAt).toBeNull()
  expect((await queue(cookie)).referrals.rows.map((r) => r.id)).toContain(next.id)
})

test('不填处理说明也可以标记已处理 / handling without a note works', async () => {
  const { referral } = await registerWithTakenId('13996000201', freshPhone(), { ip: '10.20.5.1' })
  const done = await act({ intent: 'handle-referral', referralId: String(referral.id), note: '   ' }, await cookieFor('fengdu'))
  expect('thrown' in done && done.thrown.status).toBe(302)
  const row = db.select().from(registrationReferrals).where(eq(registrationReferrals.id, referral.id)).get()!
  expect(row.handledAt).not.toBeNull()
  expect(row.handlingNote).toBeNull()
  expect(auditOf('referral.handle', referral.id)[0].detail).toEqual({ withNote: false })
})

test('演示数据每县有一条待联系的注册受理 / the demo data gives each county one open referral', async () => {
  for (const [username, code] of [
    ['kaizhou', '0154'],
    ['xiushan', '0241'],
    ['fengdu', '0230'],
  ] as const) {
    const rows = (await queue(await cookieFor(username))).referrals.rows
    expect(
      rows.filter((r) => r.phoneMasked === `177****${code}`),
      username,
    ).toHaveLength(1)
  }
})
