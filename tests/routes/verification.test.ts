import { and, count, eq, isNull } from 'drizzle-orm'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { applications, users, workers } from '../../db/schema'
import { applyToVacancy } from '~/models/application.server'
import { getVerifiedLedgerRow } from '~/models/verification.server'
import { loader as profileLoader } from '~/routes/me.profile'
import { action as newAccountAction, loader as newAccountLoader } from '~/routes/west.accounts.new'
import { action as detailAction, loader as detailLoader } from '~/routes/west.verifications.$userId'
import { loader as queueLoader } from '~/routes/west.verifications._index'
import { loader as workerLoader } from '~/routes/west.workers.$workerId._index'
import { getUser, requireVerifiedWorker } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { actorFor, createLedgerWorker, createPendingAccount, createTestVacancy, freshIdNumber } from '../factories'
import { auditOf, centreOf, userOf } from '../lookups'
import { noticeOf } from '../notice'
import { context, cookieFor, dataOf, get, post, settle, unwrapData } from '../request'

type Reply = { error?: Record<string, string[] | null> }

const args = (request: Request, userId?: number | string) => ({ request, context: context(), params: userId == null ? {} : { userId: String(userId) } })
const queue = async (cookie: string) => await queueLoader(args(get('/west/verifications', cookie)))
const detail = (id: number | string, cookie?: string) => settle(() => detailLoader(args(get(`/west/verifications/${id}`, cookie), id)))
const act = (id: number | string, fields: Record<string, string>, cookie?: string) =>
  settle(() => detailAction(args(post(`/west/verifications/${id}`, fields, cookie), id)))

function replyOf(result: Awaited<ReturnType<typeof act>>) {
  expect('value' in result, 'expected a reply, got a thrown response').toBe(true)
  return unwrapData<{ intent: string; result: Reply | null }>((result as { value: unknown }).value)
}

test("待核验列表只有本县未核验、未退回的账号，号码打码，并给出台账拟关联 / the queue lists this county's pending accounts, masked, with the proposed ledger row", async () => {
  const cookie = await cookieFor('kaizhou')
  const demo = (await createPendingAccount('kaizhou', { name: '李待核', phone: '17700990020' })).user
  // Two registrations whose person is not in the ledger yet, and one of another county.
  for (const phone of ['17700990021', '17700990022']) await createPendingAccount('kaizhou', { inLedger: false, phone })
  const xiushan = (await createPendingAccount('xiushan')).user
  const data = await queue(cookie)
  const row = data.pending.find((r) => r.id === demo.id)!
  expect(row.status).toBe('match')
  expect(row.ledgerName).toBe(demo.displayName)
  expect(row.phoneMasked).toBe('177****0020')
  expect(row.idNumberMasked).toBe(`${demo.idNumber!.slice(0, 3)}***********${demo.idNumber!.slice(-4)}`)
  expect(data.pending.some((r) => r.id === xiushan.id)).toBe(false)
  expect(data.pending.filter((r) => r.status === 'missing').length).toBeGreaterThanOrEqual(2)
  const expected = db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.organisationId, centreOf('500154').id), eq(users.role, 'worker'), isNull(users.verifiedAt), isNull(users.rejectedAt)))
    .get()!.n
  expect(data.total).toBe(expected)
  expect(data.pending).toHaveLength(expected)
  const body = JSON.stringify(data)
  for (const u of db.select().from(users).where(eq(users.role, 'worker')).all()) {
    expect(body).not.toContain(u.username)
    expect(body).not.toContain(u.idNumber!)
  }
  const otherCounties = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'worker'), eq(users.organisationId, centreOf('500241').id)))
    .all()
  for (const u of otherCounties) expect(data.pending.some((r) => r.id === u.id)).toBe(false)
})

