import { normalizeMobile } from './mobile'

/**
 * Staff sign in with a user name, workers with their mobile number — typed on a phone keyboard that
 * may produce full-width digits, spaces or a +86 prefix. Both reduce to one stored form.
 */
export function normalizeLoginName(raw: string) {
  const plain = raw.normalize('NFKC').trim().toLowerCase()
  const mobile = normalizeMobile(plain)
  return /^1[3-9]\d{9}$/.test(mobile) ? mobile : plain
}
