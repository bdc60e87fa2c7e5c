import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { defineExport, EXPORTS_AT_ONCE, EXPORTS_WAITING, xlsxResponse } from './xlsx.server'

type Row = { n: number; name: string; idMasked: string | null }

const EXPORT = defineExport<Row>({
  sheet: '名单',
  columns: [
    { header: '序号', width: 6, value: (r) => r.n, numFmt: '0' },
    { header: '姓名', width: 10, value: (r) => r.name, numFmt: '@' },
    { header: '身份证号(打码)', width: 21, value: (r) => r.idMasked, numFmt: '@' },
  ],
  footer: '身份证号码已打码',
})

function* people(count: number, seen: { pulled: number }) {
  for (let n = 1; n <= count; n++) {
    seen.pulled = n
    yield { n, name: `张${n}`, idMasked: n % 2 ? `500***********${String(n).padStart(4, '0')}` : null }
  }
}

async function open(response: Response) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  return workbook.worksheets[0]
}

test('导出边写边发：返回时还没有读任何一行，读完响应才读完全部 / an export is written as it is sent: no row is read when the response is returned, all of them once it is read', async () => {
  const seen = { pulled: 0 }
  const response = xlsxResponse(EXPORT, people(5_000, seen), { fileName: '名单-2026-11-30.xlsx', asciiFallback: 'list-2026-11-30.xlsx' })
  expect(seen.pulled).toBe(0)
  expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  expect(response.headers.get('Content-Disposition')).toBe(
    `attachment; filename="list-2026-11-30.xlsx"; filename*=UTF-8''${encodeURIComponent('名单-2026-11-30.xlsx')}`,
  )
  expect(response.headers.get('Cache-Control')).toBe('private, no-store')
  const sheet = await open(response)
  expect(seen.pulled).toBe(5_000)
  expect(sheet.name).toBe('名单')
  expect(sheet.rowCount).toBe(5_001)
  expect(sheet.getRow(2).values).toEqual([undefined, 1, '张1', '500***********0001'])
  expect(sheet.getRow(5_001).getCell(2).value).toBe('张5000')
})

test('每个导出都有粗体冻结可筛选的表头、列宽、文本格式和页脚 / every export has a bold, frozen, filterable header, widths, text columns and a footer', async () => {
  const sheet = await open(xlsxResponse(EXPORT, people(3, { pulled: 0 }), { fileName: 'a.xlsx', asciiFallback: 'a.xlsx' }))
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['序号', '姓名', '身份证号(打码)'])
  expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true)
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  expect(sheet.autoFilter).toBeTruthy()
  expect(sheet.columns.map((c) => c.width)).toEqual([6, 10, 21])
  expect(sheet.getRow(2).getCell(3).numFmt).toBe('@')
  expect(sheet.getRow(2).getCell(1).numFmt).toBe('0')
  expect(sheet.headerFooter.oddFooter).toBe('身份证号码已打码')
})

test('写到一半出错时下载以错误结束，而不是悄悄少几行 / a failure half way ends the download with an error, not a silently short file', async () => {
  function* failing() {
    yield { n: 1, name: '张1', idMasked: null }
    throw new Error('database went away')
  }
  const response = xlsxResponse(EXPORT, failing(), { fileName: 'a.xlsx', asciiFallback: 'a.xlsx' })
  await expect(response.arrayBuffer()).rejects.toThrow()
})

test('两万行边写边发、边收边读：流式读取器读回标题行和全部行 / 20,000 rows streamed out and read back as a stream: the streaming reader finds the title row and every row', async () => {
  const seen = { pulled: 0 }
  const response = xlsxResponse(EXPORT, people(20_000, seen), {
    fileName: 'a.xlsx',
    asciiFallback: 'a.xlsx',
    title: '开州区名单 · 日期范围：全部日期 · 筛选条件：无 · 导出于 2026-12-01',
  })
  // Nothing but the first rows is read before the body is: the rest are pulled as the reader takes the bytes.
  expect(seen.pulled).toBeLessThan(20_000)
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  })
  const read = { title: null as unknown, headers: [] as unknown[], rows: 0, last: [] as unknown[] }
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (row.number === 1) read.title = row.getCell(1).value
      else if (row.number === 2) read.headers = (row.values as unknown[]).slice(1)
      else {
        read.rows += 1
        read.last = (row.values as unknown[]).slice(1)
      }
    }
  }
  expect(read.title).toBe('开州区名单 · 日期范围：全部日期 · 筛选条件：无 · 导出于 2026-12-01')
  expect(read.headers).toEqual(['序号', '姓名', '身份证号(打码)'])
  expect(read.rows).toBe(20_000)
  expect(read.last).toEqual([20_000, '张20000', ''])
  expect(seen.pulled).toBe(20_000)
})

