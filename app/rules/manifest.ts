// The manifest's full-number version (issue 12 §5): a disclosure chosen from a fixed list of purposes, so
// the audit trail records why without free text (the append-only log holds no typed text). Pure, so the
// page's form and the audit trail's labels read the same list.

/** Why staff need the full ID numbers and phones of a batch's manifest: code → the form's label. */
export const MANIFEST_FULL_REASONS = {
  insurance: '办理乘车保险',
  identity_check: '上车核验身份',
  handover: '向用人单位交接',
  emergency: '途中应急联系',
} as const

export type ManifestFullReason = keyof typeof MANIFEST_FULL_REASONS

/** Whether `code` is one of MANIFEST_FULL_REASONS (own keys only). */
export function isManifestFullReason(code: unknown): code is ManifestFullReason {
  return typeof code === 'string' && Object.hasOwn(MANIFEST_FULL_REASONS, code)
}
