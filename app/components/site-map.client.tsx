import L from 'leaflet'
// Plugins that extend the global L (Leaflet sets window.L when it loads, above): clustering with spiderfy,
// and gesture handling so a one-finger swipe scrolls the page instead of being trapped by the map.
import 'leaflet.markercluster'
import 'leaflet-gesture-handling'
import { useEffect, useMemo, useRef, useState } from 'react'
import { MapContainer, TileLayer, useMap, useMapEvents } from 'react-leaflet'
import {
  distanceMetres,
  distanceText,
  type LatLng,
  type MapLayer,
  type MapPairData,
  type MapSite,
  type MapVacancy,
  type MapView,
  type SiteMapProps,
} from '~/rules/map'
import { SITE_TYPE_LABELS, siteServicesText } from '~/rules/site-labels'
import { ChineseControls, MapOutline, outlineBounds, toDisplay, toStored, type MapCrs } from './map-outline.client'

// The public map of /map (issue 14 §2–3, §6): sites by type, open vacancies and batch routes over the
// operator's tiles or the bundled outline. Browser only: loaded with React.lazy inside <ClientOnly>, so
// Leaflet, its plugins and the outline are in this chunk alone. The page's list and filters work without it.

declare module 'leaflet' {
  interface MapOptions {
    gestureHandling?: boolean
    gestureHandlingOptions?: { text?: { touch: string; scroll: string; scrollMac: string }; duration?: number }
  }
}

/** Open vacancies shown in a workstation's popup: within this distance (metres), nearest first, at most five. */
const NEARBY_METRES = 30_000
const NEARBY_LIMIT = 5
/**
 * How far apart (pixels) markers cluster: less at street level, so neighbours stand apart. Clustering is never
 * switched off (no disableClusteringAtZoom): markers at one point must stay a cluster that spiderfies at the
 * deepest zoom, or all but one would be hidden under the top one.
 */
const clusterRadius = (zoom: number) => (zoom >= 15 ? 24 : 50)
/** The debounce before a pan or zoom is written to the URL (ms). */
const VIEW_DEBOUNCE_MS = 400

/** Each marker's shape and glyph, so a type is told apart without colour (CSS in app/styles/map.css). */
const GLYPHS: Record<MapSite['type'] | 'vacancy', string> = { workstation: '站', workshop: '间', base: '基', service_point: '市', vacancy: '岗' }

/** Texts the map itself prints (the page prints the rest). */
const TEXT = {
  touch: '双指拖动地图',
  scroll: '按住 Ctrl 键滚动缩放地图',
  scrollMac: '按住 ⌘ 键滚动缩放地图',
}

type Loaded = { pairId: number; data: MapPairData }

/** An element with text (never HTML: site names and addresses are typed by people). */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string | null, ...children: (Node | string | null)[]) {
  const node = document.createElement(tag)
  if (className) node.className = className
  for (const child of children) if (child != null) node.append(child)
  return node
}

/**
 * Popups keep clear of the zoom buttons: the map pans until the popup's top is below them (at 360 px the
 * buttons covered a popup's first line, its type and site number).
 */
const POPUP_TOP = 84
const POPUP_BOTTOM = 12
const POPUP_OPTIONS = {
  maxWidth: 280,
  minWidth: 200,
  autoPanPadding: [12, POPUP_BOTTOM],
  autoPanPaddingTopLeft: [12, POPUP_TOP],
} satisfies L.PopupOptions
/** A popup's height beyond its content (margins, edge, tip) and how far its marker reaches below the tip (px). */
const POPUP_CHROME = 44
const MARKER_BELOW_TIP = 30

/**
 * The tallest a popup's content may be on this map (it scrolls inside beyond that): the popup, its tip and its
 * marker fit between the zoom buttons and the map's bottom edge. A workstation's popup (508 px at 360 px wide)
 * was taller than a phone's 443 px map: autoPan pushed its marker out of view, the cluster group took the
 * marker off the map, and its popup closed with it half a second after the tap.
 */
function popupMaxHeight(map: L.Map) {
  return Math.max(120, map.getSize().y - POPUP_TOP - POPUP_BOTTOM - POPUP_CHROME - MARKER_BELOW_TIP)
}

