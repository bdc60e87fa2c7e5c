import { SaxesParser } from 'saxes'
import { describe, expect, test } from 'vitest'
import { categoryBarsSvg, CHART_LIMITS, funnelSvg, monthlyBarsSvg } from './charts.server'

// The dashboards' SVG charts (issue 15 §2, decision 030), read back as XML: what a reader, a screen reader
// and a printer get.

type Parsed = { root: Record<string, string>; elements: string[]; texts: string[]; attributes: string[] }

/** Parses `svg` as XML (throws when it is not well-formed): the root's attributes, every element's name, every text. */
function parseSvg(svg: string): Parsed {
  const parsed: Parsed = { root: {}, elements: [], texts: [], attributes: [] }
  const parser = new SaxesParser()
  parser.on('error', (error) => {
    throw error
  })
  parser.on('opentag', (tag) => {
    if (parsed.elements.length === 0) parsed.root = tag.attributes
    parsed.elements.push(tag.name)
    parsed.attributes.push(...Object.keys(tag.attributes))
  })
  parser.on('text', (text) => {
    if (text.trim()) parsed.texts.push(text.trim())
  })
  parser.write(svg).close()
  return parsed
}

const months = Array.from({ length: 12 }, (_, index) => `2026-${String(index + 1).padStart(2, '0')}`)
const applied = [820, 640, 1530, 1210, 980, 900, 760, 830, 1100, 1320, 1200, 1012]
const hired = [210, 150, 420, 330, 260, 240, 190, 220, 300, 350, 300, 263]
const twelveMonths = () =>
  monthlyBarsSvg({
    title: '2026年各月应聘与录用',
    months,
    series: [
      { name: '应聘', values: applied },
      { name: '录用', values: hired },
    ],
    unit: '人',
  })

/** The height of the chart's viewBox (its drawn size; the width is fixed). */
const viewBoxHeight = (parsed: Parsed) => Number(parsed.root.viewBox.split(' ')[3])

function expectSafeScalableImage(parsed: Parsed) {
  expect(parsed.elements[0]).toBe('svg')
  expect(parsed.root.role).toBe('img')
  expect(parsed.root.width).toBe('100%')
  expect(parsed.root.height).toBeUndefined()
  expect(parsed.root.viewBox).toMatch(/^0 0 320 \d+(\.\d+)?$/)
  // The content security policy runs no script and allows no inline <style> element.
  expect(parsed.elements).not.toContain('script')
  expect(parsed.elements).not.toContain('style')
  expect(parsed.elements).not.toContain('foreignObject')
  expect(parsed.attributes.filter((name) => /^on/i.test(name) || name === 'href' || name === 'xlink:href')).toEqual([])
  // No ids: two charts on one page (or one drawing kept and shown twice) cannot take each other's parts.
  expect(parsed.attributes).not.toContain('id')
}

