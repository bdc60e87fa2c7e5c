import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { LEDGER_IMPORT_ROW_KINDS, LEDGER_IMPORT_STATUSES } from '../../app/rules/ledger-import-enums'
import { users } from './accounts'
import { organisations } from './areas-organisations'
import { workers } from './ledger'
import { inList, moment, requiredId, serialId, timestamps } from './columns'

export { LEDGER_IMPORT_ROW_KINDS, LEDGER_IMPORT_STATUSES, type LedgerImportRowKind, type LedgerImportStatus } from '../../app/rules/ledger-import-enums'

/**
 * One upload of a county's ledger spreadsheet (issue 11 §1): previewed, then applied once, maybe undone.
 * The counts are what the preview showed; they stay when the kept rows below are cleared.
 */
export const ledgerImports = sqliteTable(
  'ledger_imports',
  {
    id: serialId(),
    /** The county centre whose ledger the file is for; every query is scoped by it. */
    organisationId: requiredId(() => organisations.id),
    /** Who uploaded it; only they may confirm the preview. */
    createdByUserId: requiredId(() => users.id),
    /** The uploaded file's display name (safeFileName). */
    fileName: text().notNull(),
    status: text({ enum: LEDGER_IMPORT_STATUSES }).notNull(),
    newRows: integer().notNull().default(0),
    changedRows: integer().notNull().default(0),
    unchangedRows: integer().notNull().default(0),
    /** Rows with at least one problem, and the problems in all. */
    problemRows: integer().notNull().default(0),
    problems: integer().notNull().default(0),
    /** 合计 / 小计 rows recognised and left out. */
    skippedRows: integer().notNull().default(0),
    /** The problems grouped as the page shows them ("第 2–2001 行：…"), at most 200 groups (rules/registry-sheet.ts groupProblems). */
    problemGroups: text({ mode: 'json' }).$type<{ lines: string; text: string; count: number; firstLine: number }[]>(),
    /** Whether the rows below are still kept (cleared when a preview expires or a newer import is applied). */
    rowsKept: integer({ mode: 'boolean' }).notNull().default(true),
    /** The ledger fields the file had columns for (a missing optional column leaves the field as it is). */
    fields: text({ mode: 'json' }).$type<string[]>().notNull(),
    /** When the confirm wrote the rows; every row it wrote has this updated_at, which undo compares. */
    appliedAt: moment(),
    appliedByUserId: integer().references(() => users.id),
    undoneAt: moment(),
    undoneByUserId: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    // A county's imports newest first (the list, and "the last import" for undo).
    index('ledger_imports_org_idx').on(t.organisationId, t.id),
    // Previews that were never confirmed, oldest first, to expire them.
    index('ledger_imports_status_idx').on(t.status, t.createdAt),
    check('ledger_imports_status_check', inList(t.status, LEDGER_IMPORT_STATUSES)),
  ],
)

/**
 * What an import keeps row by row: a new person's values, a changed row's values with its before-image
 * (for undo) and the fields that change, or a problem row's cells as read with its problems (for the
 * marked-up download). Unchanged rows are only counted. Cleared when no longer needed (a newer import
 * applied, the preview expired), so old before-images of personal data are not kept.
 */
export const ledgerImportRows = sqliteTable(
  'ledger_import_rows',
  {
    id: serialId(),
    importId: requiredId(() => ledgerImports.id, { onDelete: 'cascade' }),
    /** The spreadsheet line a person sees (header = line 1 below any title rows). */
    line: integer().notNull(),
    kind: text({ enum: LEDGER_IMPORT_ROW_KINDS }).notNull(),
    /** The ledger row changed, or created once applied; null again if undo removed it. */
    workerId: integer().references(() => workers.id, { onDelete: 'set null' }),
    /** new / changed: the values to write (LedgerValues); problem: the cells as read, by field. */
    values: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** changed: the ledger row's values before (restored by undo). */
    before: text({ mode: 'json' }).$type<Record<string, unknown>>(),
    /** changed: the fields that change; problem: the problems ({ field, column, message }). */
    detail: text({ mode: 'json' }).$type<unknown[]>(),
    /** changed: the ledger row's updated_at when previewed; a confirm refuses if it has moved since. */
    seenUpdatedAt: moment(),
  },
  (t) => [
    index('ledger_import_rows_import_idx').on(t.importId, t.kind, t.line),
    check('ledger_import_rows_kind_check', inList(t.kind, LEDGER_IMPORT_ROW_KINDS)),
  ],
)

export type SelectLedgerImport = typeof ledgerImports.$inferSelect
export type SelectLedgerImportRow = typeof ledgerImportRows.$inferSelect
