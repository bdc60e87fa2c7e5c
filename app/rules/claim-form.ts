import { todayInShanghai } from './dates'
import { parseRecordId, requiredText, yuanToFenField } from './fields'
import { cardDigits, parseCardNumber } from './card-number'
import { normaliseTicketNumber } from './subsidy'
import { EMPLOYMENT_PROOFS, LEG_DIRECTIONS, PAYMENT_CARD_KINDS, TRAVEL_MODES, WORK_DISTANCES } from './subsidy-enums'
import { isCalendarDate } from './vacancy'
import { z } from './zod'

// The worker's claim form (跨省一次性交通补助, issue 13 §3): one schema per section of /me/claims/<id>, each
// section saved by its own submit so the page works without JavaScript. What needs the database (the policy,
// the employment record being theirs, the file limits) is app/models/claim.server.ts's; whether a ticket is
// paid is app/rules/subsidy.ts's (assessClaim), never this file's.

const ticketNumberField = z.string({ error: () => '请填写车票上的票号' }).transform((raw, ctx) => {
  const v = normaliseTicketNumber(raw)
  if (v === '') ctx.addIssue({ code: 'custom', message: '请填写车票上的票号' })
  else if (!/^[A-Z0-9]{4,32}$/.test(v)) ctx.addIssue({ code: 'custom', message: '票号应为 4 至 32 位字母或数字，照车票上印的填写' })
  else return v
  return z.NEVER
})

const travelDateField = z.string({ error: () => '请填写乘车日期' }).transform((raw, ctx) => {
  const v = raw.trim()
  if (!isCalendarDate(v)) ctx.addIssue({ code: 'custom', message: '乘车日期应为 YYYY-MM-DD 格式的日期' })
  else if (v > todayInShanghai()) ctx.addIssue({ code: 'custom', message: '乘车日期不能晚于今天' })
  else return v
  return z.NEVER
})

/** The fare as typed in yuan (`12.5`, `¥1,234.50`) → integer fen; more than two decimals is refused, never rounded. */
const fareField = yuanToFenField.refine((fen) => fen > 0, { message: '票价应大于 0' }).refine((fen) => fen <= 1_000_000, { message: '票价不能超过 1 万元' })

/** One ticket of a leg (add, or edit with `ticketId`): direction, mode, date, from, to, fare (yuan → fen), ticket number. */
export const TicketSchema = z.object({
  intent: z.literal('ticket'),
  ticketId: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw == null || raw === '') return null
      const id = parseRecordId(raw)
      if (id == null) {
        ctx.addIssue({ code: 'custom', message: '记录编号无效' })
        return z.NEVER
      }
      return id
    }),
  direction: z.enum(LEG_DIRECTIONS, { error: () => '请选择去程或返程' }),
  mode: z.enum(TRAVEL_MODES, { error: () => '请选择乘坐方式' }),
  travelDate: travelDateField,
  fromPlace: requiredText('出发地', 30),
  toPlace: requiredText('到达地', 30),
  fare: fareField,
  ticketNumber: ticketNumberField,
})
export type TicketValues = z.output<typeof TicketSchema>

/** Where the work is and how it is proved: a portal employment record of theirs, or an uploaded document of an accepted kind. */
export const ProofSchema = z
  .object({
    intent: z.literal('proof'),
    workDistance: z.enum(WORK_DISTANCES, { error: () => '请选择务工地在重庆市外还是市内' }),
    proofKind: z.enum(EMPLOYMENT_PROOFS, { error: () => '请选择务工证明' }),
    employmentRecordId: z
      .string()
      .optional()
      .transform((raw) => (raw ? parseRecordId(raw) : null)),
  })
  .refine((v) => v.proofKind !== 'employment_record' || v.employmentRecordId != null, {
    path: ['employmentRecordId'],
    message: '请选择一条平台就业记录',
  })
export type ProofValues = z.output<typeof ProofSchema>

/** Claim the flat amount (no tickets), or stop claiming it. */
export const FlatSchema = z.object({
  intent: z.literal('flat'),
  flat: z
    .string()
    .optional()
    .transform((v) => v === 'on'),
})

/**
 * The card the money goes to: its kind and the number typed twice (app/rules/card-number.ts: 16–19 digits,
 * Luhn). A bad number is refused beside the first box, a second copy that differs beside the second.
 */
export const CardSchema = z
  .object({
    intent: z.literal('card'),
    cardKind: z.enum(PAYMENT_CARD_KINDS, { error: () => '请选择社会保障卡或本人银行卡' }),
    cardNumber: z.string({ error: () => '请填写卡号' }),
    cardNumberAgain: z.string({ error: () => '请再输入一次卡号' }),
  })
  .transform((v, ctx) => {
    const alone = parseCardNumber(v.cardKind, v.cardNumber, v.cardNumber)
    if (!alone.ok) {
      ctx.addIssue({ code: 'custom', path: ['cardNumber'], message: alone.message })
      return z.NEVER
    }
    if (cardDigits(v.cardNumberAgain) !== alone.value) {
      ctx.addIssue({ code: 'custom', path: ['cardNumberAgain'], message: '两次输入的卡号不一致，请重新输入' })
      return z.NEVER
    }
    return { intent: v.intent, cardKind: v.cardKind, cardNumber: alone.value }
  })
export type CardValues = z.output<typeof CardSchema>

/** The truthfulness commitment (承诺书): ticked, and the name typed under it (the model compares it with the ledger name). */
export const CommitSchema = z.object({
  intent: z.literal('submit'),
  committed: z.literal('on', { error: () => '请阅读并勾选承诺' }),
  commitmentName: requiredText('姓名', 30),
})

/** Remove a ticket, or one uploaded file. */
export const RemoveTicketSchema = z.object({ intent: z.literal('remove-ticket'), ticketId: z.string() })
export const RemoveFileSchema = z.object({ intent: z.literal('remove-file'), fileId: z.string() })

/**
 * How many tickets one leg may carry (issue 13 §2: "each leg with one or more tickets"): a trip home to the
 * workplace is a bus to the station, a train and at most a transfer or two — four covers it. Counted per leg
 * and claim by saveTicket inside its write transaction.
 */
export const MAX_TICKETS_PER_LEG = 4
/** How many tickets one claim may carry in all: both legs full. */
export const MAX_TICKETS_PER_CLAIM = 2 * MAX_TICKETS_PER_LEG

/**
 * The Chinese refusal when a leg (`legLabel`, 去程/返程) already holds MAX_TICKETS_PER_LEG tickets, shown beside
 * the leg's field.
 */
export function tooManyTicketsMessage(legLabel: string): string {
  return `${legLabel}最多填 ${MAX_TICKETS_PER_LEG} 张车票（含中转），一份申请最多 ${MAX_TICKETS_PER_CLAIM} 张。车票更多的，请联系区县就业和人才中心`
}
