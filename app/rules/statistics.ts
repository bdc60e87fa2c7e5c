import { quoteTyped } from './normalise'
import type { Industry } from './vacancy-enums'

// The calendar of the statistics (issue 15 §5): months are Asia/Shanghai calendar months (UTC+8, no
// daylight saving), written `YYYY-MM`; a period is [from, to) in ms since the epoch for stored moments
// and [fromDay, toDay) as `YYYY-MM-DD` for stored days (a batch's departure day).

/** A Shanghai month `YYYY-MM` as written in a URL (?month=): 1900–2099, months 01–12. */
export const MONTH_PATTERN = /^(19|20)\d\d-(0[1-9]|1[0-2])$/

/** A period: moments in [from, to) (ms since the epoch), days in [fromDay, toDay). */
export type MonthRange = { from: number; to: number; fromDay: string; toDay: string }

const EIGHT_HOURS = 8 * 3600_000

/** The Shanghai month `YYYY-MM` of a moment (now by default). */
export function monthOf(at: Date | number = Date.now()) {
  return new Date(Number(at) + EIGHT_HOURS).toISOString().slice(0, 7)
}

/** The month `delta` months after `month` (`YYYY-MM`; negative goes back). */
export function addMonths(month: string, delta: number) {
  const [y, m] = month.split('-').map(Number)
  const d = new Date(Date.UTC(y, m - 1 + delta, 1))
  return d.toISOString().slice(0, 7)
}

/** One Shanghai month as a period, with its name. */
export function monthRange(month: string): MonthRange & { month: string } {
  const [y, m] = month.split('-').map(Number)
  const next = addMonths(month, 1)
  return {
    month,
    from: Date.UTC(y, m - 1, 1) - EIGHT_HOURS,
    to: Date.UTC(y, m, 1) - EIGHT_HOURS,
    fromDay: `${month}-01`,
    toDay: `${next}-01`,
  }
}

/** The most months a list's period filter spans (ten years). */
export const PERIOD_MAX_MONTHS = 120

/**
 * A period of months as a list's month filter takes it (issue 15 §5): its canonical text (`YYYY-MM` for one
 * month, else `YYYY-MM/YYYY-MM`), first and last month, how many months, the range and its words.
 */
export type PeriodRange = MonthRange & { period: string; first: string; last: string; months: number; label: string }

/**
 * A month filter's value as a period: one Shanghai month `YYYY-MM` or an ISO 8601 interval of months
 * `YYYY-MM/YYYY-MM`, first and last month inclusive, the last no earlier than the first, at most
 * PERIOD_MAX_MONTHS months, in ASCII digits as a month input and the dashboards write it. Returns null for
 * anything else (the list then shows without it). Never throws. 2026-01/2026-11 → 2026年1月至11月.
 */
export function periodRange(text: unknown): PeriodRange | null {
  if (typeof text !== 'string' || text.length > 40) return null
  const parts = text.split('/')
  if (parts.length > 2) return null
  const first = parts[0]
  const last = parts[1] ?? first
  if (!MONTH_PATTERN.test(first) || !MONTH_PATTERN.test(last) || last < first) return null
  const months = (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5, 7)) - Number(first.slice(5, 7)) + 1
  if (months > PERIOD_MAX_MONTHS) return null
  const start = monthRange(first)
  const end = monthRange(last)
  return {
    period: first === last ? first : `${first}/${last}`,
    first,
    last,
    months,
    from: start.from,
    to: end.to,
    fromDay: start.fromDay,
    toDay: end.toDay,
    label: periodLabel(first, last),
  }
}

/** `2026年11月`, `2026年1月至11月`, `2025年11月至2026年2月`. */
function periodLabel(first: string, last: string) {
  if (first === last) return monthLabel(first)
  if (first.slice(0, 4) === last.slice(0, 4)) return `${monthLabel(first)}至${Number(last.slice(5, 7))}月`
  return `${monthLabel(first)}至${monthLabel(last)}`
}

/** The year to date of `month` as a period: `2026-01/2026-11` (`2026-01` in January). */
export function yearToDate(month: string) {
  const first = `${month.slice(0, 4)}-01`
  return first === month ? month : `${first}/${month}`
}

/** January of `month`'s year to `month`, one period each, in order. */
export function monthsOfYearTo(month: string) {
  const count = Number(month.slice(5, 7))
  return Array.from({ length: count }, (_, i) => monthRange(`${month.slice(0, 4)}-${String(i + 1).padStart(2, '0')}`))
}

/**
 * The month a dashboard shows: `?month=` when it is a month no later than this one (and not before
 * 2000), else this Shanghai month. Never throws.
 */
