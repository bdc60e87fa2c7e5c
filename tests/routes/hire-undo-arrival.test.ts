import { and, eq, isNotNull, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { applications, batchSeats, employmentRecords, subsidyClaims, vacancies } from '../../db/schema'
import { markArrivals } from '~/models/arrival.server'
import { moveBatch } from '~/models/batch.server'
import { moveApplication, undoDecision } from '~/models/hire.server'
import { bookSeat } from '~/models/seat.server'
import { action, loader } from '~/routes/east.jobs.$jobId.applicants'
import { mayUndoDecision } from '~/rules/application'
import { formatDate, todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { actorFor } from '../factories'
import { createTestBatch } from '../factories-batches'
import { postWithContacted, stateOf } from '../factories-hire'
import { createTestClaim } from '../factories-subsidy'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { callAction, callLoader, cookieFor, unwrapData } from '../request'

// Undoing a hire that something else refers to (an attacker's find): the bureau's 到岗确认 on a charter batch
// links the seat to the hire it confirms (markArrivals), and a subsidy claim may give it as proof of employment.
// Deleting that employment record failed on the foreign key, a 500. Now the undo is refused (409) with a
// sentence saying what to do, nothing is written, and once the arrival is corrected to 未到岗 it goes through,
// audited as before. Every foreign key on employment_records is one undoCheck knows of.

type Reply = { applicationId: number; result: { error?: Record<string, string[] | null> } }

const today = todayInShanghai()

async function send(jobId: number, fields: Record<string, string>) {
  return callAction(action, { path: `/east/jobs/${jobId}/applicants`, fields, cookie: await cookieFor('weifang'), params: { jobId: String(jobId) } })
}

function replyOf(result: Awaited<ReturnType<typeof send>>) {
  if (!('value' in result)) throw new Error(`expected a reply, got ${result.thrown.status}`)
  const { status, data } = unwrapData<Reply>(result.value)
  return { status, applicationId: data.applicationId, errors: data.result.error ?? {} }
}

function recordOf(applicationId: number) {
  return db.select().from(employmentRecords).where(eq(employmentRecords.applicationId, applicationId)).get() ?? null
}

function applicationOf(id: number) {
  return db.select().from(applications).where(eq(applications.id, id)).get()!
}

function seatOf(id: number) {
  return db.select().from(batchSeats).where(eq(batchSeats.id, id)).get()!
}

/**
 * A weifang post with one applicant hired today through the models, the hired person seated on a kaizhou batch
 * to weifang's city for the post's employer that departed today, and their arrival confirmed by weifang.
 */
async function hiredAndArrived() {
  const { post, ids } = await postWithContacted('weifang', 1)
  const weifang = actorFor('weifang')
  const hired = moveApplication(weifang, ids[0], 'hired', { startDate: today })
  expect(hired).toMatchObject({ ok: true })
  const application = applicationOf(ids[0])
  const kaizhou = actorFor('kaizhou')
  const { batch } = createTestBatch('kaizhou', { employerIds: [post.employerId], departureDate: today })
  const booked = bookSeat(kaizhou, batch.id, { workerId: application.workerId })
  if (!booked?.ok) throw new Error(`bookSeat: ${JSON.stringify(booked)}`)
  expect(moveBatch(kaizhou, batch.id, 'close')).toMatchObject({ ok: true })
  expect(moveBatch(kaizhou, batch.id, 'depart')).toMatchObject({ ok: true })
  expect(markArrivals(weifang, batch.id, [booked.seatId], 'arrived')).toEqual({ ok: true, changed: 1, linked: 1 })
  const record = recordOf(ids[0])!
  expect(seatOf(booked.seatId)).toMatchObject({ arrival: 'arrived', employmentRecordId: record.id })
  return { post, applicationId: ids[0], batchId: batch.id, seatId: booked.seatId, recordId: record.id }
}

const ARRIVED = `此人已在 ${today} 发车的包车批次确认到岗，不能撤销录用。如此人确未到岗，请先在到岗确认中将其标记为未到岗，再撤销录用`

test('演示数据：已确认到岗的录用撤销时拒绝（409），不再 500 / demo data: undoing a hire an arrival confirms is refused with 409, not a 500', async () => {
  // The attacker's case (weifang, post 8, application 12, seat 71 of batch 2) and its like, found by what they are rather than by ids.
  const demo = db
    .select({ applicationId: applications.id, vacancyId: applications.vacancyId, recordId: employmentRecords.id, seatId: batchSeats.id })
    .from(batchSeats)
    .innerJoin(employmentRecords, eq(employmentRecords.id, batchSeats.employmentRecordId))
    .innerJoin(applications, eq(applications.id, employmentRecords.applicationId))
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .where(and(eq(batchSeats.arrival, 'arrived'), eq(applications.status, 'hired'), eq(vacancies.organisationId, actorFor('weifang').organisationId)))
    .orderBy(batchSeats.id)
    .all()
    // Those the undo rule alone would let go (decided within the undo period): before the fix, each was a 500.
    .filter((r) => {
      const a = applicationOf(r.applicationId)
      const decidedOn = a.statusChangedAt ? formatDate(a.statusChangedAt) : null
      return mayUndoDecision({ status: a.status, previousStatus: a.previousStatus, decidedOn, today, dependants: 0 }).ok
    })
  expect(demo.length).toBeGreaterThan(0)
  for (const r of demo) {
    const { status, applicationId, errors } = replyOf(await send(r.vacancyId, { intent: 'undo', applicationId: String(r.applicationId), reason: '测试撤销' }))
    expect(status).toBe(409)
    expect(applicationId).toBe(r.applicationId)
    expect(errors['']?.[0]).toMatch(/^此人已在 \d{4}-\d{2}-\d{2} 发车的包车批次确认到岗，不能撤销录用。/)
    expect(applicationOf(r.applicationId).status).toBe('hired')
    expect(seatOf(r.seatId).employmentRecordId).toBe(r.recordId)
    expect(auditOf('application.undo', r.applicationId)).toHaveLength(0)
  }
})

test('确认到岗后撤销录用被拒并说明怎么办，什么都不写；页面不再提供撤销 / undoing a hire confirmed at arrival is refused with what to do, nothing written, and the page no longer offers it', async () => {
  const { post, applicationId, seatId, recordId } = await hiredAndArrived()
  const before = stateOf(post.id)
  const { status, errors } = replyOf(await send(post.id, { intent: 'undo', applicationId: String(applicationId), reason: '测试撤销' }))
  expect(status).toBe(409)
  expect(errors['']).toEqual([ARRIVED])
  expect(stateOf(post.id)).toEqual(before)
  expect(seatOf(seatId)).toMatchObject({ arrival: 'arrived', employmentRecordId: recordId })
  expect(auditOf('application.undo', applicationId)).toHaveLength(0)
  // The model says the same, and the applicants page's row is no longer undoable, for the same reason.
  expect(undoDecision(actorFor('weifang'), applicationId, '测试撤销')).toEqual({ ok: false, message: ARRIVED, status: 409 })
  const page = await callLoader(loader, { path: `/east/jobs/${post.id}/applicants`, cookie: await cookieFor('weifang'), params: { jobId: String(post.id) } })
  if (!('value' in page)) throw new Error('the page did not load')
  expect(page.value.applicants.find((a) => a.id === applicationId)?.undo).toEqual({ ok: false, message: ARRIVED, status: 409 })
})

test('到岗确认改为未到岗后可以撤销录用，照常写审计 / once the arrival is marked missing the hire can be undone, audited as before', async () => {
  const { post, applicationId, batchId, seatId, recordId } = await hiredAndArrived()
  expect(markArrivals(actorFor('weifang'), batchId, [seatId], 'missing')).toEqual({ ok: true, changed: 1, linked: 0 })
  expect(seatOf(seatId)).toMatchObject({ arrival: 'missing', employmentRecordId: null })
  const done = await send(post.id, { intent: 'undo', applicationId: String(applicationId), reason: '本人未到岗' })
  if (!('thrown' in done)) throw new Error('expected a redirect')
  expect(done.thrown.status).toBe(302)
  expect((await noticeOf(done.thrown)).text).toBe('已撤销，恢复为“已联系”。')
  expect(recordOf(applicationId)).toBeNull()
  expect(applicationOf(applicationId)).toMatchObject({ status: 'contacted', undoNote: '本人未到岗' })
  const [audit] = auditOf('application.undo', applicationId)
  expect(audit.detail).toMatchObject({ from: 'hired', to: 'contacted', employmentRecordId: recordId })
})

test('交通补贴申请用作就业证明的录用不能撤销 / a hire a subsidy claim gives as its proof of employment cannot be undone', async () => {
  const { post, ids } = await postWithContacted('weifang', 1)
  const weifang = actorFor('weifang')
  expect(moveApplication(weifang, ids[0], 'hired', { startDate: today })).toMatchObject({ ok: true })
  const record = recordOf(ids[0])!
  const { claim } = await createTestClaim('kaizhou', { state: 'draft' })
  db.update(subsidyClaims).set({ workerId: record.workerId, employmentRecordId: record.id }).where(eq(subsidyClaims.id, claim.id)).run()
  const { status, errors } = replyOf(await send(post.id, { intent: 'undo', applicationId: String(ids[0]), reason: '测试撤销' }))
  expect(status).toBe(409)
  expect(errors['']).toEqual(['此人申请交通补贴时已用这条就业记录作为就业证明，不能撤销录用；如录用确有错误，请联系管理员'])
  expect(recordOf(ids[0])?.id).toBe(record.id)
  expect(applicationOf(ids[0]).status).toBe('hired')
})

test('数据库拒绝删除（未知的引用）时整体回滚并拒绝，不是 500 / a reference the check does not know of rolls the whole undo back and is refused, not a 500', async () => {
  // A claim of another person pointing at the record: the code never writes it, the foreign key still refuses the delete.
  const { post, ids } = await postWithContacted('weifang', 1, { headcount: 1 })
  expect(moveApplication(actorFor('weifang'), ids[0], 'hired', { startDate: today })).toEqual({
    ok: true,
    filled: true,
  })
  const record = recordOf(ids[0])!
  const { claim } = await createTestClaim('kaizhou', { state: 'draft' })
  db.update(subsidyClaims).set({ employmentRecordId: record.id }).where(eq(subsidyClaims.id, claim.id)).run()
  const before = stateOf(post.id)
  const { status, errors } = replyOf(await send(post.id, { intent: 'undo', applicationId: String(ids[0]), reason: '测试撤销' }))
  expect(status).toBe(409)
  expect(errors['']).toEqual(['这条就业记录已被其他业务使用，不能撤销'])
  // Nothing half done: the post this hire filled is still filled, the application still hired, no audit row.
  expect(stateOf(post.id)).toEqual(before)
  expect(auditOf('application.undo', ids[0])).toHaveLength(0)
  expect(auditOf('vacancy.reopen', post.id)).toHaveLength(0)
})

test('引用就业记录的外键只有到岗确认和补贴申请，撤销都检查 / the only foreign keys on employment_records are the ones the undo checks', () => {
  const references = db
    .all<{ name: string; column: string }>(
      sql`select m.name as name, f."from" as "column" from sqlite_master m, pragma_foreign_key_list(m.name) f
          where m.type = 'table' and f."table" = 'employment_records' order by m.name`,
    )
    .map((r) => `${r.name}.${r.column}`)
  expect(references).toEqual(['batch_seats.employment_record_id', 'subsidy_claims.employment_record_id'])
  // …and in the demo data both kinds occur, so the check is not about an empty case.
  expect(db.select({ id: batchSeats.id }).from(batchSeats).where(isNotNull(batchSeats.employmentRecordId)).limit(1).all()).toHaveLength(1)
  expect(db.select({ id: subsidyClaims.id }).from(subsidyClaims).where(isNotNull(subsidyClaims.employmentRecordId)).limit(1).all()).toHaveLength(1)
})

test('不录用的撤销不受影响 / undoing a decline is unaffected', async () => {
  const { post, ids } = await postWithContacted('weifang', 1)
  expect(moveApplication(actorFor('weifang'), ids[0], 'declined')).toMatchObject({ ok: true })
  expect(undoDecision(actorFor('weifang'), ids[0], '看错了')).toEqual({ ok: true, to: 'contacted', reopened: false })
  expect(stateOf(post.id).applications[0].status).toBe('contacted')
})
