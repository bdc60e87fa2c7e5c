import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation, useSearchParams, useSubmit, type ShouldRevalidateFunction } from '@remix-run/react'
import gestureStyles from 'leaflet-gesture-handling/dist/leaflet-gesture-handling.css'
import leafletStyles from 'leaflet/dist/leaflet.css'
import clusterStyles from 'leaflet.markercluster/dist/MarkerCluster.css'
import { lazy, Suspense, useEffect, useRef, type FormEvent } from 'react'
import { ClientOnly } from '~/components/client-only'
import { NearestList, SitesByArea } from '~/components/map-site-table'
import { Pager } from '~/components/pager'
import { findPlace, listMapPairs, listMapSites, nearestSites, nearestWorkstationsForWorker, siteListPage } from '~/models/map-data.server'
import { distanceMetres, isStaffOfPair, mapViewSearch, parseMapView, type MapLayer, type MapSite, type MapView } from '~/rules/map'
import { SITE_TYPES } from '~/rules/site-enums'
import { SITE_TYPE_LABELS } from '~/rules/site-labels'
import mapStyles from '~/styles/map.css'
import mapPageStyles from '~/styles/map-page.css'
import { actorOf, getViewer } from '~/utils/auth.server'
import { env } from '~/utils/env.server'
import { pageInfo } from '~/utils/page'
import { pageTitle } from '~/utils/meta'

// Leaflet and the map load only here, in their own chunk, after hydration (decision 007).
const SiteMap = lazy(() => import('~/components/site-map.client'))

/** How many sites the answer to a typed place lists above the table (which then shows every distance). */
const NEAR_PLACE = 5

/** The layer checkboxes in the form's order; 包车线路 only shows for the pair's staff. */
const LAYER_LABELS: Record<string, string> = { ...SITE_TYPE_LABELS, service_point: '零工市场', vacancies: '在招岗位', routes: '包车线路' }

/**
 * The view from the URL. The GET form sends each ticked layer as its own `layers` (plus an empty one, so
 * "none ticked" differs from "no form sent"); a shared link has one comma list. Both read the same.
 */
function viewOf(search: URLSearchParams): MapView {
  const params = new URLSearchParams(search)
  const layers = params.getAll('layers')
  if (layers.length > 1) params.set('layers', layers.join(','))
  return parseMapView(params)
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const user = await getViewer(request)
  const actor = user ? actorOf(user, context) : null
  const view = viewOf(url.searchParams)
  const pairs = listMapPairs()
  const chosen = pairs.find((p) => p.id === view.pair) ?? null
  const shown = chosen ? [chosen] : pairs
  const areaCodes = [...new Set(shown.flatMap((p) => [p.countyCode, p.cityCode]))]
  const types = SITE_TYPES.filter((t) => view.layers.includes(t))
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 40)
  const placeText = (url.searchParams.get('place') ?? '').trim().slice(0, 30)
  const place = placeText ? findPlace(placeText) : null
  const point = place?.kind === 'found' ? place.place : null
  const list = listMapSites({ areaCodes, types, q, page: siteListPage(url.searchParams), near: point })
  // Nearest help (issue 14 §5): to a typed place among the ticked types, and a worker's workstations.
  const help = user?.role === 'worker' ? nearestWorkstationsForWorker(user.id) : null
  return {
    view: { ...view, pair: chosen ? chosen.id : null },
    pairs: pairs.map((p) => ({ id: p.id, label: p.label })),
    staffOfShown: shown.some((p) => isStaffOfPair(actor, p)),
    q,
    placeText,
    place,
    near: point ? nearestSites(point, { types, limit: NEAR_PLACE }) : [],
    workplace: help ? { ...help.workplace, near: help.sites } : null,
    rows: list.rows.map((s) => ({ ...s, distance: point ? distanceMetres(point, s) : null })),
    ...pageInfo(list),
    tiles: env.mapTiles,
  }
}

/**
 * A link that only changes `c` and `z` (在地图上看) does not run the loader: the list and the nearest sites stay
 * as they are, and the map follows the URL (MapPage reads the centre and zoom from it, not from the loader).
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) => {
  if (formMethod && formMethod.toUpperCase() !== 'GET') return defaultShouldRevalidate
  if (currentUrl.pathname !== nextUrl.pathname) return defaultShouldRevalidate
  const rest = (u: URL) => {
    const p = new URLSearchParams(u.search)
    p.delete('c')
    p.delete('z')
    p.sort()
    return p.toString()
  }
  return rest(currentUrl) === rest(nextUrl) ? false : defaultShouldRevalidate
}

/** The search of a link to the map centred on a site, with the page's other choices kept. */
function searchAt(search: URLSearchParams, site: Pick<MapSite, 'lat' | 'lng'>) {
  const p = new URLSearchParams(search)
  p.delete('page')
  p.set('c', `${site.lat.toFixed(5)},${site.lng.toFixed(5)}`)
  p.set('z', '14')
  return p.toString()
}

