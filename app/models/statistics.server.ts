import { sql, type SQL } from 'drizzle-orm'
import { monthsOfYearTo, type ClaimFigures, type Figures, type MonthPoint, type MonthRange, type PovertyEmployment, type Statistics } from '~/rules/statistics'
import type { Industry } from '~/rules/vacancy-enums'

export type { ClaimFigures, Figures, MonthPoint, PovertyEmployment, Statistics }
import { todayInShanghai } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { db } from '~/utils/db.server'
import { batchesOf, countPeople } from './office-people.server'
import { riddenBatchSql, rideSql } from './rule-sql.server'
import { listPairings } from './pairing.server'
import { getOrganisationByArea } from './organisation.server'

// The figures each office reports upward (issue 15 §1, product brief §6): per Shanghai month and year to
// date, for a bureau's city (east), a county (west) or each pair (admin). Every figure is a plain
// aggregate over the rows its list shows — the rule of each is in the table of docs/decisions/029 and in
// the comments below — so a figure equals the row count of the list it links to (§5). Moments are stored
// in ms since the epoch and bucketed by Asia/Shanghai month (UTC+8, no daylight saving): a hire at 07:30
// on the 1st in Shanghai is the 1st's.
//
// What would read a year of an office's rows is kept by triggers instead (decision 029): applications and
// hires per month (county_month_counts, bureau_month_counts), hires by person and industry (hire_figures),
// posts per county and month (county_post_months) and where the 脱贫/监测 people work
// (poverty_employment_counts). So a cold count reads a few thousand index entries at most, and the result
// is also memoised per process until the database changes (readThrough below).

/** Whose figures: a bureau and its city, or a county centre and its county. */
export type StatisticsScope = { side: 'east'; organisationId: number; areaCode: string } | { side: 'west'; organisationId: number; areaCode: string }

/**
 * The statistics of a scope for Shanghai month `month` (`YYYY-MM`): the month's and the year-to-date
 * figures, the monthly series from January, hires by industry, and for a county its claims and where
 * its 脱贫/监测 people work. Memoised until the database changes.
 */
export function getStatistics(scope: StatisticsScope, month: string): Statistics {
  return readThrough(`${scope.side}:${scope.organisationId}:${scope.areaCode}:${month}`, () => computeStatistics(scope, month))
}

/** The statistics of the actor's own office (east: its city; west: its county). */
export function getOwnStatistics(actor: Actor, month: string) {
  if (actor.role !== 'east' && actor.role !== 'west') throw new Error('getOwnStatistics: east or west only')
  return getStatistics({ side: actor.role, organisationId: actor.organisationId, areaCode: actor.areaCode }, month)
}

/**
 * Admin's comparison (issue 15 §1): each pair's figures as its county centre counts them (the county's
 * people, the posts open to it, its batches and claims), in the pairings' order. Pairs without a centre
 * are left out.
 */
export function getPairStatistics(actor: Actor, month: string) {
  if (actor.role !== 'admin') throw new Error('getPairStatistics: admin only')
  return listPairings().flatMap((p) => {
    const centre = getOrganisationByArea(p.countyCode, 'centre')
    if (!centre) return []
    return [{ pairing: p, statistics: getStatistics({ side: 'west', organisationId: centre.id, areaCode: p.countyCode }, month) }]
  })
}

/** The statistics computed now, nothing memoised (tests count with it). */
export function computeStatistics(scope: StatisticsScope, month: string): Statistics {
  const months = monthsOfYearTo(month)
  const year = { from: months[0].from, to: months[months.length - 1].to, fromDay: months[0].fromDay, toDay: months[months.length - 1].toDay }
  const current = months[months.length - 1]
  const perMonth = monthlyCounts(scope, year)
  const series = months.map((m) => ({ month: m.month, ...(perMonth.get(m.month) ?? EMPTY_POINT) }))
  const sumOf = (key: keyof Omit<MonthPoint, 'month'>) => series.reduce((n, p) => n + p[key], 0)
  const monthPoint = series[series.length - 1]
  const monthFigures: Figures = {
    posts: monthPoint.posts,
    headcount: monthPoint.headcount,
    applications: monthPoint.applications,
    hires: monthPoint.hires,
    ...peopleFigures(scope, current),
  }
  const yearFigures: Figures = {
    posts: sumOf('posts'),
    headcount: sumOf('headcount'),
    applications: sumOf('applications'),
    hires: sumOf('hires'),
    ...peopleFigures(scope, year),
  }
  const monthIndustries = hiresByIndustry(scope, current)
  const industries = hiresByIndustry(scope, year)
    .map((r) => ({ industry: r.industry, year: r.n, month: monthIndustries.find((m) => m.industry === r.industry)?.n ?? 0 }))
    .sort((a, b) => b.year - a.year || b.month - a.month)
  return {
    month,
    monthFigures,
    yearFigures,
    series,
    industries,
    claims: scope.side === 'west' ? { month: claimFigures(scope.organisationId, current), year: claimFigures(scope.organisationId, year) } : null,
    poverty: scope.side === 'west' ? povertyEmployment(scope.organisationId) : null,
  }
}

