import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'
import { ChartFigure } from './chart-figure'

// A dashboard chart as the page renders it (issue 15 §2): the server's SVG as given, a caption, and the
// same numbers in a table a screen reader can walk.

const svg = '<svg width="100%" role="img" aria-label="各月录用：1月 3" viewBox="0 0 360 100"><text>1月</text></svg>'

// Rendered as the server renders it; ChartFigure uses no router, so no data router is needed (tests/render.ts).
const figure = () =>
  renderToStaticMarkup(
    <ChartFigure
      svg={svg}
      caption="2026年各月录用"
      table={{
        headers: ['月份', '录用（人）', '补助金额'],
        rows: [
          ['1月', 1530, '¥1,234.50'],
          ['2月', 0, '¥0.00'],
        ],
      }}
    />,
  )

test('图、图题和数据表都在 figure 里 / the figure holds the SVG as given, its caption and a table', () => {
  const html = figure()
  expect(html).toMatch(/^<figure class="chart-figure"><figcaption class="chart-figure__caption">2026年各月录用<\/figcaption>/)
  expect(html).toContain(`<div class="chart-figure__chart">${svg}</div>`)
  expect(html).toContain('<caption class="sr-only">2026年各月录用（数据表）</caption>')
  expect(html.endsWith('</table></div></div></figure>')).toBe(true)
})

test('表头是列标题，每行第一格是行标题 / headers are column headers, each row is named by its first cell', () => {
  const html = figure()
  expect(html).toContain('<th scope="col">月份</th><th scope="col" class="num">录用（人）</th><th scope="col" class="num">补助金额</th>')
  expect(html).toContain('<tr><th scope="row">1月</th><td class="num">1,530</td><td class="num">¥1,234.50</td></tr>')
  expect(html).toContain('<tr><th scope="row">2月</th><td class="num">0</td><td class="num">¥0.00</td></tr>')
})

test('表里的文字按原样转义 / table text is escaped as text', () => {
  const html = renderToStaticMarkup(<ChartFigure svg="" caption="<b>图</b>" table={{ headers: ['<i>行业</i>'], rows: [['<script>x</script>']] }} />)
  expect(html).not.toContain('<script>')
  expect(html).toContain('<figcaption class="chart-figure__caption">&lt;b&gt;图&lt;/b&gt;</figcaption>')
  expect(html).toContain('<th scope="row">&lt;script&gt;x&lt;/script&gt;</th>')
})
