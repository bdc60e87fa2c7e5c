import { and, count, desc, eq } from 'drizzle-orm'
import { ledgerImportRows, ledgerImports, users, workers, type LedgerImportRowKind, type SelectLedgerImport } from '../../db/schema'
import { maskIdNumber } from '~/rules/id-number'
import { CHANGE_COLUMNS, type ChangeColumn } from '~/rules/ledger-import'
import { maskMobile } from '~/rules/mobile'
import type { Actor } from '~/rules/permissions'
import { EMPLOYMENT_NEED_LABELS, EMPLOYMENT_STATUS_LABELS, HOUSEHOLD_LABELS, shortVillageName, SKILL_LEVEL_LABELS } from '~/rules/registry'
import type { SheetValues } from '~/rules/registry-sheet'
import { writeActorAudit } from '~/utils/audit.server'
import { db, writeTransaction } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { listTownships, listVillages } from './area.server'
import { isLastImport, isPreviewFresh, ownImport } from './worker-import.server'
import type { RowProblem } from './worker-import-validate.server'

// What a county sees of its ledger imports (issue 11 §1): every import with who, when, file and counts,
// one import's preview (new people, changed fields old → new, problems grouped), and the problem rows
// for the marked-up download. Writing is ./worker-import.server.ts.

/** How many imports the actor's county has made (every status). */
export function countImports(actor: Actor) {
  return db.select({ n: count() }).from(ledgerImports).where(eq(ledgerImports.organisationId, actor.organisationId)).get()?.n ?? 0
}

