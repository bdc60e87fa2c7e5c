import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { loader as pageLoader } from '~/routes/east.jobs.$jobId.applicants'
import { loader as jobExport } from '~/routes/east.jobs.$jobId.applicants[.xlsx]'
import { db } from '~/utils/db.server'
import { createTestApplication, createTestVacancy } from '../factories'
import { callLoader, context, cookieFor, get } from '../request'

// The connection hands out one compiled statement per SQL text (db/connection.ts keepStatements). The
// applicants page and the post's export read their rows with the same query; both at once must each
// get every row, in the page's shape and the export's.

test('导出和页面同时读同一条 SQL，各自完整 / an export being streamed and the page reading the same SQL at once both answer in full', async () => {
  const cookie = await cookieFor('weifang')
  const vacancy = createTestVacancy('weifang')
  const names: string[] = []
  for (let i = 0; i < 3; i++) names.push((await createTestApplication(vacancy.id)).worker.name)
  const params = { jobId: String(vacancy.id) }

  // The export starts writing (its rows are read as the stream is pulled) …
  const response = await jobExport({ request: get(`/east/jobs/${vacancy.id}/applicants.xlsx`, cookie), context: context(), params })
  const reader = response.body!.getReader()
  const first = await reader.read()
  expect(first.done).toBe(false)
  // … and the page reads the same post meanwhile.
  const page = await callLoader(pageLoader, { path: `/east/jobs/${vacancy.id}/applicants`, cookie, params })
  if (!('value' in page)) throw new Error('the page did not answer')
  expect(page.value.applicants.map((a) => a.name).sort()).toEqual([...names].sort())
  expect(page.value.applicants.every((a) => typeof a.id === 'number' && a.phone.includes('*'))).toBe(true)

  const chunks: Uint8Array[] = [first.value!]
  for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(Buffer.concat(chunks)).buffer)
  const exported: string[] = []
  workbook.worksheets[0].eachRow((row, n) => {
    // Row 1 is the title, row 2 the headers.
    if (n > 2) exported.push(row.getCell(3).text)
  })
  expect(exported.sort()).toEqual([...names].sort())
  // The statements are still shared afterwards: nothing was left busy.
  const text = 'select id from applications where vacancy_id = ?'
  expect(db.$client.prepare(text)).toBe(db.$client.prepare(text))
})
