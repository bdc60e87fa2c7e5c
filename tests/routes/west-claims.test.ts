import { and, asc, eq } from 'drizzle-orm'
import { createElement } from 'react'
import { expect, test } from 'vitest'
import { areas, subsidyClaimEvents, subsidyClaims, subsidyTickets } from '../../db/schema'
import { QUEUE_STATES, WAITING_STATES, claimQueuePlan } from '~/models/claim-queue.server'
import { ClaimDecisions } from '~/components/claim-review'
import { db } from '~/utils/db.server'
import { loader as queueLoader } from '~/routes/west.claims._index'
import { action as reviewAction, loader as reviewLoader } from '~/routes/west.claims.$claimId'
import { action as newAction, loader as newLoader } from '~/routes/west.claims.new'
import { createTestClaim, eligibleClaimant, subsidyPolicyFor, ticketInput } from '../factories-subsidy'
import { actorFor } from '../factories'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { renderAt, textOf } from '../render'
import { actionAs, callLoader, cookieFor, unwrapData } from '../request'

// The county's review of subsidy claims (/west/claims…, issue 13 §6) through real requests: every move the state
// table allows, each with its timeline row and audit row; every refusal (a skipped or redone step, a stale form,
// another county's claim, east or a worker).

const claimOf = (id: number) => db.select().from(subsidyClaims).where(eq(subsidyClaims.id, id)).get()!
const eventsOf = (id: number) => db.select().from(subsidyClaimEvents).where(eq(subsidyClaimEvents.claimId, id)).orderBy(asc(subsidyClaimEvents.id)).all()
const ticketsOf = (id: number) => db.select().from(subsidyTickets).where(eq(subsidyTickets.claimId, id)).orderBy(asc(subsidyTickets.position)).all()

/** What the page's forms carry: the claim's state and version as stored now. */
const seenOf = (id: number) => {
  const c = claimOf(id)
  return { seenState: c.state, version: String(c.updatedAt.getTime()) }
}

const onClaim = (id: number, fields: Record<string, string>, as = 'kaizhou') =>
  actionAs(as, reviewAction, { path: `/west/claims/${id}`, fields, params: { claimId: String(id) } })

async function expectRedirect(posted: Awaited<ReturnType<typeof onClaim>>) {
  if (!('thrown' in posted)) throw new Error(`expected a redirect, got ${JSON.stringify(unwrapData(posted.value))}`)
  return noticeOf(posted.thrown)
}

function expectReply(posted: Awaited<ReturnType<typeof onClaim>>) {
  if (!('value' in posted)) throw new Error(`expected a reply, got ${posted.thrown.status}`)
  return unwrapData<{ intent: string; result: { error: Record<string, string[]> } }>(posted.value)
}

