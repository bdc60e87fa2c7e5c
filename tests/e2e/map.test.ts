import crypto from 'node:crypto'
import http from 'node:http'
import type net from 'node:net'
import path from 'node:path'
import Database from 'better-sqlite3'
import gcoord from 'gcoord'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { startPortal, type Portal } from '../setup/portal'
import { DESKTOP, PHONE, SCREENSHOT_DIR, screenshot, useBrowser } from './browser'

// Issue 14 §2–3 and "Done when" in a real Chromium against the production server: /map with no tiles
// configured shows the bundled outline with markers and clusters at 360 and 1280 px, two sites at one point
// are both reachable (spiderfy), a popup calls by tel:, an unticked layer hides its markers, the URL keeps the
// view and a reload restores it, the page lists the sites without JavaScript, and no request leaves the
// portal's origin. Then a portal of its own with MAP_TILE_URL on a tile server this test runs
// (MAP_TILE_CRS=gcj02): a marker sits where gcoord puts it on the tiles, and a failing server shows the outline.

const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()

/** A point in 潍坊市 away from the demo's sites, where the two test sites share one building. */
const SAME_POINT = { lat: 36.95, lng: 119.6 }

type TestSite = { type: string; name: string; lat: number; lng: number; phone: string }

/** Inserts active Weifang sites straight into a portal's database (the map only reads them). */
function insertSites(databasePath: string, sites: TestSite[]) {
  const db = new Database(databasePath)
  try {
    const now = Date.now()
    const org = db.prepare(`select id from organisations where area_code = '370700' order by id limit 1`).get() as { id: number }
    const insert = db.prepare(
      `insert into sites (organisation_id, area_code, type, site_number, name, address, lat, lng, contact_name, contact_phone,
        opening_hours, services, workers_helped, status, created_at, updated_at)
       values (?, '370700', ?, ?, ?, '山东省潍坊市昌邑市测试路 1 号', ?, ?, '王老师', ?, '周一至周五 9:00–17:00', '["job_referral","training"]', 12, 'active', ?, ?)`,
    )
    for (const s of sites) insert.run(org.id, s.type, `E2E-${crypto.randomUUID().slice(0, 8)}`, s.name, s.lat, s.lng, s.phone, now, now)
  } finally {
    db.close()
  }
}

/** Collects every request the page makes that is not to `allowed` origins (data: URLs are the page's own). */
function watchRequests(page: Page, allowed: string[]) {
  const foreign: string[] = []
  page.on('request', (request) => {
    const url = request.url()
    if (url.startsWith('data:') || url.startsWith('blob:')) return
    if (!allowed.includes(new URL(url).origin)) foreign.push(url)
  })
  return foreign
}

/** A screenshot of the map alone (with its status line and legend), so the outline and markers are legible. */
async function mapShot(page: Page, name: string) {
  await page.locator('.site-map').screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })
}

