import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { subsidyClaimEvents, subsidyClaims, subsidyFiles, subsidyPolicies, subsidyTickets } from '../../db/schema'
import { action as claimAction, loader as claimLoader } from '~/routes/me.claims.$claimId._index'
import { action as submitAction, loader as submitLoader } from '~/routes/me.claims.$claimId.submit'
import { loader as homeLoader } from '~/routes/me._index'
import { loader as listLoader } from '~/routes/me.claims._index'
import { action as newAction, loader as newLoader } from '~/routes/me.claims.new'
import { decideClaim } from '~/models/claim-review.server'
import { MAX_TICKETS_PER_CLAIM, MAX_TICKETS_PER_LEG, tooManyTicketsMessage } from '~/rules/claim-form'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { issueFormToken } from '~/utils/form-token.server'
import { trainTicketPng } from '../fixtures/claims/images'
import { createPendingAccount } from '../factories'
import { createTestClaim, eligibleClaimant, subsidyPolicyFor, thisYear, ticketInput } from '../factories-subsidy'
import { actorFor, auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { BASE, callAction, callLoader, context, cookieFor, settle, unwrapData } from '../request'

// The worker's claim pages (issue 13 §3, §8) through their real loaders and actions on a real database: the
// draft made once however often "new" is sent, tickets with a photo, fare and card checks beside their fields,
// submission judged by the rules with the once-a-year unique index deciding a race, another worker's claim
// and staff refused.

const tokenFields = (token: string) => ({ formToken: token })

async function draftOf(cookie: string, token = issueFormToken()) {
  const r = await callAction(newAction, { path: '/me/claims/new', fields: tokenFields(token), cookie })
  if (!('thrown' in r)) throw new Error(`no redirect: ${JSON.stringify(unwrapData(r.value))}`)
  return Number(r.thrown.headers.get('Location')!.split('/').pop())
}

/** A multipart POST to the claim page (`?form=`), with `files` as JPEG/PNG bytes. */
function multipart(claimId: number, form: string, fields: Record<string, string>, files: { name: string; bytes: Uint8Array }[], cookie: string) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  for (const f of files) body.append('files', new File([new Uint8Array(f.bytes)], f.name))
  const request = new Request(`${BASE}/me/claims/${claimId}?form=${form}`, { method: 'POST', body, headers: { Cookie: cookie } })
  return settle(() => claimAction({ request, context: context(), params: { claimId: String(claimId) } }))
}

const ticketFields = (overrides: Record<string, string> = {}) => ({
  intent: 'ticket',
  direction: 'outbound',
  mode: 'hsr_second',
  travelDate: todayInShanghai(),
  fromPlace: '重庆北',
  toPlace: '潍坊',
  fare: '456.5',
  ticketNumber: `E${Math.floor(Math.random() * 1e9)}`,
  ...overrides,
})

const post = (claimId: number, form: string, fields: Record<string, string>, cookie: string) =>
  callAction(claimAction, { path: `/me/claims/${claimId}?form=${form}`, fields, cookie, params: { claimId: String(claimId) } })

test('“新申请”连点两次或重放只生成一份草稿 / a double-clicked or replayed "new claim" makes one draft', async () => {
  subsidyPolicyFor('kaizhou')
  const me = await eligibleClaimant('kaizhou')
  const token = issueFormToken()
  const [a, b] = await Promise.all([draftOf(me.cookie, token), draftOf(me.cookie, token)])
  expect(a).toBe(b)
  // Another token (a second tab) resumes the same draft too.
  const r = await callAction(newAction, { path: '/me/claims/new', fields: tokenFields(issueFormToken()), cookie: me.cookie })
  expect('thrown' in r && r.thrown.headers.get('Location')).toBe(`/me/claims/${a}`)
  expect(db.select().from(subsidyClaims).where(eq(subsidyClaims.workerId, me.worker.id)).all()).toHaveLength(1)
  expect(auditOf('claim.create', a)).toHaveLength(1)
})

