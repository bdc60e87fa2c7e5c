import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { listPendingVerifications, listRejectedRegistrations, type ProposalStatus } from '~/models/account.server'
import { formatDate } from '~/rules/dates'
import { requireUser } from '~/utils/auth.server'

const DONE_NOTICE: Record<string, string> = {
  verified: '已确认核验，账号已与台账记录关联。',
  rejected: '已退回，务工人员登录后可以看到退回原因。',
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const pending = listPendingVerifications(user.organisation.id)
  const done = new URL(request.url).searchParams.get('done')
  return {
    total: pending.total,
    pending: pending.rows.map(({ createdAt, ...r }) => ({ ...r, registeredOn: formatDate(createdAt) })),
    rejected: listRejectedRegistrations(user.organisation.id).map(({ rejectedAt, ...r }) => ({
      ...r,
      rejectedOn: rejectedAt ? formatDate(rejectedAt) : '',
    })),
    notice: done ? DONE_NOTICE[done] ?? null : null,
  }
}

export default function VerificationQueue() {
  const data = useLoaderData<typeof loader>()
  return (
    <main className="container page">
      <h1>账号核验</h1>
      {data.notice ? (
        <p className="notice notice--ok" role="status">
          {data.notice}
        </p>
      ) : null}
      <p className="muted">
        务工人员在网上注册后，需要与本县台账核对。系统按身份证号码找出本县台账中的同一人，请核对姓名等信息后确认；台账中没有的，先在台账中添加此人再核验。
      </p>
      <section className="card">
        <h2>待核验（{data.total}）</h2>
        {data.total > data.pending.length ? (
          <p className="muted small">按注册先后显示前 {data.pending.length} 个。</p>
        ) : null}
        {data.pending.length === 0 ? (
          <p className="muted">目前没有等待核验的账号。</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">待核验的注册账号</caption>
              <thead>
                <tr>
                  <th scope="col">姓名</th>
                  <th scope="col">手机号</th>
                  <th scope="col">身份证号</th>
                  <th scope="col">注册日期</th>
                  <th scope="col">本县台账</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {data.pending.map((row) => (
                  <tr key={row.id}>
                    <td>{row.name}</td>
                    <td>{row.phoneMasked}</td>
                    <td>{row.idNumberMasked ?? '—'}</td>
                    <td>{row.registeredOn}</td>
                    <td>
                      <ProposalCell status={row.status} ledgerName={row.ledgerName} />
                    </td>
                    <td>
                      <Link to={`/west/verifications/${row.id}`} aria-label={`核验 ${row.name}`}>
                        核验
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card">
        <h2>已退回</h2>
        <p className="muted small">本人带身份证来核实后，可以打开记录重新核验，不需要重新注册。</p>
        {data.rejected.length === 0 ? (
          <p className="muted">没有退回的注册。</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">已退回的注册</caption>
              <thead>
                <tr>
                  <th scope="col">姓名</th>
                  <th scope="col">手机号</th>
                  <th scope="col">退回日期</th>
                  <th scope="col">原因</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {data.rejected.map((row) => (
                  <tr key={row.id}>
                    <td>{row.name}</td>
                    <td>{row.phoneMasked}</td>
                    <td>{row.rejectedOn}</td>
                    <td>{row.reason}</td>
                    <td>
                      <Link to={`/west/verifications/${row.id}`} aria-label={`查看 ${row.name}`}>
                        查看
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p>
        本人没有智能手机或不会注册？<Link to="/west/accounts/new">为台账中的人员代为开通账号</Link>
      </p>
    </main>
  )
}

function ProposalCell({ status, ledgerName }: { status: ProposalStatus; ledgerName: string | null }) {
  switch (status) {
    case 'match':
      return (
        <>
          {ledgerName} <span className="badge badge--ok">姓名一致</span>
        </>
      )
    case 'name_mismatch':
      return (
        <>
          {ledgerName} <span className="badge badge--warn">姓名与台账不一致</span>
        </>
      )
    case 'linked_elsewhere':
      return <span className="badge badge--warn">台账记录已关联其他账号</span>
    case 'missing':
      return <span className="badge badge--off">台账中无此人</span>
  }
}

export const meta: MetaFunction = () => [{ title: '账号核验 · 鲁渝劳务协作' }]

export function ErrorBoundary() {
  return <ErrorPage />
}