/** `limit` of the county's imports from `offset`, newest first, with the uploader's name (for paginate). */
export function listImports(actor: Actor, { limit, offset }: { limit: number; offset: number }) {
  return db
    .select({
      id: ledgerImports.id,
      fileName: ledgerImports.fileName,
      status: ledgerImports.status,
      createdAt: ledgerImports.createdAt,
      appliedAt: ledgerImports.appliedAt,
      undoneAt: ledgerImports.undoneAt,
      newRows: ledgerImports.newRows,
      changedRows: ledgerImports.changedRows,
      unchangedRows: ledgerImports.unchangedRows,
      problems: ledgerImports.problems,
      uploadedBy: users.displayName,
    })
    .from(ledgerImports)
    .innerJoin(users, eq(users.id, ledgerImports.createdByUserId))
    .where(eq(ledgerImports.organisationId, actor.organisationId))
    .orderBy(desc(ledgerImports.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map((r) => ({ ...r, status: shownStatus(r) }))
}

/** A preview past its confirm window reads 未确认 (expired) before the next upload expires it in the table. */
function shownStatus(imp: { status: SelectLedgerImport['status']; createdAt: Date }, now = new Date()) {
  return imp.status === 'previewed' && !isPreviewFresh(imp.createdAt, now) ? 'expired' : imp.status
}

export type CancelResult = Result<{ already: boolean }>

/**
 * Drops a preview its uploader will not confirm (取消，重新上传): marks it cancelled and deletes its kept
 * rows (personal data is kept only while the preview can be used), in one BEGIN IMMEDIATE transaction,
 * audited (`registry.import_cancel`, counts only). Takes the actor and
 * the import id. Returns null when it is not the actor's county's (404); `already` when it was cancelled
 * before (a double submit); a Failure (409) when it is not the actor's own preview or no longer a preview.
 * A cancelled preview can never be confirmed (confirmImport refuses it).
 */
export function cancelImport(actor: Actor, importId: number): CancelResult | null {
  return writeTransaction((tx): CancelResult | null => {
    const found = ownImport(tx, actor, importId)
    if (!found) return null
    if (found.status === 'cancelled') return { ok: true, already: true }
    if (found.createdByUserId !== actor.userId) return failure('只有上传这份文件的人可以取消这次预览。', { status: 409 })
    if (found.status !== 'previewed') return failure('这次导入已不是待确认的预览，不能取消。', { status: 409 })
    tx.delete(ledgerImportRows).where(eq(ledgerImportRows.importId, importId)).run()
    tx.update(ledgerImports).set({ status: 'cancelled', rowsKept: false, updatedAt: new Date() }).where(eq(ledgerImports.id, importId)).run()
    writeActorAudit(tx, actor, {
      action: 'registry.import_cancel',
      entity: 'ledger_import',
      entityId: importId,
      detail: { new: found.newRows, changed: found.changedRows },
    })
    return { ok: true, already: false }
  })
}

/**
 * Whether `importId` is an import of the actor's county: what the import page's action asks first, so another
 * county's import is a 404 before the form is read (issue 13 §6, the whole kind).
 */
export function isCountyImport(actor: Actor, importId: number): boolean {
  return ownImport(db, actor, importId) != null
}

/**
 * One import of the actor's county for its page, or null (404): the import, the uploader's name, and
 * what the actor may do now — confirm (their own fresh preview with something to write), cancel (their own
 * fresh preview) or undo (the county's last applied import). A preview past its window shows as expired.
 */
export function getImportForPage(actor: Actor, importId: number) {
  const found = ownImport(db, actor, importId)
  if (!found) return null
  const uploader = db.select({ name: users.displayName }).from(users).where(eq(users.id, found.createdByUserId)).get()
  const mayCancel = found.status === 'previewed' && found.createdByUserId === actor.userId && isPreviewFresh(found.createdAt)
  const mayConfirm = mayCancel && found.newRows + found.changedRows > 0
  return { import: { ...found, status: shownStatus(found) }, uploadedBy: uploader?.name ?? '', mayConfirm, mayCancel, mayUndo: isLastImport(db, found) }
}

/** How many kept rows of one kind an import of the actor's county has (0 once cleared). */
export function countImportRows(actor: Actor, importId: number, kind: LedgerImportRowKind) {
  if (!ownImport(db, actor, importId)) return 0
  return (
    db
      .select({ n: count() })
      .from(ledgerImportRows)
      .where(and(eq(ledgerImportRows.importId, importId), eq(ledgerImportRows.kind, kind)))
      .get()?.n ?? 0
  )
}

/** One changed field as the preview shows it: the column's header, the value before and after (labels, names, phones masked). */
export type FieldChange = { header: string; before: string; after: string }

/**
 * `limit` kept rows of `kind` of an import of the actor's county from `offset`, in line order, as the
 * preview shows them: line, name, masked ID number, the township (new rows) and the changes (changed
 * rows). Empty when the import is not the actor's county's.
 */
export function listImportRows(actor: Actor, importId: number, kind: 'new' | 'changed', { limit, offset }: { limit: number; offset: number }) {
  if (!ownImport(db, actor, importId)) return []
  const rows = db
    .select({
      id: ledgerImportRows.id,
      line: ledgerImportRows.line,
      values: ledgerImportRows.values,
      before: ledgerImportRows.before,
      detail: ledgerImportRows.detail,
      name: workers.name,
      idNumber: workers.idNumber,
    })
    .from(ledgerImportRows)
    .leftJoin(workers, eq(workers.id, ledgerImportRows.workerId))
    .where(and(eq(ledgerImportRows.importId, importId), eq(ledgerImportRows.kind, kind)))
    .orderBy(ledgerImportRows.line)
    .limit(limit)
    .offset(offset)
    .all()
  const show = valueLabeller(actor.areaCode)
  return rows.map((r) => {
    const values = r.values as Record<string, string | null>
    const idNumber = r.idNumber ?? values.idNumber ?? ''
    const changes =
      kind === 'changed'
        ? ((r.detail ?? []) as ChangeColumn[]).map((c) => ({ header: HEADER_OF_COLUMN[c], before: show(c, r.before?.[c]), after: show(c, values[c]) }))
        : []
    return {
      id: r.id,
      line: r.line,
      name: String(values.name ?? r.name ?? ''),
      idNumberMasked: idNumber ? maskIdNumber(idNumber) : '',
      township: kind === 'new' ? show('townshipCode', values.townshipCode) : '',
      changes,
    }
  })
}

const HEADER_OF_COLUMN = Object.fromEntries(CHANGE_COLUMNS) as Record<ChangeColumn, string>

const CHOICE_LABELS: Partial<Record<ChangeColumn, Record<string, string>>> = {
  householdStatus: HOUSEHOLD_LABELS,
  employmentStatus: EMPLOYMENT_STATUS_LABELS,
  employmentNeed: EMPLOYMENT_NEED_LABELS,
  skillLevel: SKILL_LEVEL_LABELS,
}

/** How a stored value reads on the preview: labels for codes, names for places, phones masked, "（空）" for nothing. */
function valueLabeller(countyCode: string) {
  let places: Map<string, string> | null = null
  return (column: ChangeColumn, raw: unknown) => {
    if (raw == null || raw === '') return '（空）'
    const value = typeof raw === 'string' ? raw : JSON.stringify(raw)
    if (column === 'phone') return maskMobile(value)
    if (column === 'townshipCode' || column === 'villageCode') {
      places ??= new Map([
        ...listTownships(countyCode).map((t) => [t.code, t.name] as const),
        ...listVillages(countyCode).map((v) => [v.code, shortVillageName(v.name)] as const),
      ])
      return places.get(value) ?? value
    }
    return CHOICE_LABELS[column]?.[value] ?? value
  }
}

/**
 * The problem rows of an import of the actor's county, in line order, for the marked-up download: each
 * row's cells as read and its problems. Null when the import is not the actor's county's or its rows
 * are no longer kept (the route answers 404).
 */
export function listProblemRowsForDownload(actor: Actor, importId: number) {
  const found = ownImport(db, actor, importId)
  if (!found || !found.rowsKept || found.problemRows === 0) return null
  const rows = db
    .select({ line: ledgerImportRows.line, values: ledgerImportRows.values, detail: ledgerImportRows.detail })
    .from(ledgerImportRows)
    .where(and(eq(ledgerImportRows.importId, importId), eq(ledgerImportRows.kind, 'problem')))
    .orderBy(ledgerImportRows.line)
    .all()
  return {
    import: found,
    rows: rows.map((r) => ({ line: r.line, values: r.values as SheetValues, problems: (r.detail ?? []) as RowProblem[] })),
  }
}
