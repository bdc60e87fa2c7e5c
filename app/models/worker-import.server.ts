import { and, eq, inArray, or, sql } from 'drizzle-orm'
import { applications, employmentRecords, ledgerImportRows, ledgerImports, workers, type SelectLedgerImport, type SelectWorker } from '../../db/schema'
import { CHANGE_COLUMNS, changeColumnsFor, IMPORT_PREVIEW_MINUTES, type ChangeColumn } from '~/rules/ledger-import'
import type { Actor } from '~/rules/permissions'
import type { LedgerValues } from '~/rules/registry'
import { groupProblems, MASKED_EXPORT_MESSAGE, type ProblemGroup, type RegistryField } from '~/rules/registry-sheet'
import { writeActorAudit } from '~/utils/audit.server'
import { readInChunks } from '~/utils/chunks.server'
import { db, isUniqueViolation, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Failure, type Result } from '~/utils/mutation.server'
import { findIdNumberHolders } from './ledger-id-check.server'
import type { SheetRow } from './worker-import-read.server'
import { firstProblems, validateRegistryRowsInSlices, type ProblemRow, type RowError } from './worker-import-validate.server'

// A county's ledger spreadsheet, imported in two steps (issue 11 §1): the preview sorts every row into
// new, changed (which fields, old → new), unchanged and problems, and keeps what the confirm will write
// in ledger_import_rows, bound to the uploader and the county; the one confirm writes exactly that — or
// nothing, when the ledger has moved since — and the last import can be undone while nothing else has
// touched its rows. Reading is ./worker-import-read.server.ts, checking ./worker-import-validate.server.ts,
// the lists ./ledger-import.server.ts.

/** A file as read: its rows, the fields it has columns for and the 合计 / 小计 rows left out. */
export type ReadSheet = { rows: SheetRow[]; fields: RegistryField[]; skipped: number }

const CHUNK = 500

/**
 * A kept preview: its id; `refused` when it has problems, then the first KEPT_PROBLEMS of them line by
 * line, all of them grouped, and their total.
 */
export type PreviewSummary = { id: number; refused: boolean; problems: RowError[]; groups: ProblemGroup[]; total: number }

/** A row already in this county's ledger but archived: the import does not bring it back silently. */
export const ARCHIVED_IN_LEDGER = '此人在本县台账中已归档，请先在台账中恢复此人再导入'

/**
 * Checks a read file and keeps its preview: the import's counts, the new and changed rows (with
 * before-images) and the problem rows. Takes the actor, the file's display name and the read sheet.
 * Returns the import's id and whether it may be confirmed (`refused` when it has problems: nothing can
 * be written from it), or a Failure (429) when the account's checks against other counties are refused.
 * Audited as `registry.import_preview` (counts only).
 */
