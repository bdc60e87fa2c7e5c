import { data } from '@remix-run/node'
import { formatDateTime } from '~/rules/dates'
import { addMonths, reportLines } from '~/rules/statistics'
import type { Actor } from '~/rules/permissions'
import { getPairingsOfArea } from './pairing.server'
import { getOwnStatistics } from './statistics.server'
import { dashboardView, statisticsMonthOfRequest } from './statistics-view.server'

/**
 * The actor's office's report for `month` (east or west): the month's statistics, and its lines against
 * the month before and the same month a year before (issue 15 §4). Each is memoised (getStatistics).
 */
export function getOwnReport(actor: Actor, month: string) {
  const side = actor.role === 'east' ? 'east' : 'west'
  const now = getOwnStatistics(actor, month)
  const previous = getOwnStatistics(actor, addMonths(month, -1))
  const lastYear = getOwnStatistics(actor, addMonths(month, -12))
  return { side, statistics: now, lines: reportLines(side, now, previous, lastYear) } as const
}

/**
 * What a monthly report page shows (issue 15 §4) for the actor's office and the month `request` asks for
 * (statisticsMonthOfRequest): its name and pair, the month's navigation (with why the month asked for is
 * not the one shown, if so), the report's lines, the year's hires by industry as the chart (short enough
 * beside the table to keep the page on one A4 sheet) and when it was made (Shanghai); as `data()` with
 * status 400 when the month asked for is not the one shown, else 200.
 */
export function reportPage(actor: Actor, organisationName: string, request: Request) {
  const asked = statisticsMonthOfRequest(request)
  const { side, statistics, lines } = getOwnReport(actor, asked.month)
  const view = dashboardView(side, statistics)
  const partner = getPairingsOfArea(actor.areaCode)
    .map((p) => `${p.cityName} ↔ ${p.countyName}`)
    .join('、')
  return data(
    {
      organisation: organisationName,
      partner: partner || null,
      view: {
        month: view.month,
        monthLabel: view.monthLabel,
        previousMonth: view.previousMonth,
        nextMonth: view.nextMonth,
        thisMonth: view.thisMonth,
        monthProblem: asked.monthProblem,
      },
      lines,
      chart: view.charts.find((c) => c.id === 'industries') ?? null,
      madeOn: formatDateTime(new Date()),
    },
    { status: asked.status },
  )
}
