import { latLngBounds, type Map as LeafletMap } from 'leaflet'
// Gesture handling extends the global L (set by Leaflet, above), as on /map: on a phone one finger scrolls the
// page past the picker and two move the map; on a desktop the wheel scrolls the page unless Ctrl is held.
import 'leaflet-gesture-handling'
import gestureStyles from 'leaflet-gesture-handling/dist/leaflet-gesture-handling.css'
import { useEffect, useRef, useState } from 'react'
import { CircleMarker, MapContainer, TileLayer, Tooltip, useMapEvents } from 'react-leaflet'
import type { MapTiles } from '~/rules/map'
import { areaBounds, ChineseControls, MapOutline, toDisplay, toStored, type MapCrs } from './map-outline.client'

export type Point = { lat: number; lng: number }

// Browser only (Leaflet touches `window` when it loads): loaded with React.lazy inside <ClientOnly>.
// Markers are SVG circle markers, not Leaflet's default icon, whose image URLs a bundler breaks. Points are
// WGS-84 in and out; on GCJ-02 tiles they are shifted for display and a picked point is shifted back.

/** Rounds like parsePoint does on the server, so what is shown is what is saved. */
function round(p: Point): Point {
  return { lat: Math.round(p.lat * 1e6) / 1e6, lng: Math.round(p.lng * 1e6) / 1e6 }
}

/** About a city's size around its centre, for a place the outline does not name. */
function aroundCentre({ lat, lng }: Point) {
  return latLngBounds([
    [lat - 0.4, lng - 0.5],
    [lat + 0.4, lng + 0.5],
  ])
}

/** The gesture hint's texts (the plugin's own are English), as on /map. */
const GESTURE_TEXT = { touch: '双指拖动地图', scroll: '按住 Ctrl 键滚动缩放地图', scrollMac: '按住 ⌘ 键滚动缩放地图' }

function PickOnClick({ onPick, crs }: { onPick: (p: Point) => void; crs: MapCrs }) {
  useMapEvents({ click: (e) => onPick(round(toStored(e.latlng, crs))) })
  return null
}

/** The tile host, as a minimal attribution when the operator configured tiles (MAP_TILE_URL). */
function tileHost(url: string) {
  try {
    return new URL(url.replace(/\{[a-z]\}/g, 'a')).host
  } catch {
    return ''
  }
}

/**
 * A map to pick a point — a workplace by default, a batch's pickup point with `pointLabel` and `emptyText`:
 * click (or tap) to place it; keyboard users pan with the arrow keys and place it at the map's centre with
 * the button. Without configured tiles (or when they fail) the map shows the bundled outline of the provinces,
 * districts/counties and cities (decision 028). `tiles` (env.mapTiles) gives the tiles' coordinate system and
 * attribution; `tileUrl` alone is read as WGS-84 tiles.
 */
