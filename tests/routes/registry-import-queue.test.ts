import { expect, test } from 'vitest'
import { READ_OWNER_BUSY } from '~/models/worker-import-read.server'
import { makeIdNumber } from '~/rules/id-number'
import { csvText, HEADERS, ledgerRow, rowXml, xlsxBytes } from '../fixtures/spreadsheets'
import { importAnswer, ledgerUpload, runImport } from '../ledger-import'
import { noticeOf } from '../notice'
import { cookieFor } from '../request'
import { slowdown } from '../measure'

// Issue 7: the reading queue (one read running, four waiting per process) was shared with no share
// per account. Ten parallel uploads from Kaizhou of a 100 KB xlsx that inflates to 98 MB of <x/>
// (about 3.7 s each) made Fengdu's one-line CSV wait 19.5 s, and past ten in flight other counties
// were told the portal was busy. Now one account has one read running or waiting, and a read whose
// request is gone leaves the queue.

/** The import run on `request`, timed (ms). */
function run(request: Request) {
  const started = performance.now()
  return runImport(request).then((result) => ({ result, ms: performance.now() - started }))
}

/** The slow file of the repro: a header, then 98 MB of empty elements (about 100 KB deflated). */
function slowXlsx() {
  return xlsxBytes({
    rows: function* () {
      yield rowXml(1, HEADERS)
      const megabyte = '<x/>'.repeat(1 << 18)
      for (let i = 0; i < 98; i++) yield megabyte
    },
  })
}

/** A clean one-row Fengdu ledger. */
function fengduCsv(sequence: number) {
  return csvText([ledgerRow(0, { 身份证号码: makeIdNumber({ areaCode: '500230', birthDate: '1988-03-04', sequence }), '乡镇（街道）': '三合街道' })])
}

test("开州十个慢文件同时上传，丰都一行的 CSV 不用排在它们后面 / ten slow files from Kaizhou at once: Fengdu's one-line CSV does not queue behind them", async () => {
  const kaizhou = await cookieFor('kaizhou')
  const fengdu = await cookieFor('fengdu')
  const slow = await slowXlsx()
  expect(slow.byteLength).toBeLessThan(200_000)
  // One slow read alone, timed on this machine in this run: the yardstick for "behind one read at most".
  const alone = await run(ledgerUpload(slow, '慢.xlsx', kaizhou))
  expect(importAnswer(alone.result).status).toBe(400)
  const mine = Array.from({ length: 10 }, () => run(ledgerUpload(slow, '慢.xlsx', kaizhou)))
  await new Promise((r) => setTimeout(r, 100))
  const theirs = await run(ledgerUpload(fengduCsv(731), '丰都.csv', fengdu))
  // Checked and previewed (the preview page is where its one confirm is).
  expect('thrown' in theirs.result && (await noticeOf(theirs.result.thrown)).location).toMatch(/^\/west\/imports\/\d+$/)
  // Before: 19.5 s behind five of Kaizhou's reads (five times a read alone); now behind one at most — measured
  // against a read alone in this run, not a wall-clock bound (a loaded machine missed 8 s with the queue right).
  expect(theirs.ms).toBeLessThan(2.5 * alone.ms + 1_000)
  const answers = (await Promise.all(mine)).map((m) => importAnswer(m.result))
  const busy = answers.filter((a) => a.status === 503)
  expect(busy).toHaveLength(9)
  for (const a of busy) expect(a.data.result.error?.['']).toEqual([READ_OWNER_BUSY])
  expect(answers.filter((a) => a.status === 400)).toHaveLength(1)
}, 60_000)

test('上传途中断开的请求离开读取队列，不再占位 / an upload whose client has gone leaves the reading queue', async () => {
  const kaizhou = await cookieFor('kaizhou')
  const fengdu = await cookieFor('fengdu')
  const xiushan = await cookieFor('xiushan')
  const slow = run(ledgerUpload(await slowXlsx(), '慢.xlsx', kaizhou))
  await new Promise((r) => setTimeout(r, 100))
  const gone = new AbortController()
  const queued = run(ledgerUpload(fengduCsv(733), '丰都.csv', fengdu, { signal: gone.signal }))
  await new Promise((r) => setTimeout(r, 100))
  gone.abort()
  const dropped = await queued
  // Answered at once (nobody is there to read it), never a 500, and nothing imported.
  expect(dropped.ms).toBeLessThan(1_500 * slowdown())
  const { status, data } = importAnswer(dropped.result)
  expect(status).toBe(400)
  expect(data.result.error?.['']).toEqual(['上传已取消'])
  // Fengdu may upload again at once, and Xiushan's file is read in its turn.
  const again = run(ledgerUpload(fengduCsv(735), '丰都.csv', fengdu))
  const other = run(ledgerUpload('a,b\n', '秀山.csv', xiushan))
  expect('thrown' in (await again).result).toBe(true)
  expect(importAnswer((await other).result).status).toBe(400)
  expect(importAnswer((await slow).result).status).toBe(400)
}, 60_000)
