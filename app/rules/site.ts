import { optionalText } from './fields'
import { normaliseTyped } from './normalise'
import { parseOfficePhone } from './office-phone'
import { SITE_SERVICES, SITE_TYPES, type SiteService } from './site-enums'
import { parsePoint } from './vacancy'
import { z } from './zod'

// Service sites (issue 14 §1): the one schema a site's form and a row of the xlsx import are both checked
// with, so a row and a form agree. The labels and status table pages print are ./site-labels.ts (no zod),
// re-exported here for server code and forms.

export * from './site-labels'
export { SITE_SERVICES, SITE_STATUSES, SITE_TYPES, type SiteService, type SiteStatus, type SiteType } from './site-enums'

/** The most workers helped a site may report: a typo of extra zeros should not reach the statistics. */
export const MAX_WORKERS_HELPED = 10_000_000

/** Beside 纬度 when the point is missing, not numbers, or outside mainland China's box (parsePoint). */
export const SITE_POINT_MESSAGE = '请在地图上选点，或填写中国境内的纬度和经度'

/**
 * A site number as stored: invisible characters and spaces dropped, full-width letters, digits and dashes
 * folded to half-width, upper case (siteNumberField then requires 2–32 of A-Z, 0-9 and '-', at least one a
 * letter or digit: "----" is not a number). Takes the typed text; returns the normalised number ('' for blank).
 * "ｗｆ－ｇｚｚ－０１" → "WF-GZZ-01".
 */
export function normaliseSiteNumber(raw: string): string {
  return normaliseTyped(raw, 'drop')
    .normalize('NFKC')
    .replace(/[‐‑–—－]/g, '-')
    .toUpperCase()
}

/** A text or a number cell (the import passes spreadsheet numbers as they are), as trimmed text. */
const textOrNumber = z.union([z.string(), z.number()]).optional()

function cellText(raw: string | number | undefined): string {
  return raw == null ? '' : String(raw).normalize('NFKC').trim()
}

const siteNumberField = textOrNumber.transform((raw, ctx) => {
  const v = normaliseSiteNumber(cellText(raw))
  if (v === '') {
    ctx.addIssue({ code: 'custom', message: '请填写站点编号' })
    return z.NEVER
  }
  if (!/^[A-Z0-9-]{2,32}$/.test(v) || !/[A-Z0-9]/.test(v)) {
    ctx.addIssue({ code: 'custom', message: '站点编号应为 2 到 32 位字母、数字或短横线' })
    return z.NEVER
  }
  return v
})

const contactPhoneField = textOrNumber.transform((raw, ctx) => {
  const phone = parseOfficePhone(cellText(raw))
  if (phone.ok) return phone.value
  ctx.addIssue({ code: 'custom', message: phone.message })
  return z.NEVER
})

const workersHelpedField = textOrNumber.transform((raw, ctx) => {
  const v = cellText(raw).replace(/,/g, '')
  if (v === '') return 0
  if (!/^\d{1,9}$/.test(v) || Number(v) > MAX_WORKERS_HELPED) {
    ctx.addIssue({ code: 'custom', message: `服务人数应为 0 到 ${MAX_WORKERS_HELPED.toLocaleString('en-US')} 之间的整数` })
    return z.NEVER
  }
  return Number(v)
})

/**
 * One coordinate, checked on its own so the message sits beside the input that is wrong: latitude 18–54
 * and longitude 73–136 (parsePoint's box around mainland China). A blank 纬度 carries the how-to message.
 */
function coordinateField(which: 'lat' | 'lng') {
  const [min, max] = which === 'lat' ? [18, 54] : [73, 136]
  return textOrNumber.transform((raw, ctx) => {
    const v = cellText(raw)
    if (v === '') {
      ctx.addIssue({ code: 'custom', message: which === 'lat' ? SITE_POINT_MESSAGE : '请填写经度' })
      return z.NEVER
    }
    const n = Number(v)
    if (!/^-?\d+(\.\d+)?$/.test(v) || n < min || n > max) {
      ctx.addIssue({
        code: 'custom',
        message: which === 'lat' ? `纬度应为 ${min} 到 ${max} 之间的数（中国境内）` : `经度应为 ${min} 到 ${max} 之间的数（中国境内）`,
      })
      return z.NEVER
    }
    return n
  })
}

// Checkboxes: none ticked is absent, one ticked is a string, several an array; the import passes an array.
const servicesField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((raw, ctx) => {
    const picked = new Set(raw == null ? [] : Array.isArray(raw) ? raw : [raw])
    const unknown = [...picked].filter((s) => !(SITE_SERVICES as readonly string[]).includes(s))
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: '服务内容只能从列出的项目中选择' })
      return z.NEVER
    }
    if (picked.size === 0) {
      ctx.addIssue({ code: 'custom', message: '请至少选择一项服务内容' })
      return z.NEVER
    }
    return SITE_SERVICES.filter((s): s is SiteService => picked.has(s))
  })

/**
 * A site's editable fields (issue 14 §1), for the site form and each row of the xlsx import. Takes strings
 * (numbers too for the number cells) as a form or a sheet gives them; yields the stored values: type code,
 * normalised site number, trimmed texts, WGS-84 lat/lng rounded to 6 decimals (parsePoint: inside mainland
 * China's box), phone as parseOfficePhone prints it, services in SITE_SERVICES order, workersHelped an
 * integer 0–10,000,000 (blank = 0). Each problem is a Chinese message on its own field (a missing point on `lat`).
 */
export const siteFieldsSchema = z
  .object({
    type: z.enum(SITE_TYPES, { error: () => '请选择站点类型' }),
    siteNumber: siteNumberField,
    name: optionalText('站点名称', 60, { required: true }),
    address: optionalText('地址', 100, { required: true }),
    lat: coordinateField('lat'),
    lng: coordinateField('lng'),
    contactName: optionalText('联系人', 20, { required: true }),
    contactPhone: contactPhoneField,
    openingHours: optionalText('开放时间', 60, { required: true }),
    services: servicesField,
    workersHelped: workersHelpedField,
  })
  .transform((v) => {
    const point = parsePoint(String(v.lat), String(v.lng)) as { lat: number; lng: number }
    return {
      type: v.type,
      siteNumber: v.siteNumber,
      name: v.name as string,
      address: v.address as string,
      lat: point.lat,
      lng: point.lng,
      contactName: v.contactName as string,
      contactPhone: v.contactPhone,
      openingHours: v.openingHours as string,
      services: v.services,
      workersHelped: v.workersHelped,
    }
  })

/** A site's fields as the model stores them (siteFieldsSchema's output). */
export type SiteFields = z.output<typeof siteFieldsSchema>
