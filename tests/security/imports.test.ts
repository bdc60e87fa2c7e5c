import { expect, test } from 'vitest'
import { manyRowsXlsx, nestedRichTextXlsx, repeatedIdCsv, zeroMediaXlsx, ledgerRow, xlsxBytes, rowXml, HEADERS } from '../fixtures/spreadsheets'
import { baseURL, MAX_HEALTH_MS, MAX_RSS_MB, signIn, watchServer, type Watch } from './server'

// Issue 7 §1, §2 and the file-name part of §9, over HTTP against the production build: one county
// account's upload must not take the portal down. Each upload is watched from outside: the memory of
// every server process and /healthz, answered within a second all along.

function importFile(bytes: Uint8Array | string, fileName: string, cookie: string) {
  const form = new FormData()
  form.append('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], fileName))
  return fetch(`${baseURL}/west/workers/import`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { Cookie: cookie, 'X-Forwarded-For': '10.6.0.1' },
  }).then(async (r) => ({ status: r.status, body: await r.text(), location: r.headers.get('location') }))
}

function expectHealthy(watch: Watch) {
  expect(watch.samples).toBeGreaterThan(0)
  expect(watch.healthFailures).toBe(0)
  expect(watch.maxHealthMs).toBeLessThan(MAX_HEALTH_MS)
  expect(watch.maxRssMb).toBeLessThan(MAX_RSS_MB)
}

test('同一身份证号填满 20,000 行的 CSV：回答有界，服务不受影响 / a CSV with one ID on 20,000 rows gets a bounded answer and the portal is unaffected', async () => {
  const cookie = await signIn('kaizhou', '10.6.0.1')
  const { result, watch } = await watchServer(() => importFile(repeatedIdCsv(20_000), '台账.csv', cookie))
  expect(result.status).toBe(400)
  expect(result.body.length).toBeLessThan(400_000)
  expectHealthy(watch)
})

test('单元格嵌套 3000 万层的 xlsx：被拒，服务不受影响 / an xlsx with a cell nested 30,000,000 deep is refused; the portal is unaffected', async () => {
  const cookie = await signIn('kaizhou', '10.6.0.1')
  const file = await nestedRichTextXlsx(30_000_000)
  const { result, watch } = await watchServer(() => importFile(file, '嵌套.xlsx', cookie))
  expect(result.status).toBe(400)
  expectHealthy(watch)
})

test('xl/media 里有 1 GB 零的 xlsx：媒体不解压，内存不涨 / an xlsx with 1 GB of zeros in xl/media: the media is never inflated', async () => {
  const cookie = await signIn('kaizhou', '10.6.0.1')
  const file = await zeroMediaXlsx(1024 ** 3, ledgerRow(901))
  const { result, watch } = await watchServer(() => importFile(file, '带图片.xlsx', cookie))
  expect([302, 400]).toContain(result.status)
  expectHealthy(watch)
})

test('四个 100 万行的表同时上传：每个都有回答，服务照常 / four 1,000,000-row sheets at once: each is answered, the portal keeps serving', async () => {
  const cookie = await signIn('kaizhou', '10.6.0.1')
  const file = await manyRowsXlsx(1_000_000)
  const { result, watch } = await watchServer(() => Promise.all([1, 2, 3, 4].map((n) => importFile(file, `百万行${n}.xlsx`, cookie))))
  for (const r of result) expect([400, 503]).toContain(r.status)
  expect(result.filter((r) => r.status === 400).length).toBeGreaterThanOrEqual(1)
  expectHealthy(watch)
})

test('文件名带等号、分号、引号也不会 500 / file names with =, ; or quotes never answer 500', async () => {
  const cookie = await signIn('kaizhou', '10.6.0.1')
  const file = await xlsxBytes({
    rows: function* () {
      yield rowXml(1, HEADERS)
      yield rowXml(2, ledgerRow(902))
    },
  })
  for (const name of ['台账=最终版.xlsx', '台账;最终版.xlsx', '台账"最终"版.xlsx', "..\\..\\台账'.xlsx"]) {
    const r = await importFile(file, name, cookie)
    expect(r.status, name).toBeLessThan(500)
  }
})
