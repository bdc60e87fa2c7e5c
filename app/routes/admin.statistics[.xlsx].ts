import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportNames, monthRange } from '~/exports/file-name.server'
import { pairStatisticsExport, type PairExportRow } from '~/exports/statistics.server'
import { getPairStatistics } from '~/models/statistics.server'
import { INDICATORS, monthLabel, readStatisticsMonth } from '~/rules/statistics'
import { requireActor } from '~/utils/auth.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/** Every pair's statistics of `?month=YYYY-MM` and the year to date as xlsx, for the admin (issue 15 §1, §3). */
export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const month = readStatisticsMonth(new URL(args.request.url).searchParams)
  const rows: PairExportRow[] = getPairStatistics(actor, month).flatMap(({ pairing, statistics: s }) =>
    (['month', 'year'] as const).map((period) => ({
      pair: `${pairing.cityName} ↔ ${pairing.countyName}`,
      period: period === 'month' ? monthLabel(month) : `${month.slice(0, 4)}年累计`,
      values: INDICATORS.map((i) => i.value(s, period)),
    })),
  )
  const names = exportNames({ organisation: '鲁渝劳务协作平台', list: '各结对统计', filters: [], range: monthRange(month), ascii: 'pair-statistics' })
  return xlsxResponse(pairStatisticsExport(INDICATORS), rows, names)
}