/** A popup's content, made when it opens, with the popup's height capped to the map's size at that moment. */
function fitted(map: L.Map, content: () => HTMLElement) {
  return (layer: L.Layer) => {
    const popup = layer.getPopup()
    // Read by the popup's layout, which runs just after its content is made.
    if (popup) popup.options.maxHeight = popupMaxHeight(map)
    return content()
  }
}

function row(label: string, value: Node | string) {
  return el('div', 'site-popup__row', el('dt', null, label), el('dd', null, value))
}

/** The tel: link of a phone as typed (digits, +, and an extension's dash kept for display). */
function telLink(phone: string) {
  const a = el('a', null, phone)
  a.href = `tel:${phone.replace(/[^\d+]/g, '')}`
  return a
}

function yuan(fen: number) {
  return (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 0 })
}

function salaryText(v: MapVacancy) {
  return v.salaryMinFen === v.salaryMaxFen ? `${yuan(v.salaryMinFen)} 元/月` : `${yuan(v.salaryMinFen)}–${yuan(v.salaryMaxFen)} 元/月`
}

/** A site's popup: name, type, address, hours, services, contact (tap to call), and a workstation's nearby vacancies. */
function sitePopup(site: MapSite, vacancies: () => MapVacancy[]) {
  // The phone first: on a phone the popup is capped to the map's height and scrolls, and the number to call
  // is what most visitors came for.
  const details = el(
    'dl',
    'site-popup__details',
    row('联系人', site.contactName ? el('span', null, `${site.contactName} `, telLink(site.contactPhone)) : telLink(site.contactPhone)),
    row('地址', site.address),
    site.openingHours ? row('开放时间', site.openingHours) : null,
    site.services.length > 0 ? row('服务内容', siteServicesText(site.services)) : null,
    row('所属', `${site.areaName} · ${site.ownerName}`),
  )
  const box = el(
    'div',
    'site-popup',
    el('p', 'site-popup__type', `${SITE_TYPE_LABELS[site.type]} · ${site.siteNumber}`),
    el('h3', 'site-popup__name', site.name),
    details,
  )
  if (site.type === 'workstation') {
    const near = vacancies()
      .map((v) => ({ v, d: distanceMetres(site, v) }))
      .filter((x) => x.d <= NEARBY_METRES)
      .sort((a, b) => a.d - b.d)
    const section = el(
      'div',
      'site-popup__near',
      el('h4', null, near.length > 0 ? `附近 30 公里内的在招岗位（${near.length} 个）` : '附近 30 公里内暂无在招岗位'),
    )
    if (near.length > 0) {
      const list = el('ul', null)
      for (const { v, d } of near.slice(0, NEARBY_LIMIT)) {
        const link = el('a', null, v.title)
        link.href = `/jobs/${v.id}`
        list.append(el('li', null, link, ` · ${v.employerName} · ${salaryText(v)} · ${distanceText(d)}`))
      }
      section.append(list)
    }
    box.append(section)
  }
  return box
}

function vacancyPopup(v: MapVacancy) {
  const link = el('a', null, '查看岗位详情')
  link.href = `/jobs/${v.id}`
  return el(
    'div',
    'site-popup',
    el('p', 'site-popup__type', '在招岗位'),
    el('h3', 'site-popup__name', v.title),
    el('dl', 'site-popup__details', row('用人单位', v.employerName), row('招聘人数', `${v.headcount} 人`), row('月薪', salaryText(v))),
    v.approximate ? el('p', 'site-popup__note', '位置为城市中心，不是准确的工作地点') : null,
    el('p', null, link),
  )
}

/**
 * A marker's icon: a CSS shape with a glyph (no image files). One icon per kind, shared by every marker of
 * that kind: Leaflet builds a marker's element only when it is drawn (unclustered and in view), from this
 * short fixed HTML — no data in it. The marker's `title` names it for screen readers (劳务工作站：名称).
 */
