import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { loader as recommendExport } from '~/routes/west.jobs.$jobId.recommend[.xlsx]'
import { loader as workersExport } from '~/routes/west.workers.export[.xlsx]'
import { maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import { createLedgerWorker, createTestVacancy, freshIdNumber, freshPhone } from '../factories'
import { auditBy, userOf } from '../lookups'
import { callLoader, cookieFor } from '../request'

// Issue 15 §3: an export carries personal numbers masked unless the audited full export was chosen — the
// numbers a county typed into a row's free text (备注, 困难, 帮扶措施, 技能) included, since a masked file is
// the one that leaves the office.

/** Every cell of the download's first sheet as text. */
async function cellsOf(response: Response) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  const cells: string[] = []
  workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(cell.text)))
  return cells
}

async function download(loaderFn: Parameters<typeof callLoader<Response>>[0], path: string, params: Record<string, string> = {}) {
  const r = await callLoader(loaderFn, { path, cookie: await cookieFor('kaizhou'), params })
  if (!('value' in r)) throw new Error(`${path} answered ${r.thrown.status}`)
  return r.value
}

test('台账导出（打码版）中备注等自由文本里的号码也打码；完整版原样并记录 / the masked ledger export masks numbers typed into free text too; the full one keeps them and is audited', async () => {
  const relative = freshPhone()
  const idInNote = freshIdNumber('500154')
  const person = createLedgerWorker('kaizhou', {
    name: '自由文本',
    notes: `家属电话 ${relative}，身份证 ${idInNote}`,
    difficulties: `本人手机${relative.slice(0, 3)} ${relative.slice(3, 7)} ${relative.slice(7)}`,
    assistanceMeasures: `联系 ${relative}`,
    skills: `电焊（证书号 ${idInNote}）`,
  })

  const masked = (await cellsOf(await download(workersExport, '/west/workers/export.xlsx'))).join('\n')
  expect(masked).toContain('自由文本')
  for (const number of [person.idNumber, person.phone!, relative, idInNote]) expect(masked).not.toContain(number)
  expect(masked).not.toMatch(new RegExp(`${relative.slice(0, 3)}\\s*${relative.slice(3, 7)}\\s*${relative.slice(7)}`))
  expect(masked).toContain(`家属电话 ${maskMobile(relative)}，身份证 ${maskIdNumber(idInNote)}`)
  expect(masked).toContain(maskIdNumber(person.idNumber))

  const auditsBefore = auditBy(userOf('kaizhou').id, 'registry.export_full').length
  const full = (await cellsOf(await download(workersExport, '/west/workers/export.xlsx?full=1'))).join('\n')
  for (const number of [person.idNumber, person.phone!, relative, idInNote]) expect(full).toContain(number)
  expect(auditBy(userOf('kaizhou').id, 'registry.export_full')).toHaveLength(auditsBefore + 1)
})

test('推荐名单导出中技能文本里的号码打码 / the recommend export masks a number typed into the skills', async () => {
  const job = createTestVacancy('weifang')
  const skill = `叉车${Date.now() % 100000}`
  const phone = freshPhone()
  createLedgerWorker('kaizhou', { skills: `${skill}，师傅电话${phone}`, employmentStatus: 'unemployed' })
  const response = await download(recommendExport, `/west/jobs/${job.id}/recommend.xlsx?skill=${encodeURIComponent(skill)}&ages=all`, { jobId: String(job.id) })
  const cells = (await cellsOf(response)).join('\n')
  expect(cells).toContain(`${skill}，师傅电话${maskMobile(phone)}`)
  expect(cells).not.toContain(phone)
})
