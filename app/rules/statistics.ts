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

/** One figure: its label, the month's value (shown), the list it counts (null when none), the year to date. */
export type FigureCard = { key: string; label: string; value: string; href: string | null; year: string; hint: string | null }

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
  cards: FigureCard[]
  claimCards: FigureCard[] | null
  poverty: { label: string; value: number }[] | null
  charts: ChartView[]
}

/** Admin's comparison of the pairs: a row per pair with its cells (formatted) for the month and the year to date. */
export type PairComparisonView = Pick<DashboardView, 'month' | 'monthLabel' | 'previousMonth' | 'nextMonth' | 'thisMonth'> & {
  headers: string[]
  rows: { pairingId: number; pair: string; month: string[]; year: string[] }[]
  chart: ChartView
}