test('别人的申请是 404，工作人员打开是 403 / another worker’s claim is 404, staff get 403', async () => {
  subsidyPolicyFor('kaizhou')
  const me = await eligibleClaimant('kaizhou')
  const other = await eligibleClaimant('kaizhou')
  const theirs = await draftOf(other.cookie)
  const page = await callLoader(claimLoader, { path: `/me/claims/${theirs}`, cookie: me.cookie, params: { claimId: String(theirs) } })
  expect('thrown' in page && page.thrown.status).toBe(404)
  const edit = await post(theirs, 'ticket-new', ticketFields(), me.cookie)
  expect('thrown' in edit && edit.thrown.status).toBe(404)
  const submit = await callAction(submitAction, {
    path: `/me/claims/${theirs}/submit`,
    fields: { intent: 'submit', committed: 'on', commitmentName: me.worker.name },
    cookie: me.cookie,
    params: { claimId: String(theirs) },
  })
  expect('thrown' in submit && submit.thrown.status).toBe(404)
  expect(db.select().from(subsidyTickets).where(eq(subsidyTickets.claimId, theirs)).all()).toEqual([])
  const staff = await callLoader(claimLoader, { path: `/me/claims/${theirs}`, cookie: await cookieFor('kaizhou'), params: { claimId: String(theirs) } })
  expect('thrown' in staff && staff.thrown.status).toBe(403)
  const list = await callLoader(listLoader, { path: '/me/claims', cookie: await cookieFor('kaizhou') })
  expect('thrown' in list && list.thrown.status).toBe(403)
})

test('票价 12.345 元和两次卡号不一致都是 400，提示在字段旁 / a fare of 12.345 and card numbers that differ are 400 beside their fields', async () => {
  subsidyPolicyFor('kaizhou')
  const me = await eligibleClaimant('kaizhou')
  const id = await draftOf(me.cookie)
  const fare = await post(id, 'ticket-new', ticketFields({ fare: '12.345' }), me.cookie)
  expect('value' in fare).toBe(true)
  const fareReply = unwrapData<{ form: string; result: { error: Record<string, string[]> } }>('value' in fare ? fare.value : null)
  expect(fareReply.status).toBe(400)
  expect(fareReply.data.form).toBe('ticket-new')
  expect(fareReply.data.result.error.fare).toEqual(['金额最多精确到分（小数点后两位）'])

  const mismatch = await post(
    id,
    'card',
    { intent: 'card', cardKind: 'bank', cardNumber: '6222020200000000014', cardNumberAgain: '6222020200000000022' },
    me.cookie,
  )
  const mismatchReply = unwrapData<{ form: string; result: { error: Record<string, string[]> } }>('value' in mismatch ? mismatch.value : null)
  expect(mismatchReply.status).toBe(400)
  expect(mismatchReply.data.result.error.cardNumberAgain).toEqual(['两次输入的卡号不一致，请重新输入'])
  const luhn = await post(
    id,
    'card',
    { intent: 'card', cardKind: 'bank', cardNumber: '6222020200000000010', cardNumberAgain: '6222020200000000010' },
    me.cookie,
  )
  const luhnReply = unwrapData<{ result: { error: Record<string, string[]> } }>('value' in luhn ? luhn.value : null)
  expect(luhnReply.status).toBe(400)
  expect(luhnReply.data.result.error.cardNumber).toEqual(['银行卡号校验不通过，请核对是否输错'])
  expect(db.select().from(subsidyClaims).where(eq(subsidyClaims.id, id)).get()!.cardNumber).toBeNull()
  expect(db.select().from(subsidyTickets).where(eq(subsidyTickets.claimId, id)).all()).toEqual([])
})

