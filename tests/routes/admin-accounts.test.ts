import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { sessions, users } from '../../db/schema'
import { disableAccountByAdmin } from '~/models/account-admin.server'
import { DISABLED_ACCOUNT, login } from '~/models/sign-in.server'
import { action as accountAction, loader as accountLoader } from '~/routes/admin.accounts.$userId._index'
import { action as resetAction, loader as resetLoader } from '~/routes/admin.accounts.$userId.reset'
import { action as staffAction } from '~/routes/admin.organisations.$orgId'
import { action as loginAction } from '~/routes/login'
import { loader as westHome } from '~/routes/west._index'
import { LAST_ADMIN } from '~/rules/account-admin'
import { getUser, getViewer } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { createWorkerAccount } from '../factories'
import { actorFor, auditOf, centreOf, userOf } from '../lookups'
import { actionAs, callLoader, context, cookieFor, get, post, settle, unwrapData } from '../request'
import { signIn } from './fixtures/account-admin'

// Issue 11 §6: the admin creates staff accounts, disables and re-enables any account (its sessions end at
// once; it cannot sign in and says so to whoever knows the password), resets a staff password to a
// one-time one that must be changed at the next sign-in; the last admin cannot be disabled. All audited.

type Reply = { error?: Record<string, string[] | null> }
const p = (id: number) => ({ userId: String(id) })

/** A west staff account of 开州 made through the admin's form, with its one-time password. */
async function newKaizhouStaff(username: string) {
  const org = centreOf('500154')
  const fields = { intent: 'create-staff', username, displayName: '测试员', contactPhone: '13800001111' }
  const r = await actionAs('admin', staffAction, { path: `/admin/organisations/${org.id}`, fields, params: { orgId: String(org.id) } })
  const reply = unwrapData<{ created: { id: number; oneTimePassword: string } }>('value' in r ? r.value : null)
  return reply.data.created
}

test('停用工作人员账号：会话立即结束，密码正确也不能登录并说明已停用；重新启用后可登录 / disabling a staff account ends its sessions, refuses sign-in with a clear message, and re-enabling restores it', async () => {
  const { id, oneTimePassword } = await newKaizhouStaff('kz_disable')
  const cookie = await cookieFor('kz_disable')
  expect(await getUser(get('/west', cookie))).not.toBeNull()

  const off = await actionAs('admin', accountAction, { path: `/admin/accounts/${id}`, fields: { intent: 'disable', reasonCode: 'left_post' }, params: p(id) })
  expect('thrown' in off && off.thrown.status).toBe(302)
  expect(await getUser(get('/west', cookie))).toBeNull()
  expect(db.select().from(sessions).where(eq(sessions.userId, id)).all()).toHaveLength(0)
  const home = await callLoader(westHome, { path: '/west', cookie })
  expect('thrown' in home && home.thrown.headers.get('Location')).toMatch(/^\/login/)
  expect(auditOf('account.disable', id)[0]).toMatchObject({ reason: 'left_post' })

  const right = await login({ username: 'kz_disable', password: oneTimePassword, ip: '10.77.0.1', userAgent: null })
  expect(right).toEqual({ ok: false, reason: 'invalid', disabled: true })
  expect(DISABLED_ACCOUNT).toContain('已停用')
  // The sign-in form says so beside the form, with a 400; a wrong password still gets the generic words.
  const shown = await settle(() =>
    loginAction({ request: post('/login', { username: 'kz_disable', password: oneTimePassword }), context: context({ clientIp: '10.77.0.3' }), params: {} }),
  )
  const refusal = unwrapData<{ error?: Record<string, string[] | null> }>('value' in shown ? shown.value : null)
  expect(refusal.status).toBe(400)
  expect(refusal.data.error?.['']).toEqual([DISABLED_ACCOUNT])
  // A wrong password learns nothing about the account.
  const wrong = await login({ username: 'kz_disable', password: 'not-it-123', ip: '10.77.0.2', userAgent: null })
  expect(wrong).toEqual({ ok: false, reason: 'invalid' })

  const on = await actionAs('admin', accountAction, { path: `/admin/accounts/${id}`, fields: { intent: 'enable' }, params: p(id) })
  expect('thrown' in on && on.thrown.status).toBe(302)
  expect(auditOf('account.enable', id)).toHaveLength(1)
  expect(await signIn('kz_disable', oneTimePassword)).not.toBeNull()
})

test('管理员也能停用务工人员账号，但不能替其重设密码 / the admin can disable a worker account but not reset its password', async () => {
  const { user } = await createWorkerAccount('kaizhou')
  const off = await actionAs('admin', accountAction, {
    path: `/admin/accounts/${user.id}`,
    fields: { intent: 'disable', reasonCode: 'misuse' },
    params: p(user.id),
  })
  expect('thrown' in off && off.thrown.status).toBe(302)
  expect(userOf(user.username).disabledAt).not.toBeNull()
  const page = await callLoader(accountLoader, { path: `/admin/accounts/${user.id}`, cookie: await cookieFor('admin'), params: p(user.id) })
  // A worker's login (their phone) is shown with its middle hidden.
  expect('value' in page && page.value.username).not.toBe(user.username)
  const reset = await callLoader(resetLoader, { path: `/admin/accounts/${user.id}/reset`, cookie: await cookieFor('admin'), params: p(user.id) })
  expect('thrown' in reset && reset.thrown.status).toBe(404)
})

