// The dashboards' charts (issue 15 §2), drawn on the server with Apache ECharts into SVG strings: they show
// without JavaScript, print, and ship no chart code to the browser (decision 030). Each function bounds its
// input, so no request can make a chart expensive, and returns one self-contained <svg> with role="img",
// an aria-label that states the figures, a viewBox so it scales to its box, and no <script> or <style>.
import { BarChart } from 'echarts/charts'
import type { BarSeriesOption } from 'echarts/charts'
import { GraphicComponent, GridComponent, LegendComponent } from 'echarts/components'
import type { GraphicComponentOption, GridComponentOption, LegendComponentOption } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([BarChart, GridComponent, LegendComponent, GraphicComponent, SVGRenderer])

type ChartOption = echarts.ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | GraphicComponentOption>

/**
 * The most a chart draws: the last 24 months, the first 4 series, 20 bars (the 20th sums the rest as 其他), the
 * first 8 steps, labels of 10 characters, a title of 60. So a chart's size and cost have a ceiling whatever it is given.
 */
export const CHART_LIMITS = { months: 24, series: 4, categories: 20, steps: 8, labelChars: 10, titleChars: 60 }

// Drawn for a 360 px phone: the viewBox is as wide as the chart's column there (about 270–330 px inside a
// page's and a card's padding), so 13–15 px text stays at 11 px or more when the SVG scales down to it; the
// stylesheet caps how far it grows on a wide screen.
const WIDTH = 320
const FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif" // single quotes: it goes into a style="…" attribute
const INK = '#1f2328'
const MUTED = '#5b636e'
const LINE = '#d9dde3'
// Paul Tol's high-contrast colours (dark blue, yellow, red; then near-black), made to be told apart with the
// common colour blindnesses and in grey: they print as dark, light and middle grey. Every bar is edged in ink,
// so the yellow keeps its edge on white paper, and carries its value, so a grey printout loses nothing.
const PALETTE = ['#004488', '#DDAA33', '#BB5566', '#222222']
const BAR_EDGE = { borderColor: INK, borderWidth: 0.5 }
// The funnel's steps: the same dark blue fading step by step, each edged in the darkest, so a light one still prints.
const FUNNEL_SHADES = ['#004488', '#1a5a9a', '#3470ab', '#4e86bb', '#699cca', '#85b2d8', '#a2c7e4', '#bfdbef']
const EMPTY = '本期暂无数据'

const numberFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 })
// The axis' ticks in 万 and 亿 past 9,999, so a few fit in a phone's width; the bars carry the exact figures.
const compactFormat = new Intl.NumberFormat('zh-CN', { notation: 'compact', maximumFractionDigits: 1 })

/** An axis tick: 1,500 as such, 15,000 as 1.5万, 1e8 as 1亿. */
function formatTick(value: number) {
  return Math.abs(value) >= 10_000 ? compactFormat.format(value) : numberFormat.format(value)
}

/** 1234.5 → "1,234.5"; anything not a finite number counts as 0. */
function formatNumber(value: number) {
  return numberFormat.format(value)
}