test('填写车票、上传照片、卡号、提交：提交前看到预计金额，提交后重放不会再提交 / tickets with a photo, a card, the expected amount before submitting, and a replayed submit that does nothing twice', async () => {
  subsidyPolicyFor('kaizhou')
  const me = await eligibleClaimant('kaizhou')
  const id = await draftOf(me.cookie)
  const photo = await trainTicketPng()
  const out = await multipart(id, 'ticket-new', ticketFields({ fare: '456.5' }), [{ name: 'IMG_0001.png', bytes: photo }], me.cookie)
  if (!('thrown' in out)) throw new Error(JSON.stringify(unwrapData(out.value)))
  expect(out.thrown.status).toBe(302)
  const back = await multipart(
    id,
    'ticket-new',
    ticketFields({ direction: 'return', mode: 'hsr_first', fare: '700', fromPlace: '潍坊', toPlace: '重庆北' }),
    [{ name: 'back.png', bytes: photo }],
    me.cookie,
  )
  expect('thrown' in back && back.thrown.status).toBe(302)
  const tickets = db.select().from(subsidyTickets).where(eq(subsidyTickets.claimId, id)).all()
  expect(tickets.map((t) => t.fareFen).sort()).toEqual([45650, 70000])
  expect(db.select().from(subsidyFiles).where(eq(subsidyFiles.claimId, id)).all()).toHaveLength(2)

  const card = await post(
    id,
    'card',
    { intent: 'card', cardKind: 'bank', cardNumber: '6222 0202 0000 0000 014', cardNumberAgain: '6222020200000000014' },
    me.cookie,
  )
  expect('thrown' in card && card.thrown.status).toBe(302)

  const page = await callLoader(claimLoader, { path: `/me/claims/${id}`, cookie: me.cookie, params: { claimId: String(id) } })
  if (!('value' in page)) throw new Error('no page')
  expect(JSON.stringify(page.value)).not.toContain('6222020200000000014')
  expect(page.value.claim.cardMasked).toBe('**** 0014')
  // Before submission: the first-class return is not paid and says why; the expected amount is the outbound fare.
  expect(page.value.tickets.map((t) => t.verdict?.eligible)).toEqual([true, false])
  expect(page.value.tickets[1].verdict?.reasonText).toContain('高铁/动车一等座')
  expect(page.value.assessment?.amountFen).toBe(45650)

  const wrongName = await callAction(submitAction, {
    path: `/me/claims/${id}/submit`,
    fields: { intent: 'submit', committed: 'on', commitmentName: '别人' },
    cookie: me.cookie,
    params: { claimId: String(id) },
  })
  expect(unwrapData('value' in wrongName ? wrongName.value : null).status).toBe(400)
  const fields = { intent: 'submit', committed: 'on', commitmentName: me.worker.name }
  const first = await callAction(submitAction, { path: `/me/claims/${id}/submit`, fields, cookie: me.cookie, params: { claimId: String(id) } })
  expect('thrown' in first && (await noticeOf(first.thrown)).text).toContain('申请已提交')
  const again = await callAction(submitAction, { path: `/me/claims/${id}/submit`, fields, cookie: me.cookie, params: { claimId: String(id) } })
  expect('thrown' in again && (await noticeOf(again.thrown)).text).toContain('已经提交过了')
  const claim = db.select().from(subsidyClaims).where(eq(subsidyClaims.id, id)).get()!
  expect(claim).toMatchObject({ state: 'submitted', expectedFen: 45650, commitmentName: me.worker.name })
  const events = db.select().from(subsidyClaimEvents).where(eq(subsidyClaimEvents.claimId, id)).all()
  expect(events.map((e) => `${e.fromState}→${e.toState}`)).toEqual(['null→draft', 'draft→submitted'])
  expect(auditOf('claim.submit', id)).toHaveLength(1)
  // Submitted: the editor is closed.
  const late = await post(id, 'ticket-new', ticketFields(), me.cookie)
  expect(unwrapData('value' in late ? late.value : null).status).toBe(409)
})

/** A stored file row for a ticket (the bytes are not needed to submit), so a claim made by factory can be submitted. */
function attachPhoto(claimId: number, ticketId: number) {
  db.insert(subsidyFiles)
    .values({
      claimId,
      ticketId,
      purpose: 'ticket',
      kind: 'jpeg',
      storedName: `${crypto.randomUUID().replaceAll('-', '')}.jpg`,
      originalName: 'ticket.jpg',
      bytes: 1,
      sha256: crypto.randomUUID().replaceAll('-', '').padEnd(64, '0'),
    })
    .run()
}

test('同一工人同一年的两份申请同时提交 20 次：只有一份提交成功，另一份得到“今年已经申请过一次” / 20 simultaneous submissions of two claims of one worker and year: exactly one is submitted, the other told so by the unique index', async () => {
  const year = thisYear()
  subsidyPolicyFor('kaizhou', year)
  const me = await eligibleClaimant('kaizhou')
  // A claim of this year returned for correction holds the year's slot; a draft of the same year (started
  // before, say, staff's filing counted) wants it too. A claim never changes year (the draft's year is the
  // claim's), so only the unique index can refuse the draft, whichever send comes first.
  const returned = await createTestClaim('kaizhou', { claimant: me, state: 'returned', year, tickets: [ticketInput()] })
  const draft = await createTestClaim('kaizhou', { claimant: me, state: 'draft', tickets: [ticketInput()] })
  for (const c of [returned, draft]) attachPhoto(c.claim.id, c.tickets[0].id)
  const fields = { intent: 'submit', committed: 'on', commitmentName: me.worker.name }
  const sends = Array.from({ length: 20 }, (_, i) => {
    const id = i % 2 === 0 ? returned.claim.id : draft.claim.id
    return callAction(submitAction, { path: `/me/claims/${id}/submit`, fields, cookie: me.cookie, params: { claimId: String(id) } })
  })
  const results = await Promise.all(sends)
  const states = [returned, draft].map((c) => db.select().from(subsidyClaims).where(eq(subsidyClaims.id, c.claim.id)).get()!.state)
  expect(states.filter((s) => s === 'submitted')).toHaveLength(1)
  const refused = results.filter((r) => 'value' in r).map((r) => unwrapData<{ error: Record<string, string[]> }>('value' in r ? r.value : null))
  expect(refused.length).toBe(10)
  for (const r of refused) {
    expect(r.status).toBe(400)
    expect(r.data.error['']).toEqual(['今年已经申请过一次交通补助'])
  }
  expect(results.filter((r) => 'thrown' in r && r.thrown.status === 302)).toHaveLength(10)
  expect(
    db
      .select()
      .from(subsidyClaims)
      .where(eq(subsidyClaims.workerId, me.worker.id))
      .all()
      .filter((c) => c.state === 'submitted' && c.year === year),
  ).toHaveLength(1)
})

