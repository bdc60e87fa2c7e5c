import { reasonWithNote } from './fields'
import { defineStatuses } from './status'

// Turning a worker's registration down (product brief §1): a reason the worker reads on their profile,
// chosen from a short list so the audit trail can hold its code; "其他" must say what.

export const REJECTION_REASONS = {
  not_in_ledger: '台账中无此人',
  identity_mismatch: '身份信息不一致',
  not_local: '非本县户籍',
  other: '其他',
} as const
export type RejectionReasonCode = keyof typeof REJECTION_REASONS

export const RejectSchema = reasonWithNote('reject', REJECTION_REASONS, '请选择退回原因')

// ---------------------------------------------------------------------------------------------------
// What "verified" means (decision 013; issue 8 §1): one definition for every page and every rule.

/**
 * The one definition of a verified worker: the account's `verifiedAt` is set. It is set only by the
 * county centre, in the same transaction that links the account to its ledger row (confirmAccount,
 * createAssistedAccount in app/models/verification.server.ts and account.server.ts), and never cleared
 * without unlinking, so "verified" and "linked to a ledger row" are the same set of accounts. Takes the
 * account's `verifiedAt`; returns whether it is verified.
 */
export function isVerifiedWorker(account: { verifiedAt: Date | null }): boolean {
  return account.verifiedAt != null
}

/** Where a worker's registration stands, for their own pages and the county's: verified, turned down, or waiting. */
export type VerificationState = 'verified' | 'rejected' | 'waiting'

/** The state of an account from its `verifiedAt` and `rejectedAt` (a verified account is verified whatever else). */
export function verificationState(account: { verifiedAt: Date | null; rejectedAt: Date | null }): VerificationState {
  if (isVerifiedWorker(account)) return 'verified'
  return account.rejectedAt != null ? 'rejected' : 'waiting'
}

/**
 * Labels, badge tones and moves of a worker account's verification (product brief §1): waiting until the
 * county centre confirms (verified) or turns it down (rejected); a turned-down account that the worker
 * corrects waits again. The one place every page reads "已核验 / 待核验 / 核验未通过" from.
 */
export const VERIFICATION_STATUSES = defineStatuses<VerificationState>({
  waiting: { label: '待核验', tone: 'warn', next: ['verified', 'rejected'] },
  verified: { label: '已核验', tone: 'ok', next: [] },
  rejected: { label: '核验未通过', tone: 'off', next: ['waiting', 'verified'] },
})