function finite(value: unknown) {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

function isControl(char: string) {
  const code = char.codePointAt(0) ?? 0
  return code < 0x20 || (code >= 0x7f && code <= 0x9f)
}

/**
 * A label as drawn: no control characters, braces made full-width (ECharts reads `{style|text}` in a label as
 * rich text), at most `max` characters (then "…"). ECharts escapes the text itself when it writes the SVG.
 */
function shortLabel(text: string | undefined, max: number = CHART_LIMITS.labelChars) {
  const clean = Array.from(String(text ?? ''), (char) => (isControl(char) ? ' ' : char))
    .join('')
    .replace(/\{/g, '｛')
    .replace(/\}/g, '｝')
    .replace(/\s+/g, ' ')
    .trim()
  const chars = [...clean]
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : clean
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** '2026-11' → '11月', or '2026年11月' when the chart spans more than one year; anything else as given, shortened. */
function monthLabel(month: string, withYear: boolean) {
  const match = MONTH.exec(month)
  if (!match) return shortLabel(month)
  return `${withYear ? `${match[1]}年` : ''}${Number(match[2])}月`
}

function unitSuffix(unit: string | undefined) {
  const clean = shortLabel(unit ?? '', 6)
  return clean ? `（${clean}）` : ''
}

function escapeAttribute(text: string) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/**
 * Renders `option` at WIDTH × `height` into an SVG string and makes it ours: the root scales to its box
 * (width 100 %, the viewBox keeps the shape), carries role="img" and `ariaLabel`, and loses the hover <style>
 * zrender adds (the content security policy allows no inline <style> element, and nothing here hovers).
 */
function renderSvg(option: ChartOption, height: number, ariaLabel: string) {
  // The formatters left out of the key read only the labels and values that are in it.
  const key = JSON.stringify([height, ariaLabel, option])
  const cached = drawn.get(key)
  if (cached !== undefined) return cached
  const svg = drawSvg(option, height, ariaLabel)
  if (drawn.size >= DRAWN_KEPT) drawn.delete(drawn.keys().next().value as string)
  drawn.set(key, svg)
  return svg
}

// A dashboard is reloaded far more often than its figures change, and ECharts takes tens of milliseconds
// per chart: the last 200 charts drawn are kept (about 10–20 kB each). The SVGs carry no ids, so one
// drawing can appear twice on a page.
const DRAWN_KEPT = 200
const drawn = new Map<string, string>()

function drawSvg(option: ChartOption, height: number, ariaLabel: string) {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height })
  try {
    chart.setOption({
      animation: false,
      backgroundColor: 'transparent',
      textStyle: { fontFamily: FONT, fontSize: 14, color: INK },
      ...option,
    })
    const svg = chart.renderToSVGString()
    return svg
      .replace(/<style\b[^>]*>[\s\S]*?<\/style>\s*/g, '')
      .replace(/ class="zr\d+-cls-\d+"/g, '')
      .replace(/^<svg width="\d+(?:\.\d+)?" height="\d+(?:\.\d+)?"/, `<svg width="100%" role="img" aria-label="${escapeAttribute(ariaLabel)}"`)
  } finally {
    chart.dispose()
  }
}

/** A short chart with only the words 本期暂无数据, for a period with nothing to draw. */
function emptySvg(title: string) {
  return renderSvg(
    { graphic: [{ type: 'text', left: 'center', top: 'middle', style: { text: EMPTY, fill: MUTED, fontSize: 14, fontFamily: FONT } }] },
    96,
    `${title}：${EMPTY}`,
  )
}

function chartTitle(title: string) {
  return shortLabel(title, CHART_LIMITS.titleChars)
}

const valueLabel = {
  show: true,
  color: INK,
  fontSize: 13,
  formatter: ({ value }: { value: unknown }) => formatNumber(finite(value)),
}

/**
 * The room right of the bars: the longest value written at a bar's end (a figure about 8 units wide at 13 px),
 * or the unit named at the axis' end, whichever is wider, so neither is cut off at the chart's edge.
 */
function roomForValues(values: number[], unit: string | undefined) {
  const longest = Math.max(0, ...values.map((value) => formatNumber(value).length))
  return Math.max(28, longest * 8 + 10, [...shortLabel(unit ?? '', 6)].length * 12 + 8)
}

const LEGEND_FONT = 14
const LEGEND_ROW = 24

/**
 * How many rows the legend takes when ECharts wraps its items into the chart's width: each item is its
 * swatch, a gap and its name, every character counted as wide as a Chinese one (so never fewer rows than drawn).
 */
function legendRows(names: string[]) {
  let rows = 1
  let used = 0
  for (const name of names) {
    const width = 14 + 5 + [...name].length * LEGEND_FONT
    if (used > 0 && used + width > WIDTH) {
      rows += 1
      used = 0
    }
    used += width + 10
  }
  return rows
}

/**
 * Bars per month, one bar per series in each month (e.g. 应聘 and 录用). Months are 'YYYY-MM' (Shanghai),
 * drawn as 1月 … 12月 down the side so a phone shows twelve of them without crowding, each bar with its
 * value. At most the last 24 months and the first 4 series are drawn; a series' missing values count as 0.
 */
