import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { vacancies, vacancyReports } from '../../db/schema'
import { loader } from '~/routes/east.reports'
import { resolveReport } from '~/models/vacancy-report.server'
import { db } from '~/utils/db.server'
import { createTestReport, createTestVacancy } from '../factories'
import { actorFor, bureauOf } from '../lookups'
import { callLoader, cookieFor } from '../request'

// A bureau with hundreds of reports (issue 10: rows read per request are bounded) gets them 20 a page,
// open ones first, with the totals of each kind in the headings.

async function pageOf(cookie: string, page: number) {
  const result = await callLoader(loader, { path: `/east/reports?page=${page}`, cookie })
  if (!('value' in result)) throw new Error(`the reports page answered ${result.thrown.status}`)
  return result.value
}

/** Every report id of the bureau, open ones first then newest first, as the database holds them. */
function expectedOrder(areaCode: string) {
  const rows = db
    .select({ id: vacancyReports.id, resolvedAt: vacancyReports.resolvedAt })
    .from(vacancyReports)
    .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
    .where(eq(vacancies.organisationId, bureauOf(areaCode).id))
    .all()
  const open = rows.filter((r) => r.resolvedAt == null).map((r) => r.id)
  const resolved = rows.filter((r) => r.resolvedAt != null).map((r) => r.id)
  return { open: open.sort((a, b) => b - a), resolved: resolved.sort((a, b) => b - a) }
}

test('举报多时分页：每页 20 条，待处理在前，标题显示总数，不含其他局 / many reports come 20 a page, open first, totals in the headings, no other bureau', async () => {
  const east = actorFor('zaozhuang')
  for (let i = 0; i < 24; i++) {
    const { report } = await createTestReport(createTestVacancy('zaozhuang').id, { centre: 'fengdu', note: `第 ${i} 条` })
    if (i % 3 === 0) expect(resolveReport(east, report.id, '已核实并处理')).toMatchObject({ ok: true })
  }
  await createTestReport(createTestVacancy('weifang').id, { centre: 'kaizhou' })
  const expected = expectedOrder('370400')
  const total = expected.open.length + expected.resolved.length
  expect(total).toBeGreaterThan(20)

  const cookie = await cookieFor('zaozhuang')
  const first = await pageOf(cookie, 1)
  const second = await pageOf(cookie, 2)
  expect(first.counts).toEqual({ open: expected.open.length, resolved: expected.resolved.length })
  expect(first.pageCount).toBe(Math.ceil(total / 20))
  expect(first.open.length + first.resolved.length).toBe(20)
  const shown = [first, second].flatMap((p) => [...p.open.map((r) => r.id), ...p.resolved.map((r) => r.id)])
  expect(shown).toEqual([...expected.open, ...expected.resolved].slice(0, 40))
})