export function readStatisticsMonth(search: URLSearchParams, now: Date | number = Date.now()) {
  const thisMonth = monthOf(now)
  const asked = search.get('month')
  return asked && MONTH_PATTERN.test(asked) && asked <= thisMonth && asked >= '2000-01' ? asked : thisMonth
}

/**
 * Why a dashboard or monthly report did not show the month its `?month=` asked for, in Chinese for the
 * line beside its month picker, or null when it did (or none was asked). The page then shows this Shanghai
 * month (readStatisticsMonth) and answers HTTP 400, so a mistyped or future month is never passed off as
 * the month asked for. The asked text is quoted cut to 20 characters. Never throws.
 */
export function statisticsMonthProblem(search: URLSearchParams, now: Date | number = Date.now()): string | null {
  const asked = search.get('month')
  if (asked === null || asked === '') return null
  const thisMonth = monthOf(now)
  const shown = `下面是本月（${monthLabel(thisMonth)}）的数字。`
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(asked)) {
    return `「${quoteTyped(asked)}」不是月份，应写成 2026-11 这样；${shown}`
  }
  if (asked > thisMonth) return `${monthLabel(asked)}还没有到，${shown}`
  if (asked < '2000-01') return `只能查看 2000年1月以后的月份，${shown}`
  return null
}

