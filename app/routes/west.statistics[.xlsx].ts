import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportNames, monthRange } from '~/exports/file-name.server'
import { STATISTICS_EXPORT } from '~/exports/statistics.server'
import { getOwnReport } from '~/models/statistics-report.server'
import { readStatisticsMonth } from '~/rules/statistics'
import { requireActor } from '~/utils/auth.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/** The office's statistics of `?month=YYYY-MM` (this Shanghai month by default) as xlsx: issue 15 §3. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'west' })
  const month = readStatisticsMonth(new URL(args.request.url).searchParams)
  const { lines } = getOwnReport(actor, month)
  const names = exportNames({ organisation: user.organisation.name, list: '统计报表', filters: [], range: monthRange(month), ascii: 'statistics' })
  return xlsxResponse(STATISTICS_EXPORT, lines, names)
}
