// The map's benchmark (issue 14 §6: "the map stays responsive with 5,000 markers; map data comes from one
// request per pair, cacheable"), used by `npm run bench:map` (scripts/bench-map.ts) and by the full
// `npm run bench`. On a freshly set-up demo database it gives pair 1 (开州 ↔ 潍坊) 5,000 active sites over the
// county and the city and 1,000 more open posts in Weifang, and pair 2 (秀山 ↔ 德州) 50 sites — the baseline
// measured in the same run on the same server. Then (a) `/map/data/:pairId` over HTTP: time at one connection
// beside the bare node:http ceiling answering the same bytes, bytes raw and compressed, and the 304 of a
// revalidation; (b) Chromium at 360×740 with no tiles opening /map?pair=…: time until the first marker or
// cluster is drawn, long tasks while loading and after the first draw, and the frame gaps of a scripted pan and
// zoom in and out. The pure judging is in ./bench-map-lib.ts.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import Database from 'better-sqlite3'
import { chromium, type Page } from 'playwright-core'
import outline from '../app/data/map-outline.json'
import { DEMO_SITES } from '../db/demo/sites'
import { createRandom, type Random } from '../db/demo/random'
import { fmtMs, type LoadRun } from './bench-lib'
import { fetchRaw, loadRun, startCeiling } from './bench-load'
import { judgeBrowser, judgeData, MAP_SECTION_HEADING, MAP_TARGETS, summariseBrowserRuns, type BrowserRun, type DataFigures } from './bench-map-lib'
import { startPortal } from './bench-portal'
import type { Check } from './bench-report'

/** The big pair and the baseline pair (pairings are inserted in DEMO_PAIRS order); each page opens on its city at zoom 10. */
const BIG = { pairId: 1, countyCode: '500154', cityCode: '370700', sites: 5_000, extraVacancies: 1_000, view: 'c=36.70000,119.16000&z=10' }
const SMALL = { pairId: 2, countyCode: '500241', cityCode: '371400', sites: 50, extraVacancies: 0, view: 'c=37.44000,116.36000&z=10' }

type Ring = number[][]
type Feature = { properties: { code: string }; geometry: { type: string; coordinates: unknown } }

/** The outer rings of an area's outline (app/data/map-outline.json). */
function ringsOf(code: string): Ring[] {
  const feature = (outline as { features: Feature[] }).features.find((f) => f.properties.code === code)
  if (!feature) throw new Error(`no outline for ${code}`)
  const polygons = (feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates) as Ring[][]
  return polygons.map((p) => p[0])
}

function inRing(lng: number, lat: number, ring: Ring) {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/**
 * `count` points inside area `code`: two in three near the area's demo sites (towns and parks, a few km
 * around), the rest anywhere in the area, one in twenty on a point already drawn (a building with several
 * sites). Deterministic for a given `random`.
 */
function pointsIn(code: string, count: number, random: Random) {
  const rings = ringsOf(code)
  const all = rings.flat()
  const [minLng, maxLng] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))]
  const [minLat, maxLat] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))]
  const centres = DEMO_SITES[code].map((s) => [s.lng, s.lat])
  const points: { lat: number; lng: number }[] = []
  while (points.length < count) {
    if (points.length > 0 && random.chance(0.05)) {
      points.push(random.pick(points))
      continue
    }
    let lng: number
    let lat: number
    if (random.chance(0.67)) {
      const [cLng, cLat] = random.pick(centres)
      // The sum of three uniforms: roughly normal, ±0.06° (about ±6 km).
      const spread = () => (random.next() + random.next() + random.next() - 1.5) * 0.04
      lng = cLng + spread()
      lat = cLat + spread()
    } else {
      lng = minLng + random.next() * (maxLng - minLng)
      lat = minLat + random.next() * (maxLat - minLat)
    }
    if (rings.some((r) => inRing(lng, lat, r))) points.push({ lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) })
  }
  return points
}

const TYPES = ['workstation', 'workshop', 'base', 'service_point'] as const
const SERVICES = ['job_referral', 'rights_protection', 'training', 'policy_advice', 'return_home', 'entrepreneurship', 'gig_work']

/**
 * Makes the map's bench database at `file` (removed first): scripts/setup.ts seeds the demo (its uploads go
 * beside it), then pair 1 gets active sites up to 5,000 (two in five in the county, the rest in the city) and
 * 1,000 more open posts at points in Weifang (copies of the demo's open posts), pair 2 sites up to 50.
 * Returns the active sites and open-post counts per pair.
 */