export default function PointPicker({
  centre,
  cityName,
  value,
  onChange,
  tileUrl,
  tiles,
  label,
  pointLabel = '工作地点',
  emptyText = `未选位置，保存时使用${cityName}中心`,
}: {
  centre: Point
  cityName: string
  value: Point | null
  onChange: (p: Point | null) => void
  tileUrl?: string | null
  /** The operator's tiles (env.mapTiles); wins over tileUrl. */
  tiles?: MapTiles | null
  label: string
  /** The chosen point's tag on the map. */
  pointLabel?: string
  /** What the bar says while no point is chosen (what saving without one does). */
  emptyText?: string
}) {
  const [map, setMap] = useState<LeafletMap | null>(null)
  // Leaflet's own prefix is a flag and a link to its site: plain text names it without either (as on /map).
  useEffect(() => {
    map?.attributionControl?.setPrefix('Leaflet')
  }, [map])
  const [tilesFailed, setTilesFailed] = useState(false)
  const someTileLoaded = useRef(false)
  const configured = tiles ?? (tileUrl ? { url: tileUrl, attribution: `底图 ${tileHost(tileUrl)}`, crs: 'wgs84' as const, maxZoom: 18 } : null)
  const crs: MapCrs = configured?.crs ?? 'wgs84'
  const shownTiles = configured && !tilesFailed ? configured : null
  const shownCentre = toDisplay(centre, crs)
  // It opens on the owner's whole city or county, its outline in view (at a fixed zoom 9 a phone's picker was
  // all one colour inside the city's fill, no line to go by); a chosen point is centred at that zoom, or at
  // street level on tiles.
  const [bounds] = useState(() => areaBounds(cityName, crs) ?? aroundCentre(shownCentre))
  // The point and tiles the picker opened with: it is centred on them once, when the map is made; later
  // picks must not move the map under the finger.
  const opening = useRef({ value, streetLevel: configured != null })
  useEffect(() => {
    const { value: first, streetLevel } = opening.current
    if (!map || !first) return
    const shown = toDisplay(first, crs)
    map.setView([shown.lat, shown.lng], streetLevel ? Math.max(map.getZoom(), 12) : map.getZoom(), { animate: false })
  }, [map, crs])
  const shownValue = value ? toDisplay(value, crs) : null
  return (
    <div className="point-picker" role="group" aria-label={label}>
      <link rel="stylesheet" href={gestureStyles} />
      <MapContainer
        ref={setMap}
        bounds={bounds}
        boundsOptions={{ padding: [8, 8] }}
        minZoom={5}
        maxZoom={shownTiles?.maxZoom ?? 18}
        gestureHandling
        gestureHandlingOptions={{ text: GESTURE_TEXT, duration: 1500 }}
        attributionControl={Boolean(shownTiles)}
        zoomControl={false}
        className={`point-picker__map${shownTiles ? '' : ' point-picker__map--blank'}`}
      >
        <ChineseControls />
        {shownTiles ? (
          <TileLayer
            url={shownTiles.url}
            attribution={shownTiles.attribution}
            maxZoom={shownTiles.maxZoom}
            eventHandlers={{
              tileload: () => (someTileLoaded.current = true),
              // A server that never answers shows the outline; a missing tile past its coverage does not.
              tileerror: () => (someTileLoaded.current ? undefined : setTilesFailed(true)),
            }}
          />
        ) : (
          <MapOutline crs={crs} labelled={false} />
        )}
        <CircleMarker
          center={[shownCentre.lat, shownCentre.lng]}
          radius={5}
          pathOptions={{ color: '#5b636e', weight: 2, fillColor: '#ffffff', fillOpacity: 1 }}
          interactive={false}
        >
          <Tooltip permanent direction="bottom" offset={[0, 6]} className="point-picker__label">
            {cityName}
          </Tooltip>
        </CircleMarker>
        {shownValue ? (
          <CircleMarker
            center={[shownValue.lat, shownValue.lng]}
            radius={10}
            pathOptions={{ color: '#8c1a20', weight: 3, fillColor: '#b4232a', fillOpacity: 0.75 }}
            interactive={false}
          >
            <Tooltip permanent direction="top" offset={[0, -10]} className="point-picker__label">
              {pointLabel}
            </Tooltip>
          </CircleMarker>
        ) : null}
        <PickOnClick onPick={onChange} crs={crs} />
      </MapContainer>
      <div className="point-picker__bar">
        <span className="small" aria-live="polite">
          {value ? `已选位置：北纬 ${value.lat.toFixed(6)}，东经 ${value.lng.toFixed(6)}` : emptyText}
        </span>
        <span className="actions">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={!map}
            onClick={() => map && onChange(round(toStored(map.getCenter(), crs)))}
          >
            设在地图中心
          </button>
          {value ? (
            <button type="button" className="button button--secondary button--small" onClick={() => onChange(null)}>
              清除
            </button>
          ) : null}
        </span>
      </div>
      {shownTiles ? null : (
        <p className="muted small">
          {configured ? '地图底图无法加载' : '未配置地图底图'}：地图只显示省、区县和地市界线与{cityName}的位置，点选的是大致位置。需要底图请联系平台管理员。
        </p>
      )}
    </div>
  )
}
