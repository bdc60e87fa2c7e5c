import { createDivisionResolver } from '~/models/area.server'
import { normalizeIdNumber } from '~/rules/id-number'
import type { Actor } from '~/rules/permissions'
import { RegistryRowSchema, toLedgerValues, type LedgerValues, type ResolvedPlace } from '~/rules/registry'
import { COLUMN_ORDER, HEADER_OF, ID_STORED_AS_NUMBER_MESSAGE, TEMPLATE_EXAMPLE_NOTE, type RegistryField } from '~/rules/registry-sheet'
import { writeTransaction } from '~/utils/db.server'
import { failure, type Failure } from '~/utils/mutation.server'
import {
  FOREIGN_CHECKS_REFUSED,
  FOREIGN_LEDGER_HAS_ID,
  findIdNumberHolders,
  mayCheckForeignIds,
  OWN_LEDGER_HAS_ID,
  recordForeignIdHits,
} from './ledger-id-check.server'
import type { SheetRow } from './worker-import-read.server'

// Checking every row of a ledger spreadsheet before anything is written (product brief §1): the form's
// schema, the county's real townships and villages, duplicates within the file and in every county's
// ledger. Problems are listed by line and column, as many as a person can fix a file by.

export type RowError = { line: number; column: string; message: string }

/**
 * `errors` holds at most KEPT_PROBLEMS problems (the first by line and column), `total` counts them
 * all. A Failure (status 429) is the answer when the account's checks against other counties' ledgers
 * are over today's limit.
 */
export type ValidationResult = { ok: true; values: LedgerValues[]; lines: number[] } | { ok: false; errors: RowError[]; total: number } | Failure

/** Problems kept for the page: enough to fix a file by, whatever the file holds. */
export const KEPT_PROBLEMS = 500
/** Longest problem message kept, in characters. */
const MESSAGE_CHARS = 200
/** Other lines named in a duplicate message; the rest are counted. */
const NAMED_LINES = 3

/**
 * Collects problems in bounded memory and time: it keeps the first `limit` by line and column (sorting
 * only when twice that many have piled up) and counts the rest; long messages are cut.
 */
function createProblemList(limit = KEPT_PROBLEMS) {
  let kept: RowError[] = []
  let total = 0
  const order = (a: RowError, b: RowError) => a.line - b.line || (COLUMN_ORDER.get(a.column) ?? 99) - (COLUMN_ORDER.get(b.column) ?? 99)
  const trim = () => {
    kept.sort(order)
    kept = kept.slice(0, limit)
  }
  return {
    add(problem: RowError) {
      total += 1
      const message = problem.message.length > MESSAGE_CHARS ? `${problem.message.slice(0, MESSAGE_CHARS)}…` : problem.message
      kept.push({ ...problem, message })
      if (kept.length >= 2 * limit) trim()
    },
    get total() {
      return total
    },
    list() {
      trim()
      return kept
    },
  }
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

/** Excel's rendering of a long number in a CSV: 5.00154E+17 — the digits are already gone. */
const EXCEL_NUMBER = /^\d(\.\d+)?e\+?\d+$/i

/**
 * Checks every row with the form's schema, resolves township and village within the county, and finds
 * duplicate ID numbers within the file and in every county's ledger. Either all rows are good, or the
 * result lists the first KEPT_PROBLEMS problems by line and column, with the total. Another county's
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
  const problems = createProblemList()
  const good: { line: number; values: LedgerValues }[] = []
  const linesById = new Map<string, number[]>()

  let checkedRows = 0
  for (const { line, values, idStoredAsNumber } of rows) {
    if (++checkedRows % VALIDATION_SLICE === 0) yield
    let rowFailed = false
    const add = (column: string, message: string) => {
      rowFailed = true
      problems.add({ line, column, message })
    }
    const idAsNumber = idStoredAsNumber === true || EXCEL_NUMBER.test(values.idNumber.trim())
    if (idAsNumber) add(HEADER_OF.idNumber, ID_STORED_AS_NUMBER_MESSAGE)
    if (values.notes.trim() === TEMPLATE_EXAMPLE_NOTE) add(HEADER_OF.notes, '这是模板里的示例行，请删除后再导入')

    const parsed = RegistryRowSchema.safeParse(values)
    const badFields = new Set<string>()
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '') as RegistryField
        badFields.add(field)
        if (field === 'idNumber' && idAsNumber) continue
        add(HEADER_OF[field] ?? '', issue.message)
      }
    }
    // Township and village are checked even when another column failed, so one pass shows every problem.
    let place: ResolvedPlace | null = null
    if (!badFields.has('township') && !badFields.has('village')) {
      place = resolve(values.township.trim(), values.village.trim() || null)
      if (!place.ok) add(HEADER_OF[place.field], place.message)
    }
    if (!badFields.has('idNumber') && !idAsNumber) {
      const id = normalizeIdNumber(values.idNumber)
      const lines = linesById.get(id)
      if (lines) lines.push(line)
      else linesById.set(id, [line])
    }
    if (rowFailed) continue
    if (parsed.success && place?.ok) {
      good.push({ line, values: toLedgerValues(parsed.data, place) })
    }
  }

  for (const lines of linesById.values()) {
    if (lines.length < 2) continue
    for (const line of lines) problems.add({ line, column: HEADER_OF.idNumber, message: duplicateLinesMessage(lines, line) })
  }

  // One check per file against every ledger, audited and limited, in one write transaction so that
  // parallel uploads cannot all read the count before any of them has added to it.
  const ledger = writeTransaction((tx) => {
    if (!mayCheckForeignIds(tx, actor, 'import')) return null
    const holders = findIdNumberHolders(tx, [...linesById.keys()])
    let foreign = 0
    for (const holder of holders.values()) if (holder.organisationId !== actor.organisationId) foreign += 1
    return recordForeignIdHits(tx, actor, foreign, 'import') ? holders : null
  })
  if (!ledger) return failure(FOREIGN_CHECKS_REFUSED, { status: 429 })
  for (const [id, holder] of ledger) {
    const message = holder.organisationId === actor.organisationId ? OWN_LEDGER_HAS_ID : FOREIGN_LEDGER_HAS_ID
    for (const line of linesById.get(id) ?? []) problems.add({ line, column: HEADER_OF.idNumber, message })
  }

  if (problems.total > 0) return { ok: false, errors: problems.list(), total: problems.total }
  return { ok: true, values: good.map((g) => g.values), lines: good.map((g) => g.line) }
}
