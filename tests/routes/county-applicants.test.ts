import { and, count, desc, eq, ne } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { applications, countyApplicationCounts, workers } from '../../db/schema'
import { moveApplication, undoDecision, withdrawApplication } from '~/models/application.server'
import { countCountyApplicantsByVacancy } from '~/models/county-applicants.server'
import { loader as jobsLoader } from '~/routes/west.jobs._index'
import { loader as recommendLoader } from '~/routes/west.jobs.$jobId.recommend'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { createLedgerWorker, createTestApplication, createTestVacancy } from '../factories'
import { actorFor } from '../lookups'
import { callLoader, cookieFor } from '../request'

// Issue 10: the county's post list reads how many of its people applied to each post from kept counts
// (county_application_counts, kept by triggers), and the recommend page lists only the newest 50 of a
// post's county applicants with their total. Both must say what a plain join over the applications says.

/** Every (post, county, status) count as a join over every application and its ledger row says. */
function countedByJoin() {
  return db
    .select({ vacancyId: applications.vacancyId, organisationId: workers.organisationId, status: applications.status, n: count() })
    .from(applications)
    .innerJoin(workers, eq(workers.id, applications.workerId))
    .groupBy(applications.vacancyId, workers.organisationId, applications.status)
    .all()
}

/** The kept counts equal the join, for every post, county and status (rows kept at zero are ignored). */
function expectKeptEqualsJoin() {
  const key = (r: { vacancyId: number; organisationId: number; status: string }) => `${r.vacancyId}/${r.organisationId}/${r.status}`
  const kept = db.select().from(countyApplicationCounts).where(ne(countyApplicationCounts.n, 0)).all()
  expect(new Map(kept.map((r) => [key(r), r.n]))).toEqual(new Map(countedByJoin().map((r) => [key(r), r.n])))
}

/** How many of `organisationId`'s people applied to `vacancyId` (any status), by a plain join: the page's old count. */
function countyApplicantsByJoin(vacancyId: number, organisationId: number, { withdrawn = true } = {}) {
  return db
    .select({ n: count() })
    .from(applications)
    .innerJoin(workers, eq(workers.id, applications.workerId))
    .where(and(eq(applications.vacancyId, vacancyId), eq(workers.organisationId, organisationId), withdrawn ? undefined : ne(applications.status, 'withdrawn')))
    .get()!.n
}

test('本县报名人数的留存计数与逐条统计一致 / the kept per-county counts equal a plain join after applying, recommending, moving, undoing, withdrawing, raw writes and deletes', async () => {
  expectKeptEqualsJoin()
  const weifang = actorFor('weifang')
  const kaizhou = actorFor('kaizhou')
  const xiushan = actorFor('xiushan')
  const job = createTestVacancy('weifang', { headcount: 10, targets: [kaizhou.areaCode, xiushan.areaCode] })
  const other = createTestVacancy('weifang')
  const recommended = await Promise.all([1, 2, 3, 4].map(() => createTestApplication(job.id, { by: 'recommended' })))
  const self = await createTestApplication(job.id)
  const fromXiushan = await createTestApplication(job.id, { centre: 'xiushan', by: 'recommended' })
  expectKeptEqualsJoin()

  const [a, b, c, d] = recommended.map((r) => r.application.id)
  expect(moveApplication(weifang, a, 'contacted')?.ok).toBe(true)
  expect(moveApplication(weifang, a, 'hired', { startDate: todayInShanghai() })?.ok).toBe(true)
  expect(moveApplication(weifang, b, 'declined', { reason: null })?.ok).toBe(true)
  expect(undoDecision(weifang, b, '再考虑一下')?.ok).toBe(true)
  expect(withdrawApplication(actorFor(self.user!.username), self.application.id)?.ok).toBe(true)
  expectKeptEqualsJoin()

  // Rows written outside the models (a script, a repair) are counted too: the triggers see every write.
  db.update(applications).set({ status: 'contacted' }).where(eq(applications.id, c)).run()
  db.update(applications).set({ vacancyId: other.id }).where(eq(applications.id, d)).run()
  db.update(applications)
    .set({ workerId: createLedgerWorker('xiushan').id })
    .where(eq(applications.id, c))
    .run()
  expectKeptEqualsJoin()
  db.delete(applications).where(eq(applications.id, fromXiushan.application.id)).run()
  // A ledger row moved to another county takes its applications with it.
  db.update(workers).set({ organisationId: xiushan.organisationId }).where(eq(workers.id, recommended[0].worker.id)).run()
  expectKeptEqualsJoin()
  db.update(workers).set({ organisationId: kaizhou.organisationId }).where(eq(workers.id, recommended[0].worker.id)).run()
  expectKeptEqualsJoin()

  // The county's post list counts exactly what the join counts (withdrawn included, as before), per county.
  for (const actor of [kaizhou, xiushan]) {
    const counts = countCountyApplicantsByVacancy(actor, [job.id, other.id])
    for (const id of [job.id, other.id]) expect(counts.get(id) ?? 0, `${actor.areaCode} ${id}`).toBe(countyApplicantsByJoin(id, actor.organisationId))
  }
})

