import { addDays } from './dates'
import { formatFen } from './money'
import { isCalendarDate } from './vacancy'
import { optionalText, recordIdField } from './fields'
import { PAYOUT_ROW_RESULT_LABELS, PAYOUT_STATE_LABELS } from './subsidy-labels'
import type { PayoutRowResult, PayoutState } from './subsidy-enums'
import { defineStatuses } from './status'
import { z } from './zod'

// Payout batches (发放批次, issue 13 §7): what a state allows, the forms, the public notice's name masking and
// the full-number export's purposes. Pure, so the pages' components read the same rules as the model
// (app/models/payout.server.ts).

/** A payout's states: rows are added and removed while open; exported to finance, rows are marked; closed once all are settled. */
export const PAYOUT_STATUS = defineStatuses<PayoutState>({
  open: { label: PAYOUT_STATE_LABELS.open, tone: 'draft', next: ['exported'] },
  exported: { label: PAYOUT_STATE_LABELS.exported, tone: 'info', next: ['closed'] },
  closed: { label: PAYOUT_STATE_LABELS.closed, tone: 'off', next: [] },
})

/** A row's results: waiting for finance, paid, or failed (the claim goes back to the queue; the row stays as history). */
export const PAYOUT_ROW_STATUS = defineStatuses<PayoutRowResult>({
  pending: { label: PAYOUT_ROW_RESULT_LABELS.pending, tone: 'info', next: ['paid', 'failed'] },
  paid: { label: PAYOUT_ROW_RESULT_LABELS.paid, tone: 'ok', next: [] },
  failed: { label: PAYOUT_ROW_RESULT_LABELS.failed, tone: 'warn', next: [] },
})

/** What may be done to a payout, and in which states. `export_full` is the file with full ID numbers. */
export type PayoutOperation = 'add' | 'remove' | 'export' | 'export_full' | 'mark' | 'close'

const ALLOWED: Record<PayoutOperation, readonly PayoutState[]> = {
  add: ['open'],
  remove: ['open'],
  // Finance may ask for the file again (a lost copy, a corrected card): exporting again keeps the state. A
  // closed payout's list still exports, for the record and for reconciliation (payoutFileKind: the record copy).
  export: ['open', 'exported', 'closed'],
  // Full numbers serve paying and checking a payment; once every row is settled there is nothing left to pay.
  export_full: ['open', 'exported'],
  mark: ['exported'],
  close: ['exported'],
}

const REFUSED: Record<PayoutOperation, string> = {
  add: '发放批次已导出，不能再加入申领。请新建发放批次',
  remove: '发放批次已导出，不能再移出。请标记为发放失败',
  export: '发放批次已办结',
  export_full: '发放批次已办结，不再导出含完整号码的名单。可以导出打码的名单存档、对账',
  mark: '请先导出发放名单交财政，再登记发放结果',
  close: '发放批次还未导出',
}

/** Why `operation` is refused on a payout in `state` (a Chinese sentence), or null when it is allowed. */
export function payoutRefusal(state: PayoutState, operation: PayoutOperation): string | null {
  if (ALLOWED[operation].includes(state)) return null
  return state === 'closed' && operation !== 'export_full' ? '发放批次已办结，不能再修改' : REFUSED[operation]
}

/**
 * Which file a payout in `state` exports: `finance` (open or exported: the list finance pays from, card numbers
 * in full) or `record` (closed: the settled list kept for the record and for reconciliation — each row's result,
 * ID and card numbers masked, since nothing is left to pay to them).
 */
export function payoutFileKind(state: PayoutState): 'finance' | 'record' {
  return state === 'closed' ? 'record' : 'finance'
}

/**
 * The first day a payout's results may be recorded (`YYYY-MM-DD`, a Shanghai day): the day after its public
 * notice ends (issue 13 §7: the list is posted for 5 working days so that anyone may object before the money
 * goes; an objection removes the claim, which stays allowed during the notice). Takes the notice's last day;
 * null when the payout has no notice period (nothing to wait for).
 */
export function paymentOpensOn(noticeUntil: string | null): string | null {
  return noticeUntil ? addDays(noticeUntil, 1) : null
}

/**
 * Why a payout may not yet go to finance (`export`, its first export: the rows are then fixed) or have its
 * results recorded (`mark`) on `today` — a Chinese sentence naming the day it may — or null when it may: the
 * notice period (ending `noticeUntil`, inclusive) must be over, so that a claim objected to during the notice
 * can still be taken out of the open payout. Both `YYYY-MM-DD` Shanghai days.
 */
export function noticeRefusal(noticeUntil: string | null, today: string, operation: 'export' | 'mark' = 'mark'): string | null {
  const opens = paymentOpensOn(noticeUntil)
  if (!opens || today >= opens) return null
  return operation === 'mark'
    ? `公示期到 ${noticeUntil} 结束，${opens} 起才能登记发放结果`
    : `公示期到 ${noticeUntil} 结束，${opens} 起才能导出交财政。公示期间有异议的，可以把该申领移出发放批次`
}

/** The subsidy's name as the payout's pages, its notice and its file say it (seed 002). */
export const SUBSIDY_NAME = '跨省务工一次性交通补助'

/** What a payout's title names: the batch (its pages), its public notice, or finance's file. */
export type PayoutTitleKind = 'batch' | 'notice' | 'sheet'

const TITLE_NOUN: Record<PayoutTitleKind, string> = { batch: '发放批次', notice: '发放公示', sheet: '发放名单' }

