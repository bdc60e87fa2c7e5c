import type { LoaderFunctionArgs } from '@remix-run/node'
import { expect, test } from 'vitest'
import { action as accountAction, loader as accountLoader } from '~/routes/west.accounts.$userId._index'
import { action as phoneAction } from '~/routes/west.accounts.$userId.phone'
import { action as resetAction } from '~/routes/west.accounts.$userId.reset'
import { action as jobAction } from '~/routes/jobs.$jobId'
import { loader as rootLoader } from '~/root'
import { loader as boardLoader } from '~/routes/jobs._index'
import { loader as jobLoader } from '~/routes/jobs.$jobId'
import { loader as homeLoader } from '~/routes/me._index'
import { loader as applicationsLoader } from '~/routes/me.applications'
import { action as profileAction, loader as profileLoader } from '~/routes/me.profile'
import { loader as workerLoader } from '~/routes/west.workers.$workerId._index'
import { getUser } from '~/utils/auth.server'
import { createTestVacancy, createWorkerAccount, freshPhone } from '../factories'
import { auditOf, userOf } from '../lookups'
import { noticeOf } from '../notice'
import { actionAs, callAction, callLoader, cookieFor, get, unwrapData } from '../request'
import { accountRow, createAccountInUse, OWN_PASSWORD, signIn } from './fixtures/account-admin'

// Issue 9 §1, after the reset (tests/routes/account-reset.test.ts): the change at the next sign-in is
// enforced on every page and action, not only suggested by a notice; staff change the phone (the login
// name) and disable or re-enable the account, each audited.

type FormReply = { error?: Record<string, string[] | null> }

const params = (id: number) => ({ userId: String(id) })

/** Resets `userId`'s password as kaizhou with the right tails; returns the one-time password. */
async function resetAsKaizhou(user: { id: number; idNumber: string | null; username: string }) {
  const fields = { intent: 'reset-password', idTail: user.idNumber!.slice(-4), phoneTail: user.username.slice(-4) }
  const result = await actionAs('kaizhou', resetAction, { path: `/west/accounts/${user.id}/reset`, fields, params: params(user.id) })
  if (!('value' in result)) throw new Error('reset refused')
  return unwrapData<{ done: { oneTimePassword: string } }>(result.value).data.done.oneTimePassword
}

test('一次性密码登录后，除改密码页外每个页面和操作都转到改密码页 / signed in with the one-time password, every page and action but the password form leads to it', async () => {
  const { user } = await createAccountInUse('kaizhou')
  const post = createTestVacancy('weifang')
  const otp = await resetAsKaizhou(user)
  const session = await signIn(user.username, otp)
  expect(session).not.toBeNull()
  const cookie = session!.cookie

  const handlers: [string, (args: LoaderFunctionArgs) => Promise<unknown>, 'get' | 'post', Record<string, string>][] = [
    ['/me', homeLoader, 'get', {}],
    ['/me/applications', applicationsLoader, 'get', {}],
    [`/jobs/${post.id}`, jobAction, 'post', { intent: 'apply' }],
  ]
  for (const [path, handler, method, fields] of handlers) {
    const r =
      method === 'get'
        ? await callLoader(handler, { path, cookie, params: { jobId: String(post.id) } })
        : await callAction(handler, { path, cookie, fields, params: { jobId: String(post.id) } })
    expect('thrown' in r && r.thrown.status, path).toBe(302)
    expect('thrown' in r && r.thrown.headers.get('Location'), path).toBe('/me/profile')
  }
  // Public pages too: the root sends the worker to the password form from the board and a post, page or data request.
  for (const path of ['/jobs', `/jobs/${post.id}`, '/jobs.data', '/']) {
    const r = await callLoader(rootLoader, { path, cookie })
    expect('thrown' in r && r.thrown.headers.get('Location'), path).toBe('/me/profile')
  }
  // A `.data` request naming only the page's own route (no root loader) is held back the same way.
  const board = await callLoader(boardLoader, { path: '/jobs.data?_routes=routes/jobs._index', cookie })
  expect('thrown' in board && board.thrown.headers.get('Location')).toBe('/me/profile')
  const job = await callLoader(jobLoader, { path: `/jobs/${post.id}.data?_routes=routes/jobs.$jobId`, cookie, params: { jobId: String(post.id) } })
  expect('thrown' in job && job.thrown.headers.get('Location')).toBe('/me/profile')
  expect('value' in (await callLoader(rootLoader, { path: '/me/profile', cookie }))).toBe(true)
  expect('value' in (await callLoader(rootLoader, { path: '/me/profile.data', cookie }))).toBe(true)
  // The phone form of the profile page is not open either; the password form is.
  const phone = await callAction(profileAction, { path: '/me/profile', cookie, fields: { intent: 'phone', phone: freshPhone(), currentPassword: otp } })
  expect('thrown' in phone && phone.thrown.headers.get('Location')).toBe('/me/profile')
  expect(accountRow(user.id).username).toBe(user.username)
  const page = await callLoader(profileLoader, { path: '/me/profile', cookie })
  expect('value' in page && page.value.mustChangePassword).toBe(true)

  // Typing the one-time password again as the new one is refused beside the field.
  const same = await callAction(profileAction, {
    path: '/me/profile',
    cookie,
    fields: { intent: 'password', currentPassword: otp, password: otp, confirmPassword: otp },
  })
  expect('value' in same).toBe(true)
  const sameReply = unwrapData<{ result: FormReply }>((same as { value: unknown }).value)
  expect(sameReply.status).toBe(400)
  expect(sameReply.data.result.error?.password?.[0]).toBeTruthy()

  // The one-time password is the current password of the change.
  const changed = await callAction(profileAction, {
    path: '/me/profile',
    cookie,
    fields: { intent: 'password', currentPassword: otp, password: 'Xinmima2027', confirmPassword: 'Xinmima2027' },
  })
  expect('thrown' in changed && changed.thrown.headers.get('Location')).toBe('/me/profile')
  expect(accountRow(user.id).mustChangePassword).toBe(false)
  const fresh = (await signIn(user.username, 'Xinmima2027'))!
  const applications = await callLoader(applicationsLoader, { path: '/me/applications', cookie: fresh.cookie })
  expect('value' in applications).toBe(true)
  const applied = await callAction(jobAction, {
    path: `/jobs/${post.id}`,
    cookie: fresh.cookie,
    fields: { intent: 'apply' },
    params: { jobId: String(post.id) },
  })
  expect('thrown' in applied && applied.thrown.headers.get('Location')).toBe('/me/applications')
})

