import type { LoaderFunctionArgs } from '@remix-run/node'
import { count, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { sessions } from '../../db/schema'
import { IDENTITY_THROTTLED } from '~/models/account-admin.server'
import { ID_TAIL_MISMATCH, PHONE_TAIL_MISMATCH } from '~/rules/account-admin'
import { action as accountAction, loader as accountLoader } from '~/routes/west.accounts.$userId._index'
import { action as phoneAction, loader as phoneLoader } from '~/routes/west.accounts.$userId.phone'
import { action as resetAction, loader as resetLoader } from '~/routes/west.accounts.$userId.reset'
import { getUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { verifyPassword } from '~/utils/password.server'
import { createPendingAccount } from '../factories'
import { auditOf, userOf } from '../lookups'
import { actionAs, callAction, callLoader, cookieFor, get, unwrapData } from '../request'
import { accountRow, createAccountInUse, OWN_PASSWORD, signIn } from './fixtures/account-admin'

// Issue 9 §1: a worker who forgot the password was locked out for good — no reset existed. County staff now
// reset it at the centre after checking the ID card's and the phone's last four, with a one-time password
// shown once; the worker must replace it at the next sign-in (tests/routes/account-admin.test.ts).

type Reply = { done: { name: string; phoneMasked: string; oneTimePassword: string | null } | null; result: { error?: Record<string, string[] | null> } | null }

const tails = (idNumber: string, phone: string) => ({ intent: 'reset-password', idTail: idNumber.slice(-4), phoneTail: phone.slice(-4) })

async function reset(staff: string, userId: number, fields: Record<string, string>) {
  return actionAs(staff, resetAction, { path: `/west/accounts/${userId}/reset`, fields, params: { userId: String(userId) } })
}

function replyOf(result: { thrown: Response } | { value: unknown }) {
  if (!('value' in result)) throw new Error(`expected a reply, got a thrown ${result.thrown.status}`)
  return unwrapData<Reply>(result.value)
}

test('重设密码：核对身份证和手机号后 4 位后生成一次性密码，只显示一次、只存哈希、不可缓存 / a reset after the ID and phone tails gives a one-time password shown once, stored hashed, never cached', async () => {
  const { user } = await createAccountInUse('kaizhou')
  const phoneSession = await cookieFor(user.username)
  const laptopSession = await cookieFor(user.username)

  const result = await reset('kaizhou', user.id, tails(user.idNumber!, user.username))
  expect('value' in result).toBe(true)
  const raw = (result as { value: { init?: { headers?: Record<string, string> } } }).value
  expect(raw.init?.headers?.['Cache-Control']).toBe('no-store')
  const { status, data } = replyOf(result)
  expect(status).toBe(200)
  const otp = data.done!.oneTimePassword!
  // Eight characters of an alphabet without look-alikes (no 0/o, 1/l/i).
  expect(otp).toMatch(/^[a-hjkmnp-z]{4}[2-9]{4}$/)

  const after = accountRow(user.id)
  expect(after.mustChangePassword).toBe(true)
  expect(after.passwordHash).not.toContain(otp)
  expect(await verifyPassword(after.passwordHash, otp)).toBe(true)
  expect(await verifyPassword(after.passwordHash, OWN_PASSWORD)).toBe(false)
  // Every session of the worker ended at once.
  expect(await getUser(get('/me', phoneSession))).toBeNull()
  expect(await getUser(get('/me', laptopSession))).toBeNull()
  expect(db.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id)).get()!.n).toBe(0)

  const audit = auditOf('account.password_reset', user.id)
  expect(audit).toHaveLength(1)
  expect(audit[0]).toMatchObject({ actorUserId: userOf('kaizhou').id })
  const trail = JSON.stringify(auditOf('account.password_reset', user.id))
  expect(trail).not.toContain(otp)
  expect(trail).not.toContain(user.username.slice(-4))

  // The old password no longer signs in; the one-time one does.
  expect(await signIn(user.username, OWN_PASSWORD)).toBeNull()
  expect(await signIn(user.username, otp)).not.toBeNull()

  // Shown once: the page itself (GET, a refresh) never carries it.
  const page = await callLoader(resetLoader, {
    path: `/west/accounts/${user.id}/reset`,
    cookie: await cookieFor('kaizhou'),
    params: { userId: String(user.id) },
  })
  expect('value' in page).toBe(true)
  expect(JSON.stringify(page)).not.toContain(otp)
})

