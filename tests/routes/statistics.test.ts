import { eq, sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { batchSeats, batches, employmentRecords, subsidyClaims } from '../../db/schema'
import { moveApplication, undoDecision } from '~/models/hire.server'
import { computeStatistics, getOwnStatistics, getStatistics, type StatisticsScope } from '~/models/statistics.server'
import { addMonths, changeInWords, monthOf, monthRange, monthsOfYearTo, readStatisticsMonth, statisticsMonthProblem } from '~/rules/statistics'
import { db } from '~/utils/db.server'
import { createLedgerWorker, createTestApplication, createTestEmployer, createTestVacancy } from '../factories'
import { createTestBatch } from '../factories-batches'
import { postWithContacted } from '../factories-hire'
import { createTestClaim } from '../factories-subsidy'
import { actorFor } from '../lookups'

// Issue 15 §5: the figures are counted by queries checked here against fixtures counted by hand. The
// fixtures sit in March 2025, a month the demo data leaves empty, and every figure is compared as the change
// from before the fixtures were made, so the demo rows of other months never enter the count. The
// boundary rows are placed either side of midnight in Shanghai: 07:30 on 1 March in Shanghai is still
// 28 February in UTC and belongs to March; 23:59 on 28 February in Shanghai belongs to February.

const M = '2025-03'
/** A Shanghai wall-clock time as ms since the epoch. */
const shanghai = (isoLocal: string) => Date.parse(`${isoLocal}+08:00`)
const IN_M_EARLY = shanghai('2025-03-01T07:30:00') // 2025-02-28T23:30Z
const IN_M_MID = shanghai('2025-03-15T12:00:00')
const BEFORE_M = shanghai('2025-02-28T23:59:00')
const AFTER_M = shanghai('2025-04-01T00:00:00')

const east: StatisticsScope = { side: 'east', ...scopeOf('weifang') }
const west: StatisticsScope = { side: 'west', ...scopeOf('kaizhou') }

function scopeOf(username: string) {
  const a = actorFor(username)
  return { organisationId: a.organisationId, areaCode: a.areaCode }
}

function setMoment(table: 'vacancies' | 'applications' | 'employment_records', column: string, id: number, at: number) {
  db.run(sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = ${at} where id = ${id}`)
}

function hire(bureau: string, workerApplicationId: number, at: number, startDate = '2025-03-20') {
  expect(moveApplication(actorFor(bureau), workerApplicationId, 'contacted')).toMatchObject({ ok: true })
  expect(moveApplication(actorFor(bureau), workerApplicationId, 'hired', { startDate })).toMatchObject({ ok: true })
  const record = db.select().from(employmentRecords).where(eq(employmentRecords.applicationId, workerApplicationId)).get()!
  setMoment('employment_records', 'created_at', record.id, at)
  return record
}

describe('统计口径与手工计数一致 / the figures equal hand-counted fixtures', () => {
  test('岗位、报名、录用（人次与人数）、行业、包车、到岗按上海时间计入月份 / posts, applications, hires, industries, batches and arrivals by Shanghai month', async () => {
    const eastBefore = computeStatistics(east, M)
    const westBefore = computeStatistics(west, M)
    const others = [
      { side: 'east', ...scopeOf('dezhou') },
      { side: 'west', ...scopeOf('xiushan') },
    ] as const
    const othersBefore = others.map((scope) => computeStatistics(scope, M).yearFigures)

    // Posts: A and B published in March (A at 07:30 on the 1st), C on 28 February at 23:59.
    const employer = createTestEmployer('weifang', { industry: 'construction' })
    const postA = createTestVacancy('weifang', { headcount: 7, industry: 'manufacturing' })
    const postB = createTestVacancy('weifang', { headcount: 3, industry: 'electronics', employerId: employer.id })
    const postC = createTestVacancy('weifang', { headcount: 11 })
    setMoment('vacancies', 'published_at', postA.id, IN_M_EARLY)
    setMoment('vacancies', 'published_at', postB.id, IN_M_MID)
    setMoment('vacancies', 'published_at', postC.id, BEFORE_M)

    // Applications: X applies to A and B, Y to A (in March); Z to A on 28 February; W to B on 1 April.
    const x = await createTestApplication(postA.id, { by: 'recommended' })
    const xb = await createTestApplication(postB.id, { by: 'recommended' })
    // xb was a new person; re-point it to X so X has applied twice (one person, two applications).
    db.run(sql`update applications set worker_id = ${x.worker.id} where id = ${xb.application.id}`)
    const y = await createTestApplication(postA.id, { by: 'recommended' })
    const z = await createTestApplication(postA.id, { by: 'recommended' })
    const w = await createTestApplication(postB.id, { by: 'recommended' })
    setMoment('applications', 'created_at', x.application.id, IN_M_EARLY)
    setMoment('applications', 'created_at', xb.application.id, IN_M_MID)
    setMoment('applications', 'created_at', y.application.id, IN_M_MID)
    setMoment('applications', 'created_at', z.application.id, BEFORE_M)
    setMoment('applications', 'created_at', w.application.id, AFTER_M)

    // Hires: X by A (07:30 on 1 March) and by B (another employer, another start day), Y by A; Z's hire is in February.
    hire('weifang', x.application.id, IN_M_EARLY)
    hire('weifang', xb.application.id, IN_M_MID, '2025-03-25')
    hire('weifang', y.application.id, IN_M_MID)
    hire('weifang', z.application.id, BEFORE_M)

    // A batch of 开州 to 潍坊 leaving 10 March: X and Y boarded, Z did not show; Y's arrival confirmed 11 March,
    // X's on 1 April. A second batch on 10 March was cancelled: it carries nobody.
    const { batch } = createTestBatch('kaizhou')
    const { batch: cancelled } = createTestBatch('kaizhou')
    db.update(batches).set({ departureDate: '2025-03-10', state: 'departed' }).where(eq(batches.id, batch.id)).run()
    db.update(batches).set({ departureDate: '2025-03-10', state: 'cancelled', cancelReason: '测试' }).where(eq(batches.id, cancelled.id)).run()
    const seat = (workerId: number, boarding: 'boarded' | 'no_show', arrivalAt: number | null) =>
      db
        .insert(batchSeats)
        .values({
          batchId: batch.id,
          workerId,
          departureDate: '2025-03-10',
          status: 'seated',
          source: 'staff',
          boarding,
          arrival: arrivalAt ? 'arrived' : null,
          arrivalAt: arrivalAt ? new Date(arrivalAt) : null,
        })
        .run()
    seat(x.worker.id, 'boarded', AFTER_M)
    seat(y.worker.id, 'boarded', shanghai('2025-03-11T09:00:00'))
    seat(z.worker.id, 'no_show', null)

    const eastAfter = computeStatistics(east, M)
    const westAfter = computeStatistics(west, M)
    const delta = (after: Record<string, number>, before: Record<string, number>) =>
      Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]))

    const expected = { posts: 2, headcount: 10, applications: 3, hires: 3, hiredPeople: 2, batches: 1, transported: 2, arrived: 1 }
    expect(delta(eastAfter.monthFigures, eastBefore.monthFigures)).toEqual(expected)
    expect(delta(westAfter.monthFigures, westBefore.monthFigures)).toEqual(expected)

    // Year to date (January–March): February's post, application and hire count too; Z is a person more.
    const ytd = { posts: 3, headcount: 21, applications: 4, hires: 4, hiredPeople: 3, batches: 1, transported: 2, arrived: 1 }
    expect(delta(eastAfter.yearFigures, eastBefore.yearFigures)).toEqual(ytd)
    expect(delta(westAfter.yearFigures, westBefore.yearFigures)).toEqual(ytd)

    // The monthly series: February and March.
    const point = (s: typeof eastAfter, month: string) => s.series.find((p) => p.month === month)!
    expect(point(eastAfter, '2025-03').hires - point(eastBefore, '2025-03').hires).toBe(3)
    expect(point(eastAfter, '2025-02').hires - point(eastBefore, '2025-02').hires).toBe(1)
    expect(point(westAfter, '2025-03').transported - point(westBefore, '2025-03').transported).toBe(2)
    expect(eastAfter.series.map((p) => p.month)).toEqual(['2025-01', '2025-02', '2025-03'])

    // Industries: the post's industry (A manufacturing ×2, B electronics ×1); B's employer is construction but the post says electronics.
    const industry = (s: typeof eastAfter, name: string) => s.industries.find((r) => r.industry === name)?.month ?? 0
    expect(industry(eastAfter, 'manufacturing') - industry(eastBefore, 'manufacturing')).toBe(2)
    expect(industry(eastAfter, 'electronics') - industry(eastBefore, 'electronics')).toBe(1)
    expect(industry(eastAfter, 'construction') - industry(eastBefore, 'construction')).toBe(0)

    // Another city and county see none of it.
    expect(others.map((scope) => computeStatistics(scope, M).yearFigures)).toEqual(othersBefore)
  })

  test('交通补助：提交、通过、发放的份数与金额（分），平均发放天数按上海日历日 / claims submitted, approved and paid with amounts in fen and days to pay', async () => {
    const before = computeStatistics(west, M).claims!.month
    const claims = [
      await createTestClaim('kaizhou', { state: 'submitted', year: 2025, expectedFen: 30_000 }),
      await createTestClaim('kaizhou', { state: 'approved', year: 2025, expectedFen: 50_000, approvedFen: 50_000 }),
      await createTestClaim('kaizhou', { state: 'paid', year: 2025, expectedFen: 80_000, approvedFen: 60_000 }),
      await createTestClaim('kaizhou', { state: 'paid', year: 2025, expectedFen: 20_000, approvedFen: 20_000 }),
      await createTestClaim('kaizhou', { state: 'rejected', year: 2025, expectedFen: 10_000 }),
      await createTestClaim('kaizhou', { state: 'draft', year: 2025, expectedFen: 99_900 }),
    ].map((c) => c.claim)
    const set = (id: number, values: Partial<typeof subsidyClaims.$inferInsert>) => db.update(subsidyClaims).set(values).where(eq(subsidyClaims.id, id)).run()
    // Submitted: all but the draft in March (the first at 07:30 on the 1st). The rejected one was decided but not approved.
    set(claims[0].id, { submittedAt: new Date(IN_M_EARLY) })
    set(claims[1].id, { submittedAt: new Date(IN_M_MID), decidedAt: new Date(IN_M_MID) })
    // Paid: submitted 1 March 07:30, paid 11 March 00:10 Shanghai (10 days); submitted 28 Feb 23:59, paid 3 March (3 days) — submitted in February.
    set(claims[2].id, { submittedAt: new Date(IN_M_EARLY), decidedAt: new Date(IN_M_MID), paidAt: new Date(shanghai('2025-03-11T00:10:00')) })
    set(claims[3].id, { submittedAt: new Date(BEFORE_M), decidedAt: new Date(BEFORE_M), paidAt: new Date(shanghai('2025-03-03T10:00:00')) })
    set(claims[4].id, { submittedAt: new Date(IN_M_MID), decidedAt: new Date(IN_M_MID) })
    set(claims[5].id, { createdAt: new Date(IN_M_MID) })

    const after = computeStatistics(west, M).claims!.month
    expect(after.submitted - before.submitted).toBe(4)
    expect(after.submittedFen - before.submittedFen).toBe(30_000 + 50_000 + 80_000 + 10_000)
    expect(after.approved - before.approved).toBe(2)
    expect(after.approvedFen - before.approvedFen).toBe(50_000 + 60_000)
    expect(after.paid - before.paid).toBe(2)
    expect(after.paidFen - before.paidFen).toBe(80_000)
    // Only these two were paid in March 2025 (the demo has none then): (10 + 3) / 2.
    expect(before.paid).toBe(0)
    expect(after.averageDaysToPay).toBe(6.5)
    // The bureau never gets claim figures.
    expect(computeStatistics(east, M).claims).toBeNull()
  })

  test('脱贫/监测人员就业去向：有山东就业记录的算在山东，一人只算一次 / poverty-household workers by where they work, each person once', async () => {
    const before = computeStatistics(west, M).poverty!
    const inShandong = await createTestApplication(createTestVacancy('weifang').id, { by: 'recommended' })
    db.run(sql`update workers set household_status = 'monitored', employment_status = 'in_county' where id = ${inShandong.worker.id}`)
    hire('weifang', inShandong.application.id, IN_M_MID, '2025-03-02')
    // A second Shandong record for the same person (another employer) still counts one person.
    db.insert(employmentRecords)
      .values({ workerId: inShandong.worker.id, employerId: createTestEmployer('weifang').id, cityCode: actorFor('weifang').areaCode, startDate: '2025-03-05' })
      .run()
    createLedgerWorker('kaizhou', { householdStatus: 'alleviated', employmentStatus: 'out_of_province' })
    createLedgerWorker('kaizhou', { householdStatus: 'monitored', employmentStatus: 'public_post' })
    createLedgerWorker('kaizhou', { householdStatus: 'alleviated', employmentStatus: 'unemployed' })
    createLedgerWorker('kaizhou', { householdStatus: 'other', employmentStatus: 'out_of_province' })
    const archived = createLedgerWorker('kaizhou', { householdStatus: 'alleviated', employmentStatus: 'in_city' })
    db.run(sql`update workers set archived_at = ${Date.now()}, archive_reason = 'moved_away' where id = ${archived.id}`)

    const after = computeStatistics(west, M).poverty!
    // The recommended applicant rows made by createTestApplication default to 脱贫人口, 未就业 (factories.ts).
    expect(after.shandong - before.shandong).toBe(1)
    expect(after.elsewhere - before.elsewhere).toBe(1)
    expect(after.local - before.local).toBe(1)
    expect(after.unemployed - before.unemployed).toBe(1)
    expect(after.total - before.total).toBe(4)
  })
})

describe('缓存只在数据库没有变化时使用 / the memo stands only while nothing is written', () => {
  test('写入之后再读就是新的数字 / a write is seen by the next read', () => {
    const month = monthOf()
    const first = getOwnStatistics(actorFor('weifang'), month)
    expect(getStatistics(east, month)).toBe(first)
    createTestVacancy('weifang', { headcount: 2 })
    const second = getOwnStatistics(actorFor('weifang'), month)
    expect(second).not.toBe(first)
    expect(second.monthFigures.posts).toBe(first.monthFigures.posts + 1)
    expect(second.monthFigures.headcount).toBe(first.monthFigures.headcount + 2)
  })
})

describe('月份 / months', () => {
  test('上海时间的月份边界 / Shanghai month boundaries', () => {
    expect(monthOf(IN_M_EARLY)).toBe('2025-03')
    expect(monthOf(BEFORE_M)).toBe('2025-02')
    expect(monthRange('2025-03')).toMatchObject({
      from: shanghai('2025-03-01T00:00:00'),
      to: shanghai('2025-04-01T00:00:00'),
      fromDay: '2025-03-01',
      toDay: '2025-04-01',
    })
    expect(monthRange('2025-12').toDay).toBe('2026-01-01')
    expect(monthsOfYearTo('2025-03').map((m) => m.month)).toEqual(['2025-01', '2025-02', '2025-03'])
    expect(addMonths('2025-01', -1)).toBe('2024-12')
    expect(addMonths('2025-03', -12)).toBe('2024-03')
  })

  test('网址里的月份：无效或将来的月份用本月 / the URL month: invalid or future months fall back to this month', () => {
    const now = shanghai('2026-11-30T23:30:00')
    const read = (v: string) => readStatisticsMonth(new URLSearchParams({ month: v }), now)
    expect(read('2026-10')).toBe('2026-10')
    expect(read('2026-12')).toBe('2026-11')
    expect(read('2026-13')).toBe('2026-11')
    expect(read("2026-10' or 1=1")).toBe('2026-11')
    expect(read('1999-01')).toBe('2026-11')
    expect(readStatisticsMonth(new URLSearchParams(), now)).toBe('2026-11')
  })

  test('网址里的月份不能用时说明原因 / why a URL month is not the month shown', () => {
    const now = shanghai('2026-11-30T23:30:00')
    const problem = (v: string | null) => statisticsMonthProblem(new URLSearchParams(v === null ? {} : { month: v }), now)
    expect(problem(null)).toBeNull()
    expect(problem('')).toBeNull()
    expect(problem('2026-10')).toBeNull()
    expect(problem('2026-11')).toBeNull()
    expect(problem('2026-12')).toBe('2026年12月还没有到，下面是本月（2026年11月）的数字。')
    expect(problem('1999-12')).toBe('只能查看 2000年1月以后的月份，下面是本月（2026年11月）的数字。')
    expect(problem('2026-13')).toBe('「2026-13」不是月份，应写成 2026-11 这样；下面是本月（2026年11月）的数字。')
    // Control and format characters are left out of the quote, and a long text is cut to 20 characters.
    expect(problem('ab\u0000\u202ec')).toContain('「abc」')
    expect(problem('x'.repeat(100_000))).toContain(`「${'x'.repeat(20)}…」`)
    // Every text readStatisticsMonth does not take has a reason, and every one it takes has none.
    for (const v of ['2026-10', '2026-11', '2026-12', '1999-12', '2000-01', 'abc', '2026-1', '２０２６-１０'])
      expect(problem(v) === null, v).toBe(readStatisticsMonth(new URLSearchParams({ month: v }), now) === v)
  })

  test('环比同比的文字 / changes in words', () => {
    expect(changeInWords(12, 10)).toBe('+2（+20.0%）')
    expect(changeInWords(5, 10)).toBe('−5（−50.0%）')
    expect(changeInWords(3, 3)).toBe('持平')
    expect(changeInWords(4, 0)).toBe('+4（上期为 0）')
  })
})

describe('行业分布 / industries', () => {
  test('撤销后没有录用的行业不再出现（不显示 0 行）/ an industry whose only hire was undone leaves the split, no 0 row', () => {
    // The review (session 13): the kept hire_industry_months keeps a row at 0 when a hire goes.
    const M2 = '2025-05'
    const worker = createLedgerWorker('kaizhou')
    const employer = createTestEmployer('dezhou', { industry: 'care' })
    db.insert(employmentRecords)
      .values({
        workerId: worker.id,
        employerId: employer.id,
        cityCode: actorFor('dezhou').areaCode,
        startDate: '2025-05-20',
        createdAt: new Date(shanghai('2025-05-10T09:00:00')),
      })
      .run()
    const dezhou: StatisticsScope = { side: 'east', ...scopeOf('dezhou') }
    expect(computeStatistics(dezhou, M2).industries.find((i) => i.industry === 'care')).toMatchObject({ year: 1, month: 1 })
    db.run(sql`delete from employment_records where worker_id = ${worker.id}`)
    for (const scope of [dezhou, west]) expect(computeStatistics(scope, M2).industries.find((i) => i.industry === 'care')).toBeUndefined()
  })
})

describe('本局每月计数由触发器维护 / bureau_month_counts is kept by triggers', () => {
  test('与逐条统计一致：报名、录用、改时间、撤销之后 / equals the plain count after applying, hiring, moving in time and undoing', async () => {
    const { ids } = await postWithContacted('dezhou', 2)
    expect(moveApplication(actorFor('dezhou'), ids[0], 'hired', { startDate: '2026-12-10' })).toMatchObject({ ok: true })
    expect(moveApplication(actorFor('dezhou'), ids[1], 'hired', { startDate: '2026-12-10' })).toMatchObject({ ok: true })
    expect(undoDecision(actorFor('dezhou'), ids[1], '录错了')).toMatchObject({ ok: true })
    // The fixtures above inserted applications and records, moved their created_at across months and re-pointed
    // an application to another person; an undone hire deletes its record.
    const month = (col: string) => `strftime('%Y-%m', ${col} / 1000, 'unixepoch', '+8 hours')`
    const plain = db.$client
      .prepare(
        `select organisation_id as organisationId, month, sum(a) as applications, sum(h) as hires from (
           select v.organisation_id, ${month('a.created_at')} as month, 1 as a, 0 as h from applications a join vacancies v on v.id = a.vacancy_id
           union all
           select em.organisation_id, ${month('e.created_at')}, 0, 1 from employment_records e join employers em on em.id = e.employer_id
         ) group by organisation_id, month order by 1, 2`,
      )
      .all()
    const kept = db.$client
      .prepare(
        `select organisation_id as organisationId, month, applications, hires from bureau_month_counts
         where applications > 0 or hires > 0 order by 1, 2`,
      )
      .all()
    expect(kept).toEqual(plain)
  })
})