export default function MapPage() {
  const data = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const location = useLocation()
  const submit = useSubmit()
  // The centre and zoom are the URL's: the loader does not run when only they change (shouldRevalidate).
  const fromUrl = viewOf(searchParams)
  const view: MapView = { ...data.view, centre: fromUrl.centre, zoom: fromUrl.zoom }
  // With JavaScript a ticked box or a chosen pair applies at once; a pair change refits the map, a layer
  // change keeps where the visitor is looking. Typed text waits for 查询.
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement
    if (target.type !== 'checkbox' && target.tagName !== 'SELECT') return
    const form = new FormData(event.currentTarget)
    const params = new URLSearchParams()
    const text = (k: string) => {
      const v = form.get(k)
      return typeof v === 'string' ? v : ''
    }
    for (const k of ['pair', 'q', 'place']) if (text(k)) params.set(k, text(k))
    // Always a comma list, so "none ticked" stays none rather than falling back to every layer.
    const ticked = form.getAll('layers').filter((v): v is string => typeof v === 'string' && v !== '')
    params.set('layers', ticked.join(','))
    // Where the visitor is looking now: the address bar has it (onViewChange), the router's location may not.
    const here = viewOf(new URLSearchParams(window.location.search))
    const next = new URLSearchParams(
      mapViewSearch({ ...viewOf(params), centre: target.name === 'pair' ? null : here.centre, zoom: target.name === 'pair' ? null : here.zoom }),
    )
    for (const k of ['q', 'place']) if (params.get(k)) next.set(k, params.get(k)!)
    submit(next, { method: 'get', replace: true, preventScrollReset: true })
  }
  // A pan or zoom is written to the address bar for sharing and reload, without a navigation: a Remix
  // navigation would ask the server again on every move (costly on a weak signal) for an answer that does not
  // change. Only the centre and zoom change here; the router's own state (history.state) is kept.
  const onViewChange = (moved: MapView) => {
    const next = new URLSearchParams(window.location.search)
    next.delete('c')
    next.delete('z')
    for (const [k, v] of new URLSearchParams(mapViewSearch({ pair: null, layers: [], centre: moved.centre, zoom: moved.zoom }))) {
      if (k === 'c' || k === 'z') next.set(k, v)
    }
    window.history.replaceState(window.history.state, '', `${window.location.pathname}?${next.toString()}${window.location.hash}`)
  }
  const shownPairs = data.view.pair == null ? data.pairs : data.pairs.filter((p) => p.id === data.view.pair)
  const focus =
    data.place?.kind === 'found'
      ? { lat: data.place.place.lat, lng: data.place.place.lng, label: data.place.place.name }
      : data.workplace
        ? { lat: data.workplace.lat, lng: data.workplace.lng, label: `工作地点：${data.workplace.label}` }
        : null
  const mapSearch = (site: MapSite) => searchAt(searchParams, site)
  // With JavaScript, a newly asked place scrolls its answer into view (a phone's first screen is the form).
  const results = useRef<HTMLDivElement>(null)
  const askedBefore = useRef(data.placeText)
  useEffect(() => {
    if (data.placeText && data.placeText !== askedBefore.current) results.current?.scrollIntoView({ block: 'start' })
    askedBefore.current = data.placeText
  }, [data.placeText])
  return (
    <main className="container page map-page">
      <h1>服务站点地图</h1>
      <p className="muted">鲁渝劳务协作的劳务工作站、就业帮扶车间、就业帮扶基地和零工市场，以及山东对口城市的在招岗位。点电话号码可以直接拨打。</p>
      {/* Without JavaScript the answer's anchor brings a phone down to it: the form fills the first screen. */}
      <Form method="get" action="/map#results" className="card filters map-filters" onChange={onChange} key={searchParams.toString()}>
        <div className="field">
          <label htmlFor="place">输入区县、乡镇或城市，查找最近的服务站点</label>
          <input id="place" name="place" type="search" defaultValue={data.placeText} maxLength={30} placeholder="如 开州区、汉丰街道、潍坊市" />
        </div>
        <div className="field">
          <label htmlFor="pair">对口地区</label>
          <select id="pair" name="pair" defaultValue={data.view.pair ?? ''}>
            <option value="">全部对口地区</option>
            {data.pairs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="q">站点名称或地址</label>
          <input id="q" name="q" type="search" defaultValue={data.q} maxLength={40} />
        </div>
        <fieldset className="field map-layers">
          <legend>显示</legend>
          <input type="hidden" name="layers" value="" />
          {Object.entries(LAYER_LABELS).map(([layer, label]) => (
            <label key={layer} className="checkbox">
              <input type="checkbox" name="layers" value={layer} defaultChecked={data.view.layers.includes(layer as MapLayer)} /> {label}
            </label>
          ))}
          <p className="small muted">在招岗位和包车线路只显示在地图上；包车线路只对本对口地区的工作人员显示{data.staffOfShown ? '' : '（您现在看不到）'}。</p>
        </fieldset>
        <div className="actions filters__actions">
          <button type="submit" className="button">
            查询
          </button>
          {searchParams.toString() ? (
            <Link to="/map" className="button button--secondary">
              清除条件
            </Link>
          ) : null}
        </div>
      </Form>
      <div id="results" ref={results}>
        <PlaceAnswer data={data} search={searchParams} mapSearch={mapSearch} />
      </div>
      {data.workplace && data.place?.kind !== 'found' ? (
        <section className="card" aria-labelledby="near-work">
          <h2 id="near-work">离您工作地点最近的劳务工作站</h2>
          <p className="small muted">工作地点：{data.workplace.label}</p>
          {data.workplace.near.length ? <NearestList sites={data.workplace.near} mapSearch={mapSearch} /> : <p className="muted">附近还没有劳务工作站。</p>}
        </section>
      ) : null}
      <div id="map">
        <ClientOnly>
          {() => (
            <Suspense fallback={<p className="muted small">正在加载地图…</p>}>
              <SiteMap
                pairs={shownPairs}
                view={view}
                viewKey={location.key}
                onViewChange={onViewChange}
                tiles={data.tiles}
                dataPath="/map/data"
                focus={focus}
              />
            </Suspense>
          )}
        </ClientOnly>
      </div>
      <section aria-labelledby="site-list" className="map-list">
        <h2 id="site-list">站点列表</h2>
        {data.total === 0 ? (
          <p className="muted">
            没有符合条件的站点。{data.view.layers.some((l) => (SITE_TYPES as readonly string[]).includes(l)) ? '' : '请至少勾选一种站点。'}
          </p>
        ) : (
          <>
            <p className="small muted">共 {data.total} 个站点，按地区排列。</p>
            <SitesByArea rows={data.rows} withDistance={data.place?.kind === 'found'} />
            <Pager page={data.page} pageCount={data.pageCount} />
          </>
        )}
      </section>
    </main>
  )
}

