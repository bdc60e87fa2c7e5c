// An office's contact details (issue 11 §7 follow-up): the county centre's phone and address printed on the
// post notice and the account slip, and the bureau's. Pure: the phone rule and the form schema.
import { normalizeMobile, parseMobile } from './mobile'
import { normaliseTyped } from './normalise'
import { optionalText } from './fields'
import { z } from './zod'

/**
 * A landline with its area code (023-52222608, 0536 8789660, 010-12345678-801 with an extension). Area
 * codes are 010 and 02X (three digits) or 0XXX (four digits), so a number typed without its dash splits
 * one way only.
 */
const LANDLINE = /^(0[12]\d|0[3-9]\d{2})-?([2-9]\d{6,7})(?:-(\d{1,6}))?$/

/**
 * An office phone as typed: a mobile or a landline with its area code. A mobile is read by the mobile rule
 * (app/rules/mobile.ts: spaces, dashes, brackets and full-width digits dropped, a country code +86, 0086 or
 * 86 removed when 11 digits remain — security.md §18), so `+86 139 9600 0001` is a mobile here as it is at
 * registration. A landline may have full-width digits, a dash or spaces between area code and number, and
 * its area code in brackets as business cards print it (`(0536) 8789660`). Returns `{ ok, value }` with
 * the mobile's 11 digits or the landline as `0AAA-NNNNNNN[-EXT]`, or `{ ok: false, message }` in Chinese.
 */
export function parseOfficePhone(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const typed = normaliseTyped(raw, 'drop')
  if (typed === '') return { ok: false, message: '请填写联系电话' }
  if (/^1\d{10}$/.test(normalizeMobile(typed))) return parseMobile(typed)
  const v = typed
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[－‐‑–—]/g, '-')
    // (0536)8789660 → 0536-8789660: brackets only around a leading area code.
    .replace(/^[(（](0\d{2,3})[)）]-?/, '$1-')
  const landline = LANDLINE.exec(v)
  if (landline) {
    const [, area, number, ext] = landline
    return { ok: true, value: `${area}-${number}${ext ? `-${ext}` : ''}` }
  }
  return { ok: false, message: '联系电话应为 11 位手机号，或带区号的固定电话（区号和号码之间可加短横线）' }
}

/** An office phone that may be left empty (a new organisation's form): empty → null, else parseOfficePhone's value. */
export const optionalOfficePhone = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw == null || raw.trim() === '') return null
    const phone = parseOfficePhone(raw)
    if (phone.ok) return phone.value
    ctx.addIssue({ code: 'custom', message: phone.message })
    return z.NEVER
  })

/** The office contact form: a phone (required) and an address (optional, up to 80 characters). */
export const OfficeContactSchema = z.object({
  contactPhone: z.string({ error: () => '请填写联系电话' }).transform((raw, ctx) => {
    const phone = parseOfficePhone(raw)
    if (phone.ok) return phone.value
    ctx.addIssue({ code: 'custom', message: phone.message })
    return z.NEVER
  }),
  address: optionalText('地址', 80),
})