test('开始审核、逐张审核、部分通过：金额按通过的车票重算，每一步有办理记录和审计 / start, decide tickets, partially approve: the amount is recomputed over approved tickets, each step with its event and audit row', async () => {
  subsidyPolicyFor('kaizhou')
  const { claim, tickets } = await createTestClaim('kaizhou', {
    tickets: [
      ticketInput({ fareFen: 30_000 }),
      ticketInput({ direction: 'return', fareFen: 20_000 }),
      ticketInput({ direction: 'return', mode: 'flight', fareFen: 90_000 }),
    ],
  })
  const started = await expectRedirect(await onClaim(claim.id, { intent: 'start', ...seenOf(claim.id) }))
  expect(started.text).toBe('已开始审核，请逐张审核车票。')
  expect(claimOf(claim.id).state).toBe('under_review')
  // The flight is marked refused by the rules' verdict as the review starts.
  expect(ticketsOf(claim.id).map((t) => [t.decision, t.rejectReason])).toEqual([
    [null, null],
    [null, null],
    ['rejected', 'ineligible_mode'],
  ])
  const early = expectReply(await onClaim(claim.id, { intent: 'approve', ...seenOf(claim.id) }))
  expect(early.status).toBe(400)
  expect(early.data.result.error['']).toEqual(['还有 2 张车票没有审核，请先在上面逐张选择“通过”或“不通过”并保存。'])
  const noReason = expectReply(
    await onClaim(claim.id, {
      intent: 'tickets',
      ...seenOf(claim.id),
      'tickets[0].id': String(tickets[0].id),
      'tickets[0].decision': 'rejected',
    }),
  )
  expect(noReason.status).toBe(400)
  expect(noReason.data.result.error[`reason-${tickets[0].id}`]).toEqual(['不通过的车票请选择原因。'])
  const decided = await onClaim(claim.id, {
    intent: 'tickets',
    ...seenOf(claim.id),
    'tickets[0].id': String(tickets[0].id),
    'tickets[0].decision': 'approved',
    'tickets[1].id': String(tickets[1].id),
    'tickets[1].decision': 'rejected',
    'tickets[1].reason': 'unreadable',
    'tickets[2].id': String(tickets[2].id),
    'tickets[2].decision': 'rejected',
    'tickets[2].reason': 'ineligible_mode',
  })
  expect((await expectRedirect(decided)).text).toBe('车票审核结果已保存。')
  const approved = await expectRedirect(await onClaim(claim.id, { intent: 'approve', ...seenOf(claim.id) }))
  expect(approved.text).toBe('部分通过：不通过的车票不计入补助。')
  const after = claimOf(claim.id)
  expect(after).toMatchObject({ state: 'partially_approved', approvedFen: 30_000 })
  expect(after.decidedByUserId).not.toBeNull()
  expect(
    eventsOf(claim.id)
      .map((e) => [e.fromState, e.toState])
      .slice(-2),
  ).toEqual([
    ['submitted', 'under_review'],
    ['under_review', 'partially_approved'],
  ])
  // The worker's timeline names each refused ticket and its reason (issue 13 §8: the reason for every decision).
  const note = eventsOf(claim.id).at(-1)!.message!
  expect(note).toContain('不予补助：票据看不清')
  expect(note).toContain('不予补助：乘坐方式不在补贴范围')
  expect(auditOf('claim.start_review', claim.id)).toHaveLength(1)
  expect(auditOf('claim.ticket_decide', claim.id)).toHaveLength(1)
  expect(auditOf('claim.partially_approve', claim.id)[0]).toMatchObject({ entity: 'claim', detail: expect.objectContaining({ approvedFen: 30_000 }) })
})

test('只退掉规则本已不计的车票、核定金额等于预计金额：审核通过而非部分通过，办理记录仍写明不予补助的车票 / refusing only the tickets the rules had already left out pays the expected amount: approved, not partially approved, and the timeline still names the refused ticket', async () => {
  subsidyPolicyFor('kaizhou')
  // The worker was told ¥500.00: the flight was never counted (what submitClaim stores as expectedFen).
  const { claim, tickets } = await createTestClaim('kaizhou', {
    expectedFen: 50_000,
    tickets: [
      ticketInput({ fareFen: 30_000 }),
      ticketInput({ direction: 'return', fareFen: 20_000 }),
      ticketInput({ direction: 'return', mode: 'flight', fareFen: 90_000 }),
    ],
  })
  await expectRedirect(await onClaim(claim.id, { intent: 'start', ...seenOf(claim.id) }))
  await expectRedirect(
    await onClaim(claim.id, {
      intent: 'tickets',
      ...seenOf(claim.id),
      'tickets[0].id': String(tickets[0].id),
      'tickets[0].decision': 'approved',
      'tickets[1].id': String(tickets[1].id),
      'tickets[1].decision': 'approved',
      'tickets[2].id': String(tickets[2].id),
      'tickets[2].decision': 'rejected',
      'tickets[2].reason': 'ineligible_mode',
    }),
  )
  const approved = await expectRedirect(await onClaim(claim.id, { intent: 'approve', ...seenOf(claim.id) }))
  expect(approved.text).toBe('审核通过。')
  expect(claimOf(claim.id)).toMatchObject({ state: 'approved', approvedFen: 50_000 })
  expect(eventsOf(claim.id).at(-1)!.message).toContain('不予补助：乘坐方式不在补贴范围')
  expect(auditOf('claim.approve', claim.id)[0]).toMatchObject({ detail: expect.objectContaining({ approvedFen: 50_000, rejectedTickets: 1 }) })
  expect(auditOf('claim.partially_approve', claim.id)).toHaveLength(0)
})

