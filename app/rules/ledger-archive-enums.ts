// Why a ledger row was archived (issue 11 §2). db/schema/ledger.ts types its column from this list; labels
// and the archive form are in ./ledger-archive. No imports.

/** 迁出, 死亡, 重复登记, 超龄退出, 其他 (with a note). */
export const ARCHIVE_REASONS = ['moved_away', 'deceased', 'duplicate', 'over_age', 'other'] as const
export type ArchiveReason = (typeof ARCHIVE_REASONS)[number]
