import { parseYuanToFen } from './money'
import { EMPLOYMENT_PROOFS, TRAVEL_MODES } from './subsidy-enums'
import type { PolicyTerms } from './subsidy'
import { isCalendarDate } from './vacancy'
import { z } from './zod'

// The county's policy editor (issue 13 §1): the claim window, eligible modes, the cap and the two flat amounts
// in yuan, and the accepted proofs of employment. Amounts are typed in yuan and parsed to fen exactly
// (parseYuanToFen: digits, never floats). The year comes from the page's address, not from the form.

/** The most any amount on the policy may be, in fen (¥10,000): a one-off fare subsidy is hundreds of yuan. */
export const POLICY_AMOUNT_MAX_FEN = 1_000_000

function dateField(label: string, { required }: { required: boolean }) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const v = (raw ?? '').trim()
      if (v === '') {
        if (required) ctx.addIssue({ code: 'custom', message: `请填写${label}` })
        return null
      }
      if (!isCalendarDate(v)) {
        ctx.addIssue({ code: 'custom', message: `${label}应为 YYYY-MM-DD 格式的真实日期` })
        return z.NEVER
      }
      return v
    })
}

function yuanField(label: string, { required }: { required: boolean }) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if ((raw ?? '').trim() === '') {
        if (required) ctx.addIssue({ code: 'custom', message: `请填写${label}` })
        return null
      }
      const parsed = parseYuanToFen(raw ?? '')
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: `${label}：${parsed.message}` })
        return z.NEVER
      }
      if (parsed.value > POLICY_AMOUNT_MAX_FEN) {
        ctx.addIssue({ code: 'custom', message: `${label}不能超过 1 万元，请核对` })
        return z.NEVER
      }
      return parsed.value
    })
}

function codesField<C extends string>(codes: readonly [C, ...C[]], emptyMessage: string) {
  return z
    .array(z.string(), { error: () => emptyMessage })
    .optional()
    .transform((picked, ctx) => {
      const chosen = codes.filter((c) => picked?.includes(c))
      if (chosen.length === 0) ctx.addIssue({ code: 'custom', message: emptyMessage })
      return chosen
    })
}

const always = () => true
const isText = (v: unknown): v is string => typeof v === 'string' && v !== ''
const isAmount = (v: unknown): v is number => typeof v === 'number' && v > 0

/** The editor's form. `stamp` is the version and save time the form was loaded with (policyStampOf), or `new`. */
export const PolicySchema = z
  .object({
    opensOn: dateField('受理开始日期', { required: true }),
    closesOn: dateField('受理截止日期', { required: true }),
    lateUntil: dateField('补报截止日期', { required: false }),
    eligibleModes: codesField(TRAVEL_MODES, '请至少勾选一种可补贴的乘坐方式'),
    capYuan: yuanField('每人封顶金额', { required: false }),
    flatOutsideChongqingYuan: yuanField('市外务工定额', { required: true }),
    flatOutsideCountyYuan: yuanField('市内县外务工定额', { required: true }),
    acceptedProofs: codesField(EMPLOYMENT_PROOFS, '请至少勾选一种务工证明'),
    stamp: z.string({ error: () => '表单已过期，请刷新后重新填写' }).regex(/^(new|\d+:\d+)$/, '表单已过期，请刷新后重新填写'),
  })
  // Cross-field checks run even when another field failed (`when`), so a refused post lists every problem at once;
  // each guards its own fields' types, since a failed field holds no value.
  .refine((v) => !(isText(v.opensOn) && isText(v.closesOn) && v.closesOn < v.opensOn), {
    path: ['closesOn'],
    message: '受理截止日期不能早于开始日期',
    when: always,
  })
  .refine((v) => !(isText(v.closesOn) && isText(v.lateUntil) && v.lateUntil <= v.closesOn), {
    path: ['lateUntil'],
    message: '补报截止日期应晚于受理截止日期',
    when: always,
  })
  .refine((v) => v.capYuan !== 0, { path: ['capYuan'], message: '封顶金额应大于 0；不封顶请留空', when: always })
  .refine((v) => !(isAmount(v.capYuan) && isAmount(v.flatOutsideChongqingYuan) && v.flatOutsideChongqingYuan > v.capYuan), {
    path: ['flatOutsideChongqingYuan'],
    message: '定额不能高于每人封顶金额',
    when: always,
  })
  .refine((v) => !(isAmount(v.capYuan) && isAmount(v.flatOutsideCountyYuan) && v.flatOutsideCountyYuan > v.capYuan), {
    path: ['flatOutsideCountyYuan'],
    message: '定额不能高于每人封顶金额',
    when: always,
  })

export type PolicyInput = z.output<typeof PolicySchema>

/**
 * Checks that only need the year (from the address): the window opens within `year` and everything closes by
 * the end of the next year. Returns `{ field, message }` or null.
 */
export function policyYearRefusal(input: Pick<PolicyInput, 'opensOn' | 'closesOn' | 'lateUntil'>, year: number): { field: string; message: string } | null {
  if (input.opensOn && !input.opensOn.startsWith(`${year}-`)) return { field: 'opensOn', message: `${year}年政策的受理开始日期应在${year}年内` }
  const last = `${year + 1}-12-31`
  if (input.closesOn && input.closesOn > last) return { field: 'closesOn', message: `受理截止日期最晚为 ${last}` }
  if (input.lateUntil && input.lateUntil > last) return { field: 'lateUntil', message: `补报截止日期最晚为 ${last}` }
  return null
}

/** The rules' terms from a parsed form for `year` (amounts already fen). */
export function policyTermsOfInput(input: PolicyInput, year: number): PolicyTerms {
  return {
    year,
    opensOn: input.opensOn!,
    closesOn: input.closesOn!,
    lateUntil: input.lateUntil,
    eligibleModes: input.eligibleModes,
    capFen: input.capYuan,
    flatOutsideChongqingFen: input.flatOutsideChongqingYuan!,
    flatOutsideCountyFen: input.flatOutsideCountyYuan!,
    acceptedProofs: input.acceptedProofs,
  }
}

/** Fen as the yuan a person types back into the form: '200', '456.5' → '456.50'. */
export function fenAsYuanInput(fen: number | null): string {
  if (fen == null) return ''
  const whole = Math.floor(fen / 100)
  const cents = fen % 100
  return cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, '0')}`
}

/** The editor's starting values from `terms`, as the form's strings. */
export function policyFormDefaults(terms: PolicyTerms, stamp: string) {
  return {
    opensOn: terms.opensOn,
    closesOn: terms.closesOn,
    lateUntil: terms.lateUntil ?? '',
    eligibleModes: [...terms.eligibleModes],
    capYuan: fenAsYuanInput(terms.capFen),
    flatOutsideChongqingYuan: fenAsYuanInput(terms.flatOutsideChongqingFen),
    flatOutsideCountyYuan: fenAsYuanInput(terms.flatOutsideCountyFen),
    acceptedProofs: [...terms.acceptedProofs],
    stamp,
  }
}