test('身份证或手机号后 4 位不对：字段旁说明，什么都不改，记入日志 / a wrong tail is said beside its field, changes nothing and is audited', async () => {
  const { user } = await createAccountInUse('kaizhou')
  const before = accountRow(user.id)
  const good = tails(user.idNumber!, user.username)
  const wrongId = `${(Number(good.idTail[0]) + 1) % 10}${good.idTail.slice(1)}`
  const wrongPhone = String((Number(good.phoneTail) + 1) % 10000).padStart(4, '0')

  const byId = replyOf(await reset('kaizhou', user.id, { ...good, idTail: wrongId }))
  expect(byId.status).toBe(400)
  expect(byId.data.result?.error?.idTail).toEqual([ID_TAIL_MISMATCH])
  const byPhone = replyOf(await reset('kaizhou', user.id, { ...good, phoneTail: wrongPhone }))
  expect(byPhone.status).toBe(400)
  expect(byPhone.data.result?.error?.phoneTail).toEqual([PHONE_TAIL_MISMATCH])
  // Malformed tails never reach the comparison.
  for (const [field, value] of [
    ['idTail', '12'],
    ['idTail', 'abcd'],
    ['phoneTail', '12345'],
    ['phoneTail', ''],
  ]) {
    const r = replyOf(await reset('kaizhou', user.id, { ...good, [field]: value }))
    expect(r.status, `${field}=${value}`).toBe(400)
    expect(r.data.result?.error?.[field]?.[0], `${field}=${value}`).toMatch(/后 4 位|最后 4 位/)
  }
  const after = accountRow(user.id)
  expect(after.passwordHash).toBe(before.passwordHash)
  expect(after.mustChangePassword).toBe(false)
  expect(auditOf('account.password_reset', user.id)).toHaveLength(0)
  expect(auditOf('account.identity_check_failed', user.id).map((a) => a.reason)).toEqual(['id_tail', 'phone_tail'])
})

test('后 4 位按人们的写法输入也能核对：全角、小写 x、空格、零宽字符 / tails typed the way people type them still match', async () => {
  const { user } = await createPendingAccount('kaizhou', { idNumber: undefined })
  const idTail = user.idNumber!.slice(-4)
  const phoneTail = user.username.slice(-4)
  const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
  const typed = {
    intent: 'reset-password',
    idTail: ` ${fullWidth(idTail).toLowerCase()}\u200b`,
    phoneTail: `\u202a${phoneTail.slice(0, 2)} ${fullWidth(phoneTail.slice(2))}\u202c`,
  }
  const { status, data } = replyOf(await reset('kaizhou', user.id, typed))
  expect(status, JSON.stringify(data.result)).toBe(200)
  expect(data.done?.oneTimePassword).toBeTruthy()
  // The ID's check letter typed in lower case matches an X.
  expect(accountRow(user.id).mustChangePassword).toBe(true)
})

test('核对次数有限：同一账号 5 次不对后，连对的也要等，不能用来试号码 / after 5 wrong checks of one account even the right tails wait: the form cannot probe numbers', async () => {
  const { user } = await createAccountInUse('kaizhou')
  const good = tails(user.idNumber!, user.username)
  for (let i = 0; i < 5; i++) {
    const r = replyOf(await reset('kaizhou', user.id, { ...good, phoneTail: String(1000 + i) === good.phoneTail ? '9999' : String(1000 + i) }))
    expect(r.status).toBe(400)
  }
  const throttled = replyOf(await reset('kaizhou', user.id, good))
  expect(throttled.status).toBe(429)
  expect(throttled.data.result?.error?.idTail).toEqual([IDENTITY_THROTTLED])
  expect(accountRow(user.id).mustChangePassword).toBe(false)
  expect(auditOf('account.identity_check_throttled', user.id)).toHaveLength(1)
  // The phone change checks identity on the same count: it cannot be used to go on guessing.
  const phone = replyOf(
    await actionAs('kaizhou', phoneAction, {
      path: `/west/accounts/${user.id}/phone`,
      fields: { intent: 'change-phone', idTail: good.idTail, phone: '19911112222' },
      params: { userId: String(user.id) },
    }),
  )
  expect(phone.status).toBe(429)
})