test('今年已有一份申请时，列表先说明是哪一份、什么状态，“新申请”不再开草稿 / with a claim counting for the year, /me/claims names it and its state up front and "new" starts no draft (issue 13 §2 once a year)', async () => {
  subsidyPolicyFor('kaizhou')
  const me = await eligibleClaimant('kaizhou')
  const { claim } = await createTestClaim('kaizhou', { claimant: me, state: 'under_review' })
  const list = await callLoader(listLoader, { path: '/me/claims', cookie: me.cookie })
  if (!('value' in list)) throw new Error('no page')
  expect(list.value.start.counting).toEqual({ id: claim.id, state: 'under_review', flat: false })
  expect(list.value.start.topUp).toBe(false)
  const page = await callLoader(newLoader, { path: '/me/claims/new', cookie: me.cookie })
  expect('value' in page && page.value.counting?.id).toBe(claim.id)
  const r = await callAction(newAction, { path: '/me/claims/new', fields: tokenFields(issueFormToken()), cookie: me.cookie })
  const reply = unwrapData<{ error: Record<string, string[]> }>('value' in r ? r.value : null)
  expect(reply.status).toBe(409)
  expect(reply.data.error[''][0]).toContain(`您${thisYear()}年的交通补助已经申请过（审核中），一年只能申请一次`)
  // Asking for a top-up of a claim by tickets is refused too.
  const topUp = await callAction(newAction, { path: '/me/claims/new', fields: { ...tokenFields(issueFormToken()), topUp: '1' }, cookie: me.cookie })
  expect(unwrapData('value' in topUp ? topUp.value : null).status).toBe(409)
  expect(db.select().from(subsidyClaims).where(eq(subsidyClaims.workerId, me.worker.id)).all()).toHaveLength(1)
})

test('定额已发放后补交车票：补差金额 = 可补贴票价 − 已发放，提交成功，不能再补第二次 / after a paid flat amount, a top-up with tickets pays fares minus what was paid, is submitted, and only once (issue 13 §2 top-up)', async () => {
  subsidyPolicyFor('kaizhou')
  const me = await eligibleClaimant('kaizhou')
  const flat = await createTestClaim('kaizhou', { claimant: me, state: 'paid', flat: true, expectedFen: 20_000, approvedFen: 20_000 })
  const list = await callLoader(listLoader, { path: '/me/claims', cookie: me.cookie })
  expect('value' in list && list.value.start).toMatchObject({ counting: { id: flat.claim.id, state: 'paid', flat: true }, topUp: true })
  // A plain new claim is still refused: only the top-up is offered.
  const plain = await callAction(newAction, { path: '/me/claims/new', fields: tokenFields(issueFormToken()), cookie: me.cookie })
  expect(unwrapData('value' in plain ? plain.value : null).status).toBe(409)

  const r = await callAction(newAction, { path: '/me/claims/new', fields: { ...tokenFields(issueFormToken()), topUp: '1' }, cookie: me.cookie })
  if (!('thrown' in r)) throw new Error(JSON.stringify(unwrapData(r.value)))
  const id = Number(r.thrown.headers.get('Location')!.split('/').pop())
  const draft = db.select().from(subsidyClaims).where(eq(subsidyClaims.id, id)).get()!
  expect(draft).toMatchObject({ state: 'draft', topUpOfClaimId: flat.claim.id, flat: false, cardNumber: flat.claim.cardNumber })

  const photo = await trainTicketPng()
  for (const fields of [ticketFields({ fare: '300' }), ticketFields({ direction: 'return', fare: '280.5', fromPlace: '潍坊', toPlace: '重庆北' })]) {
    const saved = await multipart(id, 'ticket-new', fields, [{ name: 'ticket.png', bytes: photo }], me.cookie)
    expect('thrown' in saved && saved.thrown.status).toBe(302)
  }
  const page = await callLoader(claimLoader, { path: `/me/claims/${id}`, cookie: me.cookie, params: { claimId: String(id) } })
  if (!('value' in page)) throw new Error('no page')
  expect(page.value.assessment).toMatchObject({ kind: 'top_up', eligibleFareFen: 58_050, amountFen: 38_050 })
  expect(page.value.topUp).toEqual({ ofClaimId: flat.claim.id, paidFen: 20_000 })

  const fields = { intent: 'submit', committed: 'on', commitmentName: me.worker.name }
  const sent = await callAction(submitAction, { path: `/me/claims/${id}/submit`, fields, cookie: me.cookie, params: { claimId: String(id) } })
  expect('thrown' in sent && sent.thrown.status).toBe(302)
  expect(db.select().from(subsidyClaims).where(eq(subsidyClaims.id, id)).get()).toMatchObject({ state: 'submitted', expectedFen: 38_050 })
  const again = await callAction(newAction, { path: '/me/claims/new', fields: { ...tokenFields(issueFormToken()), topUp: '1' }, cookie: me.cookie })
  expect(unwrapData('value' in again ? again.value : null).status).toBe(409)
  expect(db.select().from(subsidyClaims).where(eq(subsidyClaims.workerId, me.worker.id)).all()).toHaveLength(2)
})