test('退回后再次提交的申领：申领信息不再把旧的退回当作现在的决定，只写“上次退回”（谁、哪天、说明） / a claim submitted again after a return shows no stale decision, only 上次退回 with who, when and the message', async () => {
  const { claim } = await createTestClaim('kaizhou', { state: 'under_review' })
  await expectRedirect(await onClaim(claim.id, { intent: 'return', ...seenOf(claim.id), message: '返程车票没有照片，请补拍上传。' }))
  const reviewer = actorFor('kaizhou')
  // The worker submits again (me.claims does this through moveClaim); old decision fields left on the row, as
  // an older claim may carry them, must not read as the current decision either.
  db.update(subsidyClaims)
    .set({ state: 'submitted', decidedByUserId: reviewer.userId, decidedAt: new Date(), decisionReason: 'unreadable' })
    .where(eq(subsidyClaims.id, claim.id))
    .run()
  db.insert(subsidyClaimEvents).values({ claimId: claim.id, fromState: 'returned', toState: 'submitted', actorUserId: null }).run()
  const params = { claimId: String(claim.id) }
  for (const step of ['submitted', 'under_review'] as const) {
    if (step === 'under_review') await expectRedirect(await onClaim(claim.id, { intent: 'start', ...seenOf(claim.id) }))
    const page = await callLoader(reviewLoader, { path: `/west/claims/${claim.id}`, cookie: await cookieFor('kaizhou'), params })
    if (!('value' in page)) throw new Error('expected the page')
    const terms = page.value.facts.map((f) => f.term)
    expect(terms).not.toContain('决定人')
    expect(terms).not.toContain('原因')
    expect(terms).not.toContain('说明')
    const last = page.value.facts.find((f) => f.term === '上次退回')
    expect(last?.value).toMatch(/^.+（\d{4}-\d{2}-\d{2}）：返程车票没有照片，请补拍上传。$/)
  }
  // Decided again, the new decision stands and 上次退回 is left to the timeline.
  for (const t of ticketsOf(claim.id)) db.update(subsidyTickets).set({ decision: 'approved' }).where(eq(subsidyTickets.id, t.id)).run()
  await expectRedirect(await onClaim(claim.id, { intent: 'approve', ...seenOf(claim.id) }))
  const decided = await callLoader(reviewLoader, { path: `/west/claims/${claim.id}`, cookie: await cookieFor('kaizhou'), params })
  if (!('value' in decided)) throw new Error('expected the page')
  expect(decided.value.facts.map((f) => f.term)).toContain('决定人')
  expect(decided.value.facts.map((f) => f.term)).not.toContain('上次退回')
})

test('全部通过、不予通过、退回修改：各有原因和说明；重复或跳步一律 409 / approve, reject and return each carry their reason; a redone or skipped step is a 409', async () => {
  const ok = await createTestClaim('kaizhou', { state: 'under_review' })
  for (const t of ticketsOf(ok.claim.id)) db.update(subsidyTickets).set({ decision: 'approved' }).where(eq(subsidyTickets.id, t.id)).run()
  const stale = seenOf(ok.claim.id)
  expect((await expectRedirect(await onClaim(ok.claim.id, { intent: 'approve', ...stale }))).text).toBe('审核通过。')
  expect(claimOf(ok.claim.id)).toMatchObject({ state: 'approved', approvedFen: 45_650 })
  // The same form posted again (a double click, a second tab): refused, no second transition.
  const again = expectReply(await onClaim(ok.claim.id, { intent: 'approve', ...stale }))
  expect(again.status).toBe(409)
  expect(again.data.result.error[''][0]).toMatch(/^这份申请已由.+处理，现在是“审核通过”/)
  // Even with the current version, approving an approved claim is not a move.
  const redo = expectReply(await onClaim(ok.claim.id, { intent: 'approve', ...seenOf(ok.claim.id) }))
  expect(redo.status).toBe(409)
  expect(eventsOf(ok.claim.id).filter((e) => e.toState === 'approved')).toHaveLength(1)
  expect(auditOf('claim.approve', ok.claim.id)).toHaveLength(1)

  const skip = await createTestClaim('kaizhou', { state: 'submitted' })
  const skipped = expectReply(await onClaim(skip.claim.id, { intent: 'approve', ...seenOf(skip.claim.id) }))
  expect(skipped.status).toBe(409)
  expect(claimOf(skip.claim.id).state).toBe('submitted')

  const no = await createTestClaim('kaizhou', { state: 'under_review' })
  const missing = expectReply(await onClaim(no.claim.id, { intent: 'reject', ...seenOf(no.claim.id), reason: 'mismatch' }))
  expect(missing.status).toBe(400)
  expect(missing.data.result.error.message).toEqual(['请填写理由'])
  await expectRedirect(await onClaim(no.claim.id, { intent: 'reject', ...seenOf(no.claim.id), reason: 'mismatch', message: '票面日期与填写不符' }))
  expect(claimOf(no.claim.id)).toMatchObject({ state: 'rejected', decisionReason: 'mismatch', decisionMessage: '票面日期与填写不符' })
  expect(eventsOf(no.claim.id).at(-1)).toMatchObject({ toState: 'rejected', reason: 'mismatch', message: '票面日期与填写不符' })
  expect(auditOf('claim.reject', no.claim.id)[0]).toMatchObject({ reason: 'mismatch' })

  const back = await createTestClaim('kaizhou', { state: 'under_review' })
  const blank = expectReply(await onClaim(back.claim.id, { intent: 'return', ...seenOf(back.claim.id), message: '  ' }))
  expect(blank.status).toBe(400)
  await expectRedirect(await onClaim(back.claim.id, { intent: 'return', ...seenOf(back.claim.id), message: '请补充返程车票照片' }))
  expect(claimOf(back.claim.id)).toMatchObject({ state: 'returned', decisionMessage: '请补充返程车票照片', decidedByUserId: null })
  expect(auditOf('claim.return', back.claim.id)).toHaveLength(1)
})