export async function previewImport(actor: Actor, fileName: string, sheet: ReadSheet): Promise<Result<PreviewSummary>> {
  const checked = await validateRegistryRowsInSlices(sheet.rows, actor)
  if (!checked.ok) return checked
  const current = ownRowsById(
    actor,
    checked.good.map((g) => g.values.idNumber),
  )
  const fields = new Set(sheet.fields)
  const newRows: { line: number; values: LedgerValues }[] = []
  const changed: { line: number; values: LedgerValues; worker: SelectWorker; columns: ChangeColumn[] }[] = []
  const problemRows: ProblemRow[] = [...checked.problemRows]
  let problems = checked.problems
  let unchanged = 0
  const sheetRowByLine = new Map(sheet.rows.map((r) => [r.line, r]))
  for (const g of checked.good) {
    const worker = current.get(g.values.idNumber)
    if (!worker) {
      newRows.push(g)
      continue
    }
    if (worker.archivedAt != null) {
      const values = sheetRowByLine.get(g.line)!.values
      problemRows.push({ line: g.line, values, problems: [{ field: 'idNumber', column: '身份证号码', value: values.idNumber, message: ARCHIVED_IN_LEDGER }] })
      problems += 1
      continue
    }
    const columns = changeColumnsFor(worker, g.values, fields)
    if (columns.length === 0) unchanged += 1
    else changed.push({ line: g.line, values: g.values, worker, columns })
  }
  problemRows.sort((a, b) => a.line - b.line)
  const refused = problemRows.length > 0
  const groups = refused
    ? groupProblems(
        problemRows.flatMap((r) =>
          r.problems.map((p) => ({
            line: r.line,
            column: p.column,
            value: p.message === MASKED_EXPORT_MESSAGE ? null : p.value,
            message: p.group ?? p.message,
          })),
        ),
      )
    : []

  // The import row first, its kept rows then in short transactions with the event loop given back
  // between them (20,000 rows in one would hold the process for seconds), and rowsKept set last: a
  // preview whose rows are not all stored can never be confirmed.
  const id = writeTransaction((tx) => {
    expireOldPreviews(tx)
    const { id } = tx
      .insert(ledgerImports)
      .values({
        organisationId: actor.organisationId,
        createdByUserId: actor.userId,
        fileName,
        status: refused ? 'refused' : 'previewed',
        newRows: newRows.length,
        changedRows: changed.length,
        unchangedRows: unchanged,
        problemRows: problemRows.length,
        problems,
        skippedRows: sheet.skipped,
        problemGroups: refused ? groups : null,
        rowsKept: false,
        fields: [...fields],
      })
      .returning({ id: ledgerImports.id })
      .get()
    writeActorAudit(tx, actor, {
      action: 'registry.import_preview',
      entity: 'ledger_import',
      entityId: id,
      detail: { new: newRows.length, changed: changed.length, unchanged, problems },
    })
    return id
  })
  const kept: (typeof ledgerImportRows.$inferInsert)[] = problemRows.map((r) => ({
    importId: id,
    line: r.line,
    kind: 'problem',
    values: r.values,
    detail: r.problems,
  }))
  // A refused file writes nothing: only its problems are kept, for the marked-up download.
  if (!refused) {
    for (const r of newRows) kept.push({ importId: id, line: r.line, kind: 'new', values: r.values })
    for (const c of changed) {
      kept.push({
        importId: id,
        line: c.line,
        kind: 'changed',
        workerId: c.worker.id,
        values: pick(c.values, c.columns),
        before: pick(c.worker, c.columns),
        detail: c.columns,
        seenUpdatedAt: c.worker.updatedAt,
      })
    }
  }
  for (let i = 0; i < kept.length; i += CHUNK) {
    writeTransaction((tx) =>
      tx
        .insert(ledgerImportRows)
        .values(kept.slice(i, i + CHUNK))
        .run(),
    )
    await new Promise((resolve) => setImmediate(resolve))
  }
  writeTransaction((tx) => tx.update(ledgerImports).set({ rowsKept: true }).where(eq(ledgerImports.id, id)).run())
  return { ok: true, id, refused, problems: firstProblems(problemRows), groups, total: problems }
}

/** This county's live and archived ledger rows holding these ID numbers, by number (500 a query). */
function ownRowsById(actor: Actor, idNumbers: string[]) {
  const found = new Map<string, SelectWorker>()
  for (let i = 0; i < idNumbers.length; i += CHUNK) {
    const rows = db
      .select()
      .from(workers)
      // The unary + keeps SQLite from walking the county's whole range of an organisation-led index for every
      // chunk (about 0.5 s a chunk on a county of 300,000): each number is one probe of workers_id_number_uq.
      .where(and(sql`+${workers.organisationId} = ${actor.organisationId}`, inArray(workers.idNumber, idNumbers.slice(i, i + CHUNK))))
      .all()
    for (const w of rows) found.set(w.idNumber, w)
  }
  return found
}

function pick<T extends object>(row: T, columns: readonly ChangeColumn[]) {
  return Object.fromEntries(columns.map((c) => [c, (row as Record<string, unknown>)[c] ?? null]))
}