test('姓名与台账不一致时标黄提示 / a name that differs from the ledger is flagged', async () => {
  const free = createLedgerWorker('kaizhou')
  const { id } = (await createPendingAccount('kaizhou', { inLedger: false, name: '王不同', idNumber: free.idNumber, phone: '17700990001' })).user
  const cookie = await cookieFor('kaizhou')
  const row = (await queue(cookie)).pending.find((r) => r.id === id)!
  expect(row.status).toBe('name_mismatch')
  expect(row.ledgerName).toBe(free.name)
  const page = await detail(id, cookie)
  const data = (page as { value: Awaited<ReturnType<typeof detailLoader>> }).value
  expect(data.status).toBe('name_mismatch')
  expect(data.proposal?.id).toBe(free.id)
  expect(data.proposal?.idNumberMatches).toBe(true)
})

test('确认核验：账号变为已核验并关联台账，记审计，重复点击不重复写 / confirm verifies, links the ledger row, is audited, and a second click changes nothing', async () => {
  const cookie = await cookieFor('kaizhou')
  const demo = (await createPendingAccount('kaizhou')).user
  const workerCookie = await cookieFor(demo.username)
  const blocked = await settle(() => requireVerifiedWorker(get('/me/apply', workerCookie)))
  expect('thrown' in blocked && blocked.thrown.status).toBe(403)
  expect(await (blocked as { thrown: Response }).thrown.text()).toContain('核验')

  const result = await act(demo.id, { intent: 'confirm', userId: '1', workerId: '1', verifiedAt: '0' }, cookie)
  expect('thrown' in result && (await noticeOf(result.thrown))).toEqual({ location: '/west/verifications', text: '已确认核验，账号已与台账记录关联。' })
  const after = userOf(demo.username)
  expect(after.verifiedAt).toBeInstanceOf(Date)
  const row = db.select().from(workers).where(eq(workers.idNumber, demo.idNumber!)).get()!
  expect(row.userId).toBe(demo.id)
  expect(row.updatedByUserId).toBe(userOf('kaizhou').id)
  const audit = auditOf('account.verify', demo.id)
  expect(audit).toHaveLength(1)
  expect(audit[0].detail).toMatchObject({ workerId: row.id, nameMatches: true })
  expect((await getUser(get('/me', workerCookie)))?.verified).toBe(true)
  expect((await requireVerifiedWorker(get('/me/apply', workerCookie))).id).toBe(demo.id)

  const again = await act(demo.id, { intent: 'confirm' }, cookie)
  expect('thrown' in again && again.thrown.status).toBe(302)
  expect(auditOf('account.verify', demo.id)).toHaveLength(1)
  expect((await queue(cookie)).pending.some((r) => r.id === demo.id)).toBe(false)
})

test("台账行属于其他区县时不能确认，并告知在哪个县 / confirm is refused when the only ledger row is another county's, and the page says which", async () => {
  const xiushanRow = createLedgerWorker('xiushan')
  const { id } = (await createPendingAccount('kaizhou', { inLedger: false, name: xiushanRow.name, idNumber: xiushanRow.idNumber, phone: '17700990002' })).user
  const cookie = await cookieFor('kaizhou')
  const page = (await detail(id, cookie)) as { value: Awaited<ReturnType<typeof detailLoader>> }
  expect(page.value.status).toBe('missing')
  expect(page.value.proposal).toBeNull()
  expect(page.value.elsewhereCountyName).toBe('秀山县')
  const reply = replyOf(await act(id, { intent: 'confirm' }, cookie))
  expect(reply.status).toBe(409)
  expect(reply.data.result?.error?.['']?.join('')).toContain('本县台账中没有此身份证号码')
  expect(userOf('17700990002').verifiedAt).toBeNull()
  expect(db.select().from(workers).where(eq(workers.id, xiushanRow.id)).get()!.userId).toBeNull()
})