test('规则能判定的原因只能在规则认定时选：合格车票选“乘坐方式不在补贴范围”被拒，400、原因旁提示、不写入 / a reason the rules decide is refused for a ticket the rules find eligible: 400 beside its select, nothing written', async () => {
  subsidyPolicyFor('kaizhou')
  const { claim, tickets } = await createTestClaim('kaizhou', {
    state: 'under_review',
    tickets: [ticketInput(), ticketInput({ direction: 'return', mode: 'flight', fareFen: 90_000 })],
  })
  const [train, flight] = tickets
  const page = await callLoader(reviewLoader, { path: `/west/claims/${claim.id}`, cookie: await cookieFor('kaizhou'), params: { claimId: String(claim.id) } })
  if (!('value' in page)) throw new Error('expected the page')
  // The page offers only the reasons that apply: the judgement ones everywhere, 乘坐方式 only for the flight.
  const offered = page.value.tickets.map((t) => t.reasons)
  expect(offered[0]).not.toContain('ineligible_mode')
  expect(offered[0]).not.toContain('batch_leg')
  expect(offered[0]).not.toContain('outside_year')
  expect(offered[0]).not.toContain('not_eligible_person')
  expect(offered[0]).toEqual(expect.arrayContaining(['unreadable', 'duplicate_ticket', 'mismatch', 'other']))
  expect(offered[1]).toContain('ineligible_mode')
  expect(page.value.claimReasons).toContain('ineligible_mode')
  expect(page.value.claimReasons).not.toContain('not_eligible_person')

  const before = claimOf(claim.id).updatedAt.getTime()
  for (const reason of ['ineligible_mode', 'batch_leg', 'outside_year', 'not_eligible_person']) {
    const refused = expectReply(
      await onClaim(claim.id, {
        intent: 'tickets',
        ...seenOf(claim.id),
        'tickets[0].id': String(train.id),
        'tickets[0].decision': 'rejected',
        'tickets[0].reason': reason,
        'tickets[1].id': String(flight.id),
        'tickets[1].decision': 'rejected',
        'tickets[1].reason': 'ineligible_mode',
      }),
    )
    expect(refused.status).toBe(400)
    expect(refused.data.result.error[`reason-${train.id}`]?.[0]).toMatch(/^按规则核对，这张车票没有“.+”的情况，不能以此不通过/)
  }
  expect(ticketsOf(claim.id).map((t) => t.decision)).toEqual([null, null])
  expect(claimOf(claim.id).updatedAt.getTime()).toBe(before)
  expect(auditOf('claim.ticket_decide', claim.id)).toHaveLength(0)
  // A judgement reason stays free, and the rules' own reason for the flight is accepted.
  await expectRedirect(
    await onClaim(claim.id, {
      intent: 'tickets',
      ...seenOf(claim.id),
      'tickets[0].id': String(train.id),
      'tickets[0].decision': 'rejected',
      'tickets[0].reason': 'unreadable',
      'tickets[1].id': String(flight.id),
      'tickets[1].decision': 'rejected',
      'tickets[1].reason': 'ineligible_mode',
    }),
  )
  expect(ticketsOf(claim.id).map((t) => t.rejectReason)).toEqual(['unreadable', 'ineligible_mode'])

  // The whole claim: 不符合申领对象条件 for an eligible person is refused beside the reason; 乘坐方式 is a fact here.
  const person = expectReply(await onClaim(claim.id, { intent: 'reject', ...seenOf(claim.id), reason: 'not_eligible_person', message: '不符合' }))
  expect(person.status).toBe(400)
  expect(person.data.result.error.reason?.[0]).toMatch(/^按规则核对，这份申请没有“不符合申领对象条件”的情况/)
  expect(claimOf(claim.id).state).toBe('under_review')
  await expectRedirect(await onClaim(claim.id, { intent: 'reject', ...seenOf(claim.id), reason: 'ineligible_mode', message: '乘飞机不补贴' }))
  expect(claimOf(claim.id)).toMatchObject({ state: 'rejected', decisionReason: 'ineligible_mode' })
})

