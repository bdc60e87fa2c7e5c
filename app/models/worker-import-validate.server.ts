import { createDivisionResolver, listTownships, type Township } from '~/models/area.server'
import { matchTownshipStem } from '~/rules/division-match'
import { normalizeIdNumber } from '~/rules/id-number'
import type { Actor } from '~/rules/permissions'
import { RegistryRowSchema, toLedgerValues, type DivisionResolver, type LedgerValues, type ResolvedPlace } from '~/rules/registry'
import {
  clipValue,
  COLUMN_ORDER,
  HEADER_OF,
  ID_STORED_AS_NUMBER_MESSAGE,
  isMaskedNumber,
  MASKED_EXPORT_MESSAGE,
  TEMPLATE_EXAMPLE_NOTE,
  type RegistryField,
  type SheetValues,
} from '~/rules/registry-sheet'
import { writeTransaction } from '~/utils/db.server'
import { failure, type Failure } from '~/utils/mutation.server'
import { FOREIGN_CHECKS_REFUSED, FOREIGN_LEDGER_HAS_ID, findIdNumberHolders, mayCheckForeignIds, recordForeignIdHits } from './ledger-id-check.server'
import type { SheetRow } from './worker-import-read.server'

// Checking every row of a ledger spreadsheet before anything is written (product brief §1): the form's
// schema, the county's real townships and villages, duplicates within the file, and other counties'
// ledgers. Every problem keeps its offending value; this county's own ID numbers are matches to update
// (issue 11 §1), sorted out by ./worker-import.server.ts.

export type RowError = { line: number; column: string; message: string; value: string }
/** One problem of a row: the field (for marking its cell), its column header, the offending value and the message. */
export type RowProblem = { field: RegistryField; column: string; value: string; message: string; group?: string }
/** A row with problems, its cells as read (for the marked-up download) and every problem it has. */
export type ProblemRow = { line: number; values: SheetValues; problems: RowProblem[] }
/** A good row: its line and the values to store. */
export type GoodRow = { line: number; values: LedgerValues }

/**
 * Every row sorted into good ones and ones with problems (`problemRows` in line order, each with all its
 * problems; `problems` counts them). IDs already in this county's ledger are not problems: the row is
 * matched to them (issue 11 §1, re-import updates). A Failure (status 429) when the account's checks
 * against other counties' ledgers are over today's limit.
 */
export type ValidationResult = { ok: true; good: GoodRow[]; problemRows: ProblemRow[]; problems: number } | Failure

/** Problems kept for the page: enough to fix a file by, whatever the file holds. */
export const KEPT_PROBLEMS = 500
/** Longest problem message kept, in characters. */
const MESSAGE_CHARS = 200
/** Other lines named in a duplicate message; the rest are counted. */
const NAMED_LINES = 3

/**
 * The first `limit` problems by line and column as a flat list (the import page's table and the tests),
 * each message cut at MESSAGE_CHARS.
 */
export function firstProblems(problemRows: readonly ProblemRow[], limit = KEPT_PROBLEMS): RowError[] {
  const out: RowError[] = []
  for (const row of problemRows) {
    for (const p of row.problems) {
      if (out.length === limit) return out
      const message = p.message.length > MESSAGE_CHARS ? `${p.message.slice(0, MESSAGE_CHARS)}…` : p.message
      out.push({ line: row.line, column: p.column, message, value: clipValue(p.value) })
    }
  }
  return out
}

/** "与第 2 行…" naming at most NAMED_LINES other lines of the group, so a message stays short however many repeat. */
function duplicateLinesMessage(lines: number[], line: number) {
  const others: number[] = []
  for (const l of lines) {
    if (l === line) continue
    others.push(l)
    if (others.length === NAMED_LINES) break
  }
  const count = lines.length - 1
  const more = count > others.length ? ` 等 ${count.toLocaleString('en-US')} 行` : ' 行'
  return `与第 ${others.join('、')}${more}的身份证号码重复`
}

/** How duplicates within the file read when grouped (each row's own message names the other lines). */
const DUPLICATE_IN_FILE = '在文件中重复出现'

/** Excel's rendering of a long number in a CSV: 5.00154E+17 — the digits are already gone. */
const EXCEL_NUMBER = /^\d(\.\d+)?e\+?\d+$/i

/**
 * Checks every row with the form's schema, resolves township and village within the county, and finds
 * duplicate ID numbers within the file and in other counties' ledgers. Returns the good rows and every
 * row with problems (each problem with its value), in line order. Another county's
 * holder is never named here (a file must not map residents to counties); the number of such hits is
 * audited (`registry.duplicate_check`), and past FOREIGN_ID_HITS_PER_DAY a day the check is refused.
 * Time and memory are linear in the rows, whatever they contain.
 */
export function validateRegistryRows(rows: SheetRow[], actor: Actor): ValidationResult {
  const steps = validationSteps(rows, actor)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/**
 * validateRegistryRows, giving the event loop back every VALIDATION_SLICE rows, so that checking a
 * 20,000-row file does not hold up other users' requests for a second.
 */
export async function validateRegistryRowsInSlices(rows: SheetRow[], actor: Actor): Promise<ValidationResult> {
  const steps = validationSteps(rows, actor)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    await new Promise((resolve) => setImmediate(resolve))
  }
}

const VALIDATION_SLICE = 500