const ICONS = Object.fromEntries(
  (Object.keys(GLYPHS) as (keyof typeof GLYPHS)[]).map((kind) => [
    kind,
    L.divIcon({
      html: `<span class="map-marker__glyph" aria-hidden="true">${GLYPHS[kind]}</span>`,
      className: `map-marker map-marker--${kind}`,
      iconSize: [30, 30],
      iconAnchor: [15, 15],
      popupAnchor: [0, -14],
    }),
  ]),
) as Record<keyof typeof GLYPHS, L.DivIcon>

function clusterIcon(cluster: L.MarkerCluster) {
  const count = cluster.getChildCount()
  const size = count < 10 ? 34 : count < 100 ? 40 : 48
  const html = document.createElement('span')
  const number = document.createElement('span')
  number.setAttribute('aria-hidden', 'true')
  number.textContent = String(count)
  const label = document.createElement('span')
  label.className = 'sr-only'
  label.textContent = `${count} 个地点，按回车键展开`
  html.append(number, label)
  return L.divIcon({ html, className: 'map-cluster', iconSize: [size, size] })
}

/** The markers of every shown layer, in one cluster group (so sites of different types at one point spiderfy together). */
function Markers({ loaded, layers, crs }: { loaded: Loaded[]; layers: MapLayer[]; crs: MapCrs }) {
  const map = useMap()
  const [group] = useState(() =>
    L.markerClusterGroup({
      // 5,000 markers are clustered in slices of at most 50 ms with a frame between them, so the page keeps
      // answering while they load; only markers in view are drawn; clusters do not animate on zoom (the
      // animation adds every child of a splitting cluster, then removes it: the longest task at 5,000).
      chunkedLoading: true,
      chunkInterval: 50,
      chunkDelay: 16,
      removeOutsideVisibleBounds: true,
      animate: false,
      spiderfyOnMaxZoom: true,
      showCoverageOnHover: false,
      zoomToBoundsOnClick: true,
      maxClusterRadius: clusterRadius,
      iconCreateFunction: clusterIcon,
    }),
  )
  const [routes] = useState(() => L.layerGroup())
  useEffect(() => {
    map.addLayer(group)
    map.addLayer(routes)
    return () => {
      map.removeLayer(group)
      map.removeLayer(routes)
    }
  }, [map, group, routes])

  const vacancies = useMemo(() => loaded.flatMap((l) => l.data.vacancies), [loaded])
  const byLayer = useMemo(() => {
    const out = new Map<MapLayer, L.Layer[]>()
    const add = (layer: MapLayer, item: L.Layer) => {
      const list = out.get(layer)
      if (list) list.push(item)
      else out.set(layer, [item])
    }
    const seenSites = new Set<number>()
    const seenVacancies = new Set<number>()
    for (const { data } of loaded) {
      for (const site of data.sites) {
        if (seenSites.has(site.id)) continue
        seenSites.add(site.id)
        const name = `${SITE_TYPE_LABELS[site.type]}：${site.name}`
        const marker = L.marker(toDisplay(site, crs), { icon: ICONS[site.type], title: name, keyboard: true, riseOnHover: true })
        marker.bindPopup(
          fitted(map, () => sitePopup(site, () => vacancies)),
          POPUP_OPTIONS,
        )
        add(site.type, marker)
      }
      for (const v of data.vacancies) {
        if (seenVacancies.has(v.id)) continue
        seenVacancies.add(v.id)
        const name = `在招岗位：${v.title}（${v.employerName}）`
        const marker = L.marker(toDisplay(v, crs), { icon: ICONS.vacancy, title: name, keyboard: true, riseOnHover: true })
        marker.bindPopup(
          fitted(map, () => vacancyPopup(v)),
          POPUP_OPTIONS,
        )
        add('vacancies', marker)
      }
      for (const r of data.routes) {
        const from = toDisplay(r.pickup, crs)
        const to = toDisplay(r.destination, crs)
        const name = `包车线路：${r.title}，${r.departureDate} 从${r.pickupName}到${r.destinationName}`
        const popup = () =>
          el(
            'div',
            'site-popup',
            el('p', 'site-popup__type', '包车线路'),
            el('h3', 'site-popup__name', r.title),
            el('dl', 'site-popup__details', row('出发日期', r.departureDate), row('上车地点', r.pickupName), row('目的地', r.destinationName)),
          )
        const line = L.polyline([from, to], { color: '#6b3fa0', weight: 3, dashArray: '8 6', className: 'map-route' })
        line.bindPopup(fitted(map, popup), POPUP_OPTIONS)
        const ends = (['起', '终'] as const).map((glyph, i) => {
          const end = L.marker(i === 0 ? from : to, {
            icon: L.divIcon({ html: glyph, className: 'map-marker map-marker--route', iconSize: [24, 24], iconAnchor: [12, 12] }),
            title: `${name}（${i === 0 ? '上车地点' : '目的地'}）`,
            keyboard: true,
          })
          end.bindPopup(fitted(map, popup), POPUP_OPTIONS)
          return end
        })
        add('routes', L.layerGroup([line, ...ends]))
      }
    }
    return out
  }, [loaded, crs, vacancies, map])

  // A toggled layer adds or removes only its own markers; everything is rebuilt only when new data arrives.
  // Keyed on the layers' names, so a re-render with an equal list (the page after a pan) does nothing.
  const layersKey = layers.join(',')
  const shown = useRef<{ byLayer: typeof byLayer; layers: Set<MapLayer> } | null>(null)
  useEffect(() => {
    const want = new Set(layersKey ? (layersKey.split(',') as MapLayer[]) : [])
    const before = shown.current?.byLayer === byLayer ? shown.current.layers : null
    if (!before) {
      group.clearLayers()
      routes.clearLayers()
    }
    const added = [...want].filter((l) => !before?.has(l))
    const removed = before ? [...before].filter((l) => !want.has(l)) : []
    const markersOf = (ls: MapLayer[]) => ls.filter((l) => l !== 'routes').flatMap((l) => byLayer.get(l) ?? [])
    if (removed.length > 0) group.removeLayers(markersOf(removed))
    if (added.length > 0) group.addLayers(markersOf(added))
    if (removed.includes('routes')) routes.clearLayers()
    if (added.includes('routes')) for (const r of byLayer.get('routes') ?? []) routes.addLayer(r)
    shown.current = { byLayer, layers: want }
  }, [group, routes, byLayer, layersKey])
  return null
}