test('台账行已关联其他账号时不能确认 / confirm is refused when the ledger row is already linked to another account', async () => {
  const free = createLedgerWorker('kaizhou')
  const { id } = (await createPendingAccount('kaizhou', { inLedger: false, name: free.name, idNumber: free.idNumber, phone: '17700990003' })).user
  // Another account (e.g. opened before the ID was corrected) already holds the row.
  const other = db
    .insert(users)
    .values({ username: '17700990004', passwordHash: 'x', role: 'worker', organisationId: centreOf('500154').id, displayName: free.name })
    .returning()
    .get()
  db.update(workers).set({ userId: other.id }).where(eq(workers.id, free.id)).run()
  const cookie = await cookieFor('kaizhou')
  expect((await queue(cookie)).pending.find((r) => r.id === id)?.status).toBe('linked_elsewhere')
  const reply = replyOf(await act(id, { intent: 'confirm' }, cookie))
  expect(reply.status).toBe(409)
  expect(reply.data.result?.error?.['']).toEqual(['该台账记录已关联其他账号，不能重复关联'])
  expect(userOf('17700990003').verifiedAt).toBeNull()
  expect(db.select().from(workers).where(eq(workers.id, free.id)).get()!.userId).toBe(other.id)
})

test('退回必须选原因，“其他”必须写说明；退回后本人能看到原因 / reject needs a reason (and a note for "other"); the worker then sees it', async () => {
  const idNumber = freshIdNumber('500154')
  const { id } = (await createPendingAccount('kaizhou', { inLedger: false, name: '陈退回', idNumber, phone: '17700990005' })).user
  const cookie = await cookieFor('kaizhou')

  const noReason = replyOf(await act(id, { intent: 'reject', note: '' }, cookie))
  expect(noReason.status).toBe(400)
  expect(noReason.data.result?.error?.reasonCode).toEqual(['请选择退回原因'])
  const badReason = replyOf(await act(id, { intent: 'reject', reasonCode: 'because' }, cookie))
  expect(badReason.data.result?.error?.reasonCode).toEqual(['请选择退回原因'])
  const otherWithoutNote = replyOf(await act(id, { intent: 'reject', reasonCode: 'other', note: '  ' }, cookie))
  expect(otherWithoutNote.status).toBe(400)
  expect(otherWithoutNote.data.result?.error?.note).toEqual(['选择“其他”时请写明原因'])
  const nul = replyOf(await act(id, { intent: 'reject', reasonCode: 'other', note: 'a\u0000b' }, cookie))
  expect(nul.data.result?.error?.note).toEqual(['说明包含无法识别的字符'])
  expect(userOf('17700990005').rejectedAt).toBeNull()

  const done = await act(id, { intent: 'reject', reasonCode: 'not_in_ledger', note: '请带身份证到镇劳动保障所登记' }, cookie)
  expect('thrown' in done && (await noticeOf(done.thrown))).toEqual({ location: '/west/verifications', text: '已退回，务工人员登录后可以看到退回原因。' })
  const rejected = userOf('17700990005')
  expect(rejected.rejectedAt).toBeInstanceOf(Date)
  expect(rejected.rejectionReason).toBe('台账中无此人：请带身份证到镇劳动保障所登记')
  expect(rejected.verifiedAt).toBeNull()
  const audit = auditOf('account.reject', id)[0]
  expect(audit.reason).toBe('not_in_ledger')

  const data = await queue(cookie)
  expect(data.pending.some((r) => r.id === id)).toBe(false)
  expect(data.rejected.find((r) => r.id === id)?.reason).toBe('台账中无此人：请带身份证到镇劳动保障所登记')

  const profile = await profileLoader(args(get('/me/profile', await cookieFor('17700990005'))))
  expect(profile.status).toBe('rejected')
  expect(profile.rejectionReason).toBe('台账中无此人：请带身份证到镇劳动保障所登记')

  // Staff then add the person to the ledger and verify after all: the rejection is cleared.
  createLedgerWorker('kaizhou', { name: '陈退回', idNumber })
  const confirmed = await act(id, { intent: 'confirm' }, cookie)
  expect('thrown' in confirmed && confirmed.thrown.status).toBe(302)
  const verified = userOf('17700990005')
  expect(verified.verifiedAt).toBeInstanceOf(Date)
  expect(verified.rejectedAt).toBeNull()
  expect(verified.rejectionReason).toBeNull()
  // A verified account cannot be turned down afterwards.
  const late = replyOf(await act(id, { intent: 'reject', reasonCode: 'not_local' }, cookie))
  expect(late.status).toBe(409)
  expect(userOf('17700990005').rejectedAt).toBeNull()
})