/** `2026年11月`. */
export function monthLabel(month: string) {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`
}

/** The change from `before` to `now` in words for a report: `+12（+8.5%）`, `−3（−20.0%）`, `持平`, `新增` when before was 0. */
export function changeInWords(now: number, before: number) {
  if (now === before) return '持平'
  const diff = now - before
  const sign = diff > 0 ? '+' : '−'
  if (before === 0) return `${sign}${Math.abs(diff).toLocaleString('zh-CN')}（上期为 0）`
  const pct = (Math.abs(diff) / before) * 100
  return `${sign}${Math.abs(diff).toLocaleString('zh-CN')}（${sign}${pct.toFixed(1)}%）`
}

// The shapes a dashboard's page receives (app/models/statistics-view.server.ts builds them).

/**
 * One figure: its label, the month's value (shown), the list it counts (null when none), the year to date
 * and the list that counts it (the same list over `YYYY-01/YYYY-MM`; null when none).
 */
export type FigureCard = { key: string; label: string; value: string; href: string | null; year: string; yearHref: string | null; hint: string | null }

/** A chart: the SVG (made by app/utils/charts.server.ts only), its caption and the numbers as a table. */
export type ChartView = { id: string; svg: string; caption: string; table: { headers: string[]; rows: (string | number)[][] } }

export type DashboardView = {
  month: string
  monthLabel: string
  previousMonth: string
  /** Null when the month shown is this month (nothing later has figures yet). */
  nextMonth: string | null
  /** This Shanghai month: the latest a picker offers. */
  thisMonth: string
  /** Why the `?month=` asked for is not the month shown (statisticsMonthProblem); the page answers 400 then. */
  monthProblem?: string | null
  cards: FigureCard[]
  claimCards: FigureCard[] | null
  poverty: { label: string; value: number }[] | null
  /** When the poverty figures were read (`HH:MM` Shanghai): they are current as of the last change to the database. */
  povertyCountedAt: string | null
  charts: ChartView[]
}

/** Admin's comparison of the pairs: a row per pair with its cells (formatted) for the month and the year to date. */
export type PairComparisonView = Pick<DashboardView, 'month' | 'monthLabel' | 'previousMonth' | 'nextMonth' | 'thisMonth' | 'monthProblem'> & {
  headers: string[]
  rows: { pairingId: number; pair: string; month: string[]; year: string[] }[]
  chart: ChartView
}

// The statistics of a scope (app/models/statistics.server.ts computes them).

/** One period's figures. Counts are rows unless named people (distinct ledger rows); money in fen. */
export type Figures = {
  /** Posts published in the period (published_at) and their headcount. */
  posts: number
  headcount: number
  /** Applications made in the period (created_at), every status. */
  applications: number
  /** Employment records written in the period (created_at): 人次; hiredPeople counts each person once. */
  hires: number
  hiredPeople: number
  /** Batches that departed (state departed or arrived) with a departure day in the period. */
  batches: number
  /** People marked boarded on those batches, each once. */
  transported: number
  /** People whose arrival at the employer was confirmed (arrival_at) in the period, each once. */
  arrived: number
}

/** The county's subsidy claims of a period (west and admin only; the bureau never sees claims). */
export type ClaimFigures = {
  submitted: number
  submittedFen: number
  approved: number
  approvedFen: number
  paid: number
  paidFen: number
  /** Mean Shanghai days from a paid claim's submission day to its payment day; null when none was paid. */
  averageDaysToPay: number | null
}

/** A month of the year's bars. */
export type MonthPoint = { month: string; posts: number; headcount: number; applications: number; hires: number; transported: number }

/** Where the county's 脱贫人口 and 监测对象 work today (the ledger and the portal's employment records). */
export type PovertyEmployment = { shandong: number; elsewhere: number; local: number; unemployed: number; total: number; countedAt: number }

/** Everything a dashboard shows for one scope and month. */
export type Statistics = {
  month: string
  monthFigures: Figures
  yearFigures: Figures
  /** January to the month, one point each. */
  series: MonthPoint[]
  /** Hires of the month and of the year by industry, largest first (industries with none left out). */
  industries: { industry: Industry; month: number; year: number }[]
  claims: { month: ClaimFigures; year: ClaimFigures } | null
  poverty: PovertyEmployment | null
}

/** One line of a report or export: its label, unit, and its value in a period's statistics (null when the side has none). */
export type Indicator = { key: string; label: string; unit: string; money?: boolean; value: (s: Statistics, period: 'month' | 'year') => number | null }

const figure = (key: keyof Figures) => (s: Statistics, period: 'month' | 'year') => (period === 'month' ? s.monthFigures : s.yearFigures)[key]
const claim = (key: keyof ClaimFigures) => (s: Statistics, period: 'month' | 'year') => (s.claims ? s.claims[period][key] : null)

/**
 * The indicators an office reports, in the order of its monthly report and statistics export (issue 15 §1,
 * §3–4): posts, applications, hires, batches and arrivals for every side; the county's claims with
 * amounts in fen (`money`) and the mean days to pay. Counting rules: app/models/statistics.server.ts.
 */
export const INDICATORS: readonly Indicator[] = [
  { key: 'posts', label: '发布岗位', unit: '个', value: figure('posts') },
  { key: 'headcount', label: '岗位招聘人数', unit: '人', value: figure('headcount') },
  { key: 'applications', label: '报名', unit: '人次', value: figure('applications') },
  { key: 'hires', label: '录用', unit: '人次', value: figure('hires') },
  { key: 'hiredPeople', label: '录用人数', unit: '人', value: figure('hiredPeople') },
  { key: 'batches', label: '点对点包车批次', unit: '批', value: figure('batches') },
  { key: 'transported', label: '包车乘车人数', unit: '人', value: figure('transported') },
  { key: 'arrived', label: '到岗确认人数', unit: '人', value: figure('arrived') },
  { key: 'claimsSubmitted', label: '交通补助申领提交', unit: '份', value: claim('submitted') },
  { key: 'claimsSubmittedFen', label: '申领金额', unit: '元', money: true, value: claim('submittedFen') },
  { key: 'claimsApproved', label: '审核通过', unit: '份', value: claim('approved') },
  { key: 'claimsApprovedFen', label: '核定金额', unit: '元', money: true, value: claim('approvedFen') },
  { key: 'claimsPaid', label: '已发放', unit: '份', value: claim('paid') },
  { key: 'claimsPaidFen', label: '发放金额', unit: '元', money: true, value: claim('paidFen') },
  { key: 'averageDaysToPay', label: '平均发放用时（提交到发放）', unit: '天', value: claim('averageDaysToPay') },
]

/** The indicators a side reports: a bureau has no claims. */
export function indicatorsOf(side: 'east' | 'west') {
  return side === 'east' ? INDICATORS.filter((i) => !i.key.startsWith('claims') && i.key !== 'averageDaysToPay') : INDICATORS
}

/** A line of the monthly report and the statistics export: an indicator's values this month, before and in the year. */
export type ReportLine = {
  label: string
  unit: string
  money: boolean
  month: number | null
  previous: number | null
  lastYear: number | null
  year: number | null
}

/**
 * The lines of a side's report for a month: each indicator this month, the month before, the same month
 * a year before, and the year to date. Takes the side and the three months' statistics; amounts stay in fen.
 */
export function reportLines(side: 'east' | 'west', now: Statistics, previous: Statistics, lastYear: Statistics): ReportLine[] {
  return indicatorsOf(side).map((i) => ({
    label: i.label,
    unit: i.unit,
    money: i.money ?? false,
    month: i.value(now, 'month'),
    previous: i.value(previous, 'month'),
    lastYear: i.value(lastYear, 'month'),
    year: i.value(now, 'year'),
  }))
}