test('去程填了回家方向的车票：提交前在这张票旁说明放错了，不能提交 / an outbound ticket going home is flagged beside it before submission and blocks it (issue 13 §2 outbound and return legs)', async () => {
  subsidyPolicyFor('kaizhou')
  const me = await eligibleClaimant('kaizhou')
  const id = await draftOf(me.cookie)
  const photo = await trainTicketPng()
  const saved = await multipart(id, 'ticket-new', ticketFields({ fromPlace: '潍坊', toPlace: '重庆北' }), [{ name: 't.png', bytes: photo }], me.cookie)
  expect('thrown' in saved && saved.thrown.status).toBe(302)
  const page = await callLoader(claimLoader, { path: `/me/claims/${id}`, cookie: me.cookie, params: { claimId: String(id) } })
  if (!('value' in page)) throw new Error('no page')
  expect(page.value.tickets[0].verdict).toMatchObject({ eligible: false, problem: '从潍坊到重庆北是回家的方向，请把这张票改为“返程”' })
  await post(id, 'card', { intent: 'card', cardKind: 'bank', cardNumber: '6222020200000000014', cardNumberAgain: '6222020200000000014' }, me.cookie)
  const fields = { intent: 'submit', committed: 'on', commitmentName: me.worker.name }
  const sent = await callAction(submitAction, { path: `/me/claims/${id}/submit`, fields, cookie: me.cookie, params: { claimId: String(id) } })
  const reply = unwrapData<{ error: Record<string, string[]> }>('value' in sent ? sent.value : null)
  expect(reply.status).toBe(400)
  expect(JSON.stringify(reply.data.error)).toContain('请把这张票改为“返程”')
  expect(db.select().from(subsidyClaims).where(eq(subsidyClaims.id, id)).get()!.state).toBe('draft')
})

test('工作人员代办的申请：工人下次打开“我的”看到一次提示，之后只在申请列表里 / a claim staff filed for the worker is told once on /me, then only listed in /me/claims (issue 13 §6 assisted filing "with the worker told")', async () => {
  subsidyPolicyFor('kaizhou')
  const me = await eligibleClaimant('kaizhou')
  const own = await eligibleClaimant('kaizhou')
  const { claim } = await createTestClaim('kaizhou', { claimant: me, state: 'submitted', flat: true, assistedBy: 'kaizhou2' })
  await createTestClaim('kaizhou', { claimant: own, state: 'submitted' })
  const first = await callLoader(homeLoader, { path: '/me', cookie: me.cookie })
  if (!('value' in first)) throw new Error('no page')
  expect(first.value.assistedClaims).toEqual([{ id: claim.id, text: `工作人员已为您代办 ${thisYear()} 年交通补助申请（定额 ¥200.00），现在已提交。` }])
  expect(db.select().from(subsidyClaims).where(eq(subsidyClaims.id, claim.id)).get()!.workerToldAt).toBeInstanceOf(Date)
  const second = await callLoader(homeLoader, { path: '/me', cookie: me.cookie })
  expect('value' in second && second.value.assistedClaims).toEqual([])
  const list = await callLoader(listLoader, { path: '/me/claims', cookie: me.cookie })
  expect('value' in list && list.value.claims.map((c) => c.id)).toEqual([claim.id])
  // A claim the worker filed themselves is not announced.
  const theirs = await callLoader(homeLoader, { path: '/me', cookie: own.cookie })
  expect('value' in theirs && theirs.value.assistedClaims).toEqual([])
})