test('未知操作得到 400 / an unknown intent is a 400', async () => {
  const cookie = await cookieFor('kaizhou')
  const pending = (await createPendingAccount('kaizhou')).user
  for (const intent of ['delete', '', 'CONFIRM']) {
    const result = await act(pending.id, { intent }, cookie)
    expect('thrown' in result && result.thrown.status, intent).toBe(400)
  }
})

test('开州看不到也动不了秀山的账号：与不存在的记录一样是 404 / Kaizhou cannot see or act on a Xiushan account: 404 like a missing one', async () => {
  const cookie = await cookieFor('kaizhou')
  const xiushan = (await createPendingAccount('xiushan')).user
  const missing = await detail(999_999, cookie)
  expect('thrown' in missing && missing.thrown.status).toBe(404)
  const missingBody = await (missing as { thrown: Response }).thrown.text()
  for (const id of [xiushan.id, userOf('xiushan').id, userOf('kaizhou').id, 'abc', '1.5', '-1']) {
    const page = await detail(id, cookie)
    expect('thrown' in page && page.thrown.status, `GET ${id}`).toBe(404)
    expect(await (page as { thrown: Response }).thrown.text()).toBe(missingBody)
  }
  const attempts: Record<string, string>[] = [{ intent: 'confirm' }, { intent: 'reject', reasonCode: 'not_local' }, { intent: 'nonsense' }]
  for (const fields of attempts) {
    const result = await act(xiushan.id, fields, cookie)
    expect('thrown' in result && result.thrown.status, fields.intent).toBe(404)
    expect(await (result as { thrown: Response }).thrown.text()).toBe(missingBody)
  }
  const after = userOf(xiushan.username)
  expect(after.verifiedAt).toBeNull()
  expect(after.rejectedAt).toBeNull()
  expect((await queue(cookie)).pending.some((r) => r.id === xiushan.id)).toBe(false)
})

test('东部、务工人员、平台账号打开核验和代开通得到 403，匿名去登录 / east, worker and admin get 403; anonymous goes to /login', async () => {
  const target = (await createPendingAccount('kaizhou', { inLedger: false, name: '周某某', phone: '17700990011' })).user.id
  for (const username of ['weifang', '13996000001', 'admin']) {
    const cookie = await cookieFor(username)
    const results = [
      await settle(() => queueLoader(args(get('/west/verifications', cookie)))),
      await detail(target, cookie),
      await act(target, { intent: 'confirm' }, cookie),
      await settle(() => newAccountLoader(args(get('/west/accounts/new', cookie)))),
      await settle(() => newAccountAction(args(post('/west/accounts/new', { intent: 'search', q: '王' }, cookie)))),
    ]
    for (const r of results) expect('thrown' in r && r.thrown.status, username).toBe(403)
  }
  const anonymous = await act(target, { intent: 'confirm' })
  expect('thrown' in anonymous && anonymous.thrown.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  expect(userOf('17700990011').verifiedAt).toBeNull()
})

test('核验和代开通表单乱填总是 400、404 或跳转，从不抛错 / fuzzed verification and assisted forms give 400, 404 or a redirect, never a throw', async () => {
  const cookie = await cookieFor('fengdu')
  await createPendingAccount('fengdu')
  const fengduPending = (await queue(cookie)).pending.map((r) => r.id)
  const nasty = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('\u0000', '__proto__', '../', 'reject', 'confirm', 'other', 'not_local', 'search', 'create', '王', '\u202e'),
    fc.integer({ min: 500, max: 20_000 }).map((n) => 'x'.repeat(n)),
  )
  const keys = fc.constantFrom('intent', 'reasonCode', 'note', 'q', 'workerId', 'phone', '__proto__', 'constructor')
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(keys, nasty), { maxLength: 8 }), fc.constantFrom(...fengduPending, 999_999), async (pairs, id) => {
      const init = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie } }
      const runs: (() => Promise<unknown>)[] = [
        () => detailAction(args(new Request(`http://localhost:3000/west/verifications/${id}`, { ...init, body: new URLSearchParams(pairs) }), id)),
        () => newAccountAction(args(new Request('http://localhost:3000/west/accounts/new', { ...init, body: new URLSearchParams(pairs) }))),
      ]
      for (const run of runs) {
        const result = await settle(run)
        const status = 'thrown' in result ? result.thrown.status : unwrapData(result.value).status
        expect([200, 302, 400, 404, 409]).toContain(status)
      }
    }),
    { numRuns: 50 },
  )
}, 60_000)

