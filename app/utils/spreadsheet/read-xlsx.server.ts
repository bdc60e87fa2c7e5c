import path from 'node:path/posix'
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl'
import { createBudget, GridLimitError, type Grid, type GridLimits, type GridOptions } from './grid.server'
import { createCellText, localName, parseEntry, type CellText, type Inflation } from './xlsx-parts.server'
import { storeSettings } from './row-store.server'
import { readSheet, sheetHasHeader, type SheetContext } from './xlsx-sheet.server'

// The xlsx half of the spreadsheet reader (./read-grid.server.ts): the ZIP's directory, the workbook,
// its relationships, styles and shared strings; each sheet is ./xlsx-sheet.server.ts. Only the entries a
// grid needs are inflated. Runs inside the reading worker thread.

type Entries = Map<string, Entry>

/**
 * Reads an xlsx file's grid within `options.limits` (the first visible sheet with the header near its top,
 * else the first visible sheet), with the names of the sheets found holding the header (all of them with
 * `allHeaderSheets`, else at most the first) and, with `allHeaderSheets`, of the hidden (and veryHidden)
 * sheets whose top rows hold it (`hiddenHeaderSheets`: only their top rows are read); a crossed limit or a
 * broken file throws GridLimitError.
 */
export async function readXlsx(bytes: Uint8Array, options: GridOptions): Promise<{ grid: Grid; headerSheets: string[]; hiddenHeaderSheets: string[] }> {
  const { limits } = options
  const zip = await fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
    lazyEntries: true,
    validateEntrySizes: true,
  })
  try {
    // The entry count comes from the end-of-central-directory record: refused before any entry is read.
    if (zip.entryCount > limits.maxEntries) throw new GridLimitError('entries')
    const entries: Entries = new Map()
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName.replace(/^\/+/, ''), entry)
    const inflation: Inflation = { left: limits.maxInflatedBytes }
    const book = await readWorkbook(zip, entries, inflation, limits)
    const styles = book.stylesPath ? await readStyles(zip, entries, book.stylesPath, inflation, limits) : { dateStyles: new Set<number>() }
    const shared = book.sharedStringsPath ? await readSharedStrings(zip, entries, book.sharedStringsPath, inflation, limits) : []
    const context: SheetContext = { shared, dateStyles: styles.dateStyles, date1904: book.date1904 }
    const sheets = book.sheets.filter((s) => s.visible && entries.has(s.path))
    const settings = storeSettings(options)
    // A hidden sheet is never read as the grid, but an import that asks for every header sheet hears of
    // the hidden ones too, so their rows are not dropped without a word.
    const hiddenHeaderSheets: string[] = []
    if (options.allHeaderSheets) {
      for (const sheet of book.sheets.filter((s) => !s.visible && entries.has(s.path))) {
        if (await sheetHasHeader(zip, entries.get(sheet.path)!, inflation, limits, context, settings)) hiddenHeaderSheets.push(sheet.name)
      }
    }
    if (sheets.length === 0) {
      if (hiddenHeaderSheets.length > 0) return { grid: [], headerSheets: [], hiddenHeaderSheets }
      throw new GridLimitError('no-sheet')
    }
    const read = async (sheetPath: string, probe: boolean) => {
      const entry = entries.get(sheetPath)!
      const left = inflation.left
      const first = await readSheet(zip, entry, inflation, limits, context, settings, probe)
      if (!first || 'grid' in first) return first?.grid ?? null
      // Merges the cut rows could not take: the same sheet once more, its bytes counted once.
      inflation.left = left
      const second = await readSheet(zip, entry, inflation, limits, context, { ...settings, reread: first.again }, false)
      if (!second || !('grid' in second)) throw new GridLimitError('corrupt')
      return second.grid
    }
    // The first visible sheet with the ledger headers near its top; a county's file may open with a cover sheet.
    // With allHeaderSheets every sheet is looked at, and the names of all that have the header are handed back.
    let first: Grid | null = null
    const headerSheets: string[] = []
    for (const sheet of sheets) {
      const grid = await read(sheet.path, true)
      if (!grid) continue
      first ??= grid
      headerSheets.push(sheet.name)
      if (!options.allHeaderSheets) break
    }
    return { grid: first ?? (await read(sheets[0].path, false))!, headerSheets, hiddenHeaderSheets }
  } finally {
    zip.close()
  }
}