/** What a typed place found: the nearest sites, a choice between places of the same name, or why nothing. */
function PlaceAnswer({
  data,
  search,
  mapSearch,
}: {
  data: ReturnType<typeof useLoaderData<typeof loader>>
  search: URLSearchParams
  mapSearch: (site: MapSite) => string
}) {
  const place = data.place
  if (!place) return null
  if (place.kind === 'none') {
    return (
      <p className="notice" role="status">
        {place.message}
      </p>
    )
  }
  if (place.kind === 'choices') {
    return (
      <section className="notice" role="status" aria-labelledby="place-choices">
        <h2 id="place-choices">“{place.text}”有几个地方，请选一个：</h2>
        <ul>
          {place.choices.map((c) => {
            const p = new URLSearchParams(search)
            p.delete('page')
            p.set('place', c.code)
            return (
              <li key={c.code}>
                <Link to={`/map?${p.toString()}`}>{c.label}</Link>
              </li>
            )
          })}
        </ul>
      </section>
    )
  }
  return (
    <section className="card" aria-labelledby="near-place">
      <h2 id="near-place">离{place.place.name}最近的服务站点</h2>
      {place.place.estimate ? <p className="small muted">距离{place.place.estimate}。</p> : null}
      {data.near.length ? <NearestList sites={data.near} mapSearch={mapSearch} /> : <p className="muted">没有找到所选类型的站点。</p>}
    </section>
  )
}

// Leaflet's, the cluster plugin's and the gesture hint's CSS, then the map's own (app/styles/map.css), which overrides them,
// and the page's (the filter form and the lists).
export const links: LinksFunction = () => [leafletStyles, clusterStyles, gestureStyles, mapStyles, mapPageStyles].map((href) => ({ rel: 'stylesheet', href }))

export const meta = pageTitle('服务站点地图')
