import { formatFen } from '~/rules/money'
import { changeInWords, type ChartView, type DashboardView, type ReportLine } from '~/rules/statistics'
import { BackLink } from './back-link'
import { ChartFigure } from './chart-figure'
import { PrintButton } from './print-button'
import { MonthHeader } from './statistics-dashboard'

/** A value of a report line: amounts in yuan (¥1,234.50), counts with separators, — when the side has none. */
function shown(line: ReportLine, v: number | null) {
  if (v == null) return '—'
  if (line.money) return formatFen(v)
  return `${v.toLocaleString('zh-CN')}`
}

/**
 * The printable monthly report of a county or city (issue 15 §4): one A4 page with the office, the pair and
 * the month, every indicator against the month before and the same month last year with the year to
 * date, and the monthly chart. Takes the office's and its partner's names, the month's navigation, the
 * lines (rules/statistics.ts reportLines), the chart and the day it was made. Needs charts.css and
 * statistics.css in the page's links.
 */
export function MonthlyReport({
  organisation,
  partner,
  view,
  lines,
  chart,
  madeOn,
  home,
}: {
  organisation: string
  partner: string | null
  view: Pick<DashboardView, 'month' | 'monthLabel' | 'previousMonth' | 'nextMonth' | 'thisMonth' | 'monthProblem'>
  lines: ReportLine[]
  chart: ChartView | null
  madeOn: string
  home: string
}) {
  return (
    <main className="container page report-page">
      <BackLink to={home}>返回工作台</BackLink>
      <h1>
        {organisation} 鲁渝劳务协作月度报告（{view.monthLabel}）
      </h1>
      <p className="report-page__meta">
        {partner ? `结对：${partner} · ` : ''}统计月份：{view.monthLabel}（北京时间） · 生成于 {madeOn}
      </p>
      <div className="no-print">
        <MonthHeader title="选择月份" view={view} />
        <p className="actions">
          <PrintButton hint="用浏览器菜单里的“打印”可以打印本报告（A4 一页）">打印报告</PrintButton>
        </p>
      </div>
      <h2>主要指标</h2>
      <div className="table-wrap">
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col">单位</th>
              <th scope="col" className="num">
                本月
              </th>
              <th scope="col" className="num">
                上月
              </th>
              <th scope="col" className="num">
                环比
              </th>
              <th scope="col" className="num">
                去年同月
              </th>
              <th scope="col" className="num">
                同比
              </th>
              <th scope="col" className="num">
                本年累计
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.label}>
                <th scope="row">{line.label}</th>
                <td>{line.money ? '元' : line.unit}</td>
                <td className="num">{shown(line, line.month)}</td>
                <td className="num">{shown(line, line.previous)}</td>
                <td className="num">
                  {line.month == null || line.previous == null
                    ? '—'
                    : line.money
                      ? moneyChange(line.month, line.previous)
                      : changeInWords(line.month, line.previous)}
                </td>
                <td className="num">{shown(line, line.lastYear)}</td>
                <td className="num">
                  {line.month == null || line.lastYear == null
                    ? '—'
                    : line.money
                      ? moneyChange(line.month, line.lastYear)
                      : changeInWords(line.month, line.lastYear)}
                </td>
                <td className="num">{shown(line, line.year)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        人数按人去重，人次按记录计；日期按北京时间计入月份。录用以用人单位所在人社局登记录用的日期计，到岗以接收地确认到岗的日期计。
      </p>
      {chart ? <ChartFigure svg={chart.svg} caption={chart.caption} table={chart.table} /> : null}
    </main>
  )
}

/** The change of an amount in fen: +¥1,234.00, −¥20.00, 持平. */
function moneyChange(now: number, before: number) {
  if (now === before) return '持平'
  return `${now > before ? '+' : '−'}${formatFen(Math.abs(now - before))}`
}
