import { formatDateTime } from '~/rules/dates'
import { formatFen } from '~/rules/money'
import {
  addMonths,
  monthLabel,
  monthOf,
  readStatisticsMonth,
  statisticsMonthProblem,
  yearToDate,
  type ChartView,
  type DashboardView,
  type FigureCard,
  type PairComparisonView,
} from '~/rules/statistics'
import { INDUSTRY_LABELS } from '~/rules/vacancy'
import { categoryBarsSvg, funnelSvg, monthlyBarsSvg } from '~/utils/charts.server'
import type { Pairing } from './pairing.server'
import type { ClaimFigures, Figures, Statistics } from './statistics.server'

// What a dashboard shows of the statistics (issue 15 §1–2): the month's figures as cards, each linked to
// the list that counts the same rows (the contract in docs/decisions/029-statistics.md), the year to date
// beside each, and the charts drawn on the server as SVG with their numbers as tables. Built here so the
// three homes, the monthly report and the statistics export say the same words.

const n = (v: number) => v.toLocaleString('zh-CN')

/**
 * The month a statistics page (a home's dashboard, the admin comparison, a monthly report) shows for
 * `request`'s `?month=` (readStatisticsMonth: this Shanghai month unless a month from 2000-01 to this one
 * is asked for), why that is not the month asked for (statisticsMonthProblem, Chinese, or null) and the
 * HTTP status to answer with: 400 when a month was asked for and another is shown, else 200.
 */
export function statisticsMonthOfRequest(request: Request, now: Date | number = Date.now()) {
  const search = new URL(request.url).searchParams
  const monthProblem = statisticsMonthProblem(search, now)
  return { month: readStatisticsMonth(search, now), monthProblem, status: monthProblem ? 400 : 200 }
}

/** A list a figure counts: its path, the parameter its period goes in and any fixed parameters (`view=all`). */
type ListOf = { path: string; param: string; fixed?: Record<string, string> }

/** The list's link for a period (`2026-11`, `2026-01/2026-11`); the interval's slash left readable. */
function listHref({ path, param, fixed }: ListOf, period: string) {
  return `${path}?${new URLSearchParams({ ...fixed, [param]: period }).toString().replace(/%2F/g, '/')}`
}

/** A card's two links: the month's list and the same list over the year to date (null when the figure has no list). */
function links(list: ListOf | null, month: string) {
  return list ? { href: listHref(list, month), yearHref: listHref(list, yearToDate(month)) } : { href: null, yearHref: null }
}

/** The county's claim figures: each a count and an amount of the claims list by one of its month filters. */
const CLAIM_CARDS = [
  { key: 'claimsSubmitted', label: '补助申领提交', count: 'submitted', fen: 'submittedFen', param: 'submitted', amount: '申请' },
  { key: 'claimsApproved', label: '审核通过', count: 'approved', fen: 'approvedFen', param: 'decided', amount: '核定' },
  { key: 'claimsPaid', label: '已发放', count: 'paid', fen: 'paidFen', param: 'paid', amount: '发放' },
] as const satisfies readonly { key: string; label: string; count: keyof ClaimFigures; fen: keyof ClaimFigures; param: string; amount: string }[]

const days = (d: number | null) => (d == null ? '—' : `${d} 天`)

function claimCards(claims: NonNullable<Statistics['claims']>, month: string): FigureCard[] {
  const { month: m, year: y } = claims
  return [
    ...CLAIM_CARDS.map((c) => ({
      key: c.key,
      label: c.label,
      value: n(m[c.count]),
      ...links({ path: '/west/claims', param: c.param, fixed: { view: 'all' } }, month),
      year: `${n(y[c.count])} 份 · ${formatFen(y[c.fen])}`,
      hint: `${c.amount} ${formatFen(m[c.fen])}`,
    })),
    { key: 'daysToPay', label: '平均发放用时', value: days(m.averageDaysToPay), ...links(null, month), year: days(y.averageDaysToPay), hint: '从提交到发放' },
  ]
}