export function monthlyBarsSvg({
  title,
  months,
  series,
  unit,
}: {
  title: string
  months: string[]
  series: { name: string; values: number[] }[]
  unit?: string
}): string {
  const name = chartTitle(title)
  const skip = Math.max(0, months.length - CHART_LIMITS.months)
  const shownMonths = months.slice(skip).map(String)
  const shownSeries = series.slice(0, CHART_LIMITS.series).map((one) => ({
    name: shortLabel(one.name, 14),
    values: shownMonths.map((_month, index) => finite(one.values[skip + index])),
  }))
  if (shownMonths.length === 0 || shownSeries.every((one) => one.values.every((value) => value === 0))) return emptySvg(name)

  const years = new Set(shownMonths.map((month) => MONTH.exec(month)?.[1]))
  const labels = shownMonths.map((month) => monthLabel(month, years.size > 1))
  // A bar is about as thick as its value's text, so the values of one month never overlap.
  const barHeight = shownSeries.length > 2 ? 11 : 14
  const rowHeight = shownSeries.length * barHeight + 10
  const top = 12 + legendRows(shownSeries.map((one) => one.name)) * LEGEND_ROW
  const bottom = 28
  const height = top + bottom + shownMonths.length * rowHeight

  const summary = shownSeries.map((one) => {
    const total = one.values.reduce((sum, value) => sum + value, 0)
    const most = one.values.indexOf(Math.max(...one.values))
    return `${one.name}合计 ${formatNumber(total)}，最多为${labels[most]} ${formatNumber(one.values[most])}`
  })
  const span = labels.length > 1 ? `${labels[0]}至${labels[labels.length - 1]}` : labels[0]
  const ariaLabel = `${name}${unitSuffix(unit)}：${span}，${summary.join('；')}。`

  return renderSvg(
    {
      color: PALETTE,
      legend: {
        top: 4,
        left: 0,
        itemWidth: 14,
        itemHeight: 10,
        itemGap: 10,
        textStyle: { fontSize: LEGEND_FONT, color: INK },
        selectedMode: false,
      },
      grid: {
        top,
        bottom,
        left: 4,
        right: roomForValues(
          shownSeries.flatMap((one) => one.values),
          unit,
        ),
      },
      xAxis: {
        type: 'value',
        name: unit ? shortLabel(unit, 6) : undefined,
        nameGap: 4,
        nameTextStyle: { color: MUTED, fontSize: 12, align: 'right', verticalAlign: 'top', padding: [8, 0, 0, 0] },
        splitNumber: 3,
        axisLabel: { color: MUTED, fontSize: 12, hideOverlap: true, formatter: formatTick },
        splitLine: { lineStyle: { color: LINE } },
      },
      yAxis: {
        type: 'category',
        data: labels,
        inverse: true,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: MUTED } },
        axisLabel: { color: INK, fontSize: 14 },
      },
      series: shownSeries.map((one) => ({
        type: 'bar' as const,
        name: one.name,
        data: one.values,
        barWidth: barHeight,
        barGap: '0%',
        barCategoryGap: 10,
        itemStyle: BAR_EDGE,
        silent: true,
        emphasis: { disabled: true },
        // An empty month is the gap where its bars would be; a column of 0s would only crowd it.
        label: {
          ...valueLabel,
          fontSize: barHeight < 14 ? 12 : 13,
          position: 'right' as const,
          distance: 3,
          formatter: ({ value }: { value: unknown }) => (finite(value) === 0 ? '' : formatNumber(finite(value))),
        },
      })),
    },
    height,
    ariaLabel,
  )
}

/**
 * One bar per category (e.g. hires by industry), in the order given, each with its value. At most 20 are
 * drawn: past that the rest are summed into one bar 其他, so the total still adds up.
 */