/**
 * Previews never confirmed within IMPORT_PREVIEW_MINUTES expire, and their kept rows (and those of
 * refused files) are deleted: personal data is kept only as long as the preview can be used.
 */
export function expireOldPreviews(tx: Queryable, now = new Date()) {
  const cutoff = new Date(now.getTime() - IMPORT_PREVIEW_MINUTES * 60_000)
  const stale = tx
    .select({ id: ledgerImports.id })
    .from(ledgerImports)
    .where(
      and(
        inArray(ledgerImports.status, ['previewed', 'refused']),
        or(eq(ledgerImports.status, 'previewed'), eq(ledgerImports.rowsKept, true)),
        sql`${ledgerImports.createdAt} < ${cutoff.getTime()}`,
      ),
    )
    .all()
    .map((r) => r.id)
  if (stale.length === 0) return
  tx.delete(ledgerImportRows).where(inArray(ledgerImportRows.importId, stale)).run()
  tx.update(ledgerImports).set({ rowsKept: false }).where(inArray(ledgerImports.id, stale)).run()
  tx.update(ledgerImports)
    .set({ status: 'expired' })
    .where(and(inArray(ledgerImports.id, stale), eq(ledgerImports.status, 'previewed')))
    .run()
}

/** Whether a preview made at `createdAt` may still be confirmed. */
export function isPreviewFresh(createdAt: Date, now = new Date()) {
  return now.getTime() - createdAt.getTime() < IMPORT_PREVIEW_MINUTES * 60_000
}

export type ConfirmResult = Result<{ created: number; changed: number; already: boolean }>

/**
 * Writes exactly what the preview showed, in one BEGIN IMMEDIATE transaction with one audit row
 * (`registry.import`, counts only). Takes the actor (the uploader: a preview is bound to them and their
 * county) and the import id. Returns null when it is not theirs (404); `already` when it was confirmed
 * before (a double submit applies once); a Failure when it had problems, expired, or the ledger moved
 * since the preview (a changed row edited, a new ID registered) — then nothing is written.
 */
export function confirmImport(actor: Actor, importId: number): ConfirmResult | null {
  try {
    return writeTransaction((tx): ConfirmResult | null => {
      const found = ownImport(tx, actor, importId)
      if (!found || found.createdByUserId !== actor.userId) return null
      if (found.status === 'applied' || found.status === 'undone') return { ok: true, created: found.newRows, changed: found.changedRows, already: true }
      if (found.status === 'refused') return failure('这份文件有问题，不能导入；请改正后重新上传', { status: 409 })
      if (found.status === 'cancelled') return failure('这次预览已取消，不能再确认导入；请重新上传文件', { status: 409 })
      if (found.status !== 'previewed' || !found.rowsKept || !isPreviewFresh(found.createdAt))
        return failure(`预览已超过 ${IMPORT_PREVIEW_MINUTES} 分钟，请重新上传文件`, { status: 409 })
      const kept = tx.select().from(ledgerImportRows).where(eq(ledgerImportRows.importId, importId)).all()
      const added = kept.filter((r) => r.kind === 'new')
      const edits = kept.filter((r) => r.kind === 'changed')
      const moved = editsMovedSincePreview(tx, actor, edits)
      const taken = findIdNumberHolders(
        tx,
        added.map((r) => String(r.values.idNumber)),
      ).size
      if (moved > 0 || taken > 0) {
        return failure(`预览之后台账已有变动（${moved + taken} 人已被修改或登记），为免覆盖别人的改动，本次没有写入任何数据，请重新上传核对`, { status: 409 })
      }
      const stamp = new Date()
      const by = { updatedByUserId: actor.userId, updatedAt: stamp }
      for (let i = 0; i < added.length; i += CHUNK) {
        tx.insert(workers)
          .values(
            added
              .slice(i, i + CHUNK)
              .map((r) => ({ ...(r.values as LedgerValues), organisationId: actor.organisationId, createdByUserId: actor.userId, createdAt: stamp, ...by })),
          )
          .run()
      }
      for (const r of edits) {
        tx.update(workers)
          .set({ ...(r.values as Partial<LedgerValues>), ...by })
          .where(eq(workers.id, r.workerId!))
          .run()
      }
      // The new rows' ids, by their (unique) ID numbers, for undo.
      tx.run(sql`update ledger_import_rows set worker_id = (select w.id from workers w where w.id_number = json_extract(ledger_import_rows."values", '$.idNumber'))
        where import_id = ${importId} and kind = 'new'`)
      tx.update(ledgerImports).set({ status: 'applied', appliedAt: stamp, appliedByUserId: actor.userId }).where(eq(ledgerImports.id, importId)).run()
      clearOlderImports(tx, actor, importId)
      writeActorAudit(tx, actor, {
        action: 'registry.import',
        entity: 'ledger_import',
        entityId: importId,
        detail: { rows: added.length + edits.length, new: added.length, changed: edits.length, unchanged: found.unchangedRows },
      })
      return { ok: true, created: added.length, changed: edits.length, already: false }
    })
  } catch (error) {
    // The unique index is the last word; the transaction has rolled back by the time we get here.
    if (isUniqueViolation(error)) return failure('导入时发现身份证号码已被登记，未导入任何数据，请重新上传', { status: 409 })
    throw error
  }
}

