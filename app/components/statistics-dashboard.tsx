import { Form, Link } from '@remix-run/react'
import type { DashboardView, FigureCard } from '~/rules/statistics'
import { ChartFigure } from './chart-figure'
import { Figures } from './figures'

/**
 * The statistics section of a staff home (issue 15 §1–2): the month shown with links to the month before
 * and after and a month picker (a GET form, so it works without JavaScript), the month's figures each
 * linked to its list with the year to date beneath, a county's claims and where its 脱贫/监测 people work,
 * the charts with their tables, and the statistics export and the printable monthly report. Takes the
 * view (app/models/statistics-view.server.ts) and the side's path (`/east` or `/west`). Needs
 * app/styles/charts.css in the page's links.
 */
export function StatisticsDashboard({ view, base }: { view: DashboardView; base: '/east' | '/west' }) {
  return (
    <section className="card stats" aria-labelledby="stats-head" id="stats">
      <MonthHeader title={`${view.monthLabel}统计`} view={view} />
      <Figures label={`${view.monthLabel}的数字`} items={view.cards.map(figureItem)} />
      {view.claimCards ? (
        <>
          <h3>交通补助</h3>
          <Figures label={`${view.monthLabel}的交通补助`} items={view.claimCards.map(figureItem)} />
        </>
      ) : null}
      {view.poverty ? (
        <>
          <h3>脱贫人口和监测对象就业去向</h3>
          <p className="muted small">
            截至 {view.povertyCountedAt}
            ，台账在册人员，每人只算一次。“在山东务工”按平台上山东用人单位的录用记录计；只有包车到岗确认、还没有录用记录的人，仍按台账登记的就业状态计（到岗确认不改台账）。
          </p>
          <div className="table-wrap">
            <table className="stats__poverty">
              <thead>
                <tr>
                  {view.poverty.map((p) => (
                    <th key={p.label} scope="col" className="num">
                      {p.label}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    合计
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  {view.poverty.map((p) => (
                    <td key={p.label} className="num">
                      {p.value.toLocaleString('zh-CN')}
                    </td>
                  ))}
                  <td className="num">{view.poverty.reduce((sum, p) => sum + p.value, 0).toLocaleString('zh-CN')}</td>
                </tr>
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <div className="chart-grid">
        {view.charts.map((c) => (
          <ChartFigure key={c.id} svg={c.svg} caption={c.caption} table={c.table} />
        ))}
      </div>
      <p className="actions">
        <a className="button button--secondary" href={`${base}/statistics.xlsx?month=${view.month}`} download>
          导出统计表（Excel）
        </a>
        <Link className="button button--secondary" to={`${base}/report?month=${view.month}`}>
          {view.monthLabel}月度报告（可打印）
        </Link>
      </p>
    </section>
  )
}

/** A card of the figures list: the value linked to its list, its hint and the year to date linked to the year's list. */
function figureItem(card: FigureCard) {
  return {
    label: card.label,
    value: card.href ? (
      <Link to={card.href} aria-label={`${card.label} ${card.value}，查看明细`}>
        {card.value}
      </Link>
    ) : (
      card.value
    ),
    hint: (
      <>
        {card.hint ? <span className="stats__hint">{card.hint}</span> : null}
        <span className="stats__year">
          {card.yearHref ? (
            <Link to={card.yearHref} aria-label={`${card.label}本年累计 ${card.year}，查看清单`}>
              本年累计 {card.year}
            </Link>
          ) : (
            <>本年累计 {card.year}</>
          )}
        </span>
      </>
    ),
  }
}

/**
 * The heading of a month's statistics with its month navigation: 上月 / 下月 links and a month picker
 * that sends `?month=YYYY-MM` (GET) to the same page, and beside it why the month asked for is not the one
 * shown (`view.monthProblem`), if it is not.
 */
export function MonthHeader({
  title,
  view,
}: {
  title: string
  view: Pick<DashboardView, 'month' | 'previousMonth' | 'nextMonth' | 'thisMonth' | 'monthProblem'>
}) {
  return (
    <div className="stats__head">
      <h2 id="stats-head">{title}</h2>
      <nav className="stats__months" aria-label="选择月份">
        <Link to={`?month=${view.previousMonth}#stats`} rel="prev">
          ‹ 上月
        </Link>
        <Form method="get" className="stats__pick">
          <label htmlFor="stats-month" className="sr-only">
            月份
          </label>
          <input
            id="stats-month"
            type="month"
            name="month"
            defaultValue={view.month}
            max={view.thisMonth}
            min="2000-01"
            required
            placeholder="如 2026-11"
            pattern="[0-9]{4}-[0-9]{2}"
            title="年-月，如 2026-11"
            aria-invalid={view.monthProblem ? true : undefined}
            aria-describedby={view.monthProblem ? 'stats-month-problem' : undefined}
          />
          <button type="submit" className="button button--small">
            查看
          </button>
        </Form>
        {view.nextMonth ? (
          <Link to={`?month=${view.nextMonth}#stats`} rel="next">
            下月 ›
          </Link>
        ) : (
          <span className="muted">本月</span>
        )}
      </nav>
      {view.monthProblem ? (
        <p id="stats-month-problem" className="field__error stats__month-problem" role="alert">
          {view.monthProblem}
        </p>
      ) : null}
    </div>
  )
}
