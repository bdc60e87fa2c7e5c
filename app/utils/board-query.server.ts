import type { BoardQuery } from '~/models/vacancy.server'
import { listPairings } from '~/models/pairing.server'
import { INDUSTRY_LABELS, type Industry } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { SEARCH_TEXT_MAX } from '~/rules/cjk-search'

// The public board's filters as URL parameters (q, city, industry, minSalary, meals, housing, sort, page,
// and pageSize for the feed), so a search can be shared as a link. The page (/jobs) and the feed
// (/api/v1/vacancies) read them with the same field schemas: the page drops what it cannot use, since a
// link typed by hand or cut short in a chat app must still open; the feed answers 400 with the reasons,
// since a program calling it should learn its mistake.

export const BOARD_PAGE_SIZE = 20
export const FEED_MAX_PAGE_SIZE = 100
/** Pages beyond this are not served: 5,000 × 20 posts is more than anyone pages through. */
export const MAX_PAGE = 5_000

const CONTROL = /[\u0000-\u001f\u007f]/g

function wholeNumber(label: string, min: number, max: number) {
  return z.string().transform((raw, ctx) => {
    // Full-width digits come from Chinese input methods; "5,000" from habit.
    const v = raw.normalize('NFKC').trim().replace(/,/g, '')
    const n = /^\d{1,9}$/.test(v) ? Number(v) : NaN
    if (!(n >= min && n <= max)) {
      ctx.addIssue({ code: 'custom', message: `${label}应为 ${min} 到 ${max} 之间的整数` })
      return z.NEVER
    }
    return n
  })
}

const flag = z.string().transform((raw, ctx) => {
  const v = raw.trim().toLowerCase()
  if (v === '1' || v === 'true' || v === 'on') return true
  if (v === '0' || v === 'false') return false
  ctx.addIssue({ code: 'custom', message: '应为 1 或 0' })
  return z.NEVER
})

function cleanSearchText(raw: string) {
  return raw.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim()
}

const INDUSTRIES = Object.keys(INDUSTRY_LABELS) as [Industry, ...Industry[]]

function boardFields(cityCodes: readonly string[]) {
  return {
    q: z.string().transform((raw, ctx) => {
      const v = cleanSearchText(raw)
      if ([...v].length > SEARCH_TEXT_MAX) {
        ctx.addIssue({ code: 'custom', message: `搜索词不能超过 ${SEARCH_TEXT_MAX} 个字` })
        return z.NEVER
      }
      return v
    }),
    city: z.string().refine((v) => cityCodes.includes(v), '没有这个城市的岗位，城市应为对口城市的 6 位行政区划代码'),
    industry: z.enum(INDUSTRIES, { error: () => `行业应为 ${INDUSTRIES.join('、')} 之一` }),
    // Whole yuan per month, as the board's form asks (salaries are stored in fen).
    minSalary: wholeNumber('月薪', 0, 100_000),
    meals: flag,
    housing: flag,
    sort: z.enum(['newest', 'salary'], { error: () => '排序应为 newest（最新）或 salary（工资最高）' }),
    page: wholeNumber('页码', 1, MAX_PAGE),
    pageSize: wholeNumber('每页条数', 1, FEED_MAX_PAGE_SIZE),
  }
}

type Fields = ReturnType<typeof boardFields>
type FieldName = keyof Fields

const DEFAULTS: { [K in FieldName]: z.output<Fields[K]> | null } = {
  q: '',
  city: null,
  industry: null,
  minSalary: null,
  meals: false,
  housing: false,
  sort: 'newest',
  page: 1,
  pageSize: BOARD_PAGE_SIZE,
}

/** The cities a post can be in: the Shandong side of every pairing. Public. */
export function listBoardCities() {
  const seen = new Map<string, string>()
  for (const p of listPairings()) seen.set(p.cityCode, p.cityName)
  return [...seen].map(([code, name]) => ({ code, name }))
}

function toQuery(values: typeof DEFAULTS): BoardQuery {
  return {
    q: values.q ?? '',
    city: values.city,
    industry: values.industry,
    // 0 is "no minimum", as a cleared field would be.
    minSalary: values.minSalary || null,
    meals: values.meals ?? false,
    housing: values.housing ?? false,
    sort: values.sort ?? 'newest',
    page: values.page ?? 1,
    pageSize: values.pageSize ?? BOARD_PAGE_SIZE,
  }
}

/** An empty parameter (what a GET form sends for a field left blank) counts as absent. */
function present(params: URLSearchParams, name: string) {
  const v = params.get(name)
  return v == null || v.trim() === '' ? null : v
}

/**
 * The board page's query: every parameter that does not parse is dropped (a search longer than
 * the limit is cut to it), so a shared or mistyped link always opens a page, never a 400.
 */
export function readBoardQuery(url: URL, cityCodes: readonly string[]): BoardQuery {
  const fields = boardFields(cityCodes)
  const values = { ...DEFAULTS }
  for (const name of Object.keys(fields) as FieldName[]) {
    const raw = present(url.searchParams, name)
    if (raw == null || name === 'pageSize') continue
    if (name === 'q') {
      values.q = [...cleanSearchText(raw)].slice(0, SEARCH_TEXT_MAX).join('').trim()
      continue
    }
    const parsed = fields[name].safeParse(raw)
    if (parsed.success) Object.assign(values, { [name]: parsed.data })
  }
  return toQuery(values)
}

export type FeedQueryResult = { ok: true; query: BoardQuery } | { ok: false; errors: Record<string, string> }

/** The feed's query: the same parameters, each checked; every bad one is named with a Chinese reason. */
export function parseFeedQuery(url: URL, cityCodes: readonly string[]): FeedQueryResult {
  const fields = boardFields(cityCodes)
  const values = { ...DEFAULTS }
  const errors: Record<string, string> = {}
  for (const name of Object.keys(fields) as FieldName[]) {
    const raw = present(url.searchParams, name)
    if (raw == null) continue
    const parsed = fields[name].safeParse(raw)
    if (parsed.success) Object.assign(values, { [name]: parsed.data })
    else errors[name] = parsed.error.issues[0]?.message ?? '参数无效'
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, query: toQuery(values) }
}

/** URL parameters for a board query, leaving out defaults, so links are short and stable. */
export function boardQueryParams(query: Partial<BoardQuery>) {
  const params = new URLSearchParams()
  if (query.q) params.set('q', query.q)
  if (query.city) params.set('city', query.city)
  if (query.industry) params.set('industry', query.industry)
  if (query.minSalary) params.set('minSalary', String(query.minSalary))
  if (query.meals) params.set('meals', '1')
  if (query.housing) params.set('housing', '1')
  if (query.sort && query.sort !== 'newest') params.set('sort', query.sort)
  if (query.page && query.page > 1) params.set('page', String(query.page))
  return params
}
