import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { MonthlyReport } from '~/components/monthly-report'
import { reportPage } from '~/models/statistics-report.server'
import chartStyles from '~/styles/charts.css'
import statisticsStyles from '~/styles/statistics.css'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'

/** The office's printable monthly report for `?month=YYYY-MM` (this Shanghai month by default): issue 15 §4. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'west' })
  return reportPage(actor, user.organisation.name, args.request)
}

export default function MonthlyReportPage() {
  return <MonthlyReport {...useLoaderData<typeof loader>()} home="/west" />
}

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: chartStyles },
  { rel: 'stylesheet', href: statisticsStyles },
]

export const meta = pageTitle('月度报告')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