test('退回后改了车票，审核人对这张票的决定作废、留痕；审核人不能不审就通过 / editing a ticket of a returned claim clears its decision, is audited, and the claim cannot be approved undecided', async () => {
  const { claim, tickets, claimant } = await createTestClaim('kaizhou', {
    state: 'returned',
    tickets: [ticketInput({ fareFen: 42_800 }), ticketInput({ direction: 'return' })],
  })
  db.update(subsidyTickets).set({ decision: 'approved' }).where(eq(subsidyTickets.claimId, claim.id)).run()
  const [first, second] = tickets
  // The autosave posting the same values again changes nothing decided.
  const same = {
    ticketId: String(first.id),
    direction: 'outbound',
    mode: first.mode,
    travelDate: first.travelDate,
    fromPlace: first.fromPlace,
    toPlace: first.toPlace,
    ticketNumber: first.ticketNumber,
  }
  await post(claim.id, `ticket-${first.id}`, { intent: 'ticket', ...same, fare: '428' }, claimant.cookie)
  expect(db.select().from(subsidyTickets).where(eq(subsidyTickets.id, first.id)).get()!.decision).toBe('approved')
  expect(auditOf('claim.edit_ticket', claim.id)).toEqual([])

  const r = await post(claim.id, `ticket-${first.id}`, { intent: 'ticket', ...same, fare: '4280' }, claimant.cookie)
  expect('thrown' in r && r.thrown.status).toBe(302)
  const edited = db.select().from(subsidyTickets).where(eq(subsidyTickets.id, first.id)).get()!
  expect([edited.fareFen, edited.decision, edited.rejectReason]).toEqual([428_000, null, null])
  expect(db.select().from(subsidyTickets).where(eq(subsidyTickets.id, second.id)).get()!.decision).toBe('approved')
  const audit = auditOf('claim.edit_ticket', claim.id)
  expect(audit).toHaveLength(1)
  expect(audit[0].detail).toEqual({ ticketId: first.id, before: { fareFen: 42_800 }, after: { fareFen: 428_000 }, decisionCleared: 'approved' })

  // Resubmitted and under review again: approving without deciding the edited ticket is refused, nothing approved.
  const now = new Date()
  db.update(subsidyClaims).set({ state: 'under_review', updatedAt: now }).where(eq(subsidyClaims.id, claim.id)).run()
  const decided = decideClaim(actorFor('kaizhou2'), claim.id, { seenState: 'under_review', version: now.getTime() }, { outcome: 'approve' })
  expect(decided).toMatchObject({ ok: false, message: '还有 1 张车票没有审核，请先在上面逐张选择“通过”或“不通过”并保存。' })
  expect(db.select().from(subsidyClaims).where(eq(subsidyClaims.id, claim.id)).get()!.approvedFen).toBeNull()
})

test('退回后删票、换照片也留痕，换照片的票要重新审核 / removing a ticket or changing its photo on a returned claim is audited and the photo change clears the decision', async () => {
  const { claim, tickets, claimant } = await createTestClaim('kaizhou', { state: 'returned', tickets: [ticketInput(), ticketInput({ direction: 'return' })] })
  db.update(subsidyTickets).set({ decision: 'rejected', rejectReason: 'unreadable' }).where(eq(subsidyTickets.claimId, claim.id)).run()
  const [first, second] = tickets
  const photo = await multipart(
    claim.id,
    `files-${first.id}`,
    { intent: 'files', ticketId: String(first.id) },
    [{ name: 't.png', bytes: await trainTicketPng() }],
    claimant.cookie,
  )
  expect('thrown' in photo && photo.thrown.status).toBe(302)
  expect(db.select().from(subsidyTickets).where(eq(subsidyTickets.id, first.id)).get()).toMatchObject({ decision: null, rejectReason: null })
  expect(auditOf('claim.ticket_files', claim.id)).toHaveLength(1)
  await post(claim.id, `remove-${second.id}`, { intent: 'remove-ticket', ticketId: String(second.id) }, claimant.cookie)
  const removed = auditOf('claim.remove_ticket', claim.id)
  expect(removed).toHaveLength(1)
  expect(removed[0].detail).toMatchObject({ ticketId: second.id, before: { direction: 'return', fareFen: second.fareFen }, decision: 'rejected' })
})

