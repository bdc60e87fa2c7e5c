// Stored codes of a ledger import (issue 11 §1; enums live in app/rules, db/schema imports them). The
// labels, badge tones and moves are in ./ledger-import.ts.

/**
 * previewed: read and checked, waiting for the one confirm; applied: written; undone: reverted; refused: had
 * problems, nothing written; expired: never confirmed; cancelled: the uploader dropped the preview (取消，重新上传).
 */
export const LEDGER_IMPORT_STATUSES = ['previewed', 'applied', 'undone', 'refused', 'expired', 'cancelled'] as const
export type LedgerImportStatus = (typeof LEDGER_IMPORT_STATUSES)[number]

/** What a kept row of an import is: a person to add, a ledger row to change, or a row with problems. */
export const LEDGER_IMPORT_ROW_KINDS = ['new', 'changed', 'problem'] as const
export type LedgerImportRowKind = (typeof LEDGER_IMPORT_ROW_KINDS)[number]
