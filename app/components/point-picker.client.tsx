import type { Map as LeafletMap } from 'leaflet'
import { useState } from 'react'
import { CircleMarker, MapContainer, TileLayer, Tooltip, useMapEvents } from 'react-leaflet'

export type Point = { lat: number; lng: number }

// Browser only (Leaflet touches `window` when it loads): loaded with React.lazy inside <ClientOnly>.
// Markers are SVG circle markers, not Leaflet's default icon, whose image URLs a bundler breaks.

/** Rounds like parsePoint does on the server, so what is shown is what is saved. */
function round(p: Point): Point {
  return { lat: Math.round(p.lat * 1e6) / 1e6, lng: Math.round(p.lng * 1e6) / 1e6 }
}

function PickOnClick({ onPick }: { onPick: (p: Point) => void }) {
  useMapEvents({ click: (e) => onPick(round(e.latlng)) })
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
 * the button. Without configured tiles the map is blank apart from the area's marker, but still works.
 */
export default function PointPicker({
  centre,
  cityName,
  value,
  onChange,
  tileUrl,
  label,
  pointLabel = '工作地点',
  emptyText = `未选位置，保存时使用${cityName}中心`,
}: {
  centre: Point
  cityName: string
  value: Point | null
  onChange: (p: Point | null) => void
  tileUrl: string | null
  label: string
  /** The chosen point's tag on the map. */
  pointLabel?: string
  /** What the bar says while no point is chosen (what saving without one does). */
  emptyText?: string
}) {
  const [map, setMap] = useState<LeafletMap | null>(null)
  const start = value ?? centre
  return (
    <div className="point-picker" role="group" aria-label={label}>
      <MapContainer
        ref={setMap}
        center={[start.lat, start.lng]}
        zoom={tileUrl ? 12 : 9}
        minZoom={5}
        maxZoom={18}
        scrollWheelZoom={false}
        attributionControl={Boolean(tileUrl)}
        className={`point-picker__map${tileUrl ? '' : ' point-picker__map--blank'}`}
      >
        {tileUrl ? <TileLayer url={tileUrl} attribution={`底图 ${tileHost(tileUrl)}`} /> : null}
        <CircleMarker
          center={[centre.lat, centre.lng]}
          radius={5}
          pathOptions={{ color: '#5b636e', weight: 2, fillColor: '#ffffff', fillOpacity: 1 }}
          interactive={false}
        >
          <Tooltip permanent direction="bottom" offset={[0, 6]} className="point-picker__label">
            {cityName}
          </Tooltip>
        </CircleMarker>
        {value ? (
          <CircleMarker
            center={[value.lat, value.lng]}
            radius={10}
            pathOptions={{ color: '#8c1a20', weight: 3, fillColor: '#b4232a', fillOpacity: 0.75 }}
            interactive={false}
          >
            <Tooltip permanent direction="top" offset={[0, -10]} className="point-picker__label">
              {pointLabel}
            </Tooltip>
          </CircleMarker>
        ) : null}
        <PickOnClick onPick={onChange} />
      </MapContainer>
      <div className="point-picker__bar">
        <span className="small" aria-live="polite">
          {value ? `已选位置：北纬 ${value.lat.toFixed(5)}，东经 ${value.lng.toFixed(5)}` : emptyText}
        </span>
        <span className="actions">
          <button type="button" className="button button--secondary button--small" disabled={!map} onClick={() => map && onChange(round(map.getCenter()))}>
            设在地图中心
          </button>
          {value ? (
            <button type="button" className="button button--secondary button--small" onClick={() => onChange(null)}>
              清除
            </button>
          ) : null}
        </span>
      </div>
      {tileUrl ? null : <p className="muted small">未配置地图底图：地图只显示{cityName}的位置标记，点选的是大致位置。需要底图请联系平台管理员。</p>}
    </div>
  )
}