/** The centre of an element's box on the page. */
async function centreOf(page: Page, selector: string) {
  const box = (await page.locator(selector).first().boundingBox())!
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

const suffix = crypto.randomInt(100, 999)
const first = `E2E同点工作站${suffix}`
const second = `E2E同点车间${suffix}`

describe('没有底图 / no tiles configured', () => {
  beforeAll(() => {
    insertSites(inject('databasePath'), [
      { type: 'workstation', name: first, ...SAME_POINT, phone: '0536-7212345' },
      { type: 'workshop', name: second, ...SAME_POINT, phone: '13805361234' },
    ])
  })

  for (const [size, options] of [
    ['360', PHONE],
    ['1280', DESKTOP],
  ] as const) {
    test(`${size} 像素：简图上的标记和聚合、同点展开、拨号链接、图层、地址栏视图，且不请求其他主机 / at ${size} px: markers and clusters over the outline, spiderfy at one point, tel: link, layers, the view in the URL, and no request leaves the origin`, async () => {
      try {
        const page = await freshPage(options)
        const foreign = watchRequests(page, [new URL(baseURL).origin])
        const errors: string[] = []
        page.on('pageerror', (error) => errors.push(error.message))

        // The whole map: both provinces, the six paired areas named, clusters of sites.
        await page.goto(`${baseURL}/map`)
        await page.locator('.site-map .map-cluster').first().waitFor()
        expect(await page.locator('.site-map path.map-outline__province').count()).toBe(2)
        expect(await page.locator('.site-map path.map-outline__paired').count()).toBe(6)
        expect(await page.locator('.site-map path.map-outline__area').count()).toBeGreaterThan(40)
        for (const name of ['开州区', '潍坊市', '秀山县', '德州市', '丰都县', '枣庄市']) {
          await page.locator('.map-outline__label', { hasText: name }).waitFor()
        }
        await page.waitForTimeout(500)
        await mapShot(page, `map-${size}-outline`)

        // Street level at the shared point, one pair: the two sites are one cluster until it spiderfies.
        await page.goto(`${baseURL}/map?pair=1&c=${SAME_POINT.lat},${SAME_POINT.lng}&z=18`)
        const cluster = page.locator('.site-map .map-cluster', { hasText: '2' })
        await cluster.waitFor()
        expect(await page.locator(`.leaflet-marker-icon[title$="${first}"]`).count()).toBe(0)
        await cluster.click()
        const workstation = page.locator(`.leaflet-marker-icon[title="劳务工作站：${first}"]`)
        const workshop = page.locator(`.leaflet-marker-icon[title="就业帮扶车间：${second}"]`)
        await workstation.waitFor()
        await workshop.waitFor()
        await page.waitForTimeout(400)
        await workshop.click()
        const popup = page.locator('.leaflet-popup')
        await popup.getByRole('heading', { name: second }).waitFor()
        expect(await popup.getByRole('link', { name: '13805361234' }).getAttribute('href')).toBe('tel:13805361234')
        await popup.getByText('岗位推荐、技能培训').waitFor()
        const popupBox = (await popup.boundingBox())!
        expect(popupBox.x).toBeGreaterThanOrEqual(0)
        expect(popupBox.x + popupBox.width).toBeLessThanOrEqual(options.viewport!.width)
        await mapShot(page, `map-${size}-popup`)
        // Keyboard: the other marker takes focus and Enter opens its popup, with its office phone to call.
        await workstation.focus()
        await page.keyboard.press('Enter')
        await popup.getByRole('heading', { name: first }).waitFor()
        expect(await popup.getByRole('link', { name: '0536-7212345' }).getAttribute('href')).toBe('tel:05367212345')
        await popup.getByText(/附近 30 公里内/).waitFor()

        // Unticking 劳务工作站 hides that marker; the workshop stays, alone now.
        await page.getByRole('checkbox', { name: '劳务工作站', exact: true }).uncheck()
        await page.waitForURL((url) => url.searchParams.has('layers') && !url.searchParams.get('layers')!.includes('workstation'))
        await workshop.waitFor()
        await expect.poll(() => workstation.count()).toBe(0)

        // A pan by keyboard is written to the URL (debounced) with the pair and layers kept.
        const before = new URL(page.url()).searchParams.get('c')
        await page.locator('.site-map .leaflet-container').focus()
        await page.keyboard.press('ArrowLeft')
        await page.waitForURL((url) => url.searchParams.get('c') !== before)
        await page.waitForTimeout(800)
        const shared = new URL(page.url())
        expect(shared.searchParams.get('pair')).toBe('1')
        expect(shared.searchParams.get('z')).toBe('18')
        expect(shared.searchParams.get('layers')).not.toContain('workstation')
        const where = await centreOf(page, `.leaflet-marker-icon[title="就业帮扶车间：${second}"]`)

        // A reload (or the shared link) shows the same view: the marker at the same place, the URL unchanged.
        await page.reload()
        await workshop.waitFor()
        await page.waitForTimeout(1000)
        const again = await centreOf(page, `.leaflet-marker-icon[title="就业帮扶车间：${second}"]`)
        expect(Math.abs(again.x - where.x)).toBeLessThan(2)
        expect(Math.abs(again.y - where.y)).toBeLessThan(2)
        expect(page.url()).toBe(shared.toString())
        expect(await workstation.count()).toBe(0)

        expect(errors).toEqual([])
        expect(foreign).toEqual([])
      } finally {
        await closeAll()
      }
    })
  }

  test('没有 JavaScript 时是站点列表 / without JavaScript the page is the list of sites', async () => {
    try {
      const page = await freshPage({ ...PHONE, javaScriptEnabled: false })
      const foreign = watchRequests(page, [new URL(baseURL).origin])
      await page.goto(`${baseURL}/map?q=${encodeURIComponent(`E2E同点`)}`)
      await page.getByRole('heading', { name: '站点列表' }).waitFor()
      await page.getByText(first).first().waitFor()
      await page.getByText(second).first().waitFor()
      expect(await page.locator('.site-map').count()).toBe(0)
      await page.goto(`${baseURL}/map?pair=1`)
      await page.getByRole('heading', { name: '站点列表' }).waitFor()
      await screenshot(page, 'map-360-list-nojs')
      expect(foreign).toEqual([])
    } finally {
      await closeAll()
    }
  })
})

/** A tile server on its own port: a small PNG for every tile, or 500 while `failing`; remembers what it served. */
function startTileServer() {
  // One light pixel, stretched over the tile by the browser.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGO4++ICAAU7ApY91x/5AAAAAElFTkSuQmCC', 'base64')
  const state = { failing: false, served: [] as string[] }
  const server = http.createServer((req, res) => {
    if (state.failing) {
      res.writeHead(500).end()
      return
    }
    state.served.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(png)
  })
  return new Promise<{ origin: string; state: typeof state; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      resolve({ origin: `http://127.0.0.1:${port}`, state, close: () => new Promise((r) => server.close(() => r())) })
    })
  })
}

