import http from 'node:http'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import ExcelJS from 'exceljs'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { expect, test } from 'vitest'
import outlineData from '~/data/map-outline.json'
import { pointInAreas } from '~/models/site-area.server'
import { SITE_SHEET_COLUMNS } from '~/rules/site-sheet'
import { baseURL, MAX_HEALTH_MS, signIn, watchServer } from './server'

// Issue 14 §1 (attack, session 11): a site import of 2,000 rows whose points all lie just outside 潍坊's
// simplified outline — inside the 3 km margin, so every row needs the slow distance to the boundary — held
// the write lock 20–28 s: the same process froze, and a sign-in in another process answered 500
// (SQLITE_BUSY). The area check now runs before the write transaction, fast, a chunk per turn of the event
// loop. Over HTTP against the production build (one process per core, one SQLite file).

const weifang = (outlineData as FeatureCollection<Polygon | MultiPolygon, { code: string }>).features.find((f) => f.properties.code === '370700')!

/** `count` distinct points 0.5–2.5 km outside 潍坊's outline (every one accepted by the margin, none inside). */
function boundaryPoints(count: number) {
  const rings = weifang.geometry.type === 'Polygon' ? [weifang.geometry.coordinates[0]] : weifang.geometry.coordinates.map((p) => p[0])
  const vertices = rings.flat()
  const [cx, cy] = [vertices.reduce((s, v) => s + v[0], 0) / vertices.length, vertices.reduce((s, v) => s + v[1], 0) / vertices.length]
  const points: { lat: number; lng: number }[] = []
  for (let step = 0; points.length < count && step < 40; step++) {
    const km = 0.5 + (step % 20) * 0.1
    for (const [lng, lat] of vertices) {
      const [dx, dy] = [lng - cx, lat - cy]
      const norm = Math.hypot(dx, dy)
      const point = { lng: lng + (dx / norm) * (km / 85) + step * 1e-6, lat: lat + (dy / norm) * (km / 111) }
      if (!booleanPointInPolygon([point.lng, point.lat], weifang as Feature<Polygon | MultiPolygon>) && pointInAreas(point, ['370700'])) points.push(point)
      if (points.length === count) break
    }
  }
  return points
}

/**
 * A sign-in's status, sent on a connection of its own (no keep-alive): the server's processes take new
 * connections in turn, so the sign-ins reach the processes that are not importing too.
 */
function signInOnNewConnection(username: string, ip: string) {
  const body = new URLSearchParams({ username, password: 'Luyu@2026' }).toString()
  return new Promise<number>((resolve, reject) => {
    const request = http.request(
      `${baseURL}/login`,
      {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), 'X-Forwarded-For': ip },
      },
      (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode ?? 0))
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}

async function boundaryFile(rows: number) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('服务站点')
  sheet.addRow(SITE_SHEET_COLUMNS.map((c) => c.header))
  boundaryPoints(rows).forEach((p, i) =>
    sheet.addRow([`BND-${i + 1}`, '劳务工作站', `边界工作站 ${i + 1}`, '潍坊市边界处', p.lat, p.lng, '王老师', '0536-8881234', '周一至周五', '岗位推荐', 10]),
  )
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

test('两千行都在边界附近的站点导入：别的进程的登录照常，不出 500 / a 2,000-row site import on the boundary: sign-ins in other processes go on, no 500', async () => {
  const file = await boundaryFile(2000)
  const cookie = await signIn('weifang', '10.14.0.1')
  const form = new FormData()
  form.append('file', new File([file], '边界站点.xlsx'))
  const signIns: number[] = []
  const { result, watch } = await watchServer(async () => {
    const upload = fetch(`${baseURL}/east/sites/import`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: { Cookie: cookie, 'X-Forwarded-For': '10.14.0.1' },
    })
    // Sign-ins (each writes a session) from other addresses while the import runs, a few hundred ms apart.
    const others = ['dezhou', 'zaozhuang', 'kaizhou', 'xiushan', 'fengdu', 'dezhou', 'zaozhuang', 'kaizhou']
    const logins = (async () => {
      for (const [i, username] of others.entries()) {
        await new Promise((resolve) => setTimeout(resolve, 300))
        signIns.push(await signInOnNewConnection(username, `10.14.1.${i + 1}`))
      }
    })()
    const [answer] = await Promise.all([upload, logins])
    return { status: answer.status, location: answer.headers.get('location') }
  })
  expect(result).toEqual({ status: 302, location: '/east/sites' })
  expect(signIns).toEqual(Array(8).fill(302))
  expect(watch.healthFailures).toBe(0)
  expect(watch.maxHealthMs).toBeLessThan(MAX_HEALTH_MS)
}, 120_000)
