import ExcelJS from 'exceljs'
import { and, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { subsidyClaimEvents, subsidyClaims } from '../../db/schema'
import { maskIdNumber } from '~/rules/id-number'
import { db } from '~/utils/db.server'
import { action as proactiveAction, loader as proactiveLoader } from '~/routes/west.claims.proactive'
import { loader as exportLoader } from '~/routes/west.claims.proactive[.xlsx]'
import { actorFor, createLedgerWorker } from '../factories'
import { createTestClaim, eligibleClaimant, subsidyPolicyFor, thisYear } from '../factories-subsidy'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { BASE, callLoader, context, cookieFor, settle, unwrapData } from '../request'

// 免申即享 (/west/claims/proactive, issue 13 §9) through real requests: who the list holds (verified 脱贫/监测
// workers of the county with work outside Chongqing this year and no claim) and who it leaves out, its export,
// and one action filing a flat-amount claim for each ticked person — a repeat skipped, never filed twice.

const PATH = '/west/claims/proactive'

async function listed(as = 'kaizhou', path = PATH) {
  const page = await callLoader(proactiveLoader, { path, cookie: await cookieFor(as) })
  if (!('value' in page)) throw new Error('expected the page')
  return page.value
}

/** Posts the file action as `as` with the ticked worker ids, as a browser sends them. */
async function fileFor(as: string, workerIds: number[]) {
  const body = new URLSearchParams({ intent: 'file' })
  for (const id of workerIds) body.append('workerId', String(id))
  const request = new Request(`${BASE}${PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: await cookieFor(as) },
    body,
  })
  return settle(() => proactiveAction({ request, context: context(), params: {} }))
}

function claimsOf(workerId: number) {
  return db
    .select()
    .from(subsidyClaims)
    .where(and(eq(subsidyClaims.workerId, workerId), eq(subsidyClaims.year, thisYear())))
    .all()
}

test('名单：已核验的脱贫/监测人员、今年市外就业、尚未申领；其余不在名单 / the list holds verified 脱贫/监测 workers with work outside Chongqing this year and no claim, and no one else', async () => {
  subsidyPolicyFor('kaizhou')
  const alleviated = await eligibleClaimant('kaizhou')
  const monitored = await eligibleClaimant('kaizhou', { ledger: { householdStatus: 'monitored' } })
  const other = await eligibleClaimant('kaizhou', { ledger: { householdStatus: 'other' } })
  const claimed = (await createTestClaim('kaizhou', { state: 'submitted' })).claimant
  const noAccount = createLedgerWorker('kaizhou')
  const elsewhere = await eligibleClaimant('xiushan')
  const page = await listed()
  const ids = new Set(page.rows.map((r) => r.id))
  expect(ids.has(alleviated.worker.id)).toBe(true)
  expect(ids.has(monitored.worker.id)).toBe(true)
  for (const w of [other.worker, claimed.worker, noAccount, elsewhere.worker]) expect(ids.has(w.id)).toBe(false)
  expect(page.rows.find((r) => r.id === alleviated.worker.id)).toMatchObject({
    idMasked: maskIdNumber(alleviated.worker.idNumber),
    destination: '潍坊市',
    householdStatus: 'alleviated',
  })
  expect(JSON.stringify(page)).not.toContain(alleviated.worker.idNumber)
  expect(page.flatFen).toBe(20_000)
  // The count and the page agree (one page here).
  expect(page.pageCount).toBe(1)
  expect(page.total).toBe(page.rows.length)
  const xiushan = await listed('xiushan')
  expect(xiushan.rows.map((r) => r.id)).toContain(elsewhere.worker.id)
  expect(xiushan.rows.map((r) => r.id)).not.toContain(alleviated.worker.id)
})

test('代为申报：每人一笔定额申领（已提交、记录代办人），重复提交计为跳过 / filing makes one flat claim per person (submitted, assisted), and a repeat is counted as skipped', async () => {
  subsidyPolicyFor('kaizhou')
  const people = [await eligibleClaimant('kaizhou'), await eligibleClaimant('kaizhou')]
  const ids = people.map((p) => p.worker.id)
  const first = await fileFor('kaizhou', ids)
  if (!('thrown' in first)) throw new Error('expected a redirect')
  expect((await noticeOf(first.thrown)).text).toBe('已代为申报 2 人，共 ¥400.00。申领已进入审核队列，本人可在“交通补助”看到。')
  for (const p of people) {
    const [claim] = claimsOf(p.worker.id)
    expect(claim).toMatchObject({ state: 'submitted', flat: true, expectedFen: 20_000, assistedByUserId: actorFor('kaizhou').userId, userId: null })
    expect(db.select().from(subsidyClaimEvents).where(eq(subsidyClaimEvents.claimId, claim.id)).all()).toMatchObject([
      { fromState: null, toState: 'submitted', actorUserId: actorFor('kaizhou').userId },
    ])
    expect(auditOf('claim.assisted_file', claim.id)).toHaveLength(1)
  }
  const page = await listed()
  expect(page.rows.map((r) => r.id)).not.toContain(ids[0])

  const again = await fileFor('kaizhou', ids)
  if (!('thrown' in again)) throw new Error('expected a redirect')
  expect((await noticeOf(again.thrown)).text).toMatch(/^已代为申报 0 人，共 ¥0\.00。跳过 2 人（测试工人：.*一年只能申领一次/)
  for (const p of people) expect(claimsOf(p.worker.id)).toHaveLength(1)
  expect(auditOf('claim.proactive_file', actorFor('kaizhou').organisationId).map((a) => a.detail)).toEqual([
    { asked: 2, filed: 2, skipped: 0 },
    { asked: 2, filed: 0, skipped: 2 },
  ])
})

test('另一个区县的人：不在名单，代为申报时跳过，不写申领；未勾选是 400 / another county’s worker is not listed and is skipped when posted; nothing ticked is a 400', async () => {
  subsidyPolicyFor('xiushan')
  const kaizhouWorker = await eligibleClaimant('kaizhou')
  const posted = await fileFor('xiushan', [kaizhouWorker.worker.id])
  if (!('thrown' in posted)) throw new Error('expected a redirect')
  expect((await noticeOf(posted.thrown)).text).toBe('已代为申报 0 人，共 ¥0.00。跳过 1 人（（不在本县台账）：不是本县台账中的人员）。')
  expect(claimsOf(kaizhouWorker.worker.id)).toEqual([])
  const none = await fileFor('kaizhou', [])
  if (!('value' in none)) throw new Error('expected a reply')
  expect(unwrapData(none.value)).toMatchObject({ status: 400, data: { errors: { workerId: ['请先勾选要代为申报的人员'] } } })
  const east = await callLoader(proactiveLoader, { path: PATH, cookie: await cookieFor('weifang') })
  expect('thrown' in east).toBe(true)
})

test('导出名单：身份证号打码，与页面同一筛选 / the export masks ID numbers and follows the page’s township', async () => {
  subsidyPolicyFor('kaizhou')
  const person = await eligibleClaimant('kaizhou')
  const answer = await callLoader(exportLoader, { path: `${PATH}.xlsx?township=${person.worker.townshipCode}`, cookie: await cookieFor('kaizhou') })
  if (!('value' in answer)) throw new Error('expected the file')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(await answer.value.arrayBuffer()).slice().buffer)
  const sheet = workbook.worksheets[0]
  expect(sheet.getRow(2).values).toEqual([undefined, '姓名', '身份证号码', '户类型', '乡镇（街道）', '务工地', '就业开始日期'])
  const ids: unknown[] = []
  sheet.eachRow((row, n) => {
    if (n > 2) ids.push(row.getCell(2).value)
  })
  expect(ids).toContain(maskIdNumber(person.worker.idNumber))
  expect(ids).not.toContain(person.worker.idNumber)
})