const EMPTY_POINT = { posts: 0, headcount: 0, applications: 0, hires: 0, transported: 0 }

/** The `YYYY-MM` key of the kept month tables for a period's day bound (`YYYY-MM-DD`). */
const monthKey = (day: string) => day.slice(0, 7)

/** Posts, headcount, applications, hires (人次) and people transported per Shanghai month of the period. */
function monthlyCounts(scope: StatisticsScope, period: MonthRange) {
  const byMonth = new Map<string, Omit<MonthPoint, 'month'>>()
  const at = (month: string) => {
    let point = byMonth.get(month)
    if (!point) byMonth.set(month, (point = { ...EMPTY_POINT }))
    return point
  }
  // Posts and headcount by month of publication, kept by triggers: a bureau's own posts in
  // bureau_post_months, the posts open to a county in county_post_months.
  const posts =
    scope.side === 'east'
      ? sql`select month, posts as n, headcount from bureau_post_months
            where organisation_id = ${scope.organisationId} and month >= ${monthKey(period.fromDay)} and month < ${monthKey(period.toDay)}`
      : sql`select month, posts as n, headcount from county_post_months
            where county_code = ${scope.areaCode} and month >= ${monthKey(period.fromDay)} and month < ${monthKey(period.toDay)}`
  for (const r of db.all<{ month: string; n: number; headcount: number }>(posts)) {
    at(r.month).posts = r.n
    at(r.month).headcount = r.headcount
  }
  // Applications and hires per month are kept by triggers: the county's people's in county_month_counts
  // (which its lists count too), the bureau's posts' and employers' in bureau_month_counts.
  const kept = scope.side === 'west' ? sql`county_month_counts` : sql`bureau_month_counts`
  for (const r of db.all<{ month: string; applications: number; hires: number }>(
    sql`select month, applications, hires from ${kept}
        where organisation_id = ${scope.organisationId} and month >= ${monthKey(period.fromDay)} and month < ${monthKey(period.toDay)}`,
  )) {
    at(r.month).applications = r.applications
    at(r.month).hires = r.hires
  }
  for (const r of db.all<{ month: string; n: number }>(
    sql`select substr(b.departure_date, 1, 7) as month, count(distinct s.worker_id) as n
        from batches b join batch_seats s on s.batch_id = b.id
        where ${batchesOf(scope)} and ${rideSql()}
          and b.departure_date >= ${period.fromDay} and b.departure_date < ${period.toDay} group by month`,
  ))
    at(r.month).transported = r.n
  return byMonth
}

/**
 * The figures of a period that count people once — hired (录用人数), rode (乘车), arrival confirmed (到岗确认),
 * each the length of its people list (countPeople, app/models/office-people.server.ts) — and the batches that
 * left in it.
 */
function peopleFigures(scope: StatisticsScope, period: MonthRange) {
  const batches = db.get<{ n: number }>(
    sql`select count(*) as n from batches b
        where ${batchesOf(scope)} and ${riddenBatchSql()} and b.departure_date >= ${period.fromDay} and b.departure_date < ${period.toDay}`,
  )
  return {
    hiredPeople: countPeople(scope, 'hired', period),
    batches: batches?.n ?? 0,
    transported: countPeople(scope, 'boarded', period),
    arrived: countPeople(scope, 'arrived', period),
  }
}

/**
 * Hires (人次) of a period by industry: the post's industry when the hire came from an application, else
 * the employer's (hire_industry_months, kept from hire_figures, whose triggers move a hire when either is edited).
 */
function hiresByIndustry(scope: StatisticsScope, period: MonthRange) {
  return db.all<{ industry: Industry; n: number }>(
    sql`select industry, sum(hires) as n from hire_industry_months
        where organisation_id = ${scope.organisationId} and month >= ${monthKey(period.fromDay)} and month < ${monthKey(period.toDay)}
        group by industry having sum(hires) > 0 order by n desc`,
  )
}

// A claim's states once a reviewer has approved it in whole or part (its decided_at is the approval).
const APPROVED_STATES = sql`('approved', 'partially_approved', 'in_payout', 'paid', 'payment_failed')`

