import { maskIdNumber } from './id-number'
import { maskMobile } from './mobile'

// A person's ID number and phone as lists, exports and most pages show them: masked (security.md; product
// brief §1), the middle digits hidden. One place for the pair, so a list, its export and the next list
// mask alike; a full number is shown only where a rule says so (the ledger's 完整信息 export).

/** The person numbers a row may carry: an ID number, and a phone or null (or '' — no phone). */
type WithNumbers = { idNumber: string; phone: string | null }

/**
 * The row with its ID number and phone masked under the same keys (maskIdNumber, maskMobile); a missing
 * phone stays null. Takes any row with `idNumber` and `phone`; returns a copy, the input unchanged.
 */
export function maskNumbers<T extends WithNumbers>(row: T): T {
  return { ...row, idNumber: maskIdNumber(row.idNumber), phone: row.phone ? maskMobile(row.phone) : null }
}

/**
 * The row with its ID number and phone masked and renamed `idNumberMasked` and `phoneMasked`, the full
 * numbers dropped — so a page's data cannot carry them by mistake. Takes and returns as maskNumbers.
 */
export function withMaskedNumbers<T extends WithNumbers>(row: T): Omit<T, 'idNumber' | 'phone'> & { idNumberMasked: string; phoneMasked: string | null } {
  const { idNumber, phone, ...rest } = maskNumbers(row)
  return { ...rest, idNumberMasked: idNumber, phoneMasked: phone }
}