async function readRelationships(zip: ZipFile, entries: Entries, partPath: string, inflation: Inflation, limits: GridLimits) {
  const relsPath = path.join(path.dirname(partPath), '_rels', `${path.basename(partPath)}.rels`)
  const rels: { id: string; type: string; path: string }[] = []
  const entry = entries.get(relsPath)
  if (!entry) return rels
  await parseEntry(zip, entry, inflation, limits, {
    open(name, a) {
      if (name !== 'Relationship' || !a.Target || a.TargetMode === 'External') return
      const target = a.Target.startsWith('/') ? a.Target.slice(1) : path.join(path.dirname(partPath), a.Target)
      rels.push({ id: a.Id ?? '', type: a.Type ?? '', path: path.normalize(target) })
    },
  })
  return rels
}

type Workbook = {
  sheets: { name: string; visible: boolean; path: string }[]
  date1904: boolean
  sharedStringsPath: string | null
  stylesPath: string | null
}

async function readWorkbook(zip: ZipFile, entries: Entries, inflation: Inflation, limits: GridLimits): Promise<Workbook> {
  const rootRels = await readRelationships(zip, entries, '', inflation, limits)
  const bookPath = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.path ?? 'xl/workbook.xml'
  const bookEntry = entries.get(bookPath)
  if (!bookEntry) throw new GridLimitError('corrupt')
  const rels = await readRelationships(zip, entries, bookPath, inflation, limits)
  const relPath = new Map(rels.map((r) => [r.id, r.path]))
  const book: Workbook = {
    sheets: [],
    date1904: false,
    sharedStringsPath: rels.find((r) => r.type.endsWith('/sharedStrings'))?.path ?? (entries.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null),
    stylesPath: rels.find((r) => r.type.endsWith('/styles'))?.path ?? (entries.has('xl/styles.xml') ? 'xl/styles.xml' : null),
  }
  await parseEntry(zip, bookEntry, inflation, limits, {
    open(name, a) {
      if (name === 'workbookPr') book.date1904 = a.date1904 === '1' || a.date1904 === 'true'
      if (name !== 'sheet') return
      const id = Object.entries(a).find(([k]) => localName(k) === 'id' && k !== 'sheetId')?.[1]
      const target = id ? relPath.get(id) : undefined
      if (target) book.sheets.push({ name: a.name ?? '', visible: !a.state || a.state === 'visible', path: target })
    },
  })
  return book
}

// Built-in number formats that show a date or time (14–22 everywhere; 27–36 and 50–58 are the date
// formats of Chinese, Japanese and Korean Excel, e.g. 31 = yyyy"年"m"月"d"日"; 45–47 are times).
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
])

/** Whether a format code shows a date: y, m, d, h, s outside quotes and [..] (the rule exceljs uses). */
function isDateFormat(code: string) {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''))
}

async function readStyles(zip: ZipFile, entries: Entries, stylesPath: string, inflation: Inflation, limits: GridLimits) {
  const entry = entries.get(stylesPath)
  const dateStyles = new Set<number>()
  if (!entry) return { dateStyles }
  const customDate = new Map<number, boolean>()
  const xfFormats: number[] = []
  let inCellXfs = false
  await parseEntry(zip, entry, inflation, limits, {
    open(name, a) {
      if (name === 'numFmt') customDate.set(Number(a.numFmtId), isDateFormat(a.formatCode ?? ''))
      else if (name === 'cellXfs') inCellXfs = true
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0))
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false
    },
  })
  xfFormats.forEach((id, index) => {
    if (customDate.get(id) ?? BUILT_IN_DATE_FORMATS.has(id)) dateStyles.add(index)
  })
  return { dateStyles }
}

/** The shared string table; rich text is the concatenation of its runs, phonetic guides (rPh) left out. */
async function readSharedStrings(zip: ZipFile, entries: Entries, sharedPath: string, inflation: Inflation, limits: GridLimits) {
  const entry = entries.get(sharedPath)
  const strings: string[] = []
  if (!entry) return strings
  const budget = createBudget(limits)
  let text: CellText | null = null
  let inT = false
  let phonetic = 0
  await parseEntry(zip, entry, inflation, limits, {
    open(name) {
      if (name === 'si') text = createCellText()
      else if (name === 't') inT = true
      else if (name === 'rPh') phonetic += 1
    },
    close(name) {
      if (name === 't') inT = false
      else if (name === 'rPh') phonetic -= 1
      else if (name === 'si' && text) {
        if (strings.length >= limits.maxSharedStrings) throw new GridLimitError('cells')
        const value = text.value()
        budget.cells(1)
        budget.text(value.length)
        strings.push(value)
        text = null
      }
    },
    text(t) {
      if (inT && phonetic === 0 && text) text.add(t)
    },
  })
  return strings
}
