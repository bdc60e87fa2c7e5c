import type { Map as LeafletMap } from 'leaflet'
import { useEffect, useRef, useState } from 'react'
import { CircleMarker, MapContainer, TileLayer, Tooltip, useMapEvents } from 'react-leaflet'
import type { MapTiles } from '~/rules/map'
import { MapOutline, toDisplay, toStored, type MapCrs } from './map-outline.client'

export type Point = { lat: number; lng: number }

// Browser only (Leaflet touches `window` when it loads): loaded with React.lazy inside <ClientOnly>.
// Markers are SVG circle markers, not Leaflet's default icon, whose image URLs a bundler breaks. Points are
// WGS-84 in and out; on GCJ-02 tiles they are shifted for display and a picked point is shifted back.

/** Rounds like parsePoint does on the server, so what is shown is what is saved. */
function round(p: Point): Point {
  return { lat: Math.round(p.lat * 1e6) / 1e6, lng: Math.round(p.lng * 1e6) / 1e6 }
}

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
  const start = toDisplay(value ?? centre, crs)
  const shownCentre = toDisplay(centre, crs)
  const shownValue = value ? toDisplay(value, crs) : null
  return (
    <div className="point-picker" role="group" aria-label={label}>
      <MapContainer
        ref={setMap}
        center={[start.lat, start.lng]}
        zoom={configured ? 12 : 9}
        minZoom={5}
        maxZoom={shownTiles?.maxZoom ?? 18}
        scrollWheelZoom={false}
        attributionControl={Boolean(shownTiles)}
        className={`point-picker__map${shownTiles ? '' : ' point-picker__map--blank'}`}
      >
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
