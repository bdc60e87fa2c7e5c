import type { ArrivalMark, BoardingMark } from './batch'
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

/** One person on the manifest; `idNumber` and `phone` masked unless the manifest is the full one. */
export type ManifestRow = {
  seatId: number
  /** 1, 2, … in booking order (seat row id), the 预排 list's order. */
  order: number
  vehicleId: number | null
  seatNo: number | null
  name: string
  sex: string
  idNumber: string
  phone: string | null
  township: string | null
  /** The destination employer: the demand's, else a hire by one of the batch's employers, else the batch's only one. */
  employer: string | null
  boarding: BoardingMark | null
  arrival: ArrivalMark | null
  /** Whether the arrival linked the trip to an employment record (issue 12 §7). */
  linked: boolean
}
