import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { DataTable, type Column } from '~/components/data-table'
import { Field } from '~/components/forms'
import { FilterActions, FilterForm, FilterSearch, FilterSelect } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { auditSearchOf, countAuditForAdmin, searchAuditForAdmin, type AuditSearchRow } from '~/models/audit.server'
import { ACTION_LABELS } from '~/rules/audit-actions'
import { listOrganisationChoices } from '~/models/organisation.server'
import { AUDIT_COUNT_CAP, AUDIT_EXPORT_MAX, AUDIT_PAGE_SIZE } from '~/rules/audit-search'
import { formatDateTime } from '~/rules/dates'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'

// The whole audit trail for the platform operator (issue 11 §6; MLPS 2.0 security audit), searchable by
// organisation, person, action and Shanghai dates, 50 a page, newest first. Every filter walks an index
// and the count stops at AUDIT_COUNT_CAP, so a search over 805,000 entries is as bounded as a narrow one.

const ACTION_CHOICES = Object.entries(ACTION_LABELS)
  .map(([code, name]) => ({ code, name }))
  .sort((a, b) => a.code.localeCompare(b.code))

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const url = new URL(args.request.url)
  const { filters, values, filtered, errors } = auditSearchOf(url.searchParams)
  const page = {
    values,
    filtered,
    errors,
    organisations: listOrganisationChoices(),
    exportTo: `/admin/audit.xlsx${url.search}`,
  }
  // A date range given backwards is bad input: the message beside 到 and 400, nothing searched.
  if (errors.from || errors.to) return data({ ...page, more: false, page: 1, pageCount: 1, total: 0, rows: [] as ReturnType<typeof rowsOf> }, { status: 400 })
  const counted = countAuditForAdmin(actor, filters, AUDIT_COUNT_CAP) ?? 0
  const list = paginateSearch(url.searchParams, AUDIT_PAGE_SIZE, {
    total: Math.min(counted, AUDIT_COUNT_CAP),
    rows: (limit, offset) => searchAuditForAdmin(actor, filters, { limit, offset }) ?? [],
  })
  return data({ ...page, more: counted > AUDIT_COUNT_CAP, ...pageInfo(list), rows: rowsOf(list.rows) })
}

function rowsOf(rows: AuditSearchRow[]) {
  return rows.map((r) => ({ ...r, at: formatDateTime(r.at) }))
}

type Row = ReturnType<typeof rowsOf>[number]

const COLUMNS: Column<Row>[] = [
  { header: '时间', cell: (r) => r.at, className: 'nowrap' },
  {
    header: '单位',
    cell: (r) => (
      <>
        {r.organisationId ? <Link to={`?org=${r.organisationId}`}>{r.organisationName}</Link> : '—'}
        {r.targetOrganisationId ? (
          <span className="muted small" title="被操作的账号或记录所属单位">
            {' '}
            → <Link to={`?org=${r.targetOrganisationId}`}>{r.targetOrganisationName}</Link>
          </span>
        ) : null}
      </>
    ),
  },
  {
    header: '操作人',
    cell: (r) =>
      r.actorUserId ? (
        <Link to={`/admin/accounts/${r.actorUserId}`}>
          {r.actorName} <span className="muted small">{r.actorLogin}</span>
        </Link>
      ) : (
        '—'
      ),
  },
  { header: '事项', cell: (r) => r.actionLabel },
  {
    header: '对象',
    cell: (r) =>
      r.target ? (
        <Link to={`/admin/accounts/${r.entityId}`}>
          {r.target.name} <span className="muted small">{r.target.login}</span>
        </Link>
      ) : (
        r.targetLabel
      ),
  },
  { header: '原因', cell: (r) => r.reasonLabel },
  { header: 'IP 地址', cell: (r) => r.ip ?? '', className: 'mono' },
]

export default function AuditPage() {
  const d = useLoaderData<typeof loader>()
  return (
    <main className="container page">
      <BackLink to="/admin">返回平台总览</BackLink>
      <PageHead title="操作记录">
        {d.total > 0 && !d.errors.from && !d.errors.to ? (
          <a href={d.exportTo} className="button button--secondary" download>
            导出 Excel
          </a>
        ) : null}
      </PageHead>
      <FilterForm values={d.values}>
        <FilterSelect name="org" label="单位" labels={d.organisations} value={d.values.org} />
        <FilterSearch name="who" label="工作人员用户名" value={d.values.who} placeholder="如 kaizhou" maxLength={32} />
        <FilterSelect name="action" label="事项" labels={ACTION_CHOICES} value={d.values.action} />
        <Field label="从（日期）" id="from" name="from" type="date" defaultValue={d.values.from} errors={d.errors.from} />
        <Field label="到（日期）" id="to" name="to" type="date" defaultValue={d.values.to} errors={d.errors.to} />
        {d.values.actor ? <input type="hidden" name="actor" value={d.values.actor} /> : null}
        <FilterActions filtered={d.filtered} clearTo="/admin/audit" />
      </FilterForm>
      {d.values.actor ? <p className="muted small">只看账号 #{d.values.actor} 的操作。</p> : null}
      {d.more ? (
        <p className="notice">
          符合条件的记录超过 {AUDIT_COUNT_CAP} 条，只列出最新的 {AUDIT_COUNT_CAP} 条（导出最多 {AUDIT_EXPORT_MAX} 条）。请缩小日期范围或加选条件。
        </p>
      ) : null}
      <section className="card">
        <Pager page={d.page} pageCount={d.pageCount} total={d.total} />
        <DataTable rows={d.rows} columns={COLUMNS} stacked className="audit-table" caption="操作记录，按时间从新到旧" empty="没有符合条件的记录。" />
        <Pager page={d.page} pageCount={d.pageCount} />
      </section>
    </main>
  )
}

export const meta = pageTitle('操作记录')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
