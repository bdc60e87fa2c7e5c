// The dashboards' charts (issue 15 §2), drawn on the server with Apache ECharts into SVG strings: they show
// without JavaScript, print, and ship no chart code to the browser (decision 030). Each function bounds its
// input, so no request can make a chart expensive, and returns one self-contained <svg> with role="img",
// an aria-label that states the figures, a viewBox so it scales to its box, and no <script> or <style>.
import { BarChart, FunnelChart } from 'echarts/charts'
import type { BarSeriesOption, FunnelSeriesOption } from 'echarts/charts'
import { GraphicComponent, GridComponent, LegendComponent } from 'echarts/components'
import type { GraphicComponentOption, GridComponentOption, LegendComponentOption } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([BarChart, FunnelChart, GridComponent, LegendComponent, GraphicComponent, SVGRenderer])

type ChartOption = echarts.ComposeOption<BarSeriesOption | FunnelSeriesOption | GridComponentOption | LegendComponentOption | GraphicComponentOption>

/**
 * The most a chart draws: the last 24 months, the first 4 series, 20 bars (the 20th sums the rest as 其他), the
 * first 8 steps, labels of 10 characters, a title of 60. So a chart's size and cost have a ceiling whatever it is given.
 */
export const CHART_LIMITS = { months: 24, series: 4, categories: 20, steps: 8, labelChars: 10, titleChars: 60 }

// Drawn for a 360 px phone: the viewBox is about as wide as a phone's column, so the 13 px text stays
// readable when the SVG scales down to it, and the stylesheet caps how far it grows on a wide screen.
const WIDTH = 360
const FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif" // single quotes: it goes into a style="…" attribute
const INK = '#1f2328'
const MUTED = '#5b636e'
const LINE = '#d9dde3'
// Okabe–Ito colours, safe for the common colour blindnesses, ordered so neighbours also differ in lightness
// (blue prints dark grey, orange light grey); every bar also carries its value, so print in grey loses nothing.
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7']
// The funnel's steps: one hue from dark to light, each edged in the darkest, so a light step still prints.
const FUNNEL_SHADES = ['#0b4f7c', '#0072B2', '#2f86c0', '#4f9acc', '#6eadd7', '#8cbfe0', '#a8cfe8', '#c2def0']
const EMPTY = '本期暂无数据'

const numberFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 })

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
    name: shortLabel(one.name, 8),
    values: shownMonths.map((_month, index) => finite(one.values[skip + index])),
  }))
  if (shownMonths.length === 0 || shownSeries.every((one) => one.values.every((value) => value === 0))) return emptySvg(name)

  const years = new Set(shownMonths.map((month) => MONTH.exec(month)?.[1]))
  const labels = shownMonths.map((month) => monthLabel(month, years.size > 1))
  // A bar is about as thick as its value's text, so the values of one month never overlap.
  const barHeight = shownSeries.length > 2 ? 11 : 14
  const rowHeight = shownSeries.length * barHeight + 10
  const top = 36
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
      legend: { top: 4, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 14, color: INK }, selectedMode: false },
      grid: { top, bottom, left: 4, right: 44 },
      xAxis: {
        type: 'value',
        name: unit ? shortLabel(unit, 6) : undefined,
        nameGap: 4,
        nameTextStyle: { color: MUTED, fontSize: 12, align: 'right', verticalAlign: 'top', padding: [8, 0, 0, 0] },
        splitNumber: 3,
        axisLabel: { color: MUTED, fontSize: 12, formatter: (value: number) => formatNumber(value) },
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
        silent: true,
        emphasis: { disabled: true },
        label: { ...valueLabel, fontSize: barHeight < 14 ? 12 : 13, position: 'right' as const, distance: 3 },
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
      grid: { top, bottom, left: 4, right: 44 },
      xAxis: {
        type: 'value',
        name: unit ? shortLabel(unit, 6) : undefined,
        nameGap: 4,
        nameTextStyle: { color: MUTED, fontSize: 12, align: 'right', verticalAlign: 'top', padding: [8, 0, 0, 0] },
        splitNumber: 3,
        axisLabel: { color: MUTED, fontSize: 12, formatter: (value: number) => formatNumber(value) },
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
          itemStyle: { color: PALETTE[0] },
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
 * A funnel of steps in the order given (e.g. 报名 → 录用 → 到岗), each as wide as its value and labelled
 * with its value and its share of the step before. The steps are counted independently (a month's arrivals
 * may exceed its hires), so the shape follows the values, not a sort. At most 8 steps are drawn.
 */
export function funnelSvg({ title, steps }: { title: string; steps: { label: string; value: number }[] }): string {
  const name = chartTitle(title)
  const shown = steps.slice(0, CHART_LIMITS.steps).map((one) => ({ label: shortLabel(one.label, 8), value: Math.max(0, finite(one.value)) }))
  if (shown.length === 0 || shown.every((one) => one.value === 0)) return emptySvg(name)

  const share = (index: number) => {
    const before = shown[index - 1]
    if (!before || before.value === 0) return ''
    return `占${before.label} ${formatNumber(Math.round((shown[index].value / before.value) * 1000) / 10)}%`
  }
  const stepHeight = 44
  const top = 8
  const height = top * 2 + shown.length * stepHeight
  const ariaLabel = `${name}：${shown.map((one, index) => `${one.label} ${formatNumber(one.value)}${share(index) ? `（${share(index)}）` : ''}`).join(' → ')}。`

  return renderSvg(
    {
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: 4,
          top,
          bottom: top,
          width: '54%',
          min: 0,
          max: Math.max(...shown.map((one) => one.value)),
          minSize: '6%',
          maxSize: '100%',
          gap: 3,
          silent: true,
          emphasis: { disabled: true },
          itemStyle: { borderColor: FUNNEL_SHADES[0], borderWidth: 0.5 },
          label: {
            show: true,
            position: 'right',
            color: INK,
            formatter: ({ dataIndex }: { dataIndex: number }) => {
              const line = `{name|${shown[dataIndex].label}} {value|${formatNumber(shown[dataIndex].value)}}`
              return share(dataIndex) ? `${line}\n{share|${share(dataIndex)}}` : line
            },
            rich: {
              name: { fontSize: 14, color: INK, fontFamily: FONT },
              value: { fontSize: 15, fontWeight: 'bold', color: INK, fontFamily: FONT },
              share: { fontSize: 13, color: MUTED, fontFamily: FONT, padding: [2, 0, 0, 0] },
            },
          },
          labelLine: { show: true, length: 12, lineStyle: { color: MUTED } },
          data: shown.map((one, index) => ({ name: one.label, value: one.value, itemStyle: { color: FUNNEL_SHADES[index] } })),
        },
      ],
    },
    height,
    ariaLabel,
  )
}
