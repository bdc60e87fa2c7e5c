import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { MonthlyReport } from '~/components/monthly-report'
import { getPairingsOfArea } from '~/models/pairing.server'
import { getOwnReport } from '~/models/statistics-report.server'
import { dashboardView } from '~/models/statistics-view.server'
import { formatDateTime } from '~/rules/dates'
import { readStatisticsMonth } from '~/rules/statistics'
import chartStyles from '~/styles/charts.css'
import statisticsStyles from '~/styles/statistics.css'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'

/** The office's printable monthly report for `?month=YYYY-MM` (this Shanghai month by default): issue 15 §4. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'west' })
  const month = readStatisticsMonth(new URL(args.request.url).searchParams)
  const { statistics, lines } = getOwnReport(actor, month)
  const view = dashboardView('west', statistics)
  const partner = getPairingsOfArea(actor.areaCode)
    .map((p) => `${p.cityName} ↔ ${p.countyName}`)
    .join('、')
  return {
    organisation: user.organisation.name,
    partner: partner || null,
    view: { month: view.month, monthLabel: view.monthLabel, previousMonth: view.previousMonth, nextMonth: view.nextMonth, thisMonth: view.thisMonth },
    lines,
    // The industries of the year's hires: short enough beside the table to keep the report on one A4 page.
    chart: view.charts.find((c) => c.id === 'industries') ?? null,
    madeOn: formatDateTime(new Date()),
  }
}

export default function MonthlyReportPage() {
  const data = useLoaderData<typeof loader>()
  return <MonthlyReport {...data} home="/west" />
}

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: chartStyles },
  { rel: 'stylesheet', href: statisticsStyles },
]

export const meta = pageTitle('月度报告')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