test('另一个区县的申请是 404，东部和务工人员进不来 / another county’s claim is a 404; east staff and workers are turned away', async () => {
  const { claim, claimant } = await createTestClaim('kaizhou')
  const params = { claimId: String(claim.id) }
  const page = await callLoader(reviewLoader, { path: `/west/claims/${claim.id}`, cookie: await cookieFor('xiushan'), params })
  expect('thrown' in page && page.thrown.status).toBe(404)
  const posted = await onClaim(claim.id, { intent: 'start', ...seenOf(claim.id) }, 'xiushan')
  expect('thrown' in posted && posted.thrown.status).toBe(404)
  // A missing or bad form is still a 404, not a 400 carrying the not-found page: ownership is checked first.
  for (const fields of [{}, { intent: 'approve' }, { intent: 'tickets', seenState: 'x', version: 'y' }] as Record<string, string>[]) {
    const bad = await onClaim(claim.id, fields, 'xiushan')
    expect('thrown' in bad && bad.thrown.status).toBe(404)
  }
  expect(claimOf(claim.id).state).toBe('submitted')
  const east = await callLoader(reviewLoader, { path: `/west/claims/${claim.id}`, cookie: await cookieFor('weifang'), params })
  expect('thrown' in east && east.thrown.status).toBe(403)
  const worker = await callLoader(queueLoader, { path: '/west/claims', cookie: claimant.cookie })
  expect('thrown' in worker && worker.thrown.status).toBe(403)
  const list = await callLoader(queueLoader, { path: '/west/claims', cookie: await cookieFor('xiushan') })
  if (!('value' in list)) throw new Error('expected the queue')
  expect(list.value.rows.map((r) => r.id)).not.toContain(claim.id)
})

test('审核队列：默认待处理，按状态和疑似重复筛选；审核页列出车票和规则核对 / the queue shows what waits by default and filters by state; the review page lists tickets with the rules’ verdict', async () => {
  const waiting = await createTestClaim('kaizhou')
  const paid = await createTestClaim('kaizhou', { state: 'paid' })
  const cookie = await cookieFor('kaizhou')
  const queue = await callLoader(queueLoader, { path: '/west/claims', cookie })
  if (!('value' in queue)) throw new Error('expected the queue')
  const ids = queue.value.rows.map((r) => r.id)
  expect(ids).toContain(waiting.claim.id)
  expect(ids).not.toContain(paid.claim.id)
  const paidView = await callLoader(queueLoader, { path: '/west/claims?state=paid', cookie })
  if (!('value' in paidView)) throw new Error('expected the queue')
  expect(paidView.value.rows.map((r) => r.id)).toContain(paid.claim.id)
  const flagged = await callLoader(queueLoader, { path: '/west/claims?flagged=1', cookie })
  if (!('value' in flagged)) throw new Error('expected the queue')
  expect(flagged.value.rows.map((r) => r.id)).not.toContain(waiting.claim.id)
  const page = await callLoader(reviewLoader, { path: `/west/claims/${waiting.claim.id}`, cookie, params: { claimId: String(waiting.claim.id) } })
  if (!('value' in page)) throw new Error('expected the page')
  expect(page.value.tickets).toHaveLength(1)
  expect(page.value.tickets[0].verdict.eligible).toBe(true)
  expect(page.value.claim.state).toBe('submitted')
})

