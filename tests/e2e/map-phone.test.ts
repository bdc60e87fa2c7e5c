import crypto from 'node:crypto'
import type { Locator, Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, signIn, useBrowser, withDatabase } from './browser'

// Issue 14, a new user's test of /map on a 360 × 740 phone and a desktop:
// - A tapped workstation's popup (508 px) was taller than the phone's 443 px map: autoPan pushed the marker out
//   of view, the cluster group took it off the map and its popup closed half a second after the tap. The popup
//   is now capped to the map's height (it scrolls inside) with the phone first, and stays open.
// - Every pan or zoom ran the page's loader again (a Remix navigation) just to write the URL; now the URL is
//   rewritten in place and no request follows a move.
// - Leaflet's English for screen readers (Zoom in, Zoom out, Close popup) is Chinese.
// - The worker's workplace label ran past a 360 px map; a typed place's marker covered the site found there.
// - /me → 在地图上看 unticked every layer but 劳务工作站 and landed at the top of /map; on /map the link moved
//   the URL to the site at zoom 14 but not the map, which stayed at the workplace's zoom 11.
const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()

const suffix = crypto.randomInt(100, 999)
/** A lone workstation with a long address and hours, in 潍坊 away from the demo's sites. */
const LONE = { name: `E2E长弹窗工作站${suffix}`, lat: 36.62, lng: 119.52, phone: '0536-7215678' }
/** 潍坊市's centre in the areas table: where /map?place=潍坊市 puts its marker. */
const CITY_CENTRE = { name: `E2E市中心工作站${suffix}`, lat: 36.71, lng: 119.16, phone: '0536-7216789' }

function insertWorkstation(site: { name: string; lat: number; lng: number; phone: string }) {
  withDatabase(
    (db) => {
      const org = db.prepare(`select id from organisations where area_code = '370700' order by id limit 1`).get() as { id: number }
      const now = Date.now()
      db.prepare(
        `insert into sites (organisation_id, area_code, type, site_number, name, address, lat, lng, contact_name, contact_phone,
          opening_hours, services, workers_helped, status, created_at, updated_at)
         values (?, '370700', 'workstation', ?, ?, ?, ?, ?, '王老师', ?, ?, '["job_referral","rights","training","policy"]', 12, 'active', ?, ?)`,
      ).run(
        org.id,
        `E2E-${crypto.randomUUID().slice(0, 8)}`,
        site.name,
        '山东省潍坊市昌邑市围子街道测试大道东段 1566 号 人力资源市场二楼 劳务协作服务大厅',
        site.lat,
        site.lng,
        site.phone,
        '周一至周五 8:30-12:00，14:00-17:30；周六 9:00-12:00',
        now,
        now,
      )
    },
    { readonly: false },
  )
}

/** Whether `inner`'s box lies inside `outer`'s (to the pixel). */
async function inside(inner: Locator, outer: Locator) {
  const a = (await inner.boundingBox())!
  const b = (await outer.boundingBox())!
  return a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1
}

/** The loader requests (Remix single fetch) the page makes from now on. */
function watchLoaderRequests(page: Page) {
  const seen: string[] = []
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.endsWith('.data')) seen.push(r.url())
  })
  return seen
}

test('手机上点开工作站：弹窗不消失，电话可点，移动地图不再请求服务器，按钮是中文 / on a phone a workstation’s popup stays open with its phone, a move asks the server nothing, and the controls speak Chinese', async () => {
  insertWorkstation(LONE)
  try {
    const page = await freshPage(PHONE)
    for (const zoom of [14, 9]) {
      await page.goto(`${baseURL}/map?c=${LONE.lat},${LONE.lng}&z=${zoom}`)
      const map = page.locator('.site-map .leaflet-container')
      const marker = page.locator(`.leaflet-marker-icon[title="劳务工作站：${LONE.name}"]`)
      await marker.waitFor()
      await page.waitForTimeout(500)
      const loads = watchLoaderRequests(page)
      await marker.tap()
      const popup = page.locator('.leaflet-popup')
      await popup.getByRole('heading', { name: LONE.name }).waitFor()
      // autoPan has moved the map (the URL follows), and half a second later the popup is still there.
      await page.waitForURL((url) => url.searchParams.get('c') !== `${LONE.lat},${LONE.lng}`)
      await page.waitForTimeout(1500)
      expect(await popup.count()).toBe(1)
      expect(await marker.count()).toBe(1)
      expect(await inside(marker, map)).toBe(true)
      expect(await inside(popup, map)).toBe(true)
      // The number to call is in view without scrolling the popup.
      const phone = popup.getByRole('link', { name: LONE.phone })
      expect(await inside(phone, popup.locator('.leaflet-popup-content'))).toBe(true)
      expect(await phone.getAttribute('href')).toBe('tel:05367215678')
      expect(new URL(page.url()).searchParams.get('z')).toBe(String(zoom))
      expect(loads).toEqual([])
      await screenshot(page, `map-360-popup-z${zoom}`)

      expect(await page.locator('.site-map .leaflet-control-zoom-in').getAttribute('title')).toBe('放大')
      expect(await page.locator('.site-map .leaflet-control-zoom-out').getAttribute('title')).toBe('缩小')
      const close = popup.locator('.leaflet-popup-close-button')
      expect(await close.getAttribute('aria-label')).toBe('关闭')
      await close.tap()
      await expect.poll(() => popup.count()).toBe(0)
    }
  } finally {
    await closeAll()
  }
})

