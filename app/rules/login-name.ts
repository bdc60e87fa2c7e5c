import { normalizeMobile } from './mobile'
import { normaliseTyped } from './normalise'

/**
 * Staff sign in with a user name, workers with their mobile number — typed on a phone keyboard that
 * may produce full-width digits, spaces or a +86 prefix, or pasted with invisible characters around it
 * (direction marks U+202A…U+202C, zero-width spaces: app/rules/normalise.ts). Both reduce to one stored
 * form: the 11 digits of a mobile number, or the name folded (NFKC), trimmed and lower-cased.
 */
export function normalizeLoginName(raw: string) {
  const plain = normaliseTyped(raw.normalize('NFKC')).toLowerCase()
  const mobile = normalizeMobile(plain)
  return /^1[3-9]\d{9}$/.test(mobile) ? mobile : plain
}
