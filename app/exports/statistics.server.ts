import { changeInWords, type Indicator, type ReportLine } from '~/rules/statistics'
import { defineExport } from '~/utils/xlsx.server'

// An office's statistics for a month as xlsx (issue 15 §3): the lines of its monthly report — each
// indicator this month, the month before and the change, the same month last year and the change, and the
// year to date — under a title row naming the office and the month. Amounts are yuan as numbers (fen ÷ 100,
// exact to the fen), so the sheet sums; the unit column says which lines are money.

const value = (line: ReportLine, v: number | null) => (v == null ? null : line.money ? v / 100 : v)
const change = (line: ReportLine, before: number | null) => (line.month == null || before == null ? null : changeInWords(line.month, before))

/** The columns of an office's statistics export, one row per indicator (rules/statistics.ts INDICATORS). */
export const STATISTICS_EXPORT = defineExport<ReportLine>({
  sheet: '统计报表',
  columns: [
    { header: '指标', width: 26, value: (r) => r.label },
    { header: '单位', width: 6, value: (r) => r.unit },
    { header: '本月', width: 14, value: (r) => value(r, r.month) },
    { header: '上月', width: 14, value: (r) => value(r, r.previous) },
    { header: '环比', width: 18, value: (r) => (r.money ? null : change(r, r.previous)) },
    { header: '去年同月', width: 14, value: (r) => value(r, r.lastYear) },
    { header: '同比', width: 18, value: (r) => (r.money ? null : change(r, r.lastYear)) },
    { header: '本年累计', width: 14, value: (r) => value(r, r.year) },
  ],
  footer: '鲁渝劳务协作平台统计；人数按人去重，人次按记录计',
})

/** A row of admin's comparison export: a pair, a period and its indicators' values. */
export type PairExportRow = { pair: string; period: string; values: (number | null)[] }

/**
 * Admin's comparison export: a row per pair and period (本月, 本年累计), a column per indicator (amounts in
 * yuan as numbers). Takes the indicators in column order.
 */
export function pairStatisticsExport(indicators: readonly Indicator[]) {
  return defineExport<PairExportRow>({
    sheet: '各结对统计',
    columns: [
      { header: '结对', width: 28, value: (r) => r.pair },
      { header: '期间', width: 10, value: (r) => r.period },
      ...indicators.map((i, index) => ({
        header: `${i.label}（${i.unit}）`,
        width: Math.max(10, i.label.length * 2 + 4),
        value: (r: PairExportRow) => {
          const v = r.values[index]
          return v == null ? null : i.money ? v / 100 : v
        },
      })),
    ],
    footer: '各结对按区县口径统计；人数按人去重，人次按记录计',
  })
}
