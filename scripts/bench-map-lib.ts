// The map benchmark's targets and judging (issue 14 §6), pure so scripts/bench-map-lib.test.ts can check them.
// The measuring is scripts/bench-map-run.ts; docs/benchmarks.md's map section says why each target is what it is.
import { percentile, type LoadRun, type Verdict } from './bench-lib'

/** The targets: sizes in kB, times in ms. */
export const MAP_TARGETS = {
  /** the 5,000-site answer, gzipped */
  dataGzipKb: 400,
  /** the 5,000-site answer's p95 at one connection */
  dataP95Ms: 300,
  /** how much later the first marker may appear with 5,000 sites than with 50 */
  firstDrawExtraMs: 1000,
  /** no long task longer than this after the first draw */
  longTaskMs: 200,
  /** pan and zoom frame gaps at the 95th percentile */
  frameGapP95Ms: 100,
  /** the worst pan/zoom frame gap at most this times the baseline's worst, plus the slack */
  worstGapFactor: 3,
  worstGapSlackMs: 100,
} as const

/** One pair's data request as measured (bytes, headers, timings at one connection and the ceiling's). */
export type DataFigures = {
  pairId: number
  status: number
  sites: number
  vacancies: number
  rawBytes: number
  gzipBytes: number
  sentBytes: number
  sentEncoding: string
  cacheControl: string
  etag: string
  revalidatedStatus: number
  revalidatedBytes: number
  full: LoadRun
  notModified: LoadRun | null
  ceiling: LoadRun
}

/** One cold load of /map?pair=… in Chromium; times in ms from navigation start, durations in ms. */
export type BrowserRun = {
  pairId: number
  firstDrawMs: number
  drawnMs: number
  markersDrawn: number
  loadLongTasks: number[]
  longTasksAfterFirstDraw: number[]
  interactionLongTasks: number[]
  frameGaps: number[]
  foreignRequests: string[]
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  )
const longest = (values: number[]) => (values.length === 0 ? 0 : Math.max(...values))

/**
 * Several runs of one page as one row: the median first-draw and all-drawn times, the longest tasks (while
 * loading, after the first draw, during pan/zoom) over every run, the pooled frame gaps' p95 and worst, and
 * the number of requests that left the portal.
 */
export function summariseBrowserRuns(runs: BrowserRun[]) {
  const gaps = runs.flatMap((r) => r.frameGaps).sort((a, b) => a - b)
  return {
    runs: runs.length,
    firstDrawMs: median(runs.map((r) => r.firstDrawMs)),
    drawnMs: median(runs.map((r) => r.drawnMs)),
    markersDrawn: Math.max(0, ...runs.map((r) => r.markersDrawn)),
    longestLoadTaskMs: longest(runs.flatMap((r) => r.loadLongTasks)),
    longestAfterFirstDrawMs: longest(runs.flatMap((r) => r.longTasksAfterFirstDraw)),
    longestInteractionTaskMs: longest(runs.flatMap((r) => r.interactionLongTasks)),
    frameGapP95Ms: percentile(gaps, 95),
    worstFrameGapMs: longest(gaps),
    frames: gaps.length,
    foreignRequests: runs.reduce((n, r) => n + r.foreignRequests.length, 0),
  }
}

export type BrowserSummary = ReturnType<typeof summariseBrowserRuns>

/** The big pair's data request against MAP_TARGETS: cacheable, revalidated with a bodiless 304, small and quick enough. */
export function judgeData(d: DataFigures): Verdict {
  const reasons: string[] = []
  if (d.status !== 200) reasons.push(`answered ${d.status}`)
  if (!d.etag) reasons.push('no ETag')
  if (!/\bpublic\b/.test(d.cacheControl)) reasons.push(`Cache-Control ${d.cacheControl || 'missing'}, not public`)
  if (d.revalidatedStatus !== 304 || d.revalidatedBytes > 0)
    reasons.push(`If-None-Match answered ${d.revalidatedStatus} with ${d.revalidatedBytes} bytes, not a bodiless 304`)
  if (d.gzipBytes > MAP_TARGETS.dataGzipKb * 1024) reasons.push(`${(d.gzipBytes / 1024).toFixed(0)} kB gzipped > ${MAP_TARGETS.dataGzipKb} kB`)
  if (!(d.full.p95 <= MAP_TARGETS.dataP95Ms)) reasons.push(`p95 ${Math.round(d.full.p95)} ms > ${MAP_TARGETS.dataP95Ms} ms`)
  if (d.full.non2xx > 0 || d.full.errors > 0) reasons.push(`${d.full.non2xx} non-2xx answers, ${d.full.errors} errors under load`)
  return { pass: reasons.length === 0, reasons }
}

/** The 5,000-site page against MAP_TARGETS and the 50-site baseline of the same run. */
export function judgeBrowser(big: BrowserSummary, small: BrowserSummary): Verdict {
  const reasons: string[] = []
  if (big.runs === 0 || !Number.isFinite(big.firstDrawMs)) reasons.push('no marker was drawn')
  if (!(big.firstDrawMs <= small.firstDrawMs + MAP_TARGETS.firstDrawExtraMs))
    reasons.push(`first draw ${Math.round(big.firstDrawMs)} ms > baseline ${Math.round(small.firstDrawMs)} + ${MAP_TARGETS.firstDrawExtraMs} ms`)
  if (big.longestAfterFirstDrawMs > MAP_TARGETS.longTaskMs)
    reasons.push(`a ${Math.round(big.longestAfterFirstDrawMs)} ms long task after the first draw > ${MAP_TARGETS.longTaskMs} ms`)
  if (!(big.frameGapP95Ms < MAP_TARGETS.frameGapP95Ms))
    reasons.push(`pan/zoom frame gap p95 ${Math.round(big.frameGapP95Ms)} ms ≥ ${MAP_TARGETS.frameGapP95Ms} ms`)
  const worstLimit = small.worstFrameGapMs * MAP_TARGETS.worstGapFactor + MAP_TARGETS.worstGapSlackMs
  if (big.worstFrameGapMs > worstLimit)
    reasons.push(`worst frame gap ${Math.round(big.worstFrameGapMs)} ms > ${Math.round(worstLimit)} ms (baseline ${Math.round(small.worstFrameGapMs)} ms)`)
  if (big.foreignRequests + small.foreignRequests > 0) reasons.push(`${big.foreignRequests + small.foreignRequests} requests left the portal`)
  return { pass: reasons.length === 0, reasons }
}

/** The heading that starts the map's section in docs/benchmarks.md (scripts/bench-map-run.ts writes it). */
export const MAP_SECTION_HEADING = '## The map (issue 14 §6)'

/**
 * The report with its map section replaced by `section` (or added at the end when it has none): the section
 * runs from MAP_SECTION_HEADING to the next `## ` heading or the end.
 */
export function withMapSection(report: string, section: string[]) {
  const lines = report.replace(/\n+$/, '').split('\n')
  const start = lines.findIndex((l) => l.startsWith(MAP_SECTION_HEADING))
  if (start < 0) return [...lines, '', ...section].join('\n')
  const next = lines.findIndex((l, i) => i > start && l.startsWith('## '))
  return [...lines.slice(0, start), ...section, ...(next < 0 ? [] : lines.slice(next))].join('\n')
}