test('对口岗位列表的“本县已报名”与逐条统计一致 / /west/jobs shows per post the count a plain join gives', async () => {
  const kaizhou = actorFor('kaizhou')
  const job = createTestVacancy('weifang')
  await createTestApplication(job.id, { by: 'recommended' })
  await createTestApplication(job.id)
  const cookie = await cookieFor('kaizhou')
  const page = await callLoader(jobsLoader, { path: '/west/jobs', cookie })
  const rows = 'value' in page ? page.value.rows : []
  expect(rows.map((r) => r.id)).toContain(job.id)
  for (const r of rows) expect(r.fromCounty, `post ${r.id}`).toBe(countyApplicantsByJoin(r.id, kaizhou.organisationId))
})

test('热门岗位的推荐页只列最新 50 人并显示总数，候选人已报名标记准确 / a popular post lists the newest 50 county applicants with the total, and marks exactly the shown candidates who applied', async () => {
  const kaizhou = actorFor('kaizhou')
  const xiushan = actorFor('xiushan')
  const job = createTestVacancy('weifang', { targets: [kaizhou.areaCode, xiushan.areaCode] })
  const people = Array.from({ length: 56 }, () => createLedgerWorker('kaizhou'))
  for (const p of people)
    db.insert(applications).values({ vacancyId: job.id, workerId: p.id, source: 'recommended', recommendedByUserId: kaizhou.userId }).run()
  // The newest of them withdrew (left out) and another county's person applied last (not this county's).
  const withdrawn = people.at(-1)!
  db.update(applications)
    .set({ status: 'withdrawn' })
    .where(and(eq(applications.vacancyId, job.id), eq(applications.workerId, withdrawn.id)))
    .run()
  await createTestApplication(job.id, { centre: 'xiushan', by: 'recommended' })

  const cookie = await cookieFor('kaizhou')
  const page = await callLoader(recommendLoader, { path: `/west/jobs/${job.id}/recommend`, cookie, params: { jobId: String(job.id) } })
  if (!('value' in page)) throw new Error('the page threw')
  const expected = db
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(workers, eq(workers.id, applications.workerId))
    .where(and(eq(applications.vacancyId, job.id), eq(workers.organisationId, kaizhou.organisationId), ne(applications.status, 'withdrawn')))
    .orderBy(desc(applications.id))
    .all()
  expect(page.value.appliedTotal).toBe(55)
  expect(page.value.appliedTotal).toBe(countyApplicantsByJoin(job.id, kaizhou.organisationId, { withdrawn: false }))
  expect(page.value.applied.map((a) => a.id)).toEqual(expected.slice(0, 50).map((r) => r.id))

  // Each candidate on the ledger page is marked applied exactly when they have a live application here.
  const live = new Set(people.slice(0, -1).map((p) => p.id))
  for (const c of page.value.candidates) expect(c.applied, `worker ${c.id}`).toBe(live.has(c.id))
  expect(page.value.candidates.some((c) => c.applied)).toBe(true)
  // The withdrawn person (the newest ledger row) may be recommended again: shown unmarked.
  expect(page.value.candidates.find((c) => c.id === withdrawn.id)?.applied).toBe(false)
})

test('对口岗位按关键词查找：总数与本页一致 / /west/jobs with a text search finds the post and counts it in the same page query', async () => {
  const job = createTestVacancy('weifang', { title: '县测关键词焊工岗' })
  const elsewhere = createTestVacancy('dezhou', { title: '县测关键词焊工岗' })
  const cookie = await cookieFor('kaizhou')
  const page = await callLoader(jobsLoader, { path: `/west/jobs?q=${encodeURIComponent('县测关键词焊工')}`, cookie })
  if (!('value' in page)) throw new Error('the page threw')
  expect(page.value.rows.map((r) => r.id)).toEqual([job.id])
  expect(page.value.rows.map((r) => r.id)).not.toContain(elsewhere.id)
  expect(page.value.total).toBe(1)
})