/** How many kept changed rows no longer match the preview (edited, archived or moved since). */
function editsMovedSincePreview(tx: Queryable, actor: Actor, edits: { workerId: number | null; seenUpdatedAt: Date | null }[]) {
  let moved = 0
  const seen = new Map(edits.map((e) => [e.workerId!, e.seenUpdatedAt?.getTime()]))
  for (const rows of readInChunks(
    [...seen.keys()],
    (chunk) =>
      tx
        .select({ id: workers.id, updatedAt: workers.updatedAt, archivedAt: workers.archivedAt })
        .from(workers)
        .where(and(inArray(workers.id, chunk), eq(workers.organisationId, actor.organisationId)))
        .all(),
    (r) => r.id,
  )) {
    if (rows.updatedAt.getTime() !== seen.get(rows.id) || rows.archivedAt != null) moved += 1
    seen.delete(rows.id)
  }
  return moved + seen.size
}

/** Once an import is applied, the county's earlier ones can no longer be undone: their before-images are deleted. */
function clearOlderImports(tx: Queryable, actor: Actor, importId: number) {
  const older = tx
    .select({ id: ledgerImports.id })
    .from(ledgerImports)
    .where(and(eq(ledgerImports.organisationId, actor.organisationId), sql`${ledgerImports.id} < ${importId}`, eq(ledgerImports.rowsKept, true)))
    .all()
    .map((r) => r.id)
  if (older.length === 0) return
  tx.delete(ledgerImportRows).where(inArray(ledgerImportRows.importId, older)).run()
  tx.update(ledgerImports).set({ rowsKept: false }).where(inArray(ledgerImports.id, older)).run()
  tx.update(ledgerImports)
    .set({ status: 'expired' })
    .where(and(inArray(ledgerImports.id, older), eq(ledgerImports.status, 'previewed')))
    .run()
}

/** An import of the actor's county, or null (another county's import is "not found" like a missing one). */
export function ownImport(q: Queryable, actor: Actor, importId: number): SelectLedgerImport | null {
  return (
    q
      .select()
      .from(ledgerImports)
      .where(and(eq(ledgerImports.id, importId), eq(ledgerImports.organisationId, actor.organisationId)))
      .get() ?? null
  )
}

/** Whether `imp` is the county's newest applied-or-undone import with its rows kept: the one undo may revert. */
export function isLastImport(q: Queryable, imp: SelectLedgerImport) {
  if (imp.status !== 'applied' || !imp.rowsKept) return false
  const later = q
    .select({ id: ledgerImports.id })
    .from(ledgerImports)
    .where(
      and(eq(ledgerImports.organisationId, imp.organisationId), sql`${ledgerImports.id} > ${imp.id}`, inArray(ledgerImports.status, ['applied', 'undone'])),
    )
    .get()
  return later == null
}