/**
 * The visitor's focus (a workplace, a typed place): a marker with its name always shown, both beneath the sites'
 * markers and not clickable, so the site found at that very place (a county seat's workstation) stays on top
 * and takes the tap. The name wraps within the map's width (app/styles/map.css).
 */
function Focus({ focus, crs }: { focus: NonNullable<SiteMapProps['focus']>; crs: MapCrs }) {
  const map = useMap()
  // Above the outline and routes, below the markers (600) and their tooltips.
  if (!map.getPane('focus')) {
    const pane = map.createPane('focus')
    pane.style.zIndex = '590'
    pane.style.pointerEvents = 'none'
  }
  // By value: the page hands a new object on every render (after each pan), the same place.
  const { lat, lng, label } = focus
  useEffect(() => {
    const marker = L.marker(toDisplay({ lat, lng }, crs), {
      icon: L.divIcon({ html: '我', className: 'map-marker map-marker--focus', iconSize: [30, 30], iconAnchor: [15, 15] }),
      title: label,
      keyboard: false,
      interactive: false,
      pane: 'focus',
    })
    // As text, never HTML: the label carries an employer's name as a bureau typed it.
    marker.bindTooltip(el('span', null, label), { permanent: true, direction: 'top', offset: [0, -14], className: 'map-focus__label', pane: 'focus' })
    marker.addTo(map)
    return () => {
      marker.remove()
    }
  }, [map, lat, lng, label, crs])
  return null
}

/**
 * Keeps the map and the URL in step: reports the visitor's pans and zooms (debounced, in WGS-84), follows a
 * new `view`/focus from the page, and fits the shown pairs' areas when the URL names no centre. `viewKey`
 * changes with every navigation of the page (a 在地图上看 link), so the map goes back to the view the link
 * names even when that view is the one the URL named before the visitor panned away.
 */
