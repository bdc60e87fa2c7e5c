import type { Feature, FeatureCollection, Geometry, Position } from 'geojson'
import gcoord from 'gcoord'
import { latLngBounds, type LatLngBounds, type Layer, type PathOptions, type PopupEvent } from 'leaflet'
import { useEffect, useMemo } from 'react'
import { GeoJSON, useMap, ZoomControl } from 'react-leaflet'
import outlineData from '~/data/map-outline.json'
import { shortAreaName } from '~/rules/areas'
import type { LatLng, MapTiles } from '~/rules/map'

// The bundled outline every map shows when it has no tiles (issue 14 §3; decision 028): 重庆市 and 山东省,
// Chongqing's districts/counties and Shandong's cities thin, the six paired areas filled and named. Browser
// only (Leaflet): imported by the map and the point picker, so the outline lands in their chunks alone.
// Also the one place points are shifted between the stored WGS-84 and GCJ-02 tiles.

type OutlineProperties = { code: string; name: string; level: 'province' | 'county' | 'city'; paired: boolean }
const OUTLINE = outlineData as FeatureCollection<Geometry, OutlineProperties>

/** The tiles' coordinate system, 'wgs84' when there are no tiles (the outline is stored in WGS-84). */
export type MapCrs = MapTiles['crs']

/** A stored WGS-84 point as drawn on tiles in `crs` (gcoord; unchanged for wgs84). */
export function toDisplay(point: LatLng, crs: MapCrs): LatLng {
  if (crs === 'wgs84') return point
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02)
  return { lat, lng }
}

/** A point picked on tiles in `crs` as WGS-84, to be stored (the inverse of toDisplay, within centimetres). */
export function toStored(point: LatLng, crs: MapCrs): LatLng {
  if (crs === 'wgs84') return point
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.GCJ02, gcoord.WGS84)
  return { lat, lng }
}

type Outline = FeatureCollection<Geometry, OutlineProperties>

/** The outline in display coordinates, shifted once per coordinate system. */
const shifted = new Map<MapCrs, Outline>([['wgs84', OUTLINE]])
function outlineIn(crs: MapCrs): Outline {
  const known = shifted.get(crs)
  if (known) return known
  const ring = (positions: Position[]) =>
    positions.map(([lng, lat]) => {
      const p = toDisplay({ lat, lng }, crs)
      return [p.lng, p.lat]
    })
  const geometry = (g: Geometry): Geometry =>
    g.type === 'Polygon'
      ? { ...g, coordinates: g.coordinates.map(ring) }
      : g.type === 'MultiPolygon'
        ? { ...g, coordinates: g.coordinates.map((polygon) => polygon.map(ring)) }
        : g
  const data: Outline = { ...OUTLINE, features: OUTLINE.features.map((f) => ({ ...f, geometry: geometry(f.geometry) })) }
  shifted.set(crs, data)
  return data
}

/**
 * The display bounds of the outline features whose codes are given (paired areas' GB/T 2260 codes), or of the
 * whole outline (both provinces) when none match; for fitting a map to what it shows.
 */
export function outlineBounds(codes: readonly string[], crs: MapCrs): LatLngBounds {
  const features = OUTLINE.features.filter((f) => codes.includes(f.properties.code))
  const bounds = latLngBounds([])
  for (const feature of features.length > 0 ? features : OUTLINE.features.filter((f) => f.properties.level === 'province')) {
    visit(feature.geometry, (lng, lat) => bounds.extend(toDisplay({ lat, lng }, crs)))
  }
  return bounds
}

/**
 * The display bounds of the paired area named `name` (秀山县 or 秀山土家族苗族自治县 alike), or null when the
 * outline has no area of that name; for opening a picker on its owner's whole city or county.
 */
export function areaBounds(name: string, crs: MapCrs): LatLngBounds | null {
  const short = shortAreaName(name)
  const feature = OUTLINE.features.find((f) => f.properties.level !== 'province' && shortAreaName(f.properties.name) === short)
  return feature ? outlineBounds([feature.properties.code], crs) : null
}