/** The words of the subsidy's name staff may have typed into a batch's name; the title adds the name once. */
const SUBSIDY_WORDS = /(跨省务工)?(一次性)?(跨省)?(务工)?交通补(助|贴)(发放)?(批次|名单)?/g

/**
 * A payout's one title (issue 13 §7), the same on the list, the payout's page, the public notice and the
 * finance file: the county (when given), the batch's name as staff typed it (without the subsidy's name, which
 * the title says once), the subsidy and what is titled — e.g. payoutTitle('2026年第 1 批', { county: '开州区',
 * kind: 'notice' }) → '开州区2026年第 1 批跨省务工一次性交通补助发放公示'. The batch's name is trimmed and its
 * spaces collapsed; a name that is only the subsidy's name is kept out. Pure.
 */
export function payoutTitle(title: string, { county = '', kind = 'batch' }: { county?: string; kind?: PayoutTitleKind } = {}): string {
  return `${county}${payoutLabel(title)}${SUBSIDY_NAME}${TITLE_NOUN[kind]}`
}

/** The batch's own name inside payoutTitle (2026年第 1 批): what staff typed without the subsidy's name; for a file name. */
export function payoutLabel(title: string): string {
  return title.replace(SUBSIDY_WORDS, '').replace(/\s+/g, ' ').trim()
}

/** Separation of duties (issue 13 §6): the approver of a claim may neither put it in a payout nor mark it paid. */
export const SEPARATION_OF_DUTIES = {
  add: (name: string) => `${name}的申领是您审核通过的。按职责分离规定，审核人不能把自己审核的申领编入发放批次，请由本中心其他工作人员编入`,
  mark: (name: string) => `${name}的申领是您审核通过的。按职责分离规定，审核人不能登记自己审核的申领的发放结果，请由本中心其他工作人员登记`,
}

/**
 * A name on the public notice (公示名单, issue 13 §7): the middle masked, the first and last characters kept —
 * 张三 → 张*, 张小三 → 张*三, 欧阳娜娜 → 欧**娜, 阿依古丽·买买提 → 阿******提 (the dot masked as a character). By code points,
 * so a rare character (𠮷) counts once. A one-character name (never stored: names are 2–20) is kept; '' stays ''.
 */
export function maskNameForNotice(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1]
}

/**
 * Fen as the yuan number a spreadsheet cell holds (format `0.00`): the integer fen divided by 100 once, the
 * double nearest the two-decimal amount, which Excel shows and sums exactly to the fen. Sums are made in fen
 * and converted once (a total is never a sum of floats). Throws a RangeError on a non-integer (a bug upstream).
 */
export function yuanOfFen(fen: number): number {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`yuanOfFen expects an integer number of fen, got ${fen}`)
  return fen / 100
}

/** Why staff need the full ID and card numbers of a payout's file: code → the form's label (audited, no free text). */
export const PAYOUT_FULL_REASONS = {
  finance: '报送县财政发放',
  bank: '代发银行核对账户',
  recheck: '核查发放失败原因',
} as const

export type PayoutFullReason = keyof typeof PAYOUT_FULL_REASONS

/** Whether `code` is one of PAYOUT_FULL_REASONS (own keys only). */
export function isPayoutFullReason(code: unknown): code is PayoutFullReason {
  return typeof code === 'string' && Object.hasOwn(PAYOUT_FULL_REASONS, code)
}

/** The longest message typed when a row failed (characters). */
export const MAX_FAILURE_MESSAGE = 200

/** The most claims added or rows marked in one submission. */
export const PAYOUT_AT_ONCE_MAX = 200

/** The new-payout form: a title and the day its public notice starts (`YYYY-MM-DD`). */
export const PayoutSchema = z.object({
  title: optionalText('批次名称', 40, { required: true }),
  noticeFrom: z.string({ error: () => '请选择公示开始日期' }).transform((raw, ctx) => {
    const v = raw.trim()
    if (!isCalendarDate(v)) {
      ctx.addIssue({ code: 'custom', message: v === '' ? '请选择公示开始日期' : '公示开始日期应为 YYYY-MM-DD 格式的日期' })
      return z.NEVER
    }
    return v
  }),
})

/** The payout page's forms, by intent; claim and row ids are read beside the form (checkbox lists). */
export const PayoutPageSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('add') }),
  z.object({ intent: z.literal('remove'), rowId: recordIdField }),
  z.object({ intent: z.literal('mark_paid') }),
  z.object({ intent: z.literal('mark_failed'), message: optionalText('失败原因', MAX_FAILURE_MESSAGE, { required: true }) }),
  z.object({ intent: z.literal('close') }),
])

/**
 * A payout's money as finance reads it (issue 13 §7): ONE total — every row on the list, the number on the
 * xlsx's 合计 row and the public notice — and beside it, once finance has reported, how much of it went and how
 * much failed. Takes fen sums (integer) and the failed count; returns the total as text (¥1,234.50) and the
 * split ("其中已发 ¥… · 发放失败 ¥…（n 人）"), null while no row is marked. Pure; the list, the payout page and
 * its rows section all use it, so they say the same.
 */
export function payoutMoneyText(t: { totalFen: number; paidFen: number; failed: number; failedFen: number }): {
  total: string
  split: string | null
} {
  const parts = [
    ...(t.paidFen > 0 || t.failed > 0 ? [`其中已发 ${formatFen(t.paidFen)}`] : []),
    ...(t.failed > 0 ? [`发放失败 ${formatFen(t.failedFen)}（${t.failed} 人）`] : []),
  ]
  return { total: formatFen(t.totalFen), split: parts.length > 0 ? parts.join(' · ') : null }
}