/**
 * The dashboard of an east (bureau) or west (county) office for the statistics' month: cards linked to
 * `/east/…` or `/west/…` lists for the month and for the year to date, claims and 脱贫/监测 employment for
 * a county, and three charts (months, industries, the application → hire → arrival funnel of the year).
 * Takes the side and the statistics (getStatistics); returns plain data for the page.
 */
export function dashboardView(side: 'east' | 'west', s: Statistics, now: Date | number = Date.now()): DashboardView {
  const m = s.monthFigures
  const y = s.yearFigures
  const base = `/${side}`
  const month = s.month
  const cards: FigureCard[] = [
    {
      key: 'posts',
      label: side === 'east' ? '发布岗位' : '对口岗位',
      value: n(m.posts),
      ...links({ path: `${base}/jobs`, param: 'published' }, month),
      year: `${n(y.posts)} 个`,
      hint: `招聘 ${n(m.headcount)} 人`,
    },
    {
      key: 'applications',
      label: side === 'east' ? '收到报名' : '本县人员报名',
      value: n(m.applications),
      ...links({ path: `${base}/applications`, param: 'month' }, month),
      year: `${n(y.applications)} 人次`,
      hint: null,
    },
    {
      key: 'hires',
      label: '录用',
      value: n(m.hires),
      ...links({ path: `${base}/hires`, param: 'month' }, month),
      year: `${n(y.hires)} 人次`,
      // The people, each once, are the next card's.
      hint: '人次（录用几次算几次）',
    },
    // The figures that count each person once link to /east/people or /west/people, one row per person.
    {
      key: 'hiredPeople',
      label: '录用人数',
      value: n(m.hiredPeople),
      ...links({ path: `${base}/people`, param: 'month', fixed: { kind: 'hired' } }, month),
      year: `${n(y.hiredPeople)} 人`,
      hint: '一人只算一次',
    },
    {
      key: 'batches',
      label: '点对点包车',
      value: n(m.batches),
      ...links({ path: side === 'east' ? '/east/arrivals' : '/west/batches', param: 'month' }, month),
      year: `${n(y.batches)} 批`,
      // Its riders are the next card's.
      hint: '已发车的批次',
    },
    {
      key: 'transported',
      label: '包车乘车',
      value: n(m.transported),
      ...links({ path: `${base}/people`, param: 'month', fixed: { kind: 'boarded' } }, month),
      year: `${n(y.transported)} 人`,
      hint: '人（按发车日期）',
    },
    {
      key: 'arrived',
      label: '到岗确认',
      value: n(m.arrived),
      ...links({ path: `${base}/people`, param: 'month', fixed: { kind: 'arrived' } }, month),
      year: `${n(y.arrived)} 人`,
      hint: '人（按确认日期）',
    },
  ]
  const poverty = s.poverty
    ? [
        { label: '在山东务工', value: s.poverty.shandong },
        { label: '在其他省份务工', value: s.poverty.elsewhere },
        { label: '在重庆市内就业', value: s.poverty.local },
        { label: '未就业', value: s.poverty.unemployed },
      ]
    : null
  return {
    month,
    monthLabel: monthLabel(month),
    previousMonth: addMonths(month, -1),
    nextMonth: month < monthOf(now) ? addMonths(month, 1) : null,
    thisMonth: monthOf(now),
    cards,
    claimCards: s.claims ? claimCards(s.claims, month) : null,
    poverty,
    povertyCountedAt: s.poverty ? formatDateTime(s.poverty.countedAt).slice(11) : null,
    charts: officeCharts(s),
  }
}