test('一程最多 4 张车票，同时提交也不会超过 / a leg holds at most 4 tickets, even when posted at once', async () => {
  subsidyPolicyFor('kaizhou')
  const me = await eligibleClaimant('kaizhou')
  const claimId = await draftOf(me.cookie)
  const results = await Promise.all(Array.from({ length: 12 }, () => post(claimId, 'ticket-new', ticketFields(), me.cookie)))
  expect(results.filter((r) => 'thrown' in r && r.thrown.status === 302)).toHaveLength(MAX_TICKETS_PER_LEG)
  const refused = results.filter((r) => 'value' in r)
  expect(refused).toHaveLength(12 - MAX_TICKETS_PER_LEG)
  for (const r of refused) {
    const reply = unwrapData<{ form: string; result: { error: Record<string, string[]> } }>('value' in r ? r.value : null)
    expect(reply.status).toBe(400)
    expect(reply.data.result.error.direction).toEqual([tooManyTicketsMessage('去程')])
  }
  // The return leg still takes its own four; a ticket moved to a full leg is refused.
  for (let i = 0; i < MAX_TICKETS_PER_LEG; i += 1)
    await post(claimId, 'ticket-new', ticketFields({ direction: 'return', fromPlace: '潍坊', toPlace: '重庆北' }), me.cookie)
  expect(db.select().from(subsidyTickets).where(eq(subsidyTickets.claimId, claimId)).all()).toHaveLength(MAX_TICKETS_PER_CLAIM)
  const extra = await post(claimId, 'ticket-new', ticketFields({ direction: 'return', fromPlace: '潍坊', toPlace: '重庆北' }), me.cookie)
  expect('value' in extra && extra.value).toBeTruthy()
  expect(db.select().from(subsidyTickets).where(eq(subsidyTickets.claimId, claimId)).all()).toHaveLength(MAX_TICKETS_PER_CLAIM)
})

test('提交页在勾选承诺前列出会被拒绝的每一处：没有照片的每张车票、收款卡 / the submit page lists every refusal before the 承诺书: each ticket without a photo, the card', async () => {
  const { claim, tickets, claimant } = await createTestClaim('kaizhou', { state: 'draft', tickets: [ticketInput(), ticketInput({ direction: 'return' })] })
  db.update(subsidyClaims).set({ cardKind: null, cardNumber: null }).where(eq(subsidyClaims.id, claim.id)).run()
  attachPhoto(claim.id, tickets[0].id)
  const page = await callLoader(submitLoader, { path: `/me/claims/${claim.id}/submit`, cookie: claimant.cookie, params: { claimId: String(claim.id) } })
  const data = unwrapData<{ refusals: { field: string; message: string }[] }>('value' in page ? page.value : null).data
  expect(data.refusals).toEqual([
    { field: 'tickets', message: '第 2 张车票还没有上传照片或 PDF' },
    { field: 'cardNumber', message: '请填写收款的社会保障卡或银行卡' },
  ])
  // What the page listed is what the POST refuses for.
  const r = await callAction(submitAction, {
    path: `/me/claims/${claim.id}/submit`,
    fields: { intent: 'submit', committed: 'on', commitmentName: claimant.worker.name },
    cookie: claimant.cookie,
    params: { claimId: String(claim.id) },
  })
  const reply = unwrapData<{ error: Record<string, string[]> }>('value' in r ? r.value : null)
  expect(reply.status).toBe(400)
  expect(reply.data.error.tickets).toEqual(['第 2 张车票还没有上传照片或 PDF'])
  // With the photo and the card the list is empty and the claim goes.
  attachPhoto(claim.id, tickets[1].id)
  db.update(subsidyClaims).set({ cardKind: 'bank', cardNumber: '6222020200000003018' }).where(eq(subsidyClaims.id, claim.id)).run()
  const again = await callLoader(submitLoader, { path: `/me/claims/${claim.id}/submit`, cookie: claimant.cookie, params: { claimId: String(claim.id) } })
  expect(unwrapData<{ refusals: unknown[] }>('value' in again ? again.value : null).data.refusals).toEqual([])
})