test('手机上工作地点的名字不超出地图，输入地点的标记不挡住那里的站点 / on a phone the workplace label fits the map, and a typed place’s marker does not cover the site there', async () => {
  insertWorkstation(CITY_CENTRE)
  try {
    const page = await freshPage(PHONE)
    await signIn(page, baseURL, '13996000001', DEMO_PASSWORD)
    await page.goto(`${baseURL}/map`)
    const map = page.locator('.site-map .leaflet-container')
    const label = page.locator('.leaflet-tooltip.map-focus__label')
    await label.waitFor()
    await page.waitForTimeout(500)
    expect(await label.innerText()).toMatch(/^工作地点：/)
    expect((await label.boundingBox())!.width).toBeLessThan((await map.boundingBox())!.width)
    await map.scrollIntoViewIfNeeded()
    await screenshot(page, 'map-360-workplace-label')

    // The typed place is 潍坊市's centre, where a workstation stands: a tap there opens the workstation.
    await page.goto(`${baseURL}/map?place=${encodeURIComponent('潍坊市')}&c=${CITY_CENTRE.lat},${CITY_CENTRE.lng}&z=17`)
    const site = page.locator(`.leaflet-marker-icon[title="劳务工作站：${CITY_CENTRE.name}"]`)
    await site.waitFor()
    const focus = page.locator('.leaflet-marker-icon.map-marker--focus')
    await focus.waitFor()
    await page.waitForTimeout(500)
    await focus.scrollIntoViewIfNeeded()
    const box = (await focus.boundingBox())!
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2)
    await page.locator('.leaflet-popup').getByRole('heading', { name: CITY_CENTRE.name }).waitFor({ timeout: 5000 })
  } finally {
    await closeAll()
  }
})

/** What is drawn at the map's centre: a marker's title, a cluster's class, or null for the map itself. */
async function atCentre(page: Page) {
  return page.evaluate(() => {
    const box = document.querySelector('.site-map .leaflet-container')!.getBoundingClientRect()
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest('.leaflet-marker-icon')
    return hit ? hit.getAttribute('title') || (hit.classList.contains('map-cluster') ? 'cluster' : hit.className) : null
  })
}

test('“我的”页的“在地图上看”打开地图上的那个站点，图层不变；地图页上的链接也移动地图 / /me’s 在地图上看 opens the map at that site with the usual layers, and the link on /map moves the map too', async () => {
  try {
    const page = await freshPage(DESKTOP)
    await signIn(page, baseURL, '13996000001', DEMO_PASSWORD)
    await page.goto(`${baseURL}/me`)
    const first = page.locator('section[aria-labelledby="near-help"] li').first()
    const name = await first.locator('strong').innerText()
    await first.getByRole('link', { name: '在地图上看' }).click()
    await page.waitForURL((url) => url.pathname === '/map')
    await page.locator('.site-map .map-cluster, .site-map .map-marker--workstation').first().waitFor()
    await page.waitForTimeout(800)
    const url = new URL(page.url())
    expect(url.searchParams.get('z')).toBe('14')
    expect(url.searchParams.has('layers')).toBe(false)
    expect(url.hash).toBe('#map')
    for (const layer of ['劳务工作站', '就业帮扶车间', '就业帮扶基地', '零工市场', '在招岗位']) {
      expect(await page.getByRole('checkbox', { name: layer, exact: true }).isChecked()).toBe(true)
    }
    // The map is in view, not the form at the top of the page, centred on the site (or its cluster).
    const map = page.locator('.site-map .leaflet-container')
    const mapBox = (await map.boundingBox())!
    expect(mapBox.y).toBeLessThan(200)
    expect(mapBox.y).toBeGreaterThan(-50)
    expect([`劳务工作站：${name}`, 'cluster']).toContain(await atCentre(page))

    // On /map, 在地图上看 beside another nearby workstation brings the map to it at zoom 14 (before, the URL
    // moved and the map stayed at the workplace, zoom 11), and a click there never zooms out.
    const other = page.locator('section[aria-labelledby="near-work"] li').nth(1)
    const otherName = await other.locator('strong').first().innerText()
    await other.getByRole('link', { name: '在地图上看' }).click()
    await page.waitForURL((u) => u.searchParams.get('c') !== url.searchParams.get('c'))
    await page.waitForTimeout(800)
    const hit = await atCentre(page)
    expect([`劳务工作站：${otherName}`, 'cluster']).toContain(hit)
    const centre = { x: mapBox.x + mapBox.width / 2, y: (await map.boundingBox())!.y + mapBox.height / 2 }
    await page.mouse.click(centre.x, centre.y)
    await page.waitForTimeout(1500)
    expect(Number(new URL(page.url()).searchParams.get('z'))).toBeGreaterThanOrEqual(14)
    if (hit !== 'cluster') await page.locator('.leaflet-popup').getByRole('heading', { name: otherName }).waitFor()
    await screenshot(page, 'map-1280-me-link')
  } finally {
    await closeAll()
  }
})
