/**
 * A dashboard chart (issue 15 §2): the SVG drawn on the server (utils/charts.server.ts), its caption, and
 * the same numbers as a table, so a screen reader, a printout in grey and a reader who wants the exact figure
 * all get them. Needs the stylesheet app/styles/charts.css in the page's `links`; no script of its own.
 * `table.rows` hold one row each, its first cell the row's name; number cells are shown with thousands
 * separators, strings (amounts already formatted as ¥1,234.50, percentages) as given.
 */
export function ChartFigure({ svg, caption, table }: { svg: string; caption: string; table: { headers: string[]; rows: (string | number)[][] } }) {
  return (
    <figure className="chart-figure">
      <figcaption className="chart-figure__caption">{caption}</figcaption>
      <div className="chart-figure__body">
        {/* The SVG comes only from our own server code (charts.server.ts): ECharts' output for numbers and
            labels it escaped itself, with no script; never markup from a request or the database. */}
        <div className="chart-figure__chart" dangerouslySetInnerHTML={{ __html: svg }} />
        <div className="table-wrap chart-figure__data">
          <table className="chart-figure__table">
            <caption className="sr-only">{caption}（数据表）</caption>
            <thead>
              <tr>
                {table.headers.map((header, index) => (
                  <th key={index} scope="col" className={index > 0 ? 'num' : undefined}>
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, index) =>
                    index === 0 ? (
                      <th key={index} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={index} className="num">
                        {typeof cell === 'number' ? cell.toLocaleString('zh-CN') : cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </figure>
  )
}