export type UndoResult = Result<{ removed: number; restored: number }>

/**
 * Undoes the county's last import: removes the rows it created and puts back the before-values of the
 * rows it changed, in one BEGIN IMMEDIATE transaction, audited (`registry.import_undo`, counts only).
 * Only while nothing else has touched them: every row must still carry the import's updated_at, and no
 * created row may have an account, an application or an employment record; otherwise nothing is undone.
 * Returns null when the import is not the actor's county's (404), a Failure when it cannot be undone.
 */
export function undoImport(actor: Actor, importId: number): UndoResult | null {
  return writeTransaction((tx): UndoResult | null => {
    const found = ownImport(tx, actor, importId)
    if (!found) return null
    if (found.status === 'undone') return failure('这次导入已经撤销过了', { status: 409 })
    if (!isLastImport(tx, found)) return failure('只能撤销本县最近一次已写入的导入', { status: 409 })
    const kept = tx
      .select()
      .from(ledgerImportRows)
      .where(and(eq(ledgerImportRows.importId, importId), inArray(ledgerImportRows.kind, ['new', 'changed'])))
      .all()
    const stamp = found.appliedAt!.getTime()
    const ids = kept.map((r) => r.workerId).filter((id): id is number => id != null)
    const current = new Map<number, { updatedAt: Date; userId: number | null }>()
    for (const w of readInChunks(
      ids,
      (chunk) =>
        tx
          .select({ id: workers.id, updatedAt: workers.updatedAt, userId: workers.userId })
          .from(workers)
          .where(and(inArray(workers.id, chunk), eq(workers.organisationId, actor.organisationId)))
          .all(),
      (w) => w.id,
    ))
      current.set(w.id, w)
    const createdIds = kept.filter((r) => r.kind === 'new').map((r) => r.workerId!)
    const used = new Set<number>()
    for (const chunk of chunks(createdIds)) {
      for (const r of tx.select({ id: applications.workerId }).from(applications).where(inArray(applications.workerId, chunk)).all()) used.add(r.id)
      for (const r of tx.select({ id: employmentRecords.workerId }).from(employmentRecords).where(inArray(employmentRecords.workerId, chunk)).all())
        used.add(r.id)
    }
    const touched = kept.filter((r) => {
      const w = r.workerId == null ? undefined : current.get(r.workerId)
      if (!w || w.updatedAt.getTime() !== stamp) return true
      return r.kind === 'new' && (w.userId != null || used.has(r.workerId!))
    }).length
    if (touched > 0) {
      return failure(`导入之后已有 ${touched} 人的记录被修改、关联账号或报名，撤销会丢掉这些改动，所以没有撤销；请在台账中逐条修改`, { status: 409 })
    }
    for (const chunk of chunks(createdIds)) tx.delete(workers).where(inArray(workers.id, chunk)).run()
    const restored = kept.filter((r) => r.kind === 'changed')
    for (const r of restored) {
      tx.update(workers)
        .set({ ...(r.before as Partial<SelectWorker>), updatedByUserId: actor.userId })
        .where(eq(workers.id, r.workerId!))
        .run()
    }
    tx.update(ledgerImports).set({ status: 'undone', undoneAt: new Date(), undoneByUserId: actor.userId }).where(eq(ledgerImports.id, importId)).run()
    writeActorAudit(tx, actor, {
      action: 'registry.import_undo',
      entity: 'ledger_import',
      entityId: importId,
      detail: { removed: createdIds.length, restored: restored.length },
    })
    return { ok: true, removed: createdIds.length, restored: restored.length }
  })
}

function* chunks<T>(items: T[]) {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK)
}

export { CHANGE_COLUMNS, type Failure }