/** Web Mercator pixel of a point at a zoom (256-pixel tiles). */
function worldPixel(lat: number, lng: number, zoom: number) {
  const scale = 256 * 2 ** zoom
  const sin = Math.sin((lat * Math.PI) / 180)
  return { x: ((lng + 180) / 360) * scale, y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale }
}

describe('GCJ-02 底图 / GCJ-02 tiles', () => {
  let tiles: Awaited<ReturnType<typeof startTileServer>>
  let portal: Portal
  const lone = `E2E坐标偏移站${suffix}`
  const point = { lat: 36.95, lng: 119.75 }

  beforeAll(async () => {
    tiles = await startTileServer()
    portal = await startPortal('map-tiles', { extraEnv: { MAP_TILE_URL: `${tiles.origin}/{z}/{x}/{y}.png`, MAP_TILE_CRS: 'gcj02' } })
    insertSites(portal.databasePath, [{ type: 'base', name: lone, ...point, phone: '0536-7219999' }])
  }, 400_000)
  afterAll(async () => {
    await portal?.stop()
    await tiles?.close()
  })

  test('标记画在 gcoord 换算后的位置，底图失败时显示简图 / a marker is drawn where gcoord shifts it on the tiles, and failing tiles show the outline', async () => {
    try {
      const page = await freshPage(DESKTOP)
      const foreign = watchRequests(page, [new URL(portal.baseURL).origin, tiles.origin])
      const zoom = 15
      await page.goto(`${portal.baseURL}/map?c=${point.lat},${point.lng}&z=${zoom}`)
      const marker = `.leaflet-marker-icon[title="就业帮扶基地：${lone}"]`
      await page.locator(marker).waitFor()
      expect(await page.locator('.site-map path.map-outline__province').count()).toBe(0)
      // The tile holding the GCJ-02 point, and where in it the point falls: the marker's centre is there.
      const [gcjLng, gcjLat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02)
      const gcj = worldPixel(gcjLat, gcjLng, zoom)
      const tx = Math.floor(gcj.x / 256)
      const ty = Math.floor(gcj.y / 256)
      const tile = page.locator(`img.leaflet-tile[src="${tiles.origin}/${zoom}/${tx}/${ty}.png"]`)
      await tile.waitFor({ state: 'attached' })
      const tileBox = (await tile.boundingBox())!
      const expected = { x: tileBox.x + (gcj.x - tx * 256), y: tileBox.y + (gcj.y - ty * 256) }
      const drawn = await centreOf(page, marker)
      expect(Math.abs(drawn.x - expected.x)).toBeLessThan(3)
      expect(Math.abs(drawn.y - expected.y)).toBeLessThan(3)
      // Unshifted, the marker would be ~500 m (over 100 pixels at this zoom) away.
      const wgs = worldPixel(point.lat, point.lng, zoom)
      expect(Math.hypot(wgs.x - gcj.x, wgs.y - gcj.y)).toBeGreaterThan(100)
      expect(tiles.state.served.length).toBeGreaterThan(0)
      // Leaflet's prefix is plain text: no flag, no link to its site.
      const attribution = page.locator('.site-map .leaflet-control-attribution')
      expect(await attribution.textContent()).toMatch(/^Leaflet\b/)
      expect(await attribution.locator('svg, a[href*="leafletjs"]').count()).toBe(0)
      await mapShot(page, 'map-1280-gcj02-tiles')
      expect(foreign).toEqual([])

      // The tile server fails: the outline is drawn instead, the markers keep their place on it.
      tiles.state.failing = true
      const failed = await freshPage(PHONE)
      const foreignToo = watchRequests(failed, [new URL(portal.baseURL).origin, tiles.origin])
      await failed.goto(`${portal.baseURL}/map`)
      await failed.locator('.site-map path.map-outline__province').first().waitFor()
      expect(await failed.locator('.site-map path.map-outline__province').count()).toBe(2)
      await failed.getByText('底图无法加载').waitFor()
      await failed.locator('.site-map .map-cluster').first().waitFor()
      await mapShot(failed, 'map-360-tiles-failed')
      expect(foreignToo).toEqual([])
    } finally {
      tiles.state.failing = false
      await closeAll()
    }
  })
})
