import { expect, test } from 'vitest'
import type { LoadRun } from './bench-lib'
import {
  judgeBrowser,
  judgeData,
  MAP_SECTION_HEADING,
  MAP_TARGETS,
  summariseBrowserRuns,
  withMapSection,
  type BrowserRun,
  type DataFigures,
} from './bench-map-lib'

function run(over: Partial<LoadRun> = {}): LoadRun {
  return { connections: 1, seconds: 5, responses: 500, rps: 100, p50: 20, p95: 40, p99: 60, non2xx: 0, errors: 0, ...over }
}

function data(over: Partial<DataFigures> = {}): DataFigures {
  return {
    pairId: 1,
    status: 200,
    sites: 5000,
    vacancies: 1030,
    rawBytes: 2_000_000,
    gzipBytes: 300_000,
    sentBytes: 250_000,
    sentEncoding: 'br',
    cacheControl: 'public, max-age=60',
    etag: '"abc"',
    revalidatedStatus: 304,
    revalidatedBytes: 0,
    full: run(),
    notModified: run({ non2xx: 500 }),
    ceiling: run({ p50: 1, p95: 2 }),
    ...over,
  }
}

function browser(over: Partial<BrowserRun> = {}): BrowserRun {
  return {
    pairId: 1,
    firstDrawMs: 900,
    drawnMs: 1500,
    markersDrawn: 120,
    loadLongTasks: [300, 80],
    longTasksAfterFirstDraw: [120],
    interactionLongTasks: [60],
    frameGaps: Array.from({ length: 100 }, (_, i) => (i < 96 ? 16 : 90)),
    foreignRequests: [],
    ...over,
  }
}

test('地图数据：可缓存、304 无正文、体积和耗时在目标内才通过 / map data passes only when cacheable, revalidated with a bodiless 304, small and quick', () => {
  expect(judgeData(data())).toEqual({ pass: true, reasons: [] })
  expect(judgeData(data({ revalidatedStatus: 200, revalidatedBytes: 2_000_000 })).reasons).toEqual([
    'If-None-Match answered 200 with 2000000 bytes, not a bodiless 304',
  ])
  expect(judgeData(data({ cacheControl: 'private, no-cache' })).pass).toBe(false)
  expect(judgeData(data({ etag: '' })).reasons).toContain('no ETag')
  expect(judgeData(data({ gzipBytes: (MAP_TARGETS.dataGzipKb + 1) * 1024 })).pass).toBe(false)
  expect(judgeData(data({ full: run({ p95: MAP_TARGETS.dataP95Ms + 1 }) })).reasons).toEqual([
    `p95 ${MAP_TARGETS.dataP95Ms + 1} ms > ${MAP_TARGETS.dataP95Ms} ms`,
  ])
})

test('地图页：首绘、首绘后的长任务、拖动缩放的帧间隔与同次运行的 50 个站点比较 / the map page is judged on first draw, long tasks after it and pan/zoom frame gaps beside the 50-site baseline', () => {
  const small = summariseBrowserRuns([browser({ pairId: 2, firstDrawMs: 600, frameGaps: [16, 16, 17, 40] })])
  const big = summariseBrowserRuns([browser(), browser({ firstDrawMs: 1100 }), browser({ firstDrawMs: 1000 })])
  expect(big.firstDrawMs).toBe(1000)
  expect(big.frameGapP95Ms).toBe(16)
  expect(big.worstFrameGapMs).toBe(90)
  expect(judgeBrowser(big, small)).toEqual({ pass: true, reasons: [] })
  // The load's own long tasks (300 ms, before the first draw) do not fail it; one after the first draw does.
  const stalled = summariseBrowserRuns([browser({ longTasksAfterFirstDraw: [MAP_TARGETS.longTaskMs + 50] })])
  expect(judgeBrowser(stalled, small).reasons).toEqual([`a ${MAP_TARGETS.longTaskMs + 50} ms long task after the first draw > ${MAP_TARGETS.longTaskMs} ms`])
  const late = summariseBrowserRuns([browser({ firstDrawMs: 600 + MAP_TARGETS.firstDrawExtraMs + 1 })])
  expect(judgeBrowser(late, small).pass).toBe(false)
  const janky = summariseBrowserRuns([browser({ frameGaps: Array.from({ length: 20 }, () => 120) })])
  expect(judgeBrowser(janky, small).reasons).toEqual([`pan/zoom frame gap p95 120 ms ≥ ${MAP_TARGETS.frameGapP95Ms} ms`])
  const leaky = summariseBrowserRuns([browser({ foreignRequests: ['https://tile.openstreetmap.org/1/1/1.png'] })])
  expect(judgeBrowser(leaky, small).reasons).toEqual(['1 requests left the portal'])
})

test('地图一节替换报告里旧的一节，没有就加在末尾 / the map section replaces the report’s old one, or is added at the end', () => {
  const section = [`${MAP_SECTION_HEADING}: new`, '', 'figures', '']
  expect(withMapSection('# Benchmarks\n\n## Pages\n\nrows\n', section)).toBe(`# Benchmarks\n\n## Pages\n\nrows\n\n${MAP_SECTION_HEADING}: new\n\nfigures\n`)
  const old = `# Benchmarks\n\n${MAP_SECTION_HEADING}: old\n\nold figures\n\n## Checks\n\nchecks\n`
  expect(withMapSection(old, section)).toBe(`# Benchmarks\n\n${MAP_SECTION_HEADING}: new\n\nfigures\n\n## Checks\n\nchecks`)
})