/** The three charts of an office: months of the year, industries of the year's hires, and the year's funnel. */
function officeCharts(s: Statistics): ChartView[] {
  const year = s.month.slice(0, 4)
  const months = s.series.map((p) => p.month)
  const series = [
    { name: '报名（人次）', values: s.series.map((p) => p.applications) },
    { name: '录用（人次）', values: s.series.map((p) => p.hires) },
    { name: '包车乘车（人）', values: s.series.map((p) => p.transported) },
  ]
  const industries = s.industries.map((r) => ({ label: INDUSTRY_LABELS[r.industry] ?? r.industry, value: r.year }))
  const steps = [
    { label: '报名（人次）', value: s.yearFigures.applications },
    { label: '录用（人次）', value: s.yearFigures.hires },
    { label: '到岗确认（人）', value: s.yearFigures.arrived },
  ]
  return [
    {
      id: 'months',
      svg: monthlyBarsSvg({ title: `${year}年每月报名、录用与包车乘车`, months, series }),
      caption: `${year}年1月至${Number(s.month.slice(5, 7))}月，每月的报名、录用和包车乘车人数`,
      table: { headers: ['月份', ...series.map((x) => x.name)], rows: months.map((mo, i) => [monthLabel(mo), ...series.map((x) => x.values[i])]) },
    },
    {
      id: 'industries',
      svg: categoryBarsSvg({ title: `${year}年录用人员行业分布`, categories: industries, unit: '人次' }),
      caption: `${year}年累计录用，按岗位所属行业`,
      table: {
        headers: ['行业', '本年录用（人次）', '本月录用（人次）'],
        rows: s.industries.map((r) => [INDUSTRY_LABELS[r.industry] ?? r.industry, r.year, r.month]),
      },
    },
    {
      id: 'funnel',
      svg: funnelSvg({ title: `${year}年报名 → 录用 → 到岗`, steps }),
      caption: `${year}年累计：报名、录用和到岗确认，各自单独统计。录用也包括没有经平台报名的录用，到岗确认来自点对点包车、也包括没有经平台录用的人，所以后一步不是前一步的一部分，可能多于前一步`,
      table: { headers: ['环节', '本年累计'], rows: steps.map((st) => [st.label, st.value]) },
    },
  ]
}

/** The comparison's columns: what each pair's row shows for a period (the month or the year to date). */
const COMPARISON_HEADERS = [
  '发布岗位',
  '招聘人数',
  '报名（人次）',
  '录用（人次）',
  '录用（人）',
  '包车乘车（人）',
  '到岗确认（人）',
  '补助发放（份）',
  '补助发放金额',
]

function comparisonCells(f: Figures, claims: ClaimFigures | null) {
  return [
    n(f.posts),
    n(f.headcount),
    n(f.applications),
    n(f.hires),
    n(f.hiredPeople),
    n(f.transported),
    n(f.arrived),
    claims ? n(claims.paid) : '—',
    claims ? formatFen(claims.paidFen) : '—',
  ]
}

/**
 * Admin's comparison of the pairs for the month (issue 15 §1): a row per pair for the month and for the
 * year to date, each pair counted as its county centre counts (getPairStatistics), and a chart of each
 * pair's hires per month. Takes the pairs' statistics and the month; returns plain data for the page.
 */
export function pairComparisonView(pairs: { pairing: Pairing; statistics: Statistics }[], month: string, now: Date | number = Date.now()): PairComparisonView {
  const rows = pairs.map(({ pairing, statistics: s }) => ({
    pairingId: pairing.id,
    pair: `${pairing.cityName} ↔ ${pairing.countyName}`,
    month: comparisonCells(s.monthFigures, s.claims?.month ?? null),
    year: comparisonCells(s.yearFigures, s.claims?.year ?? null),
  }))
  const months = pairs[0]?.statistics.series.map((p) => p.month) ?? [month]
  const series = pairs.map(({ pairing, statistics: s }) => ({ name: `${pairing.cityName}↔${pairing.countyName}`, values: s.series.map((p) => p.hires) }))
  const year = month.slice(0, 4)
  return {
    month,
    monthLabel: monthLabel(month),
    previousMonth: addMonths(month, -1),
    nextMonth: month < monthOf(now) ? addMonths(month, 1) : null,
    thisMonth: monthOf(now),
    headers: COMPARISON_HEADERS,
    rows,
    chart: {
      id: 'pairs',
      svg: monthlyBarsSvg({ title: `${year}年各结对每月录用（人次）`, months, series }),
      caption: `${year}年1月至${Number(month.slice(5, 7))}月，各结对每月录用人次`,
      table: { headers: ['月份', ...series.map((x) => x.name)], rows: months.map((mo, i) => [monthLabel(mo), ...series.map((x) => x.values[i] ?? 0)]) },
    },
  }
}