test('只有本县工作人员：别县账号、工作人员账号、不存在的编号都是同样的 404；其他角色 403；匿名去登录 / only the own county: another county, a staff account or no account all 404 alike; other roles 403; anonymous signs in', async () => {
  const { user } = await createAccountInUse('kaizhou')
  const good = tails(user.idNumber!, user.username)
  const staffId = userOf('fengdu').id
  type Handler = (args: LoaderFunctionArgs) => Promise<unknown>
  const pages: { loader: Handler; action: Handler; path: (id: number | string) => string; fields: Record<string, string> }[] = [
    {
      loader: accountLoader,
      action: accountAction,
      path: (id: number | string) => `/west/accounts/${id}`,
      fields: { intent: 'disable', reasonCode: 'worker_request' },
    },
    { loader: resetLoader, action: resetAction, path: (id: number | string) => `/west/accounts/${id}/reset`, fields: good },
    {
      loader: phoneLoader,
      action: phoneAction,
      path: (id: number | string) => `/west/accounts/${id}/phone`,
      fields: { intent: 'change-phone', idTail: good.idTail, phone: '19911113333' },
    },
  ]
  for (const p of pages) {
    const bodies = new Set<string>()
    for (const [staff, id] of [
      ['xiushan', user.id],
      ['kaizhou', staffId],
      ['kaizhou', 99999999],
      ['kaizhou', '01'],
      ['fengdu', user.id],
    ] as const) {
      const params = { userId: String(id) }
      const cookie = await cookieFor(staff)
      const viewed = await callLoader(p.loader, { path: p.path(id), cookie, params })
      const acted = await callAction(p.action, { path: p.path(id), fields: p.fields, cookie, params })
      for (const r of [viewed, acted]) {
        expect('thrown' in r && r.thrown.status, `${p.path(id)} as ${staff}`).toBe(404)
        if ('thrown' in r) bodies.add(await r.thrown.text())
      }
    }
    expect(bodies.size).toBe(1)
    for (const other of ['weifang', 'admin', user.username]) {
      const r = await callLoader(p.loader, { path: p.path(user.id), cookie: await cookieFor(other), params: { userId: String(user.id) } })
      expect('thrown' in r && r.thrown.status, other).toBe(403)
    }
    const anonymous = await callAction(p.action, { path: p.path(user.id), fields: p.fields, params: { userId: String(user.id) } })
    expect('thrown' in anonymous && anonymous.thrown.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  }
  const after = accountRow(user.id)
  expect(after).toMatchObject({ mustChangePassword: false, disabledAt: null, username: user.username })
})

test('同一张重设表单再次提交（刷新、双击）不会再重设：已交给本人的临时密码仍然有效 / the same reset form sent again resets nothing and the password handed over stays valid', async () => {
  const { user } = await createAccountInUse('kaizhou')
  const formToken = 'reset-form-token-0123456789ab'
  const first = replyOf(await reset('kaizhou', user.id, { ...tails(user.idNumber!, user.username), formToken }))
  const otp = first.data.done!.oneTimePassword!
  const again = replyOf(await reset('kaizhou', user.id, { ...tails(user.idNumber!, user.username), formToken }))
  expect(again.status).toBe(200)
  expect(again.data.done!.oneTimePassword).toBeNull()
  expect(await verifyPassword(accountRow(user.id).passwordHash, otp)).toBe(true)
  expect(auditOf('account.password_reset', user.id)).toHaveLength(1)
  // A new form (a new token) resets again, as staff meant it to.
  const fresh = replyOf(await reset('kaizhou', user.id, { ...tails(user.idNumber!, user.username), formToken: 'reset-form-token-abcdefghijkl' }))
  expect(fresh.data.done!.oneTimePassword).not.toBe(otp)
  expect(auditOf('account.password_reset', user.id)).toHaveLength(2)
})