test('停用的账号不在待核验数里，也不能被退回 / a disabled registration leaves the pending count and cannot be turned down', async () => {
  const cookie = await cookieFor('xiushan')
  const pending = (await createPendingAccount('xiushan')).user
  const { loader: westHome } = await import('~/routes/west._index')
  const home = async () => dataOf(await westHome(args(get('/west', cookie))))
  const before = await home()
  expect(before.workers.unverified).toBe((await queue(cookie)).total)
  db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, pending.id)).run()
  const after = await home()
  expect(after.workers.unverified).toBe(before.workers.unverified - 1)
  expect(after.workers.unverified).toBe((await queue(cookie)).total)
  const refused = replyOf(await act(pending.id, { intent: 'reject', reasonCode: 'not_local' }, cookie))
  expect(refused.status).toBeGreaterThanOrEqual(400)
  expect(db.select().from(users).where(eq(users.id, pending.id)).get()!.rejectedAt).toBeNull()
})

test('只关联了台账、没有核验的账号不算已核验：不能报名，台账页也显示待核验 / an account linked to a ledger row but not verified is not a verified worker: it cannot apply, and the ledger shows it waiting', async () => {
  // Such a state is never made by the portal (confirming sets verifiedAt and links the row in one
  // transaction); it stands for an old or hand-edited row. Before, "linked" alone let it apply.
  const free = createLedgerWorker('kaizhou')
  const account = db
    .insert(users)
    .values({
      username: '17700990014',
      passwordHash: 'x',
      role: 'worker',
      organisationId: centreOf('500154').id,
      displayName: free.name,
      idNumber: free.idNumber,
    })
    .returning()
    .get()
  db.update(workers).set({ userId: account.id }).where(eq(workers.id, free.id)).run()
  expect(getVerifiedLedgerRow(db, account.id)).toBeNull()
  const open = createTestVacancy('weifang')
  const actor = actorFor(account.username)
  const result = applyToVacancy(actor, open.id, null)
  expect(result?.ok).toBe(false)
  expect(db.select().from(applications).where(eq(applications.workerId, free.id)).all()).toEqual([])
  const request = get(`/west/workers/${free.id}`, await cookieFor('kaizhou'))
  const page = await workerLoader({ request, context: context(), params: { workerId: String(free.id) } })
  expect(page.account?.verified).toBe(false)
  // Verified and linked by the county, the same account is a verified worker and may apply.
  db.update(workers).set({ userId: null }).where(eq(workers.id, free.id)).run()
  const confirmed = await act(account.id, { intent: 'confirm' }, await cookieFor('kaizhou'))
  expect('thrown' in confirmed && confirmed.thrown.status).toBe(302)
  expect(getVerifiedLedgerRow(db, account.id)).toMatchObject({ workerId: free.id, countyCode: '500154' })
  expect(applyToVacancy(actor, open.id, null)?.ok).toBe(true)
})