test('工作人员代为开通的账号同样：先改初始密码 / an account the county opened must change its initial password the same way', async () => {
  const { user, password } = await createWorkerAccount('kaizhou', {}, { initialPassword: true })
  const session = (await signIn(user.username, password))!
  const home = await callLoader(homeLoader, { path: session.location, cookie: session.cookie })
  expect('thrown' in home && home.thrown.headers.get('Location')).toBe('/me/profile')
  expect((await getUser(get('/me', session.cookie)))?.mustChangePassword).toBe(true)
})

test('换手机号：核对身份证后 4 位，新号码即登录账号；已被占用或格式不对在字段旁说明 / a phone change checks the ID tail; the new number signs in; a taken or malformed one is said beside the field', async () => {
  const { user } = await createAccountInUse('kaizhou')
  const { user: other } = await createAccountInUse('xiushan')
  const path = `/west/accounts/${user.id}/phone`
  const change = (fields: Record<string, string>) =>
    actionAs('kaizhou', phoneAction, { path, fields: { intent: 'change-phone', ...fields }, params: params(user.id) })
  const idTail = user.idNumber!.slice(-4)

  for (const [fields, field] of [
    [{ idTail, phone: other.username }, 'phone'],
    [{ idTail, phone: '1390000001' }, 'phone'],
    [{ idTail, phone: user.username }, 'phone'],
    [{ idTail: `${(Number(idTail[0]) + 1) % 10}${idTail.slice(1)}`, phone: freshPhone() }, 'idTail'],
  ] as const) {
    const r = await change(fields)
    expect('value' in r, JSON.stringify(fields)).toBe(true)
    const reply = unwrapData<FormReply>((r as { value: unknown }).value)
    expect(reply.status, JSON.stringify(fields)).toBe(400)
    expect(reply.data.error?.[field]?.[0], JSON.stringify(fields)).toBeTruthy()
  }
  expect(accountRow(user.id).username).toBe(user.username)

  // Typed as people type it: +86, spaces and an invisible mark are the same number.
  const phone = freshPhone()
  const done = await change({ idTail, phone: `+86 ${phone.slice(0, 3)} ${phone.slice(3)}\u200b` })
  expect('thrown' in done).toBe(true)
  expect(await noticeOf((done as { thrown: Response }).thrown)).toEqual({
    location: `/west/accounts/${user.id}`,
    text: '手机号已更换。请告诉本人：以后用新手机号登录，密码不变。',
  })
  expect(accountRow(user.id).username).toBe(phone)
  expect(await signIn(phone, OWN_PASSWORD)).not.toBeNull()
  expect(await signIn(user.username, OWN_PASSWORD)).toBeNull()
  const audit = auditOf('account.phone_change', user.id)
  expect(audit).toHaveLength(1)
  expect(JSON.stringify(audit)).not.toContain(phone)
})