test('去年的补报期内，“新申请”可选去年，草稿按去年的政策；补报期过了不能选 / inside last year’s late-filing window "new" offers last year and the draft takes it; outside it, last year is refused (issue 13 §1 late filing)', async () => {
  const last = thisYear() - 1
  subsidyPolicyFor('fengdu')
  const policy = subsidyPolicyFor('fengdu', last)
  const restore = { closesOn: policy.closesOn, lateUntil: policy.lateUntil }
  try {
    db.update(subsidyPolicies)
      .set({ closesOn: `${last}-12-31`, lateUntil: `${last + 1}-12-31` })
      .where(eq(subsidyPolicies.id, policy.id))
      .run()
    const me = await eligibleClaimant('fengdu')
    const page = await callLoader(newLoader, { path: '/me/claims/new', cookie: me.cookie })
    expect(unwrapData<{ late: unknown }>('value' in page ? page.value : null).data.late).toEqual({ year: last, lastDay: `${last + 1}-12-31` })
    const r = await callAction(newAction, { path: '/me/claims/new', fields: { ...tokenFields(issueFormToken()), year: String(last) }, cookie: me.cookie })
    expect('thrown' in r && r.thrown.status).toBe(302)
    const claimId = Number('thrown' in r && r.thrown.headers.get('Location')!.split('/').pop())
    expect(db.select().from(subsidyClaims).where(eq(subsidyClaims.id, claimId)).get()).toMatchObject({ year: last, policyId: policy.id, state: 'draft' })

    // The window closed: not offered, and a forged post for last year is refused with nothing written.
    db.update(subsidyPolicies).set({ lateUntil: null }).where(eq(subsidyPolicies.id, policy.id)).run()
    const other = await eligibleClaimant('fengdu')
    const closed = await callLoader(newLoader, { path: '/me/claims/new', cookie: other.cookie })
    expect(unwrapData<{ late: unknown }>('value' in closed ? closed.value : null).data.late).toBeNull()
    const forged = await callAction(newAction, {
      path: '/me/claims/new',
      fields: { ...tokenFields(issueFormToken()), year: String(last) },
      cookie: other.cookie,
    })
    const reply = unwrapData<{ error: Record<string, string[]> }>('value' in forged ? forged.value : null)
    expect(reply.status).toBe(409)
    expect(reply.data.error['']).toEqual([`${last}年的交通补助已经不能补报，请申请${last + 1}年的`])
    expect(db.select().from(subsidyClaims).where(eq(subsidyClaims.workerId, other.worker.id)).all()).toEqual([])
  } finally {
    db.update(subsidyPolicies).set(restore).where(eq(subsidyPolicies.id, policy.id)).run()
  }
})

test('未核验的账号打开“新申请”：只说先核验，不说政策没有公布，没有“开始填写” / an unverified account on /me/claims/new is told only to get verified, not that the policy is missing, and offered no start button', async () => {
  subsidyPolicyFor('kaizhou')
  const pending = await createPendingAccount('kaizhou')
  const cookie = await cookieFor(pending.user.username)
  const page = await callLoader(newLoader, { path: '/me/claims/new', cookie })
  if (!('value' in page)) throw new Error('no page')
  expect(page.value.verified).toBe(false)
  // The county's policy exists: it is looked up by the county, not through the unlinked ledger row.
  expect(page.value.policy).toBe(true)
  expect(page.value.problems).toEqual([])
  expect(page.value.mayStart).toBe(false)
  const list = await callLoader(listLoader, { path: '/me/claims', cookie })
  if (!('value' in list)) throw new Error('no page')
  expect(list.value.start.verified).toBe(false)
  expect(list.value.start.thisYear).toBe(false)
  // What the button would have answered: a refusal, so it is not offered.
  const r = await callAction(newAction, { path: '/me/claims/new', fields: tokenFields(issueFormToken()), cookie })
  expect(unwrapData('value' in r ? r.value : null).status).toBe(403)
})

test('“新申请”的按钮只在能开始时出现：今年已申请就不出现 / /me/claims/new offers its button only when starting would succeed: not with a claim counting for the year', async () => {
  subsidyPolicyFor('kaizhou')
  const me = await eligibleClaimant('kaizhou')
  const ok = await callLoader(newLoader, { path: '/me/claims/new', cookie: me.cookie })
  expect('value' in ok && ok.value.mayStart).toBe(true)
  await createTestClaim('kaizhou', { claimant: me, state: 'under_review' })
  const refused = await callLoader(newLoader, { path: '/me/claims/new', cookie: me.cookie })
  if (!('value' in refused)) throw new Error('no page')
  expect(refused.value.mayStart).toBe(false)
})