function ViewSync({
  view,
  viewKey,
  onViewChange,
  crs,
  fitCodes,
  focus,
}: {
  view: MapView
  viewKey: string | undefined
  onViewChange: (view: MapView) => void
  crs: MapCrs
  fitCodes: string[]
  focus: SiteMapProps['focus']
}) {
  const map = useMap()
  const latest = useRef({ view, onViewChange })
  useEffect(() => {
    latest.current = { view, onViewChange }
  })
  const programmatic = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  useMapEvents({
    movestart: () => clearTimeout(timer.current),
    moveend: () => {
      if (programmatic.current) {
        programmatic.current = false
        return
      }
      clearTimeout(timer.current)
      timer.current = setTimeout(() => {
        const c = map.getCenter()
        const centre = toStored({ lat: c.lat, lng: c.lng }, crs)
        latest.current.onViewChange({ ...latest.current.view, centre, zoom: Math.round(map.getZoom()) })
      }, VIEW_DEBOUNCE_MS)
    },
  })
  useEffect(() => () => clearTimeout(timer.current), [])

  const [lat, lng, zoom] = [view.centre?.lat, view.centre?.lng, view.zoom]
  const [focusLat, focusLng] = [focus?.lat, focus?.lng]
  const fitKey = fitCodes.join(',')
  useEffect(() => {
    // A move the page asked for is not reported back; one that changes nothing fires no moveend, so the
    // flag also clears itself.
    const move = (run: () => void) => {
      programmatic.current = true
      run()
      setTimeout(() => (programmatic.current = false), 600)
    }
    if (lat != null && lng != null && zoom != null) {
      const want = toDisplay({ lat, lng }, crs)
      const here = map.getCenter()
      if (Math.abs(here.lat - want.lat) > 1e-4 || Math.abs(here.lng - want.lng) > 1e-4 || map.getZoom() !== zoom) {
        move(() => map.setView(want, zoom, { animate: false }))
      }
    } else if (focusLat != null && focusLng != null) {
      move(() => map.setView(toDisplay({ lat: focusLat, lng: focusLng }, crs), 11, { animate: false }))
    } else {
      move(() => map.fitBounds(outlineBounds(fitKey ? fitKey.split(',') : [], crs), { padding: [8, 8], animate: false }))
    }
  }, [map, lat, lng, zoom, crs, fitKey, focusLat, focusLng, viewKey])
  return null
}

/** The operator's tiles; reports a failed tile before any loaded (a tile server down or unreachable): the outline is shown instead. */
function Tiles({ tiles, onFail }: { tiles: NonNullable<SiteMapProps['tiles']>; onFail: () => void }) {
  // Once one tile has loaded the server works: a later missing tile (outside its coverage) is not a failure.
  const someLoaded = useRef(false)
  const map = useMap()
  // Leaflet's own prefix is a flag and a link to its site: plain text names it without either.
  useEffect(() => {
    map.attributionControl?.setPrefix('Leaflet')
  }, [map])
  return (
    <TileLayer
      url={tiles.url}
      attribution={tiles.attribution}
      maxZoom={tiles.maxZoom}
      eventHandlers={{ tileload: () => (someLoaded.current = true), tileerror: () => (someLoaded.current ? undefined : onFail()) }}
    />
  )
}

/**
 * The public map (issue 14 §2–3): fetches `${dataPath}/${pairId}` once per shown pair (the browser caches it),
 * shows each layer named in `view.layers` (sites clustered with spiderfy, vacancies, routes as lines), over
 * `tiles` in their coordinate system or, without tiles or when they fail, over the bundled outline. Calls
 * `onViewChange` after the visitor pans or zooms. Keyboard: Tab reaches the map (arrow keys pan, +/− zoom)
 * and each marker (Enter opens its popup). `viewKey`: see ViewSync.
 */