test('特殊字符原样读回，控制字符去掉；超过 26 列的列名 AA、AB 正确 / XML specials read back as typed, control characters dropped; columns past Z are AA, AB', async () => {
  const columns = Array.from({ length: 28 }, (_, i) => ({ header: `列${i + 1}`, width: 8, value: (r: { text: string }) => (i === 27 ? i : `${r.text}${i}`) }))
  const wide = defineExport<{ text: string }>({ sheet: '宽表', columns })
  const sheet = await open(xlsxResponse(wide, [{ text: `<a href="x">&'\u0001\u0085\t` }], { fileName: 'a.xlsx', asciiFallback: 'a.xlsx' }))
  expect(sheet.getRow(2).getCell(1).value).toBe(`<a href="x">&'\t0`)
  expect(sheet.getCell('AA2').value).toBe(`<a href="x">&'\t26`)
  expect(sheet.getCell('AB2').value).toBe(27)
  expect(sheet.getCell('AB1').value).toBe('列28')
})

test('任何文字都不会让文件打不开：XML 不允许的字符（U+FFFE、U+FFFF、半个代理对、控制字符）去掉，其余原样 / no text can make the file unreadable: what XML 1.0 forbids is dropped, the rest reads back as written', async () => {
  // The attack's input: a worker's report note holding U+FFFF made a bureau's whole /east/reports.xlsx unreadable.
  const note = defineExport<{ text: string }>({ sheet: '举报', columns: [{ header: '说明', width: 20, value: (r) => r.text }] })
  const attack = await open(xlsxResponse(note, [{ text: 'bad \uFFFF char =1+1' }], { fileName: 'r.xlsx', asciiFallback: 'r.xlsx', title: '举报 \uFFFE' }))
  expect(attack.getCell('A3').value).toBe('bad  char =1+1')
  expect(attack.getCell('A1').value).toBe('举报 ')
  // Any code point, lone surrogates and noncharacters included (no CR: XML reads a CR back as a line feed).
  const codePoint = fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0x10000, max: 0x10ffff })).filter((c) => c !== 13)
  const text = fc.array(codePoint, { maxLength: 12 }).map((cs) => cs.map((c) => (c <= 0xffff ? String.fromCharCode(c) : String.fromCodePoint(c))).join(''))
  const allowed = (t: string) => t.replace(/[^\P{Cc}\t\n]|[\uFFFE\uFFFF]|\p{Cs}/gu, '')
  await fc.assert(
    fc.asyncProperty(text, text, async (title, cell) => {
      const sheet = await open(xlsxResponse(note, [{ text: `x${cell}x` }], { fileName: 'r.xlsx', asciiFallback: 'r.xlsx', title: `t${title}t` }))
      expect(sheet.getCell('A1').value).toBe(allowed(`t${title}t`))
      expect(sheet.getCell('A3').value).toBe(allowed(`x${cell}x`))
    }),
    { numRuns: 40 },
  )
})

test('下载方不读时导出停下等待，不把整张表堆在内存里；读完仍是完整的文件 / when the client stops reading the export waits instead of piling the sheet up in memory, and still ends complete', async () => {
  const seen = { pulled: 0 }
  // Rows of about 400 bytes of XML that do not compress to nothing, as wide as a ledger row: 80,000 of them are
  // some 30 MB of sheet, several MB zipped.
  const noise = (n: number) => Array.from({ length: 24 }, (_, i) => ((n * 2_654_435_761 + i * 40_503) >>> 0).toString(36)).join(' ')
  const wide = defineExport<Row>({ ...EXPORT, columns: [...EXPORT.columns, { header: '备注', width: 40, value: (r) => noise(r.n) }] })
  const response = xlsxResponse(wide, people(80_000, seen), { fileName: 'a.xlsx', asciiFallback: 'a.xlsx' })
  const reader = response.body!.getReader()
  const chunks: Uint8Array<ArrayBuffer>[] = [new Uint8Array((await reader.read()).value!)]
  // Not reading: the rows pulled stop growing well before the end (about 4 MB of sheet waits for the zip).
  let last = -1
  while (seen.pulled !== last) {
    last = seen.pulled
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  expect(seen.pulled).toBeLessThan(40_000)
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(new Uint8Array(value))
  }
  expect(seen.pulled).toBe(80_000)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await new Blob(chunks).arrayBuffer())
  expect(workbook.worksheets[0].rowCount).toBe(80_001)
})

