import { Link } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterActions, FilterForm, FilterSearch, FilterSelect, ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import type { SiteFields } from '~/rules/site'
import type { SiteStatus } from '~/rules/site-enums'
import { SITE_STATUS, SITE_STATUS_LABELS, SITE_TYPE_LABELS, siteServicesText } from '~/rules/site-labels'

// The owner's list of service sites (issue 14 §1), /east/sites and /west/sites: filters by type, status
// and a search, one card per site on a phone, 30 a page, open sites first and then by site number (the
// order of listOwnSites, which the export shares); 导出 Excel exports the filtered list.

/** One row of the list, as siteListLoader (app/models/site-page.server.ts) gives it: the fields but the point. */
export type SiteListRow = Omit<SiteFields, 'lat' | 'lng'> & { id: number; status: SiteStatus }

function columnsFor(side: 'east' | 'west'): Column<SiteListRow>[] {
  return [
    {
      header: '站点',
      className: 'site-table__site',
      cell: (r) => (
        <>
          <Link to={`/${side}/sites/${r.id}`}>{r.name}</Link> <StatusBadge spec={SITE_STATUS} status={r.status} />
          <div className="muted small">
            <span className="mono">{r.siteNumber}</span> · {r.address}
          </div>
        </>
      ),
    },
    { header: '类型', cell: (r) => SITE_TYPE_LABELS[r.type], className: 'site-table__type' },
    { header: '服务内容', cell: (r) => siteServicesText(r.services), className: 'wrap' },
    {
      header: '联系人',
      cell: (r) => (
        <>
          {r.contactName}{' '}
          <a href={`tel:${r.contactPhone}`} className="site-table__phone">
            {r.contactPhone}
          </a>
        </>
      ),
    },
    { header: '服务人数', cell: (r) => r.workersHelped.toLocaleString('zh-CN'), num: true },
  ]
}

/**
 * The list page of an owner's sites. Takes the side (for its links), the filters read from the URL and
 * the page (rows, page, pageCount, total).
 */
export function SiteListPage({
  side,
  filters,
  rows,
  page,
  pageCount,
  total,
}: {
  side: 'east' | 'west'
  filters: { type: string; status: string; q: string }
  rows: SiteListRow[]
  page: number
  pageCount: number
  total: number
}) {
  const filtered = Boolean(filters.type || filters.status || filters.q)
  const base = `/${side}/sites`
  return (
    <main className="container page">
      <PageHead title="服务站点">
        <Link to={`${base}/new`} className="button">
          新增站点
        </Link>
      </PageHead>
      <p className="muted">
        {side === 'east' ? '本市' : '本区县'}的劳务工作站、帮扶车间、帮扶基地和零工市场。运营中的站点显示在公开的<Link to="/map">地图</Link>上。{' '}
        <Link to={`${base}/import`}>批量导入</Link> · <a href={`${base}/template.xlsx`}>下载模板</a>
      </p>
      <FilterForm values={filters} className="filters--sites">
        <FilterSelect name="type" label="类型" labels={SITE_TYPE_LABELS} value={filters.type} />
        <FilterSelect name="status" label="状态" labels={SITE_STATUS_LABELS} value={filters.status} />
        <FilterSearch label="查找" value={filters.q} placeholder="名称、编号或地址" />
        <FilterActions filtered={filtered} clearTo={base} />
      </FilterForm>
      {/* 导出 Excel exports what the list shows: the filters ride along as hidden fields. */}
      <ListExportBar action={`${base}/export.xlsx`} params={Object.entries(filters).filter(([, v]) => v !== '')}>
        {filtered ? `符合条件的站点 ${total} 个` : `共 ${total} 个站点`} · 运营中的在前，按站点编号排列，导出的表格顺序相同
      </ListExportBar>
      <DataTable
        rows={rows}
        columns={columnsFor(side)}
        className="site-table"
        stacked
        empty={filtered ? '没有符合条件的站点。' : '还没有站点。点“新增站点”登记第一个，或批量导入。'}
        emptyClassName="card muted"
      />
      <Pager page={page} pageCount={pageCount} total={total} />
    </main>
  )
}