/**
 * Leaflet's own texts for screen readers are English ("Zoom in", "Zoom out", "Close popup"): every map names
 * its zoom buttons 放大 / 缩小 and a popup's close button 关闭 instead. Inside a MapContainer made with
 * `zoomControl={false}`.
 */
export function ChineseControls() {
  const map = useMap()
  useEffect(() => {
    // A popup's close button is made when it first opens, just before this event.
    const name = (e: PopupEvent) => {
      const button = e.popup.getElement()?.querySelector('.leaflet-popup-close-button')
      button?.setAttribute('aria-label', '关闭')
      button?.setAttribute('title', '关闭')
    }
    map.on('popupopen', name)
    return () => {
      map.off('popupopen', name)
    }
  }, [map])
  return <ZoomControl zoomInTitle="放大" zoomOutTitle="缩小" />
}

function visit(geometry: Geometry, each: (lng: number, lat: number) => void) {
  if (geometry.type === 'Polygon') geometry.coordinates.forEach((ring) => ring.forEach(([lng, lat]) => each(lng, lat)))
  else if (geometry.type === 'MultiPolygon') geometry.coordinates.forEach((p) => p.forEach((ring) => ring.forEach(([lng, lat]) => each(lng, lat))))
}

/** How each level is drawn: provinces as land with a firm edge, counties/cities thin, paired areas filled. */
function styleOf(feature?: Feature<Geometry, OutlineProperties>): PathOptions {
  const p = feature?.properties
  if (!p) return {}
  if (p.level === 'province') return { color: '#59616b', weight: 2, fillColor: '#fbfaf6', fillOpacity: 1, className: 'map-outline__province' }
  if (p.paired) return { color: '#b4532a', weight: 1.5, fillColor: '#f6d7b8', fillOpacity: 0.75, className: 'map-outline__paired' }
  return { color: '#a4acb6', weight: 0.7, fill: false, className: 'map-outline__area' }
}

/**
 * The outline as Leaflet layers, in its own panes below routes and markers (area names below markers too, so
 * a label never hides a site). `crs`: the tiles' coordinate system the outline is shifted into (gcj02 when the
 * tiles failed but the markers stay where the tiles put them). `labelled`: name the paired areas (the point
 * picker does not: its own city marker is named already).
 */
export function MapOutline({ crs, labelled = true }: { crs: MapCrs; labelled?: boolean }) {
  const data = useMemo(() => {
    const all = outlineIn(crs)
    // Provinces first, then the thin boundaries, then the paired areas on top.
    const rank = (f: Feature<Geometry, OutlineProperties>) => (f.properties.level === 'province' ? 0 : f.properties.paired ? 2 : 1)
    const sorted: Outline = { ...all, features: [...all.features].sort((a, b) => rank(a) - rank(b)) }
    return sorted
  }, [crs])
  const map = useMap()
  // Made before the layers that use them (react-leaflet's <Pane> only renders its children once made).
  for (const [name, zIndex] of [
    ['outline', '250'],
    ['outlineLabels', '450'],
  ] as const) {
    if (!map.getPane(name)) {
      const pane = map.createPane(name)
      pane.style.zIndex = zIndex
      pane.style.pointerEvents = 'none'
    }
  }
  const onEachFeature = (feature: Feature<Geometry, OutlineProperties>, layer: Layer) => {
    if (labelled && feature.properties.paired) {
      // Below the area's centre, where its sites cluster, so a cluster does not hide the name.
      layer.bindTooltip(shortAreaName(feature.properties.name), {
        permanent: true,
        direction: 'bottom',
        offset: [0, 16],
        className: 'map-outline__label',
        pane: 'outlineLabels',
      })
    }
  }
  return <GeoJSON key={crs} data={data} style={styleOf} onEachFeature={onEachFeature} interactive={false} pane="outline" />
}