/** The validation itself, as a generator that pauses every VALIDATION_SLICE rows; the last step is the result. */
function* validationSteps(rows: SheetRow[], actor: Actor): Generator<void, ValidationResult> {
  const resolve = createDivisionResolver(actor.areaCode)
  const townships = listTownships(actor.areaCode)
  const problemsByLine = new Map<number, ProblemRow>()
  let problemCount = 0
  const good: GoodRow[] = []
  const linesById = new Map<string, number[]>()
  const rowByLine = new Map<number, SheetRow>()
  const addProblem = (row: SheetRow, field: RegistryField, message: string, group?: string) => {
    problemCount += 1
    let entry = problemsByLine.get(row.line)
    if (!entry) problemsByLine.set(row.line, (entry = { line: row.line, values: row.values, problems: [] }))
    entry.problems.push({ field, column: HEADER_OF[field], value: row.values[field] ?? '', message, ...(group ? { group } : {}) })
  }

  let checkedRows = 0
  for (const row of rows) {
    const { line, values, idStoredAsNumber } = row
    if (++checkedRows % VALIDATION_SLICE === 0) yield
    rowByLine.set(line, row)
    let rowFailed = false
    const add = (field: RegistryField, message: string) => {
      rowFailed = true
      addProblem(row, field, message)
    }
    const masked = isMaskedNumber(values.idNumber)
    const idAsNumber = !masked && (idStoredAsNumber === true || EXCEL_NUMBER.test(values.idNumber.trim()))
    if (masked) add('idNumber', MASKED_EXPORT_MESSAGE)
    if (idAsNumber) add('idNumber', ID_STORED_AS_NUMBER_MESSAGE)
    if (values.notes.trim() === TEMPLATE_EXAMPLE_NOTE) add('notes', '这是模板里的示例行，请删除后再导入')

    const parsed = RegistryRowSchema.safeParse(values)
    const badFields = new Set<string>()
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '') as RegistryField
        badFields.add(field)
        if (field === 'idNumber' && (idAsNumber || masked)) continue
        if (field === 'phone' && masked && isMaskedNumber(values.phone)) continue
        add(field, issue.message)
      }
    }
    // Township and village are checked even when another column failed, so one pass shows every problem.
    let place: ResolvedPlace | null = null
    if (!badFields.has('township') && !badFields.has('village')) {
      place = resolvePlace(resolve, townships, values.township.trim(), values.village.trim() || null)
      if (!place.ok) add(place.field, place.message)
    }
    if (!badFields.has('idNumber') && !idAsNumber && !masked) {
      const id = normalizeIdNumber(values.idNumber)
      const lines = linesById.get(id)
      if (lines) lines.push(line)
      else linesById.set(id, [line])
    }
    if (rowFailed) continue
    if (parsed.success && place?.ok) good.push({ line, values: toLedgerValues(parsed.data, place) })
  }

  for (const lines of linesById.values()) {
    if (lines.length < 2) continue
    // Grouped as one: "第 2–20001 行：身份证号码“…”：在文件中重复出现".
    for (const line of lines) addProblem(rowByLine.get(line)!, 'idNumber', duplicateLinesMessage(lines, line), DUPLICATE_IN_FILE)
  }

  // One check per file against every ledger, audited and limited, in one write transaction so that
  // parallel uploads cannot all read the count before any of them has added to it. Numbers in this
  // county's own ledger are matches (the row updates them), not problems.
  const ledger = writeTransaction((tx) => {
    if (!mayCheckForeignIds(tx, actor, 'import')) return null
    const holders = findIdNumberHolders(tx, [...linesById.keys()])
    let foreign = 0
    for (const holder of holders.values()) if (holder.organisationId !== actor.organisationId) foreign += 1
    return recordForeignIdHits(tx, actor, foreign, 'import') ? holders : null
  })
  if (!ledger) return failure(FOREIGN_CHECKS_REFUSED, { status: 429 })
  for (const [id, holder] of ledger) {
    if (holder.organisationId === actor.organisationId) continue
    for (const line of linesById.get(id) ?? []) addProblem(rowByLine.get(line)!, 'idNumber', FOREIGN_LEDGER_HAS_ID)
  }

  const order = (a: RowProblem, b: RowProblem) => (COLUMN_ORDER.get(a.column) ?? 99) - (COLUMN_ORDER.get(b.column) ?? 99)
  const problemRows = [...problemsByLine.values()].sort((a, b) => a.line - b.line)
  for (const r of problemRows) r.problems.sort(order)
  return { ok: true, good: good.filter((g) => !problemsByLine.has(g.line)), problemRows, problems: problemCount }
}

/**
 * The county's township and village for a row: by name or code, and a township typed without its suffix
 * (和谦 for 和谦镇) when exactly one township has that stem; several are listed, never guessed.
 */
function resolvePlace(resolve: DivisionResolver, townships: Township[], township: string, village: string | null): ResolvedPlace {
  const place = resolve(township, village)
  if (place.ok || place.field !== 'township') return place
  const stem = matchTownshipStem(township, townships)
  if (stem.kind === 'one') return resolve(stem.code, village)
  if (stem.kind === 'many') return { ok: false, field: 'township', message: `“${township.slice(0, 20)}”可能是${stem.names.join('或')}，请写全称` }
  return place
}