test('乡镇筛选：只列该乡镇的申领，按申领记下的乡镇 / the township filter lists that township’s claims, by the township the claim recorded', async () => {
  const towns = db
    .select({ code: areas.code, name: areas.name })
    .from(areas)
    .where(and(eq(areas.parentCode, actorFor('kaizhou').areaCode), eq(areas.level, 'township')))
    .orderBy(asc(areas.code))
    .limit(2)
    .all()
  const [a, b] = await Promise.all(
    towns.map(async (t) => createTestClaim('kaizhou', { claimant: await eligibleClaimant('kaizhou', { ledger: { townshipCode: t.code } }) })),
  )
  expect([a.claim.townshipCode, b.claim.townshipCode]).toEqual(towns.map((t) => t.code))
  const cookie = await cookieFor('kaizhou')
  const queue = await callLoader(queueLoader, { path: `/west/claims?township=${towns[1].code}`, cookie })
  if (!('value' in queue)) throw new Error('expected the queue')
  expect(queue.value.rows.map((r) => r.id)).toContain(b.claim.id)
  expect(queue.value.rows.map((r) => r.id)).not.toContain(a.claim.id)
  expect(queue.value.rows.find((r) => r.id === b.claim.id)?.township).toBe(towns[1].name)
})

test('代为申报：定额申领直接提交并记为代办；同年第二次 409 / assisted filing submits a flat claim recorded as assisted; a second one that year is a 409', async () => {
  subsidyPolicyFor('kaizhou')
  const claimant = await eligibleClaimant('kaizhou')
  const cookie = await cookieFor('kaizhou')
  const page = await callLoader(newLoader, { path: `/west/claims/new?worker=${claimant.worker.id}`, cookie })
  if (!('value' in page)) throw new Error('expected the page')
  expect(page.value.preview?.problems).toEqual([])
  const fields = { intent: 'file', workerId: String(claimant.worker.id), cardKind: 'bank', cardNumber: '', cardNumberAgain: '', note: '已电话核实' }
  const filed = await actionAs('kaizhou', newAction, { path: '/west/claims/new', fields })
  if (!('thrown' in filed)) throw new Error('expected a redirect')
  const id = Number((await noticeOf(filed.thrown)).location!.split('/').pop())
  expect(claimOf(id)).toMatchObject({ state: 'submitted', flat: true, userId: null, workerId: claimant.worker.id, townshipCode: claimant.worker.townshipCode })
  expect(claimOf(id).assistedByUserId).not.toBeNull()
  expect(eventsOf(id)).toMatchObject([{ fromState: null, toState: 'submitted', message: '工作人员代为申报：已电话核实' }])
  expect(auditOf('claim.assisted_file', id)).toHaveLength(1)
  const twice = await actionAs('kaizhou', newAction, { path: '/west/claims/new', fields })
  if (!('value' in twice)) throw new Error('expected a reply')
  expect(unwrapData(twice.value).status).toBe(409)
  const outsider = await callLoader(newLoader, { path: `/west/claims/new?worker=${claimant.worker.id}`, cookie: await cookieFor('xiushan') })
  expect('thrown' in outsider && outsider.thrown.status).toBe(404)
  // Another county's ledger row named by the form is a 404 even when the rest of the form is missing or bad.
  const bads: Record<string, string>[] = [
    { intent: 'file', workerId: String(claimant.worker.id) },
    { workerId: String(claimant.worker.id), cardKind: 'x' },
  ]
  for (const bad of bads) {
    const posted = await actionAs('xiushan', newAction, { path: '/west/claims/new', fields: bad })
    expect('thrown' in posted && posted.thrown.status).toBe(404)
  }
})

test('队列查询走状态索引（选了乡镇走乡镇索引），不扫全表、只为合并后的一页排序 / the queue’s queries walk the state index (the township index with a township): no table scan, only the merged page is sorted', () => {
  const actor = actorFor('kaizhou')
  const base = { view: 'waiting' as const, township: null, flagged: false, olderThanDays: null }
  const inTownship = { ...base, township: '500154001' }
  for (const f of [
    base,
    { ...inTownship, flagged: true, olderThanDays: 7 },
    inTownship,
    { ...base, view: 'all' as const },
    { ...inTownship, view: 'all' as const },
  ]) {
    const plan = claimQueuePlan(actor, f, { limit: 20, offset: 40 }).join('\n')
    const index = f.township ? 'subsidy_claims_org_township_idx' : 'subsidy_claims_org_state_idx'
    const other = f.township ? 'subsidy_claims_org_state_idx' : 'subsidy_claims_org_township_idx'
    expect(plan.match(new RegExp(`${index} \\(organisation_id=\\? AND ${f.township ? 'township_code=\\? AND ' : ''}state=\\?`, 'g'))?.length ?? 0).toBe(
      f.view === 'all' ? QUEUE_STATES.length : WAITING_STATES.length,
    )
    expect(plan).not.toContain(other)
    expect(plan).not.toMatch(/SCAN subsidy_claims\b(?! USING)/)
    expect(plan).not.toMatch(/\bworkers\b/)
    // One temporary sort: the outer merge of at most offset + limit rows per state, never a county's claims.
    expect(plan.match(/TEMP B-TREE/g) ?? []).toHaveLength(1)
  }
})

