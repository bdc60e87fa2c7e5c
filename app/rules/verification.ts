import { optionalText } from './fields'
import { z } from './zod'

// Turning a worker's registration down (product brief §1): a reason the worker reads on their profile,
// chosen from a short list so the audit trail can hold its code; "其他" must say what.

export const REJECTION_REASONS = {
  not_in_ledger: '台账中无此人',
  identity_mismatch: '身份信息不一致',
  not_local: '非本县户籍',
  other: '其他',
} as const
export type RejectionReasonCode = keyof typeof REJECTION_REASONS
const REASON_CODES = Object.keys(REJECTION_REASONS) as [RejectionReasonCode, ...RejectionReasonCode[]]

export const RejectSchema = z
  .object({
    intent: z.literal('reject'),
    reasonCode: z.enum(REASON_CODES, { error: () => '请选择退回原因' }),
    note: optionalText('说明', 200),
  })
  .refine((v) => v.reasonCode !== 'other' || Boolean(v.note), { path: ['note'], message: '选择“其他”时请写明原因' })