test('最后一个在用的管理员不能停用，自己也不能停用自己 / the last enabled admin cannot be disabled, nor can an admin disable themself', async () => {
  const admin = userOf('admin')
  const self = await actionAs('admin', accountAction, {
    path: `/admin/accounts/${admin.id}`,
    fields: { intent: 'disable', reasonCode: 'left_post' },
    params: p(admin.id),
  })
  expect('value' in self && unwrapData(self.value).status).toBe(409)
  // A second admin (the platform's own staff form) disables the first…
  const platform = db.select().from(users).where(eq(users.id, admin.id)).get()!.organisationId
  const r = await actionAs('admin', staffAction, {
    path: `/admin/organisations/${platform}`,
    fields: { intent: 'create-staff', username: 'admin_two', displayName: '第二管理员', contactPhone: '13800002222' },
    params: { orgId: String(platform) },
  })
  expect('value' in r && unwrapData(r.value).status).toBe(200)
  expect(userOf('admin_two').role).toBe('admin')
  const two = userOf('admin_two')
  expect(disableAccountByAdmin(actorFor('admin'), two.id, { code: 'left_post', note: null })).toEqual({ ok: true })
  // …and a request of the now-disabled second admin still in flight cannot take the last one with it.
  const last = disableAccountByAdmin(actorFor('admin_two'), admin.id, { code: 'left_post', note: null })
  expect(last).toMatchObject({ ok: false, message: LAST_ADMIN, status: 409 })
  expect(userOf('admin').disabledAt).toBeNull()
})

test('重设工作人员密码：临时密码只显示一次，旧会话结束，下次登录先改密码 / a staff password reset shows a one-time password once, ends sessions and forces a change at the next sign-in', async () => {
  const { id } = await newKaizhouStaff('kz_reset')
  const old = await cookieFor('kz_reset')
  const page = await callLoader(resetLoader, { path: `/admin/accounts/${id}/reset`, cookie: await cookieFor('admin'), params: p(id) })
  const formToken = 'value' in page ? page.value.formToken : ''
  const fields = { intent: 'reset-password', formToken }
  const first = await actionAs('admin', resetAction, { path: `/admin/accounts/${id}/reset`, fields, params: p(id) })
  const done = unwrapData<{ done: { oneTimePassword: string | null } }>('value' in first ? first.value : null)
  expect(done.data.done.oneTimePassword).toMatch(/^[a-z]{4}\d{4}$/)
  expect(await getUser(get('/west', old))).toBeNull()
  expect(auditOf('account.staff_password_reset', id)).toHaveLength(1)
  // The same form sent again resets nothing and shows no second password.
  const again = await actionAs('admin', resetAction, { path: `/admin/accounts/${id}/reset`, fields, params: p(id) })
  expect(unwrapData<{ done: { oneTimePassword: string | null } }>('value' in again ? again.value : null).data.done.oneTimePassword).toBeNull()
  expect(auditOf('account.staff_password_reset', id)).toHaveLength(1)
  const session = await signIn('kz_reset', done.data.done.oneTimePassword!)
  expect(session?.location).toBe('/staff/password')
  // Until they choose their own, every other page sends them back to the password form.
  const home = await callLoader(westHome, { path: '/west', cookie: session!.cookie })
  expect('thrown' in home && home.thrown.headers.get('Location')).toBe('/staff/password')
  await expect(getViewer(get('/jobs', session!.cookie))).rejects.toMatchObject({ status: 302 })
  expect(await getViewer(get('/staff/password', session!.cookie), { passwordChange: true })).toMatchObject({ username: 'kz_reset' })
})

test('新建工作人员：用户名重复或不合规、手机号错误都在字段旁 400，不建账号 / a taken or malformed login name or a bad phone is a 400 beside the field, creating nothing', async () => {
  const org = centreOf('500154')
  const before = db.select().from(users).all().length
  const cases: [Record<string, string>, string][] = [
    [{ username: 'kaizhou', displayName: '某', contactPhone: '13800001234' }, 'username'],
    [{ username: '13996000001', displayName: '某', contactPhone: '13800001234' }, 'username'],
    [{ username: 'ok_name', displayName: '', contactPhone: '13800001234' }, 'displayName'],
    [{ username: 'ok_name', displayName: '某', contactPhone: '12345' }, 'contactPhone'],
  ]
  for (const [values, field] of cases) {
    const r = await actionAs('admin', staffAction, {
      path: `/admin/organisations/${org.id}`,
      fields: { intent: 'create-staff', ...values },
      params: { orgId: String(org.id) },
    })
    const reply = unwrapData<{ result: Reply } & Reply>('value' in r ? r.value : null)
    expect(reply.status, field).toBe(400)
    expect((reply.data.result ?? reply.data).error?.[field], field).toBeTruthy()
  }
  expect(db.select().from(users).all().length).toBe(before)
})