describe('各月柱状图 / bars per month', () => {
  test('十二个月画成 1月…12月，每根柱子标出带千分位的数值 / twelve months read 1月 … 12月, each bar with its value', () => {
    const parsed = parseSvg(twelveMonths())
    expectSafeScalableImage(parsed)
    for (let month = 1; month <= 12; month++) expect(parsed.texts).toContain(`${month}月`)
    for (const value of [...applied, ...hired]) expect(parsed.texts).toContain(value.toLocaleString('en-US'))
    expect(parsed.texts).toContain('1,530')
    expect(parsed.texts).toEqual(expect.arrayContaining(['应聘', '录用', '人']))
  })

  test('aria-label 说出标题、单位和每个系列的合计与最多的月份 / the aria-label names the title, unit, totals and peak months', () => {
    const label = parseSvg(twelveMonths()).root['aria-label']
    expect(label).toBe('2026年各月应聘与录用（人）：1月至12月，应聘合计 12,302，最多为3月 1,530；录用合计 3,233，最多为3月 420。')
  })

  test('文字用中文字体栈 / text is set in a Chinese font stack', () => {
    expect(twelveMonths()).toContain("font-family:'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif")
  })

  test('跨年的月份带上年份 / months spanning two years carry their year', () => {
    const parsed = parseSvg(monthlyBarsSvg({ title: '跨年', months: ['2025-12', '2026-01'], series: [{ name: '录用', values: [3, 4] }] }))
    expect(parsed.texts).toEqual(expect.arrayContaining(['2025年12月', '2026年1月']))
  })

  test('全为 0、没有月份或没有系列时显示「本期暂无数据」，不抛错 / all zeros, no months or no series show 本期暂无数据', () => {
    for (const svg of [
      monthlyBarsSvg({ title: '空', months, series: [{ name: '录用', values: months.map(() => 0) }] }),
      monthlyBarsSvg({ title: '空', months: [], series: [{ name: '录用', values: [] }] }),
      monthlyBarsSvg({ title: '空', months, series: [] }),
    ]) {
      const parsed = parseSvg(svg)
      expectSafeScalableImage(parsed)
      expect(parsed.texts).toEqual(['本期暂无数据'])
      expect(parsed.root['aria-label']).toBe('空：本期暂无数据')
    }
  })

  test('为 0 的柱子不标数，长的系列名完整画出 / a 0 bar carries no label; long series names are drawn whole', () => {
    const parsed = parseSvg(
      monthlyBarsSvg({
        title: '各结对每月录用',
        months: months.slice(0, 3),
        series: [
          { name: '潍坊市↔开州区', values: [0, 5, 0] },
          { name: '德州市↔秀山土家族苗族自治县', values: [0, 0, 0] },
        ],
      }),
    )
    expect(parsed.texts.filter((text) => text === '0')).toEqual(['0']) // the axis' own 0 only
    expect(parsed.texts).toEqual(expect.arrayContaining(['潍坊市↔开州区', '德州市↔秀山土家族苗族自治县', '5']))
  })

  test('缺的值和不是数的值按 0 画 / missing and non-finite values are drawn as 0', () => {
    const parsed = parseSvg(monthlyBarsSvg({ title: '缺值', months: months.slice(0, 3), series: [{ name: '录用', values: [5, Number.NaN] }] }))
    expect(parsed.root['aria-label']).toBe('缺值：1月至3月，录用合计 5，最多为1月 5。')
  })

  test('最多画最近 24 个月、4 个系列：给再多也不更大 / at most the last 24 months and 4 series, however many are given', () => {
    const many = Array.from({ length: 600 }, (_, index) => `${1980 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`)
    const series = Array.from({ length: 30 }, (_, index) => ({ name: `系列${index}`, values: many.map((_, month) => month + index) }))
    const bounded = parseSvg(monthlyBarsSvg({ title: '很多', months: many, series }))
    const lastMonths = many.slice(-CHART_LIMITS.months)
    const firstSeries = series.slice(0, CHART_LIMITS.series).map((one) => ({ ...one, values: one.values.slice(-CHART_LIMITS.months) }))
    const atLimit = parseSvg(monthlyBarsSvg({ title: '很多', months: lastMonths, series: firstSeries }))
    expect(viewBoxHeight(bounded)).toBe(viewBoxHeight(atLimit))
    expect(bounded.elements).toEqual(atLimit.elements)
    expect(bounded.texts).toEqual(atLimit.texts)
    expect(bounded.texts).toContain('2029年12月') // the last month given
    expect(bounded.texts).toContain('2028年1月') // 24 months back
    expect(bounded.texts).not.toContain('2027年12月')
    expect(bounded.texts).toContain('系列3')
    expect(bounded.texts).not.toContain('系列4')
  })
})

describe('分行业柱状图 / bars by industry', () => {
  const industries = [
    { label: '制造业', value: 1240 },
    { label: '建筑施工', value: 860 },
    { label: '家政服务', value: 0 },
  ]

  test('每个行业一根柱子，标出数值 / one bar per industry with its value', () => {
    const parsed = parseSvg(categoryBarsSvg({ title: '各行业录用', categories: industries, unit: '人' }))
    expectSafeScalableImage(parsed)
    expect(parsed.texts).toEqual(expect.arrayContaining(['制造业', '建筑施工', '家政服务', '1,240', '860', '0']))
    expect(parsed.root['aria-label']).toBe('各行业录用（人）：制造业 1,240，建筑施工 860，家政服务 0。')
  })

  test('超过 20 类时其余合成「其他」，总数不变 / past 20 categories the rest are summed into 其他', () => {
    const categories = Array.from({ length: 500 }, (_, index) => ({ label: `行业${index}`, value: 1 }))
    const parsed = parseSvg(categoryBarsSvg({ title: '很多', categories }))
    expect(parsed.texts).toContain('行业18')
    expect(parsed.texts).not.toContain('行业19')
    expect(parsed.root['aria-label']).toContain('其他 481。')
    const twenty = parseSvg(categoryBarsSvg({ title: '很多', categories: categories.slice(0, CHART_LIMITS.categories) }))
    expect(viewBoxHeight(parsed)).toBe(viewBoxHeight(twenty))
  })

  test('长名字截断，没有数据时显示「本期暂无数据」 / long names are cut; no data shows 本期暂无数据', () => {
    const parsed = parseSvg(categoryBarsSvg({ title: '长', categories: [{ label: '信息传输、软件和信息技术服务业', value: 3 }] }))
    expect(parsed.texts).toContain('信息传输、软件和信…')
    expect(parseSvg(categoryBarsSvg({ title: '空', categories: [] })).texts).toEqual(['本期暂无数据'])
    expect(parseSvg(categoryBarsSvg({ title: '空', categories: industries.map((one) => ({ ...one, value: 0 })) })).texts).toEqual(['本期暂无数据'])
  })

  test('名字和标题里的标记只当文字 / markup in names and the title stays text', () => {
    const hostile = `<script>alert(1)</script>"' onload="x`
    const svg = categoryBarsSvg({
      title: `${hostile}&`,
      categories: [
        { label: hostile, value: 2 },
        { label: '{a|b}', value: 1 },
      ],
      unit: '<b>',
    })
    const parsed = parseSvg(svg)
    expectSafeScalableImage(parsed)
    expect(svg).not.toMatch(/<script/i)
    expect(parsed.root['aria-label'].startsWith(`${hostile}&（<b>）：`)).toBe(true)
    expect(parsed.texts).toContain('<script>a…')
    expect(parsed.texts).toContain('｛a|b｝')
  })
})

