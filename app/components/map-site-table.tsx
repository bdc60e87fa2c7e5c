import { Link } from '@remix-run/react'
import { ClientOnly } from '~/components/client-only'
import { DataTable, type Column } from '~/components/data-table'
import { distanceText, type MapSite } from '~/rules/map'
import { SITE_TYPE_LABELS, siteServicesText } from '~/rules/site-labels'

// The public map's list of sites (issue 14 §4): the page without JavaScript and for screen readers, one
// table per area with a caption and column headings; on a phone each row becomes a card (stack-table).

/** A site as the list shows it, with its distance in metres from a typed place (null: none typed). */
export type ListedSite = MapSite & { distance: number | null }

/** A phone number as a tap-to-call link (issue 14 §1); the digits and + only in the href. */
export function PhoneLink({ phone }: { phone: string }) {
  const digits = phone.replace(/[^\d+]/g, '')
  return digits ? <a href={`tel:${digits}`}>{phone}</a> : <>{phone}</>
}

function columnsOf(withDistance: boolean): Column<ListedSite>[] {
  const columns: Column<ListedSite>[] = [
    {
      header: '名称',
      cell: (s) => (
        <>
          <strong>{s.name}</strong>
          <br />
          <span className="muted small">{SITE_TYPE_LABELS[s.type]}</span>
        </>
      ),
      className: 'wrap',
    },
    { header: '地址', cell: (s) => s.address, className: 'wrap' },
    {
      header: '联系人和电话',
      cell: (s) => (
        <>
          {s.contactName} <PhoneLink phone={s.contactPhone} />
        </>
      ),
      className: 'wrap',
    },
    { header: '开放时间', cell: (s) => s.openingHours || '—', className: 'wrap' },
    { header: '服务内容', cell: (s) => siteServicesText(s.services) || '—', className: 'wrap' },
  ]
  if (withDistance) columns.push({ header: '距离', cell: (s) => (s.distance == null ? '—' : distanceText(s.distance)), num: true })
  return columns
}

/**
 * The list grouped by area, in the order the rows come (county, then city, pair by pair): a heading and a
 * table per area. Takes the page's rows and whether a distance column is shown (a place was given).
 */
export function SitesByArea({ rows, withDistance }: { rows: ListedSite[]; withDistance: boolean }) {
  const groups: { code: string; name: string; rows: ListedSite[] }[] = []
  for (const row of rows) {
    const last = groups.at(-1)
    if (last && last.code === row.areaCode) last.rows.push(row)
    else groups.push({ code: row.areaCode, name: row.areaName, rows: [row] })
  }
  const columns = columnsOf(withDistance)
  return (
    <>
      {groups.map((g) => (
        <section key={g.code} aria-labelledby={`area-${g.code}`} className="map-area">
          <h3 id={`area-${g.code}`}>{g.name}</h3>
          <DataTable rows={g.rows} columns={columns} stacked caption={`${g.name}的服务站点`} />
        </section>
      ))}
    </>
  )
}

/** The nearest sites to a point: name, type, distance and phone, nearest first, each linked to the map there. */
export function NearestList({ sites, mapSearch }: { sites: (MapSite & { distance: number })[]; mapSearch: (site: MapSite) => string }) {
  return (
    <ol className="nearest-list">
      {sites.map((s) => (
        <li key={s.id}>
          <strong>{s.name}</strong> 约 {distanceText(s.distance)}
          <br />
          <span className="small">
            {SITE_TYPE_LABELS[s.type]} · {s.areaName} · {s.address} · {s.contactName} <PhoneLink phone={s.contactPhone} />
            {/* Only where there is a map (JavaScript): down to it, centred on the site. */}
            <ClientOnly>
              {() => (
                <>
                  {' · '}
                  <Link to={`/map?${mapSearch(s)}#map`}>在地图上看</Link>
                </>
              )}
            </ClientOnly>
          </span>
        </li>
      ))}
    </ol>
  )
}