/**
 * A county's claims of a period (issue 13; seed 005): submitted (submitted_at, never drafts) with what the
 * rules gave (expected_fen); approved (decided_at, a state at or past approval) with approved_fen; paid
 * (paid_at, state paid) with approved_fen, and the mean Shanghai days from submission day to payment day.
 */
function claimFigures(organisationId: number, period: MonthRange): ClaimFigures {
  const within = (column: SQL) => sql`${column} >= ${period.from} and ${column} < ${period.to}`
  const submitted = db.get<{ n: number; fen: number }>(
    sql`select count(*) as n, coalesce(sum(c.expected_fen), 0) as fen from subsidy_claims c
        where c.organisation_id = ${organisationId} and c.state <> 'draft' and ${within(sql`c.submitted_at`)}`,
  )
  const approved = db.get<{ n: number; fen: number }>(
    sql`select count(*) as n, coalesce(sum(c.approved_fen), 0) as fen from subsidy_claims c
        where c.organisation_id = ${organisationId} and c.state in ${APPROVED_STATES} and ${within(sql`c.decided_at`)}`,
  )
  const day = (column: SQL) => sql`((${column} + 28800000) / 86400000)`
  const paid = db.get<{ n: number; fen: number; days: number | null }>(
    sql`select count(*) as n, coalesce(sum(c.approved_fen), 0) as fen, avg(${day(sql`c.paid_at`)} - ${day(sql`c.submitted_at`)}) as days
        from subsidy_claims c
        where c.organisation_id = ${organisationId} and c.state = 'paid' and ${within(sql`c.paid_at`)}`,
  )
  return {
    submitted: submitted?.n ?? 0,
    submittedFen: submitted?.fen ?? 0,
    approved: approved?.n ?? 0,
    approvedFen: approved?.fen ?? 0,
    paid: paid?.n ?? 0,
    paidFen: paid?.fen ?? 0,
    averageDaysToPay: paid?.days == null ? null : Math.round(paid.days * 10) / 10,
  }
}

/**
 * Where the county's live 脱贫人口 and 监测对象 ledger rows work now: in Shandong when the portal holds an
 * employment record of theirs in a Shandong city (code 37…); otherwise by the ledger's 就业状态 — 省外务工
 * is elsewhere outside Chongqing, 市内县外/县内务工, 自主创业 and 公益性岗位 are local (within Chongqing),
 * 未就业 is unemployed. Each person once. Read from poverty_employment_counts (a dozen rows kept by
 * migration 0069's triggers on the ledger and the employment records); `countedAt` is the moment read.
 */
function povertyEmployment(organisationId: number): PovertyEmployment {
  const r = db.get<Omit<PovertyEmployment, 'countedAt'>>(
    sql`select
          coalesce(sum(people), 0) as total,
          coalesce(sum(case when shandong = 1 then people else 0 end), 0) as shandong,
          coalesce(sum(case when shandong = 0 and employment_status = 'out_of_province' then people else 0 end), 0) as elsewhere,
          coalesce(sum(case when shandong = 0 and employment_status in ('in_city', 'in_county', 'self_employed', 'public_post') then people else 0 end), 0) as local,
          coalesce(sum(case when shandong = 0 and employment_status = 'unemployed' then people else 0 end), 0) as unemployed
        from poverty_employment_counts where organisation_id = ${organisationId}`,
  )
  return { ...(r ?? { shandong: 0, elsewhere: 0, local: 0, unemployed: 0, total: 0 }), countedAt: Date.now() }
}

// --- Memo ------------------------------------------------------------------------------------------
// A result stands until anything is written to the database: `PRAGMA data_version` changes when another
// connection (the other worker processes) commits, `total_changes()` when this one writes. Either is a
// read of a counter, so a dashboard that nothing has changed is answered from memory, and a figure is
// never older than the last write (issue 15 §5: the figure equals its list). The day is in the key too:
// a month's figures do not change at midnight, but "this month" does.

const MEMO_LIMIT = 64
const memo = new Map<string, { stamp: string; value: Statistics }>()

function databaseStamp() {
  const version = db.$client.pragma('data_version', { simple: true }) as number
  const changes = (db.$client.prepare('select total_changes() as n').get() as { n: number }).n
  return `${version}:${changes}:${todayInShanghai()}`
}

function readThrough(key: string, compute: () => Statistics) {
  const stamp = databaseStamp()
  const hit = memo.get(key)
  if (hit && hit.stamp === stamp) return hit.value
  const value = compute()
  memo.delete(key)
  memo.set(key, { stamp, value })
  if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value!)
  return value
}
