import type { ClaimFlagKind } from './subsidy-enums'

// How a duplicate flag reads to a county clerk (issue 13 §5–6): what was found, in plain words, and what it may
// mean, and for a photo what to do (compare the two). The photos' bit distance stays in the flag row (distance)
// and never reaches the words a clerk reads: a number with its scale is jargon to a clerk. A flag is a reason
// to look, never a decision: the clerk compares the two and decides.

/** A flag as a clerk reads it: the sentence, and an optional detail in smaller type (null when none). */
export type FlagText = { text: string; detail: string | null }

/**
 * The Chinese sentence for one flag. Takes its kind, how to name the other claim (`otherLabel`, e.g.
 * "张三的申请（第 12 号）" or "另一区县的申请"), the other ticket's place in that claim (1-based; null when
 * the flag is on a proof file or unknown) and, for a photo, the distance between the two pictures' hashes
 * (0–64 bits; 0 is the same picture — it only chooses "看起来一样" or "几乎相同"). Pure; never throws.
 */
export function flagText({
  kind,
  otherLabel,
  otherTicketPosition,
  distance,
}: {
  kind: ClaimFlagKind
  otherLabel: string
  otherTicketPosition: number | null
  distance: number | null
}): FlagText {
  const other = otherTicketPosition != null ? `${otherLabel}第 ${otherTicketPosition} 张车票` : otherLabel
  switch (kind) {
    case 'ticket_number':
      return { text: `票号与${other}相同（同一张票可能申领了两次）`, detail: null }
    case 'file_hash':
      return { text: `上传的文件与${other}的文件完全相同（同一个文件又传了一次）`, detail: null }
    case 'photo_hash':
      return {
        text: `照片与${other}的照片${distance === 0 ? '看起来一样' : '几乎相同'}（可能是同一张票重拍）`,
        detail: '请对照两张照片核实。',
      }
  }
}