export default function SiteMap({ pairs, view, viewKey, onViewChange, tiles, dataPath, focus }: SiteMapProps & { viewKey?: string }) {
  const [loaded, setLoaded] = useState<Loaded[]>([])
  const [failed, setFailed] = useState<number[]>([])
  const [tilesFailed, setTilesFailed] = useState(false)
  const pairIds = pairs.map((p) => p.id).join(',')

  useEffect(() => {
    const ids = pairIds ? pairIds.split(',').map(Number) : []
    const controller = new AbortController()
    void Promise.all(
      ids.map((id) =>
        fetch(`${dataPath}/${id}`, { signal: controller.signal, credentials: 'same-origin' })
          .then((r) => (r.ok ? (r.json() as Promise<MapPairData>) : Promise.reject(new Error(String(r.status)))))
          .then((data): Loaded => ({ pairId: id, data }))
          .catch(() => id),
      ),
    ).then((all) => {
      if (controller.signal.aborted) return
      setLoaded(all.filter((x): x is Loaded => typeof x !== 'number'))
      setFailed(all.filter((x): x is number => typeof x === 'number'))
    })
    return () => controller.abort()
  }, [pairIds, dataPath])

  const crs: MapCrs = tiles?.crs ?? 'wgs84'
  const showOutline = !tiles || tilesFailed
  const fitCodes = useMemo(() => loaded.flatMap((l) => [l.data.pair.countyCode, l.data.pair.cityCode]), [loaded])
  const counts = useMemo(() => {
    const sites = new Set(loaded.flatMap((l) => l.data.sites.filter((s) => view.layers.includes(s.type)).map((s) => s.id)))
    const vacancies = view.layers.includes('vacancies') ? new Set(loaded.flatMap((l) => l.data.vacancies.map((v) => v.id))).size : 0
    const routes = view.layers.includes('routes') ? loaded.reduce((n, l) => n + l.data.routes.length, 0) : 0
    return { sites: sites.size, vacancies, routes }
  }, [loaded, view.layers])
  const start: LatLng = view.centre ? toDisplay(view.centre, crs) : { lat: 33.3, lng: 113.9 }

  return (
    <div className={`site-map${showOutline ? ' site-map--outline' : ''}`}>
      <MapContainer
        center={[start.lat, start.lng]}
        zoom={view.zoom ?? 5}
        minZoom={4}
        maxZoom={tiles && !tilesFailed ? tiles.maxZoom : 18}
        className="site-map__map"
        attributionControl={Boolean(tiles) && !tilesFailed}
        gestureHandling
        gestureHandlingOptions={{ text: TEXT, duration: 1500 }}
        keyboardPanDelta={120}
        zoomControl={false}
      >
        <ChineseControls />
        {tiles && !tilesFailed ? <Tiles tiles={tiles} onFail={() => setTilesFailed(true)} /> : null}
        {showOutline ? <MapOutline crs={crs} /> : null}
        <Markers loaded={loaded} layers={view.layers} crs={crs} />
        {focus ? <Focus focus={focus} crs={crs} /> : null}
        <ViewSync view={view} viewKey={viewKey} onViewChange={onViewChange} crs={crs} fitCodes={fitCodes} focus={focus} />
      </MapContainer>
      <p className="site-map__status small muted" aria-live="polite">
        {loaded.length === 0 && failed.length === 0
          ? '正在加载地图数据…'
          : `地图上有 ${counts.sites} 个站点${view.layers.includes('vacancies') ? `、${counts.vacancies} 个在招岗位` : ''}${counts.routes > 0 ? `、${counts.routes} 条包车线路` : ''}。`}
        {failed.length > 0 ? ` ${failed.map((id) => pairs.find((p) => p.id === id)?.label ?? id).join('、')}的数据没有加载成功，请稍后刷新。` : ''}
        {tiles && tilesFailed ? ' 底图无法加载，地图显示简图（省、区县和地市界线）。' : ''}
        {!tiles ? ' 地图为简图：显示省、区县和地市界线，对口地区着色。' : ''}
      </p>
      <ul className="site-map__legend small" aria-label="图例">
        {(['workstation', 'workshop', 'base', 'service_point'] as const).map((t) => (
          <li key={t}>
            <span className={`map-marker map-marker--${t} map-marker--legend`} aria-hidden="true">
              <span className="map-marker__glyph">{GLYPHS[t]}</span>
            </span>
            {SITE_TYPE_LABELS[t]}
          </li>
        ))}
        <li>
          <span className="map-marker map-marker--vacancy map-marker--legend" aria-hidden="true">
            <span className="map-marker__glyph">{GLYPHS.vacancy}</span>
          </span>
          在招岗位
        </li>
        <li>
          <span className="map-legend__route" aria-hidden="true" />
          包车线路（起 → 终）
        </li>
      </ul>
    </div>
  )
}
