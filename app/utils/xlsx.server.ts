import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'

// What every spreadsheet the portal hands out has in common: offices report upward in Excel, so each
// list opens with a bold, frozen, filterable header row and downloads under a Chinese file name. An
// export is defined as data (app/exports/*.server.ts: a sheet name and columns, each with its header,
// width and how its cell is read from a row) and sent by xlsxResponse, which streams the rows through
// exceljs's streaming writer, so a 100,000-row export is never a workbook in memory.

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * One column: its header, its width in characters, its cell read from a row, an Excel number format
 * ('@' text, '0' whole number), and a colour (ARGB) for its header, e.g. the ledger's required columns.
 */
export type XlsxColumn<Row> = {
  header: string
  width: number
  value: (row: Row) => string | number | null
  numFmt?: string
  headerColor?: string
}

/** An export: the sheet's name, its columns in order, and a footer printed on every page. */
export type XlsxExport<Row> = {
  sheet: string
  columns: readonly XlsxColumn<Row>[]
  footer?: string
}

/** Declares an export definition; returns it as given, typed by its row. */
export function defineExport<Row>(definition: XlsxExport<Row>): XlsxExport<Row> {
  return definition
}

/** Download headers: the Chinese file name for browsers that read RFC 5987, an ASCII one for the rest. */
export function downloadHeaders(fileName: string, asciiFallback: string) {
  return {
    'Content-Type': XLSX_CONTENT_TYPE,
    'Content-Disposition': `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'private, no-store',
  }
}

/**
 * How long (ms) an export may hold the event loop before it lets other requests run: the writer checks
 * the clock every CHECK_EVERY rows and yields a turn once this has passed, so however costly a row (a
 * chunked database read, a wide row), another page waits at most about this long per running export.
 */
const SLICE_MS = 8
const CHECK_EVERY = 25
/**
 * How much sheet XML (bytes) may wait for the zip's compression before the writer pauses: exceljs hands the
 * sheet to zlib without backpressure, so rows made faster than they are compressed — or than a slow client
 * takes the file, which stops the compression in turn — would pile up in memory (about 100 MB for 100,000
 * ledger rows). The writer waits, polling every CATCH_UP_POLL_MS, until half of it has gone.
 */
const MAX_PENDING_BYTES = 8 * 1024 * 1024
const CATCH_UP_POLL_MS = 2

/**
 * How many exports one server process writes at once, and how many more may wait their turn (in order of
 * arrival). A big export is seconds of CPU; twenty at once on two processes made every other page take
 * seconds (the attack on issue 15). With turns, the others wait for the file rather than everyone waiting
 * for the page, and past the queue an export is refused with 429 until a turn frees.
 */
export const EXPORTS_AT_ONCE = 2
export const EXPORTS_WAITING = 16
let writing = 0
const queue: { start: () => void }[] = []

function startNextInQueue() {
  while (writing < EXPORTS_AT_ONCE && queue.length > 0) {
    writing++
    queue.shift()!.start()
  }
}

/**
 * This export's turn: a promise that resolves when it may write. The turn is freed when `out` closes — the
 * file sent whole, or abandoned by its client (which also takes an export that never started out of the queue).
 */
function exportTurn(out: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    let state: 'waiting' | 'writing' | 'done' = 'waiting'
    const entry = {
      start: () => {
        state = 'writing'
        resolve()
      },
    }
    queue.push(entry)
    out.once('close', () => {
      if (state === 'waiting') queue.splice(queue.indexOf(entry), 1)
      else if (state === 'writing') writing--
      state = 'done'
      startNextInQueue()
    })
    startNextInQueue()
  })
}

/** How long (ms) a download may take nothing before it is given up (a client that stopped reading keeps no turn). */
export const EXPORT_IDLE_MS = 60_000

/**
 * The download of an export: a 200 Response whose body is the xlsx, written as it is read. Nothing is written
 * until the body is first read (a HEAD request, whose body is thrown away, never takes a turn); then the
 * export waits for one of the process's turns (EXPORTS_AT_ONCE), writes, and gives the turn back when the file
 * has gone whole, the client goes away, or nothing has been read for EXPORT_IDLE_MS. A 429 with a Chinese
 * message and Retry-After when EXPORTS_WAITING exports wait already. Takes the definition, the rows (any
 * iterable — a generator reading the database a chunk at a time keeps memory flat), the file names (Chinese,
 * and an ASCII fallback; app/exports/file-name.server.ts names them) and an optional title written in a row
 * above the headers (which list, which filters). A failure while writing ends the download with an error
 * instead of a silently short file.
 */
export function xlsxResponse<Row>(
  definition: XlsxExport<Row>,
  rows: Iterable<Row>,
  { fileName, asciiFallback, title }: { fileName: string; asciiFallback: string; title?: string },
) {
  if (writing >= EXPORTS_AT_ONCE && queue.length >= EXPORTS_WAITING) {
    return new Response('正在导出的文件较多，请过十几秒再试。', {
      status: 429,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '15', 'Cache-Control': 'no-store' },
    })
  }
  const out = new PassThrough()
  const chunks = out[Symbol.asyncIterator]()
  let idle: NodeJS.Timeout | undefined
  const giveUp = () => out.destroy()
  out.once('close', () => clearTimeout(idle))
  let started = false
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true
          exportTurn(out)
            .then(() => writeWorkbook(definition, rows, out, title))
            .catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))))
        }
        clearTimeout(idle)
        const next = await chunks.next()
        if (next.done) controller.close()
        else {
          controller.enqueue(next.value as Uint8Array)
          idle = setTimeout(giveUp, EXPORT_IDLE_MS)
        }
      },
      cancel() {
        out.destroy()
      },
    },
    { highWaterMark: 0 },
  )
  return new Response(body, { headers: downloadHeaders(fileName, asciiFallback) })
}

/**
 * A sheet of `workbook` (streaming or in memory) whose first row is the columns' headers: bold, shaded,
 * frozen while scrolling and filterable, a column's `headerColor` on its header. With a `title`, the
 * headers are the second row and the first is the title in bold across the columns. Returns the sheet.
 */
export function addTableSheet(
  workbook: Pick<ExcelJS.Workbook, 'addWorksheet'>,
  name: string,
  columns: readonly Omit<XlsxColumn<never>, 'value'>[],
  title?: string,
) {
  const top = title ? 2 : 1
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: top }] })
  sheet.columns = columns.map((c) => ({ ...(title ? {} : { header: c.header }), width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }))
  if (title) {
    const row = sheet.getRow(1)
    row.getCell(1).value = xmlSafe(title)
    row.font = { bold: true, size: 13 }
    if (columns.length > 1) sheet.mergeCells(1, 1, 1, columns.length)
    sheet.getRow(2).values = columns.map((c) => xmlSafe(c.header))
  }
  const header = sheet.getRow(top)
  header.font = { bold: true }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F2F5' } }
  columns.forEach((c, i) => {
    if (c.headerColor) header.getCell(i + 1).font = { bold: true, color: { argb: c.headerColor } }
  })
  sheet.autoFilter = { from: { row: top, column: 1 }, to: { row: top, column: columns.length } }
  return sheet
}

async function writeWorkbook<Row>({ sheet: name, columns, footer }: XlsxExport<Row>, rows: Iterable<Row>, out: PassThrough, title?: string) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  workbook.creator = '鲁渝劳务协作'
  workbook.created = new Date()
  const sheet = addTableSheet(workbook, name, columns, title)
  if (title) sheet.getRow(1).commit()
  const top = title ? 2 : 1
  sheet.getRow(top).commit()
  if (footer) sheet.headerFooter.oddFooter = footer
  const writer = rowWriter(workbook, sheet, columns, out)
  // The first row is read on the next turn: the route's Response goes out before any row is read.
  await new Promise((resolve) => setImmediate(resolve))
  let rowNumber = top
  let pending = ''
  let written = 0
  let sliceStart = performance.now()
  for (const row of rows) {
    pending += writer(++rowNumber, row)
    if (++written % CHECK_EVERY === 0) {
      // The client went away (or the download was given up): stop reading rows and let the writer go.
      if (out.destroyed) throw new Error('export abandoned')
      writer.flush(pending)
      pending = ''
      if (writer.pending() > MAX_PENDING_BYTES) {
        await writer.caughtUp()
        sliceStart = performance.now()
      } else if (performance.now() - sliceStart >= SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve))
        sliceStart = performance.now()
      }
    }
  }
  writer.flush(pending)
  sheet.commit()
  await workbook.commit()
}

/** What rowWriter uses of exceljs's streaming writer beyond its typings: the styles table and the sheet's XML stream. */
type WriterInternals = {
  styles: { addStyleModel: (style: Partial<ExcelJS.Style>, cellType: ExcelJS.ValueType) => number }
}
/** A stream of the readable-stream package (archiver's), whose lengths are only in its state objects. */
type StreamState = { _writableState?: { length: number }; _readableState?: { length: number } }
type SheetInternals = { stream: { write: (xml: string) => unknown; buffers: { length: number }; bufSize: number; pipes: StreamState[] } }

/**
 * The body rows' XML, written straight into the sheet's stream after the header rows exceljs has written:
 * the same `<row>` and `<c>` elements exceljs's own Row and Cell objects render (a string as t="str", a number
 * as its value, each cell with its column's style id, asked of exceljs's styles table once per column and type),
 * at a fraction of the cost — building a Row with its Cells for every line was most of an export's time, and
 * 100,000 rows must take under 10 s (issue 15 §3). Returns the function giving row `n`'s XML, with `flush`
 * writing XML to the sheet; waiting for the zip (`caughtUp`) stops with an error once `out` is gone. The round
 * trip through exceljs's reader is tested (xlsx.server.test.ts).
 */
function rowWriter<Row>(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: ExcelJS.Worksheet, columns: readonly XlsxColumn<Row>[], out: PassThrough) {
  const { styles } = workbook as unknown as WriterInternals
  const { stream } = sheet as unknown as SheetInternals
  const styleOf = (c: XlsxColumn<Row>, type: ExcelJS.ValueType) => {
    const id = styles.addStyleModel(c.numFmt ? { numFmt: c.numFmt } : {}, type)
    return id ? ` s="${id}"` : ''
  }
  const cells = columns.map((c, i) => ({
    letters: columnLetters(i + 1),
    text: styleOf(c, ExcelJS.ValueType.String),
    number: styleOf(c, ExcelJS.ValueType.Number),
  }))
  const spans = ` spans="1:${columns.length}" x14ac:dyDescent="0.25">`
  const write = (n: number, row: Row) => {
    let xml = `<row r="${n}"${spans}`
    for (let i = 0; i < columns.length; i++) {
      const value = columns[i].value(row) ?? ''
      const cell = cells[i]
      xml +=
        typeof value === 'number'
          ? `<c r="${cell.letters}${n}"${cell.number}><v>${value}</v></c>`
          : `<c r="${cell.letters}${n}"${cell.text} t="str"><v>${xmlText(value)}</v></c>`
    }
    return `${xml}</row>`
  }
  // What the sheet has written that the zip has not compressed yet: the sheet stream's own buffers (all of it
  // until the zip reaches the sheet) and what waits in the stream the zip reads the sheet through, which the sheet
  // stream writes to without waiting (the zip's deflate and the client's reading hold it back, never the writer).
  const pending = () => {
    const zipInput = stream.pipes[0]
    return stream.buffers.length * stream.bufSize + (zipInput?._writableState?.length ?? 0) + (zipInput?._readableState?.length ?? 0)
  }
  const caughtUp = async () => {
    while (pending() > MAX_PENDING_BYTES / 2) {
      if (out.destroyed) throw new Error('export abandoned')
      await new Promise((resolve) => setTimeout(resolve, CATCH_UP_POLL_MS))
    }
  }
  return Object.assign(write, { flush: (xml: string) => (xml ? stream.write(xml) : undefined), pending, caughtUp })
}

/** A column's letters: 1 → A, 27 → AA. */
function columnLetters(n: number): string {
  let letters = ''
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters
  return letters
}

/** The five XML specials, and the control characters XML 1.0 cannot hold (all but tab, line feed and carriage return). */
// The five specials, and what XML 1.0 does not allow in a document at all (a control character other than tab
// and line breaks, U+FFFE, U+FFFF, half of a surrogate pair), which would make the whole file unreadable.
const XML_SPECIAL = /[<>&'"]|[^\P{Cc}\t\n\r]|[\uFFFE\uFFFF]|\p{Cs}/gu
/** What XML 1.0 does not allow (as XML_SPECIAL, without the five specials, which exceljs escapes itself). */
const XML_FORBIDDEN = /[^\P{Cc}\t\n\r]|[\uFFFE\uFFFF]|\p{Cs}/gu

/** Text without the characters XML 1.0 forbids, for what exceljs writes itself (title, headers). */
export function xmlSafe(text: string) {
  return text.replace(XML_FORBIDDEN, '')
}
const XML_ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' }

/**
 * Text as XML character data, as exceljs writes it: the five specials escaped; control characters, U+FFFE,
 * U+FFFF and halves of surrogate pairs dropped (one of them in one cell would make the whole file unreadable).
 */
function xmlText(text: string) {
  // Nearly every cell needs nothing: a look at each character's code settles that faster than the expression.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (
      code < 32 ||
      code === 34 ||
      code === 38 ||
      code === 39 ||
      code === 60 ||
      code === 62 ||
      (code >= 127 && code <= 159) ||
      (code >= 0xd800 && code <= 0xdfff) ||
      code >= 0xfffe
    ) {
      return text.replace(XML_SPECIAL, (ch) => XML_ENTITY[ch] ?? '')
    }
  }
  return text
}