test('停用须选原因，停用后立即退出、不能登录；重新启用后可以登录；都记入日志 / disabling needs a reason, ends the sessions and stops sign-in; re-enabling lets the worker in again; both audited', async () => {
  const { user } = await createAccountInUse('kaizhou')
  const session = await cookieFor(user.username)
  const path = `/west/accounts/${user.id}`
  const submit = (fields: Record<string, string>) => actionAs('kaizhou', accountAction, { path, fields, params: params(user.id) })

  for (const [fields, field] of [
    [{ intent: 'disable' }, 'reasonCode'],
    [{ intent: 'disable', reasonCode: 'other' }, 'note'],
    [{ intent: 'disable', reasonCode: 'bogus' }, 'reasonCode'],
  ] as const) {
    const r = await submit(fields)
    const reply = unwrapData<FormReply>((r as { value: unknown }).value)
    expect(reply.status, JSON.stringify(fields)).toBe(400)
    expect(reply.data.error?.[field]?.[0], JSON.stringify(fields)).toBeTruthy()
  }
  expect(accountRow(user.id).disabledAt).toBeNull()

  const disabled = await submit({ intent: 'disable', reasonCode: 'phone_lost', note: '本人来电说手机被偷' })
  expect('thrown' in disabled && disabled.thrown.status).toBe(302)
  expect(accountRow(user.id).disabledAt).not.toBeNull()
  expect(await getUser(get('/me', session))).toBeNull()
  expect(await signIn(user.username, OWN_PASSWORD)).toBeNull()
  const page = await callLoader(accountLoader, { path, cookie: await cookieFor('kaizhou'), params: params(user.id) })
  expect('value' in page && page.value.disabledReason).toBe('手机丢失或号码被他人使用：本人来电说手机被偷')
  // A disabled account is neither reset nor given a new phone until it is enabled again.
  const reset = await actionAs('kaizhou', resetAction, {
    path: `${path}/reset`,
    fields: { intent: 'reset-password', idTail: user.idNumber!.slice(-4), phoneTail: user.username.slice(-4) },
    params: params(user.id),
  })
  expect('value' in reset && unwrapData(reset.value).status).toBe(409)

  const enabled = await submit({ intent: 'enable' })
  expect('thrown' in enabled && enabled.thrown.status).toBe(302)
  expect(accountRow(user.id)).toMatchObject({ disabledAt: null, disabledReason: null })
  expect(await signIn(user.username, OWN_PASSWORD)).not.toBeNull()

  const kaizhou = userOf('kaizhou').id
  expect(auditOf('account.disable', user.id)).toMatchObject([{ actorUserId: kaizhou, reason: 'phone_lost' }])
  expect(JSON.stringify(auditOf('account.disable', user.id))).not.toContain('手机被偷')
  expect(auditOf('account.enable', user.id)).toMatchObject([{ actorUserId: kaizhou }])
})

test('台账记录页链到账号管理 / the ledger page links to the account', async () => {
  const { user, worker } = await createAccountInUse('kaizhou')
  const page = await callLoader(workerLoader, {
    path: `/west/workers/${worker.id}`,
    cookie: await cookieFor('kaizhou'),
    params: { workerId: String(worker.id) },
  })
  expect('value' in page && page.value.account?.id).toBe(user.id)
})

test('账号页不显示身份证号和手机号的后 4 位：核对身份时只能问本人 / the account page hides the ID and phone tails, so staff must ask the worker', async () => {
  const { user } = await createAccountInUse('kaizhou')
  const page = await callLoader(accountLoader, { path: `/west/accounts/${user.id}`, cookie: await cookieFor('kaizhou'), params: { userId: String(user.id) } })
  const shown = (page as { value: { idNumberMasked: string; phoneMasked: string } }).value
  expect(shown.idNumberMasked).toBe(`${user.idNumber!.slice(0, 6)}************`)
  expect(shown.phoneMasked).toBe(`${user.username.slice(0, 3)}********`)
})
