import { desc, eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { applications, vacancies, vacancyReports, workers } from '../../db/schema'
import { loader as applicantsPage } from '~/routes/east.jobs.$jobId.applicants'
import { loader as jobExport } from '~/routes/east.jobs.$jobId.applicants[.xlsx]'
import { loader as allExport } from '~/routes/east.applicants[.xlsx]'
import { loader as reportsPage } from '~/routes/east.reports'
import { db } from '~/utils/db.server'
import { bureauOf } from '../lookups'
import { context, cookieFor, get } from '../request'

// Issue 7 §10: full numbers typed into free text (a worker's note, the county's note on a recommendation,
// the ledger's skills, an anonymous report) reached the bureau. Every east view and export masks them.

const PHONE = '13812345678'
const ID = '500234199001011234'
const CARD = '6222021234567890128'

async function sheetText(response: Response) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(await response.arrayBuffer()).slice().buffer)
  const cells: string[] = []
  workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))))
  return cells.join('\n')
}

test('备注、技能、举报说明里的完整号码在东部的页面和导出中都打码 / full numbers in notes, skills and reports are masked in every east page and export', async () => {
  const { application, vacancy } = db
    .select({ application: applications, vacancy: vacancies })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .where(eq(vacancies.organisationId, bureauOf('370700').id))
    .orderBy(desc(applications.id))
    .get()!
  db.update(applications)
    .set({ note: `请打我电话 ${PHONE.slice(0, 3)} ${PHONE.slice(3, 7)} ${PHONE.slice(7)}，身份证${ID}` })
    .where(eq(applications.id, application.id))
    .run()
  db.update(workers)
    .set({ skills: `电焊，工资卡${CARD}` })
    .where(eq(workers.id, application.workerId))
    .run()
  db.update(vacancyReports)
    .set({ note: `中介电话\u200b${PHONE}` })
    .where(
      eq(
        vacancyReports.vacancyId,
        db
          .select()
          .from(vacancyReports)
          .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
          .where(eq(vacancies.organisationId, bureauOf('370700').id))
          .get()!.vacancy_reports.vacancyId,
      ),
    )
    .run()

  const cookie = await cookieFor('weifang')
  const params = { jobId: String(vacancy.id) }
  const bodies = [
    JSON.stringify(await applicantsPage({ request: get(`/east/jobs/${vacancy.id}/applicants`, cookie), context: context(), params })),
    await sheetText(await jobExport({ request: get(`/east/jobs/${vacancy.id}/applicants.xlsx`, cookie), context: context(), params })),
    await sheetText(await allExport({ request: get('/east/applicants.xlsx', cookie), context: context(), params: {} })),
    JSON.stringify(await reportsPage({ request: get('/east/reports', cookie), context: context(), params: {} })),
  ]
  for (const body of bodies) {
    const digits = body.replace(/[\s\u200b]/g, '')
    for (const full of [PHONE, ID, CARD]) expect(digits).not.toContain(full)
  }
  expect(bodies[0]).toContain('138****5678')
  expect(bodies[0]).toContain('500***********1234')
  expect(bodies[1]).toContain('*****************28')
  expect(bodies[3]).toContain('138****5678')
})