export function categoryBarsSvg({ title, categories, unit }: { title: string; categories: { label: string; value: number }[]; unit?: string }): string {
  const name = chartTitle(title)
  const bounded =
    categories.length > CHART_LIMITS.categories
      ? [
          ...categories.slice(0, CHART_LIMITS.categories - 1),
          { label: '其他', value: categories.slice(CHART_LIMITS.categories - 1).reduce((sum, one) => sum + finite(one.value), 0) },
        ]
      : categories
  const shown = bounded.map((one) => ({ label: shortLabel(one.label), value: finite(one.value) }))
  if (shown.length === 0 || shown.every((one) => one.value === 0)) return emptySvg(name)

  const rowHeight = 26
  const top = 12
  const bottom = 28
  const height = top + bottom + shown.length * rowHeight
  const ariaLabel = `${name}${unitSuffix(unit)}：${shown.map((one) => `${one.label} ${formatNumber(one.value)}`).join('，')}。`

  return renderSvg(
    {
      grid: {
        top,
        bottom,
        left: 4,
        right: roomForValues(
          shown.map((one) => one.value),
          unit,
        ),
      },
      xAxis: {
        type: 'value',
        name: unit ? shortLabel(unit, 6) : undefined,
        nameGap: 4,
        nameTextStyle: { color: MUTED, fontSize: 12, align: 'right', verticalAlign: 'top', padding: [8, 0, 0, 0] },
        splitNumber: 3,
        axisLabel: { color: MUTED, fontSize: 12, hideOverlap: true, formatter: formatTick },
        splitLine: { lineStyle: { color: LINE } },
      },
      yAxis: {
        type: 'category',
        data: shown.map((one) => one.label),
        inverse: true,
        axisTick: { show: false },
        axisLine: { lineStyle: { color: MUTED } },
        axisLabel: { color: INK, fontSize: 14 },
      },
      series: [
        {
          type: 'bar',
          data: shown.map((one) => one.value),
          barWidth: 14,
          itemStyle: { color: PALETTE[0], ...BAR_EDGE },
          silent: true,
          emphasis: { disabled: true },
          label: { ...valueLabel, position: 'right', distance: 3 },
        },
      ],
    },
    height,
    ariaLabel,
  )
}

/**
 * A funnel of steps in the order given (e.g. 报名 → 录用 → 到岗): each step a bar centred on one line, as wide
 * as its value, named on the right with its value. The steps are counted independently (a year's hires include
 * people hired without applying on the portal, its arrivals people hired outside it), so no step is shown as a
 * share of the one before: that share would read as a conversion rate it is not. The bars follow the values
 * rather than ECharts' funnel, whose trapezoids draw each step narrowing to the next. At most 8 steps are drawn.
 */
export function funnelSvg({ title, steps }: { title: string; steps: { label: string; value: number }[] }): string {
  const name = chartTitle(title)
  const shown = steps.slice(0, CHART_LIMITS.steps).map((one) => ({ label: shortLabel(one.label, 8), value: Math.max(0, finite(one.value)) }))
  if (shown.length === 0 || shown.every((one) => one.value === 0)) return emptySvg(name)

  const max = Math.max(...shown.map((one) => one.value))
  const stepHeight = 48
  const top = 8
  const height = top * 2 + shown.length * stepHeight
  const ariaLabel = `${name}：${shown.map((one) => `${one.label} ${formatNumber(one.value)}`).join(' → ')}。`
  const bar = { type: 'bar' as const, stack: 'funnel', barWidth: 30, silent: true, emphasis: { disabled: true } }

  return renderSvg(
    {
      grid: { top, bottom: top, left: 4, right: 4 },
      xAxis: { type: 'value', min: 0, max, show: false },
      yAxis: {
        type: 'category',
        data: shown.map((one) => one.label),
        inverse: true,
        position: 'right',
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: {
          align: 'left',
          margin: 10,
          formatter: (_label: string, index: number) => `{name|${shown[index].label}} {value|${formatNumber(shown[index].value)}}`,
          rich: {
            name: { fontSize: 14, color: INK, fontFamily: FONT },
            value: { fontSize: 15, fontWeight: 'bold', color: INK, fontFamily: FONT },
          },
        },
      },
      series: [
        // The room on each side of a step, so the step stands centred under the widest one.
        { ...bar, data: shown.map((one) => (max - one.value) / 2), itemStyle: { color: 'rgba(0,0,0,0)' } },
        {
          ...bar,
          data: shown.map((one, index) => ({
            value: one.value,
            itemStyle: { color: FUNNEL_SHADES[index], borderColor: FUNNEL_SHADES[0], borderWidth: 0.5 },
          })),
        },
      ],
    },
    height,
    ariaLabel,
  )
}
