import { addDays, todayInShanghai } from './dates'
import { optionalText } from './fields'
import { parseMobile } from './mobile'
import { INDUSTRY_LABELS, type Industry } from './vacancy-labels'
import { z } from './zod'

// Vacancies (岗位) posted by a Shandong bureau on behalf of an employer, product brief §2: the posting
// form's schemas and the server's rules. The labels and status tables pages print are ./vacancy-labels.ts
// and the search fields ./vacancy-search.ts, both free of zod so the public board's browser code stays
// small (issue 9 §13); they are re-exported here for server code.

export * from './vacancy-labels'
export { vacancySearchFields } from './vacancy-search'

/** How far ahead a post may be valid: a typo such as 2205 should not keep a post open for ever. */
export const MAX_VALID_DAYS = 366

/** The valid-until rule for new, edited and copied posts: from today, at most a year ahead. */
export function checkValidUntil(validUntil: string, today = todayInShanghai()) {
  if (validUntil < today) return '有效期不能早于今天'
  if (validUntil > addDays(today, MAX_VALID_DAYS)) return '有效期最长一年'
  return null
}

// A start date is a real calendar day within a year of today (Asia/Shanghai): a typo such as 2062 or a
// date copied from an old contract would put a false fact into the employment statistics.
export const hireStartDateField = z.string({ error: () => '请填写到岗日期' }).transform((raw, ctx) => {
  const v = raw.trim()
  if (!isCalendarDate(v)) {
    ctx.addIssue({ code: 'custom', message: v === '' ? '请填写到岗日期' : '到岗日期应为 YYYY-MM-DD 格式的真实日期' })
    return z.NEVER
  }
  const today = todayInShanghai()
  if (v < shiftYears(today, -1) || v > shiftYears(today, 1)) {
    ctx.addIssue({ code: 'custom', message: '到岗日期应在今天前后一年以内' })
    return z.NEVER
  }
  return v
})

function wholeNumber(label: string, { min, max, required = false }: { min: number; max: number; required?: boolean }) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const v = (raw ?? '').normalize('NFKC').trim().replace(/,/g, '')
      if (v === '') {
        if (required) ctx.addIssue({ code: 'custom', message: `请填写${label}` })
        return null
      }
      if (!/^\d{1,9}$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: `${label}应为整数` })
        return z.NEVER
      }
      const n = Number(v)
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${label}应在 ${min} 到 ${max} 之间` })
        return z.NEVER
      }
      return n
    })
}

/** Whether a string is a real YYYY-MM-DD calendar day (2026-02-30 is not). */
export function isCalendarDate(v: string) {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
  return d != null && new Date(Date.UTC(+d[1], +d[2] - 1, +d[3])).toISOString().slice(0, 10) === v
}

/** YYYY-MM-DD moved by whole years on the calendar (29 Feb → 1 Mar as Date rolls it). */
export function shiftYears(date: string, years: number) {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() + years)
  return d.toISOString().slice(0, 10)
}

const dateField = z.string({ error: () => '请选择有效期' }).transform((raw, ctx) => {
  const v = raw.trim()
  if (!isCalendarDate(v)) {
    ctx.addIssue({ code: 'custom', message: '有效期应为 YYYY-MM-DD 格式的日期' })
    return z.NEVER
  }
  return v
})

const phoneField = z.string({ error: () => '请填写联系电话' }).transform((raw, ctx) => {
  const v = raw.normalize('NFKC').trim()
  // A mobile, or a landline with area code (0536-1234567) as bureaus and employers often give.
  const mobile = parseMobile(v)
  if (mobile.ok) return mobile.value
  if (/^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(v.replace(/\s/g, ''))) return v.replace(/\s/g, '')
  ctx.addIssue({ code: 'custom', message: v === '' ? '请填写联系电话' : '联系电话应为手机号或带区号的固定电话' })
  return z.NEVER
})

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === '1')

/** The posting form. Salaries are typed in whole yuan per month and stored in fen. */
export const VacancySchema = z
  .object({
    title: optionalText('岗位名称', 40, { required: true }),
    employerId: wholeNumber('用人单位', { min: 1, max: 1e9, required: true }),
    industry: z.enum(Object.keys(INDUSTRY_LABELS) as [Industry, ...Industry[]], { error: () => '请选择行业' }),
    headcount: wholeNumber('招聘人数', { min: 1, max: 10000, required: true }),
    salaryMin: wholeNumber('最低月薪', { min: 500, max: 100000, required: true }),
    salaryMax: wholeNumber('最高月薪', { min: 500, max: 100000, required: true }),
    address: optionalText('工作地点', 100, { required: true }),
    lat: z.string().optional(),
    lng: z.string().optional(),
    providesMeals: checkbox,
    providesHousing: checkbox,
    contractMonths: wholeNumber('合同期限（月）', { min: 1, max: 120 }),
    workingHours: optionalText('工作时间', 60),
    ageMin: wholeNumber('最低年龄', { min: 16, max: 65 }),
    ageMax: wholeNumber('最高年龄', { min: 16, max: 65 }),
    requirements: optionalText('岗位要求', 1000, { multiline: true }),
    benefits: optionalText('福利待遇', 1000, { multiline: true }),
    contactName: optionalText('联系人', 20, { required: true }),
    contactPhone: phoneField,
    validUntil: dateField,
    targets: z.array(z.string()).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.salaryMin != null && v.salaryMax != null && v.salaryMin > v.salaryMax) {
      ctx.addIssue({ code: 'custom', path: ['salaryMax'], message: '最高月薪不能低于最低月薪' })
    }
    if (v.ageMin != null && v.ageMax != null && v.ageMin > v.ageMax) {
      ctx.addIssue({ code: 'custom', path: ['ageMax'], message: '最高年龄不能低于最低年龄' })
    }
  })

export type VacancyInput = z.output<typeof VacancySchema>

/** A post as the model stores it: the form's values with required fields present, a map point and targets. */
export type VacancyValues = Omit<
  VacancyInput,
  'lat' | 'lng' | 'targets' | 'salaryMin' | 'salaryMax' | 'employerId' | 'title' | 'headcount' | 'address' | 'contactName'
> & {
  employerId: number
  title: string
  headcount: number
  /** Whole yuan per month. */
  salaryMin: number
  salaryMax: number
  address: string
  contactName: string
  lat: number
  lng: number
  targets: string[]
}

/** A map point typed or picked on the map, or null when absent or outside mainland China's box. */
export function parsePoint(lat: string | undefined, lng: string | undefined) {
  const la = Number(lat)
  const ln = Number(lng)
  if (!lat || !lng || !Number.isFinite(la) || !Number.isFinite(ln)) return null
  if (la < 18 || la > 54 || ln < 73 || ln > 136) return null
  return { lat: Math.round(la * 1e6) / 1e6, lng: Math.round(ln * 1e6) / 1e6 }
}