describe('漏斗图 / funnel', () => {
  test('报名 → 录用 → 到岗，每步标出人数，不标占上一步的比例 / each step shows its value, and no share of the step before', () => {
    // The steps are counted apart (hires without an application, arrivals without a portal hire): a share of the
    // step before read as a conversion rate it is not (session 14's new-user pass: 录用 "占报名 69.2%").
    for (const steps of [
      [
        { label: '报名', value: 1200 },
        { label: '录用', value: 300 },
        { label: '到岗', value: 240 },
      ],
      [
        { label: '报名', value: 26 },
        { label: '录用', value: 18 },
        { label: '到岗', value: 105 },
      ],
    ]) {
      const parsed = parseSvg(funnelSvg({ title: '报名到到岗', steps }))
      expectSafeScalableImage(parsed)
      expect(parsed.texts).toEqual(expect.arrayContaining(steps.flatMap((st) => [st.label, st.value.toLocaleString('en-US')])))
      expect(parsed.texts.some((t) => t.startsWith('占'))).toBe(false)
      expect(parsed.root['aria-label']).toBe(`报名到到岗：${steps.map((st) => `${st.label} ${st.value.toLocaleString('en-US')}`).join(' → ')}。`)
    }
  })

  test('上一步为 0 时不算比例；全为 0 时显示「本期暂无数据」 / no share after a zero step; all zeros show 本期暂无数据', () => {
    const parsed = parseSvg(
      funnelSvg({
        title: '漏斗',
        steps: [
          { label: '报名', value: 0 },
          { label: '录用', value: 2 },
        ],
      }),
    )
    expect(parsed.root['aria-label']).toBe('漏斗：报名 0 → 录用 2。')
    expect(parseSvg(funnelSvg({ title: '空', steps: [{ label: '报名', value: 0 }] })).texts).toEqual(['本期暂无数据'])
    expect(parseSvg(funnelSvg({ title: '空', steps: [] })).texts).toEqual(['本期暂无数据'])
  })

  test('最多画 8 步 / at most 8 steps', () => {
    const steps = Array.from({ length: 1000 }, (_, index) => ({ label: `第${index}步`, value: 1000 - index }))
    const parsed = parseSvg(funnelSvg({ title: '很多', steps }))
    expect(parsed.texts).toContain('第7步')
    expect(parsed.texts).not.toContain('第8步')
    expect(viewBoxHeight(parsed)).toBe(viewBoxHeight(parseSvg(funnelSvg({ title: '很多', steps: steps.slice(0, CHART_LIMITS.steps) }))))
  })
})

test('同样的数据画一次、再用；数据一变就重画 / the same figures are drawn once, changed figures are drawn anew', () => {
  expect(twelveMonths()).toBe(twelveMonths())
  const changed = monthlyBarsSvg({
    title: '2026年各月应聘与录用',
    months,
    series: [
      { name: '应聘', values: applied },
      { name: '录用', values: hired.map((value) => value + 1) },
    ],
    unit: '人',
  })
  expect(changed).not.toBe(twelveMonths())
  expect(parseSvg(changed).texts).toContain('264')
})

test('画一张十二个月的图的耗时（只报告）/ the time to draw twelve months is reported', () => {
  const draw = (round: number) =>
    monthlyBarsSvg({
      title: `耗时${round}`,
      months,
      series: [
        { name: '应聘', values: applied },
        { name: '录用', values: hired.map((value) => value + round) },
      ],
    })
  draw(-1)
  const times = Array.from({ length: 20 }, (_, round) => {
    const start = performance.now()
    draw(round)
    return performance.now() - start
  }).sort((a, b) => a - b)
  // Each drawing is different, so none comes from the kept ones. The ceiling is loose on purpose (about 20 ms
  // on an idle 2-core machine, several times that under a parallel test run): it catches a chart that has
  // become pathologically slow, not a busy machine. Bounded input (above) is what keeps a chart cheap.
  console.log(`[figures] twelve-month chart: median ${times[10].toFixed(1)} ms of 20 drawings`)
  expect(times[10]).toBeLessThan(1000)
})
