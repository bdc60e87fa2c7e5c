import { eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { workers } from '../../db/schema'
import { action, loader } from '~/routes/east.jobs.$jobId.applicants'
import { loader as jobExport } from '~/routes/east.jobs.$jobId.applicants[.xlsx]'
import { revealApplicantPhone } from '~/models/applicant-phone.server'
import { db } from '~/utils/db.server'
import { actorFor, createTestApplication, createTestVacancy } from '../factories'
import { auditOf } from '../lookups'
import { callAction, callLoader, cookieFor, unwrapData } from '../request'

// Issue 9 §2, the bureau's side: it can call its applicants. The full phone of an applicant to its own
// post is shown on request, one at a time, audited, as a tel: link; the ID number stays masked.

type Revealed = { applicationId: number; revealed: string | null }

async function applicant(bureau = 'weifang', centre = 'kaizhou') {
  const post = createTestVacancy(bureau)
  const { application, worker } = await createTestApplication(post.id, { centre, by: 'recommended' })
  return { post, application, worker }
}

async function reveal(jobId: number, applicationId: number, bureau = 'weifang') {
  return callAction(action, {
    path: `/east/jobs/${jobId}/applicants`,
    fields: { intent: 'reveal-phone', applicationId: String(applicationId) },
    cookie: await cookieFor(bureau),
    params: { jobId: String(jobId) },
  })
}

test('招聘单位点“显示电话”看到本岗位报名人的完整手机号，写审计，不缓存 / the bureau reveals its applicant’s phone, audited, not cached', async () => {
  const { post, application, worker } = await applicant()
  expect(worker.phone).toMatch(/^1\d{10}$/)
  const result = await reveal(post.id, application.id)
  expect('value' in result).toBe(true)
  const value = (result as { value: unknown }).value as { init: ResponseInit | null }
  expect(new Headers(value.init?.headers).get('Cache-Control')).toBe('no-store')
  const { status, data } = unwrapData<Revealed>(value)
  expect(status).toBe(200)
  expect(data).toMatchObject({ applicationId: application.id, revealed: worker.phone })
  const audits = auditOf('application.reveal', application.id)
  expect(audits).toHaveLength(1)
  expect(audits[0].detail).toEqual({ field: 'phone', vacancyId: post.id })
  expect(audits[0].actorUserId).toBe(actorFor('weifang').userId)
  // The log says who looked, never the number; the reply never carries the ID number.
  expect(JSON.stringify(audits[0])).not.toContain(worker.phone!)
  expect(JSON.stringify(data)).not.toContain(worker.idNumber)
})

test('别的局的报名人：404，不写审计 / another bureau’s applicant: 404 and nothing audited', async () => {
  const { post, application } = await applicant('weifang', 'kaizhou')
  const own = createTestVacancy('dezhou')
  // Through weifang's post with dezhou's session, and through dezhou's own post with weifang's application.
  for (const jobId of [post.id, own.id]) {
    const result = await reveal(jobId, application.id, 'dezhou')
    expect('thrown' in result && result.thrown.status).toBe(404)
  }
  expect(revealApplicantPhone(actorFor('dezhou'), application.id)).toBeNull()
  expect(revealApplicantPhone(actorFor('kaizhou'), application.id)).toBeNull()
  expect(auditOf('application.reveal', application.id)).toHaveLength(0)
})

test('显示电话后，页面和导出里身份证号仍打码，导出手机号仍打码 / after a reveal the page and the export stay masked', async () => {
  const { post, application, worker } = await applicant()
  await reveal(post.id, application.id)
  const cookie = await cookieFor('weifang')
  const page = await callLoader(loader, { path: `/east/jobs/${post.id}/applicants`, cookie, params: { jobId: String(post.id) } })
  const sheet = await jobExport({
    request: new Request(`http://localhost:3000/east/jobs/${post.id}/applicants.xlsx`, { headers: { Cookie: cookie } }),
    context: { cspNonce: '', clientIp: '127.0.0.1' },
    params: { jobId: String(post.id) },
  })
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(await sheet.arrayBuffer()).slice().buffer)
  const cells: unknown[] = []
  workbook.worksheets[0].eachRow((row) => cells.push(row.values))
  expect(JSON.stringify(cells)).toContain(worker.phone!.slice(-4))
  expect('value' in page).toBe(true)
  const text = JSON.stringify(page) + JSON.stringify(cells)
  expect(text).not.toContain(worker.idNumber)
  expect(text).not.toContain(worker.phone!)
})

test('没有登记手机号的人没有“显示电话”，请求也是 404 / a person with no phone on record has nothing to reveal', async () => {
  const { post, application, worker } = await applicant()
  db.update(workers).set({ phone: null }).where(eq(workers.id, worker.id)).run()
  const page = await callLoader(loader, { path: `/east/jobs/${post.id}/applicants`, cookie: await cookieFor('weifang'), params: { jobId: String(post.id) } })
  const row = ('value' in page ? page.value : null)!.applicants.find((a) => a.id === application.id)!
  expect(row).toMatchObject({ phone: '未登记', hasPhone: false })
  const result = await reveal(post.id, application.id)
  expect('thrown' in result && result.thrown.status).toBe(404)
})