/** Reads a download to its end from `reader` (whose first read may already be under way) and opens it. */
async function readWhole(reader: ReadableStreamDefaultReader<Uint8Array>, first: Promise<ReadableStreamReadResult<Uint8Array>>) {
  const parts: Uint8Array[] = []
  for (let next = await first; !next.done; next = await reader.read()) parts.push(next.value)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await new Response(Buffer.concat(parts)).arrayBuffer())
  return workbook.worksheets[0]
}

test('一个进程同时只写几个导出，其余按先后排队，队满时 429；没人读的下载（HEAD）不占位置，放弃的下载让出位置并停止 / a process writes a few exports at once, the rest wait in turn, a full queue answers 429; a body nobody reads (HEAD) takes no turn; an abandoned download frees its turn and stops', async () => {
  const names = { fileName: 'a.xlsx', asciiFallback: 'a.xlsx' }
  // Each export's rows say when they are being read: the most read at once is how many exports wrote at once
  // (3,000 rows take longer than a writer's time slice, so without turns all of them would be read at once).
  let active = 0
  let most = 0
  const order: number[] = []
  function* rowsOf(id: number, count = 3000): Generator<Row> {
    active++
    most = Math.max(most, active)
    order.push(id)
    try {
      for (let n = 1; n <= count; n++) yield { n, name: `张${n}`, idMasked: null }
    } finally {
      active--
    }
  }
  // Bodies nobody reads (a HEAD request's, thrown away by Remix) write nothing and take no turn.
  const unread = Array.from({ length: EXPORTS_AT_ONCE + EXPORTS_WAITING + 3 }, (_, id) => xlsxResponse(EXPORT, rowsOf(-100 - id), names))
  expect(unread.every((r) => r.status === 200)).toBe(true)
  await new Promise((resolve) => setTimeout(resolve, 30))
  expect(order).toEqual([])
  // Read: the first EXPORTS_AT_ONCE write, the others wait in order; one more than the queue holds is refused.
  const readers = Array.from({ length: EXPORTS_AT_ONCE + EXPORTS_WAITING }, (_, id) => xlsxResponse(EXPORT, rowsOf(id), names).body!.getReader())
  const firsts = readers.map((reader) => reader.read())
  await new Promise((resolve) => setImmediate(resolve))
  const refused = xlsxResponse(EXPORT, rowsOf(-1), names)
  expect(refused.status).toBe(429)
  expect(refused.headers.get('Retry-After')).toBe('15')
  expect(await refused.text()).toContain('请过十几秒再试')
  const sheets = await Promise.all(readers.map((reader, i) => readWhole(reader, firsts[i])))
  expect(sheets.map((sheet) => sheet.rowCount)).toEqual(readers.map(() => 3001))
  expect(most).toBeLessThanOrEqual(EXPORTS_AT_ONCE)
  expect(order).toEqual(readers.map((_, id) => id))
  // Abandoned downloads, waiting or writing, free their places, and a writer stops reading rows.
  const abandoned = Array.from({ length: EXPORTS_AT_ONCE + EXPORTS_WAITING }, (_, id) =>
    xlsxResponse(EXPORT, rowsOf(100 + id, 200_000), names).body!.getReader(),
  )
  const started = abandoned.map((reader) => reader.read())
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(active).toBe(EXPORTS_AT_ONCE)
  await Promise.all(abandoned.map((reader) => reader.cancel()))
  await Promise.all(started)
  await new Promise((resolve) => setTimeout(resolve, 100))
  expect(active).toBe(0)
  const again = xlsxResponse(EXPORT, rowsOf(999), names).body!.getReader()
  expect((await readWhole(again, again.read())).rowCount).toBe(3001)
})
