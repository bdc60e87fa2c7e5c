import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { PageHead } from '~/components/page-head'
import { FIRST_POLICY_YEAR, policiesOfYearForAdmin } from '~/models/subsidy-policy.server'
import { formatFen } from '~/rules/money'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { lastPolicyYear } from '~/models/subsidy-policy-page.server'

// Every county's transport-subsidy policy for one year, for the platform operator (issue 13 §1), each row
// leading to the same editor the county has.

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const last = lastPolicyYear()
  const asked = Number(new URL(args.request.url).searchParams.get('year'))
  const year = Number.isInteger(asked) && asked >= FIRST_POLICY_YEAR && asked <= last ? asked : last - 1
  const rows = (policiesOfYearForAdmin(actor, year) ?? []).map(({ centre, policy, terms }) => ({
    id: centre.id,
    county: centre.name,
    version: policy ? `第 ${policy.version} 版` : '未设置',
    window: terms ? `${terms.opensOn} 至 ${terms.lateUntil ?? terms.closesOn}` : '—',
    flat: terms ? `市外 ${formatFen(terms.flatOutsideChongqingFen)} · 县外 ${formatFen(terms.flatOutsideCountyFen)}` : '—',
    cap: terms ? (terms.capFen == null ? '不封顶' : formatFen(terms.capFen)) : '—',
  }))
  return { year, previous: year > FIRST_POLICY_YEAR ? year - 1 : null, next: year < last ? year + 1 : null, rows }
}

type Row = Awaited<ReturnType<typeof loader>>['rows'][number]

export default function AdminSubsidyPoliciesPage() {
  const { year, previous, next, rows } = useLoaderData<typeof loader>()
  const columns: Column<Row>[] = [
    { header: '区县', cell: (r) => <Link to={`/admin/subsidy-policies/${r.id}/${year}`}>{r.county}</Link> },
    { header: '版本', cell: (r) => r.version },
    { header: '受理至补报止', cell: (r) => r.window },
    { header: '无票定额', cell: (r) => r.flat },
    { header: '封顶', cell: (r) => r.cap },
  ]
  return (
    <main className="container page">
      <PageHead title={`${year}年各区县交通补助政策`}>
        {previous ? <Link to={`?year=${previous}`}>{previous}年</Link> : null}
        {next ? <Link to={`?year=${next}`}>{next}年</Link> : null}
      </PageHead>
      <DataTable columns={columns} rows={rows} stacked empty="还没有区县就业和人才中心。" />
    </main>
  )
}

export const meta = pageTitle('各区县交通补助政策')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
