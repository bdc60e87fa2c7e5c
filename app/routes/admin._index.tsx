import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { AuditTable } from '~/components/audit-table'
import { Figures } from '~/components/figures'
import { ACTION_LABELS, listRecentAudit } from '~/models/audit.server'
import { listOrganisationsWithCounts } from '~/models/organisation.server'
import { listPairings } from '~/models/pairing.server'
import { summariseAccounts } from '~/models/user.server'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'

const KIND_LABEL: Record<string, string> = { bureau: '山东人社局', centre: '重庆区县就业和人才中心', platform: '平台' }

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const accounts = summariseAccounts()
  const byRole = (role: string) => accounts.find((a) => a.role === role)
  return {
    pairings: listPairings(),
    organisations: listOrganisationsWithCounts(),
    workers: { total: byRole('worker')?.total ?? 0, verified: Number(byRole('worker')?.verified ?? 0) },
    staff: (byRole('east')?.total ?? 0) + (byRole('west')?.total ?? 0) + (byRole('admin')?.total ?? 0),
    activity: listRecentAudit(actor, 12).map((row) => ({ ...row, actionLabel: ACTION_LABELS[row.action] ?? row.action })),
  }
}

export default function AdminHome() {
  const data = useLoaderData<typeof loader>()
  return (
    <main className="container page">
      <h1>平台总览</h1>
      <Figures
        label="平台概况"
        items={[
          { label: '结对关系', value: data.pairings.length },
          { label: '单位', value: data.organisations.length },
          { label: '务工人员账号', value: data.workers.total, hint: `已核验 ${data.workers.verified}` },
          { label: '工作人员账号', value: data.staff },
        ]}
      />
      <section className="card">
        <h2>单位与账号</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col">类型</th>
                <th scope="col">行政区划</th>
                <th scope="col" className="num">
                  工作人员
                </th>
                <th scope="col" className="num">
                  务工人员
                </th>
              </tr>
            </thead>
            <tbody>
              {data.organisations.map((o) => (
                <tr key={o.id}>
                  <td>{o.name}</td>
                  <td>{KIND_LABEL[o.kind] ?? o.kind}</td>
                  <td>
                    {o.areaName}（{o.areaCode}）
                  </td>
                  <td className="num">{o.staff}</td>
                  <td className="num">{o.workers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card">
        <h2>最近操作（全平台）</h2>
        <AuditTable rows={data.activity} caption="全平台最近的操作记录" />
      </section>
    </main>
  )
}

export const meta = pageTitle('平台总览')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
