import type { PairComparisonView } from '~/rules/statistics'
import { ChartFigure } from './chart-figure'
import { MonthHeader } from './statistics-dashboard'

/**
 * Admin's pairs side by side (issue 15 §1): the month's figures and the year to date of each pair in two
 * tables, and each pair's hires per month as a chart. Takes the view (pairComparisonView). Needs
 * app/styles/charts.css and statistics.css in the page's links.
 */
export function PairComparison({ view }: { view: PairComparisonView }) {
  // The title is a heading above the scrolled table, not its <caption>, so it stays in view while the columns scroll.
  const table = (period: 'month' | 'year', title: string) => (
    <>
      <h3 id={`stats-compare-${period}`}>{title}</h3>
      <div className="table-wrap">
        <table className="stats-compare" aria-labelledby={`stats-compare-${period}`}>
          <thead>
            <tr>
              <th scope="col">结对</th>
              {view.headers.map((h) => (
                <th key={h} scope="col" className="num">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r) => (
              <tr key={r.pairingId}>
                <th scope="row">{r.pair}</th>
                {r[period].map((cell, i) => (
                  <td key={view.headers[i]} className="num">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
  return (
    <section className="card stats" aria-labelledby="stats-head" id="stats">
      <MonthHeader title={`${view.monthLabel}各结对对比`} view={view} />
      <p className="muted small">每个结对按区县口径统计：面向该县的岗位、该县台账人员的报名和录用、该县组织的包车和交通补助。</p>
      {table('month', `${view.monthLabel}`)}
      {table('year', `${view.month.slice(0, 4)}年累计（1月至${Number(view.month.slice(5, 7))}月）`)}
      <ChartFigure svg={view.chart.svg} caption={view.chart.caption} table={view.chart.table} />
      <p className="actions">
        <a className="button button--secondary" href={`/admin/statistics.xlsx?month=${view.month}`} download>
          导出统计表（Excel）
        </a>
      </p>
    </section>
  )
}