export function buildMapDatabase(file: string) {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const uploads = path.join(path.dirname(file), 'uploads')
  fs.rmSync(uploads, { recursive: true, force: true })
  const env = { ...process.env, DATABASE_PATH: file, UPLOADS_DIR: uploads }
  const made = spawnSync('npx', ['tsx', 'scripts/setup.ts'], { env, encoding: 'utf8' })
  if (made.status !== 0) throw new Error(`scripts/setup.ts failed:\n${made.stdout}\n${made.stderr}`)
  const db = new Database(file)
  const random = createRandom(20261414)
  const now = Date.now()
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
  const orgOf = (code: string) => (db.prepare('select id from organisations where area_code = ?').get(code) as { id: number }).id
  const activeIn = (codes: string[]) =>
    (db.prepare(`select count(*) as n from sites where status = 'active' and area_code in (${codes.map(() => '?').join(',')})`).get(...codes) as { n: number })
      .n
  const addSite = db.prepare(
    `insert into sites (organisation_id, area_code, type, site_number, name, address, lat, lng, contact_name, contact_phone, opening_hours,
       services, workers_helped, status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
  )
  db.transaction(() => {
    for (const pair of [BIG, SMALL]) {
      const wanted = pair.sites - activeIn([pair.countyCode, pair.cityCode])
      const inCounty = Math.round(wanted * 0.4)
      for (const [code, count] of [
        [pair.countyCode, inCounty],
        [pair.cityCode, wanted - inCounty],
      ] as const) {
        const organisationId = orgOf(code)
        const phone = code.startsWith('37') ? { '370700': '0536', '371400': '0534' }[code] : '023'
        pointsIn(code, count, random).forEach((p, i) => {
          const type = random.pick(TYPES)
          const services = SERVICES.filter(() => random.chance(0.4))
          addSite.run(
            organisationId,
            code,
            type,
            `BENCH-${code}-${String(i + 1).padStart(5, '0')}`,
            `测试站点 ${code}-${i + 1}（${type}）`,
            `测试地址 ${i + 1} 号`,
            p.lat,
            p.lng,
            '王建国',
            `${phone}-${String(8_000_000 + random.int(0, 999_999))}`,
            '周一至周五 8:30-17:30',
            JSON.stringify(services.length > 0 ? services : ['job_referral']),
            random.int(0, 3000),
            now,
            now,
          )
        })
      }
    }
    // More open posts in the big pair's city, at points of their own: copies of the demo's open ones.
    const columns = (db.prepare('pragma table_info(vacancies)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id')
    const open = db
      .prepare(`select id from vacancies where city_code = ? and status = 'published' and valid_until >= ? order by id`)
      .all(BIG.cityCode, today) as { id: number }[]
    const copy = db.prepare(`insert into vacancies (${columns.join(', ')}) select ${columns.join(', ')} from vacancies where id = ?`)
    const move = db.prepare('update vacancies set lat = ?, lng = ? where id = ?')
    if (open.length > 0) {
      for (const p of pointsIn(BIG.cityCode, BIG.extraVacancies, random)) {
        const id = Number(copy.run(random.pick(open).id).lastInsertRowid)
        move.run(p.lat, p.lng, id)
      }
    }
  })()
  const openPosts = (code: string) =>
    (db.prepare(`select count(*) as n from vacancies where city_code = ? and status = 'published' and valid_until >= ?`).get(code, today) as { n: number }).n
  const described = {
    big: { sites: activeIn([BIG.countyCode, BIG.cityCode]), posts: openPosts(BIG.cityCode) },
    small: { sites: activeIn([SMALL.countyCode, SMALL.cityCode]), posts: openPosts(SMALL.cityCode) },
  }
  db.close()
  return described
}

/** (a) One pair's data request: bytes, headers, time at one connection beside the ceiling, and the 304. */
async function measureData(baseURL: string, pairId: number, seconds: number, ceiling: Awaited<ReturnType<typeof startCeiling>>): Promise<DataFigures> {
  const url = `${baseURL}/map/data/${pairId}`
  const asSent = await fetchRaw(url)
  const identity = await fetchRaw(url, { 'accept-encoding': 'identity' })
  const gzip = await fetchRaw(url, { 'accept-encoding': 'gzip' })
  const etag = String(asSent.headers.etag ?? '')
  const revalidated = etag ? await fetchRaw(url, { 'if-none-match': etag }) : null
  // Warm, then time the whole answer (JSON built, compressed as for Chromium) and the ceiling sending the same bytes.
  await loadRun({ url, connections: 1, seconds: Math.min(1, seconds / 2) })
  const full: LoadRun = await loadRun({ url, connections: 1, seconds })
  const notModified: LoadRun | null = etag ? await loadRun({ url, connections: 1, seconds, headers: { 'if-none-match': etag } }) : null
  await ceiling.answerWith(asSent)
  const ceilingRun = await loadRun({ url: `${ceiling.url}/map/data/${pairId}`, connections: 1, seconds })
  const parsed = JSON.parse(identity.body.toString('utf8')) as { sites?: unknown[]; vacancies?: unknown[] }
  return {
    pairId,
    status: asSent.status,
    sites: parsed.sites?.length ?? 0,
    vacancies: parsed.vacancies?.length ?? 0,
    rawBytes: identity.body.length,
    gzipBytes: gzip.headers['content-encoding'] === 'gzip' ? gzip.body.length : zlib.gzipSync(identity.body).length,
    sentBytes: asSent.body.length,
    sentEncoding: String(asSent.headers['content-encoding'] ?? 'identity'),
    cacheControl: String(asSent.headers['cache-control'] ?? ''),
    etag,
    revalidatedStatus: revalidated?.status ?? 0,
    revalidatedBytes: revalidated?.body.length ?? 0,
    full,
    notModified,
    ceiling: ceilingRun,
  }
}

/**
 * Installed before the page's own scripts: long tasks, the first marker drawn, marker counts over time, frames.
 * Plain JavaScript text, not a function: tsx's compiled functions call a helper (__name) the page does not have.
 */
export const INSTRUMENT = `(() => {
  const bench = { longTasks: [], firstDraw: null, lastChange: 0, markers: 0, frames: [], recording: false }
  window.__mapBench = bench
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
  new MutationObserver(() => {
    const n = document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon').length
    if (n !== bench.markers) {
      bench.markers = n
      bench.lastChange = performance.now()
      if (n > 0 && bench.firstDraw == null) bench.firstDraw = bench.lastChange
    }
  }).observe(document, { childList: true, subtree: true })
  const frame = (t) => {
    if (bench.recording) bench.frames.push(t)
    requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)
})()`

type PageBench = { longTasks: { start: number; duration: number }[]; firstDraw: number | null; lastChange: number; markers: number; frames: number[] }
const read = (page: Page) => page.evaluate(() => (window as unknown as { __mapBench: PageBench }).__mapBench)

/** (b) One cold load of /map?pair=… in a fresh context (no cache): the first draw, load long tasks, a pan and zoom. */
async function browserRun(browser: Awaited<ReturnType<typeof chromium.launch>>, baseURL: string, pair: typeof BIG, throttle: number): Promise<BrowserRun> {
  const { pairId } = pair
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN' })
  const page = await context.newPage()
  const foreign: string[] = []
  page.on('request', (r) => {
    if (!r.url().startsWith(baseURL) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url())
  })
  try {
    await page.addInitScript({ content: INSTRUMENT })
    if (throttle > 1) {
      const cdp = await context.newCDPSession(page)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle })
    }
    await page.goto(`${baseURL}/map?pair=${pairId}&${pair.view}`, { waitUntil: 'load' })
    await page.waitForFunction(() => (window as unknown as { __mapBench: PageBench }).__mapBench.firstDraw != null, null, { timeout: 120_000 })
    // Drawn: no marker added or removed for a second (chunked loading has finished).
    await page.waitForFunction(
      () => {
        const b = (window as unknown as { __mapBench: PageBench }).__mapBench
        return performance.now() - b.lastChange > 1000
      },
      null,
      { timeout: 120_000, polling: 200 },
    )
    const loaded = await read(page)
    const map = page.locator('.leaflet-container').first()
    await map.scrollIntoViewIfNeeded()
    const box = (await map.boundingBox())!
    const cx = box.x + box.width / 2
    const cy = box.y + box.height / 2
    const interactionStart = await page.evaluate(() => {
      const b = (window as unknown as { __mapBench: PageBench & { recording: boolean } }).__mapBench
      b.frames = []
      b.recording = true
      return performance.now()
    })
    // Pan: four drags of about 160 px in different directions, as a finger would.
    for (const [dx, dy] of [
      [-140, -80],
      [140, 60],
      [60, -140],
      [-60, 140],
    ]) {
      await page.mouse.move(cx, cy)
      await page.mouse.down()
      for (let step = 1; step <= 12; step++) await page.mouse.move(cx + (dx * step) / 12, cy + (dy * step) / 12)
      await page.mouse.up()
      await page.waitForTimeout(300)
    }
    // Zoom: in twice and out three times with the zoom buttons, each animation given time to finish.
    for (const which of ['in', 'in', 'out', 'out', 'out']) {
      await page.locator(`.leaflet-control-zoom-${which}`).first().click()
      await page.waitForTimeout(700)
    }
    const after = await page.evaluate(() => {
      const b = (window as unknown as { __mapBench: PageBench & { recording: boolean } }).__mapBench
      b.recording = false
      return { frames: b.frames, longTasks: b.longTasks, end: performance.now(), markers: b.markers }
    })
    return {
      pairId,
      firstDrawMs: loaded.firstDraw ?? Number.NaN,
      drawnMs: loaded.lastChange,
      markersDrawn: loaded.markers,
      loadLongTasks: loaded.longTasks.map((t) => t.duration),
      longTasksAfterFirstDraw: after.longTasks.filter((t) => t.start + t.duration > (loaded.firstDraw ?? 0)).map((t) => t.duration),
      interactionLongTasks: after.longTasks.filter((t) => t.start + t.duration > interactionStart).map((t) => t.duration),
      frameGaps: after.frames.slice(1).map((t, i) => t - after.frames[i]),
      foreignRequests: foreign,
    }
  } finally {
    await context.close()
  }
}

export type MapBenchOptions = {
  /** The production server's port; the ceiling takes the next. */
  port: number
  /** Seconds per HTTP load. */
  seconds: number
  /** Cold browser loads per pair (alternating big and small). */
  runs: number
  /** Chromium CPU slow-down (1 = none; 4 ≈ a cheap phone). */
  throttle: number
  /** Where the bench database is made. */
  databasePath: string
}

/**
 * Runs the whole map benchmark with the production build in BUILD_DIR (or ./build): makes the database,
 * starts the portal and the ceiling, measures (a) and (b) for both pairs. Returns the checks (for the table
 * of `npm run bench`) and the Markdown section for docs/benchmarks.md.
 */
export async function runMapBench(options: MapBenchOptions): Promise<{ checks: Check[]; section: string[] }> {
  console.log(`map bench: making ${options.databasePath} (demo + 5,000 sites for pair ${BIG.pairId}, 50 for pair ${SMALL.pairId})…`)
  const described = buildMapDatabase(options.databasePath)
  console.log(
    `map bench: pair ${BIG.pairId} ${described.big.sites} sites, ${described.big.posts} open posts; pair ${SMALL.pairId} ${described.small.sites} sites, ${described.small.posts} open posts`,
  )
  // No tiles: the bundled outline only, as on an intranet without a tile server (and no request leaves the machine).
  delete process.env.MAP_TILE_URL
  const portal = await startPortal({ databasePath: options.databasePath, port: options.port })
  const ceiling = await startCeiling(options.port + 1)
  try {
    const data = []
    for (const pair of [BIG, SMALL]) {
      console.log(`map bench: /map/data/${pair.pairId}…`)
      data.push(await measureData(portal.baseURL, pair.pairId, options.seconds, ceiling))
    }
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
    })
    const runs: BrowserRun[] = []
    try {
      for (let i = 0; i < options.runs; i++) {
        for (const pair of [BIG, SMALL]) {
          console.log(`map bench: Chromium /map?pair=${pair.pairId} (${i + 1}/${options.runs})…`)
          const run = await browserRun(browser, portal.baseURL, pair, options.throttle)
          console.log(
            `  first draw ${fmtMs(run.firstDrawMs)} ms, drawn ${fmtMs(run.drawnMs)} ms, ${run.markersDrawn} icons, longest task after first draw ${fmtMs(Math.max(0, ...run.longTasksAfterFirstDraw))} ms, worst frame gap ${fmtMs(Math.max(0, ...run.frameGaps))} ms`,
          )
          runs.push(run)
        }
      }
    } finally {
      await browser.close()
    }
    const big = summariseBrowserRuns(runs.filter((r) => r.pairId === BIG.pairId))
    const small = summariseBrowserRuns(runs.filter((r) => r.pairId === SMALL.pairId))
    const dataVerdict = judgeData(data[0])
    const browserVerdict = judgeBrowser(big, small)
    const fmtKb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
    const dataFigures = (d: DataFigures) =>
      `${d.sites} sites + ${d.vacancies} posts: ${fmtKb(d.rawBytes)} raw, ${fmtKb(d.gzipBytes)} gzip (${d.sentEncoding} ${fmtKb(d.sentBytes)} as sent to Chromium); 1 conn p50/p95 ${fmtMs(d.full.p50)}/${fmtMs(d.full.p95)} ms (ceiling ${fmtMs(d.ceiling.p50)}/${fmtMs(d.ceiling.p95)}); If-None-Match → ${d.revalidatedStatus} ${d.revalidatedBytes} B, p50/p95 ${fmtMs(d.notModified?.p50 ?? Number.NaN)}/${fmtMs(d.notModified?.p95 ?? Number.NaN)} ms; ${d.cacheControl}`
    const browserFigures = (s: ReturnType<typeof summariseBrowserRuns>) =>
      `first draw median ${fmtMs(s.firstDrawMs)} ms, all drawn ${fmtMs(s.drawnMs)} ms; longest task while loading ${fmtMs(s.longestLoadTaskMs)} ms, after first draw ${fmtMs(s.longestAfterFirstDrawMs)} ms; pan/zoom frame gaps p95 ${fmtMs(s.frameGapP95Ms)} ms, worst ${fmtMs(s.worstFrameGapMs)} ms, longest task ${fmtMs(s.longestInteractionTaskMs)} ms`
    const checks: Check[] = [
      {
        name: `map data /map/data/${BIG.pairId} (5,000 sites)`,
        figures: `${dataFigures(data[0])}; baseline /map/data/${SMALL.pairId}: ${dataFigures(data[1])}`,
        verdict: dataVerdict,
      },
      {
        name: `map in Chromium 360×740, no tiles, /map?pair=${BIG.pairId} (5,000 sites)`,
        figures: `${browserFigures(big)}; baseline /map?pair=${SMALL.pairId}: ${browserFigures(small)}; ${options.runs} cold loads each${options.throttle > 1 ? `, CPU ${options.throttle}× slower` : ''}; requests off the portal: ${big.foreignRequests + small.foreignRequests}`,
        verdict: browserVerdict,
      },
    ]
    const row = (label: string, b: string, s: string) => `| ${label} | ${b} | ${s} |`
    const section = [
      `${MAP_SECTION_HEADING}: 5,000 markers, one cacheable request per pair`,
      '',
      `Written by \`npm run bench:map\` (scripts/bench-map.ts) and by a full \`npm run bench\`. A demo database with ${described.big.sites.toLocaleString('en-US')} active sites over 开州区 and 潍坊市 (pair ${BIG.pairId}, plus ${described.big.posts.toLocaleString('en-US')} open posts) and ${described.small.sites} over 秀山县 and 德州市 (pair ${SMALL.pairId}, ${described.small.posts} open posts) — the baseline, measured in the same run on the same server, so a slow machine is seen apart from a slow map.`,
      `The data request is timed with autocannon at one connection beside a bare node:http server answering the same bytes (the ceiling). Chromium (headless, 360×740, device scale 2, no tiles: the bundled outline) opens \`/map?pair=${BIG.pairId}&${BIG.view}\` (Weifang) and \`/map?pair=${SMALL.pairId}&${SMALL.view}\` (Dezhou) cold ${options.runs} times each, alternating${options.throttle > 1 ? `, with the CPU ${options.throttle}× slower` : ''}; long tasks are PerformanceObserver \`longtask\` entries, frame gaps the time between requestAnimationFrame callbacks during four drags and five zoom-button presses.`,
      `- run: ${new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date())} (Asia/Shanghai), ${os.availableParallelism()} cores, load average at the end ${os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}${options.throttle > 1 ? `, Chromium CPU ${options.throttle}× slower` : ''}`,
      '',
      'Targets and why:',
      `- data: 200 with an ETag and \`Cache-Control: public\`, and a request with that ETag answers 304 with no body (one request per pair, revalidated cheaply); the 5,000-site answer at most ${MAP_TARGETS.dataGzipKb} kB gzipped (a few seconds on a slow 3G phone) and p95 at most ${MAP_TARGETS.dataP95Ms} ms at one connection (the loader and JSON for 5,000 rows, well under the time its bytes take to reach a phone);`,
      `- first draw with 5,000 sites at most ${MAP_TARGETS.firstDrawExtraMs} ms later than with 50 (the markers appear about as soon as the small pair's do; clustering must not make the visitor wait);`,
      `- no long task over ${MAP_TARGETS.longTaskMs} ms after the first draw (chunked loading keeps the page answering taps while the rest is added; 200 ms is where a tap feels ignored);`,
      `- pan and zoom frame gaps under ${MAP_TARGETS.frameGapP95Ms} ms at p95 (10 frames a second, still a map that follows the finger) and the worst at most ${MAP_TARGETS.worstGapFactor}× the baseline's worst + ${MAP_TARGETS.worstGapSlackMs} ms;`,
      '- no request to any host but the portal.',
      '',
      `| | /map/data/${BIG.pairId}, /map?pair=${BIG.pairId} | /map/data/${SMALL.pairId}, /map?pair=${SMALL.pairId} (baseline) |`,
      '|---|---|---|',
      row('sites, posts in the answer', `${data[0].sites}, ${data[0].vacancies}`, `${data[1].sites}, ${data[1].vacancies}`),
      row(
        'bytes raw / gzip / as sent',
        `${fmtKb(data[0].rawBytes)} / ${fmtKb(data[0].gzipBytes)} / ${fmtKb(data[0].sentBytes)} ${data[0].sentEncoding}`,
        `${fmtKb(data[1].rawBytes)} / ${fmtKb(data[1].gzipBytes)} / ${fmtKb(data[1].sentBytes)} ${data[1].sentEncoding}`,
      ),
      row('data p50 / p95 ms, 1 conn', `${fmtMs(data[0].full.p50)} / ${fmtMs(data[0].full.p95)}`, `${fmtMs(data[1].full.p50)} / ${fmtMs(data[1].full.p95)}`),
      row(
        'ceiling p50 / p95 ms (same bytes)',
        `${fmtMs(data[0].ceiling.p50)} / ${fmtMs(data[0].ceiling.p95)}`,
        `${fmtMs(data[1].ceiling.p50)} / ${fmtMs(data[1].ceiling.p95)}`,
      ),
      row(
        'If-None-Match: status, p50 / p95 ms',
        `${data[0].revalidatedStatus}, ${fmtMs(data[0].notModified?.p50 ?? Number.NaN)} / ${fmtMs(data[0].notModified?.p95 ?? Number.NaN)}`,
        `${data[1].revalidatedStatus}, ${fmtMs(data[1].notModified?.p50 ?? Number.NaN)} / ${fmtMs(data[1].notModified?.p95 ?? Number.NaN)}`,
      ),
      row('Cache-Control', data[0].cacheControl, data[1].cacheControl),
      row('first marker drawn ms (median)', fmtMs(big.firstDrawMs), fmtMs(small.firstDrawMs)),
      row('all markers drawn ms (median)', fmtMs(big.drawnMs), fmtMs(small.drawnMs)),
      row('marker and cluster icons drawn', String(big.markersDrawn), String(small.markersDrawn)),
      row('longest task while loading ms', fmtMs(big.longestLoadTaskMs), fmtMs(small.longestLoadTaskMs)),
      row('longest task after first draw ms', fmtMs(big.longestAfterFirstDrawMs), fmtMs(small.longestAfterFirstDrawMs)),
      row(
        'pan/zoom frame gap p95 / worst ms',
        `${fmtMs(big.frameGapP95Ms)} / ${fmtMs(big.worstFrameGapMs)}`,
        `${fmtMs(small.frameGapP95Ms)} / ${fmtMs(small.worstFrameGapMs)}`,
      ),
      row('longest task during pan/zoom ms', fmtMs(big.longestInteractionTaskMs), fmtMs(small.longestInteractionTaskMs)),
      row('requests off the portal', String(big.foreignRequests), String(small.foreignRequests)),
      '',
      ...checks.map((c) => `- ${c.name}: ${c.verdict.pass ? 'PASS' : `FAIL: ${c.verdict.reasons.join('; ')}`}`),
      '',
    ]
    return { checks, section }
  } finally {
    ceiling.stop()
    await portal.stop()
  }
}