test('同一票号只能审核通过一次：另一区县再通过是 400（原因旁提示），数据库也拒绝；整份不予通过后票号放开 / a ticket number is approved once: a second approval elsewhere is a 400 beside it and the database refuses it too; rejecting the first claim frees the number', async () => {
  subsidyPolicyFor('kaizhou')
  subsidyPolicyFor('xiushan')
  const number = `DUP${Date.now().toString(36).toUpperCase()}`
  const first = await createTestClaim('kaizhou', { tickets: [ticketInput({ ticketNumber: number })] })
  const second = await createTestClaim('xiushan', { tickets: [ticketInput({ ticketNumber: number })] })
  const approve = async (c: typeof first, as: string) => {
    await onClaim(c.claim.id, { intent: 'start', ...seenOf(c.claim.id) }, as)
    return onClaim(c.claim.id, { intent: 'tickets', ...seenOf(c.claim.id), 'tickets[0].id': String(c.tickets[0].id), 'tickets[0].decision': 'approved' }, as)
  }
  expect((await expectRedirect(await approve(first, 'kaizhou'))).text).toBe('车票审核结果已保存。')
  const refused = expectReply(await approve(second, 'xiushan'))
  expect(refused.status).toBe(400)
  expect(refused.data.result.error[`reason-${second.tickets[0].id}`]).toEqual([`票号 ${number} 已在另一份申请中审核通过，同一张车票只能补助一次。`])
  expect(ticketsOf(second.claim.id)[0].decision).toBeNull()
  // The constraint holds whatever the code does.
  expect(() => db.update(subsidyTickets).set({ decision: 'approved' }).where(eq(subsidyTickets.id, second.tickets[0].id)).run()).toThrow(/UNIQUE/)
  // Rejecting the first claim as a whole pays none of its tickets, so the number may be approved on the other.
  const rejected = await onClaim(first.claim.id, { intent: 'reject', ...seenOf(first.claim.id), reason: 'duplicate_ticket', message: '与另一份申请的车票重复' })
  await expectRedirect(rejected)
  expect(ticketsOf(first.claim.id)[0]).toMatchObject({ decision: 'rejected', rejectReason: 'duplicate_ticket' })
  const again = await onClaim(
    second.claim.id,
    { intent: 'tickets', ...seenOf(second.claim.id), 'tickets[0].id': String(second.tickets[0].id), 'tickets[0].decision': 'approved' },
    'xiushan',
  )
  expect((await expectRedirect(again)).text).toBe('车票审核结果已保存。')
})

test('审核按钮是普通按钮（不撑满整张卡片），说明何时记为部分通过 / the review buttons keep their own width, and the hint says when it is 部分通过', async () => {
  const seen = { state: 'under_review' as const, version: 1 }
  const render = (state: 'submitted' | 'under_review') =>
    renderAt(createElement(ClaimDecisions, { state, seen: { ...seen, state }, previewFen: 30_000, expectedFen: 50_000, reasons: [], errors: () => undefined }))
  // The form is a grid, which stretches a direct child: each submit button sits in a flex .actions row instead.
  for (const state of ['submitted', 'under_review'] as const) {
    const html = await render(state)
    expect(html.match(/<button[^>]*type="submit"/g)?.length).toBeGreaterThan(0)
    expect(html.match(/<div class="actions"><button[^>]*type="submit"/g)?.length).toBe(html.match(/<button[^>]*type="submit"/g)?.length)
  }
  expect(textOf(await render('under_review'))).toContain('核定金额 ¥300.00；低于预计金额 ¥500.00 时记为“部分通过”。')
})
