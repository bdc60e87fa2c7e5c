import { SEARCH_TEXT_MAX } from '~/rules/cjk-search'
import { INDUSTRY_LABELS, type Industry } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { pageParam, parseListParams } from './list'

// The public board's filters as URL parameters (q, city, industry, minSalary, meals, housing, sort, page,
// and pageSize for the feed), so a search can be shared as a link. The page (/jobs) and the feed
// (/api/v1/vacancies) read them with the same field schemas: the page drops what it cannot use, since a
// link typed by hand or cut short in a chat app must still open; the feed answers 400 with the reasons,
// since a program calling it should learn its mistake.

export const BOARD_PAGE_SIZE = 20
export const FEED_MAX_PAGE_SIZE = 100

/** What the board filters open posts by. */
export type BoardFilters = {
  q: string
  city: string | null
  industry: Industry | null
  /** Whole yuan per month; null for no minimum. */
  minSalary: number | null
  meals: boolean
  housing: boolean
  sort: 'newest' | 'salary'
  /** Only posts open to this county (a worker's own), when set. */
  countyCode?: string | null
}

/** The filters and the page asked for (1-based) with its size. */
export type BoardQuery = BoardFilters & { page: number; pageSize: number }

/**
 * Which posts a signed-in worker's board lists (issue 9 §12): `mine`, the default, only those open to the
 * worker's own county (the ones they can apply to); `all` every open post. Anyone else always sees all.
 */
export type BoardScope = 'mine' | 'all'

const CONTROL = /\p{Cc}/gu

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
    page: pageParam,
    pageSize: wholeNumber('每页条数', 1, FEED_MAX_PAGE_SIZE),
  }
}

type Fields = ReturnType<typeof boardFields>
type FieldName = keyof Fields
type Values = { [K in FieldName]?: z.output<Fields[K]> }

function toQuery(values: Values): BoardQuery {
  return {
    q: values.q ?? '',
    city: values.city ?? null,
    industry: values.industry ?? null,
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
 * The board page's query (parseListParams): every parameter that does not parse is dropped (a search
 * longer than the limit is cut to it), so a shared or mistyped link always opens a page, never a 400.
 * The page size is the board's own. Takes the URL and the cities a post can be in; returns the query and
 * the page's `scope` (BoardScope, `mine` unless `scope=all`).
 */
export function readBoardQuery(url: URL, cityCodes: readonly string[]): BoardQuery & { scope: BoardScope } {
  const { pageSize: _pageSize, ...fields } = boardFields(cityCodes)
  const q = z.string().transform((raw) => [...cleanSearchText(raw)].slice(0, SEARCH_TEXT_MAX).join('').trim())
  const { scope, ...values } = parseListParams(url.searchParams, { ...fields, q, scope: z.enum(['mine', 'all']) })
  return { ...toQuery(values), scope: scope ?? 'mine' }
}

export type FeedQueryResult = { ok: true; query: BoardQuery } | { ok: false; errors: Record<string, string> }

/** The feed's query: the same parameters, each checked; every bad one is named with a Chinese reason. */
export function parseFeedQuery(url: URL, cityCodes: readonly string[]): FeedQueryResult {
  const fields = boardFields(cityCodes)
  const values: Values = {}
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
