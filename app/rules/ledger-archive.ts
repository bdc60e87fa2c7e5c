import { optionalText } from './fields'
import { ARCHIVE_REASONS, type ArchiveReason } from './ledger-archive-enums'
import { z } from './zod'

// Ledger housekeeping (issue 11 §2): a row whose person has left the programme is archived with a
// reason, not deleted — the person's applications and employment records keep pointing at it, and the
// county can restore it. Archived rows leave the list, the county's figure and the search, and cannot be
// recommended; a "已归档" filter finds them.

export { ARCHIVE_REASONS, type ArchiveReason } from './ledger-archive-enums'

export const ARCHIVE_REASON_LABELS: Record<ArchiveReason, string> = {
  moved_away: '迁出',
  deceased: '死亡',
  duplicate: '重复登记',
  over_age: '超龄退出',
  other: '其他',
}

/** The archive form: a reason from the list, and a note (required for 其他, at most 200 characters). */
export const ArchiveWorkerSchema = z
  .object({
    intent: z.literal('archive'),
    reason: z.enum(ARCHIVE_REASONS, { error: () => '请选择归档原因' }),
    note: optionalText('说明', 200),
  })
  .superRefine((v, ctx) => {
    if (v.reason === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '原因为“其他”时请填写说明' })
  })

/** The restore form: nothing to fill in. */
export const RestoreWorkerSchema = z.object({ intent: z.literal('restore') })
