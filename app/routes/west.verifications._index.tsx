import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { ReferralSection } from '~/components/registration-referrals'
import { listPendingVerifications, listRejectedRegistrations, type ProposalStatus } from '~/models/account.server'
import { handleReferral, isReferralOfCentre, listHandledReferrals, listOpenReferrals, revealReferralPhone } from '~/models/registration-referral.server'
import { formatDate, formatDateTime } from '~/rules/dates'
import { optionalText } from '~/rules/fields'
import { z } from '~/rules/zod'
import { requireUser } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'

const DONE_NOTICE: Record<string, string> = {
  verified: '已确认核验，账号已与台账记录关联。',
  rejected: '已退回，务工人员登录后可以看到退回原因。',
  referral: '已标记为已处理。',
}

// Registration referrals (注册受理): the note is optional; what staff did is mostly "called back".
const HandleReferralSchema = z.object({ note: optionalText('处理说明', 200) })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const pending = listPendingVerifications(user.organisation.id)
  const referrals = listOpenReferrals(user.organisation.id)
  const done = new URL(request.url).searchParams.get('done')
  return {
    total: pending.total,
    pending: pending.rows.map(({ createdAt, ...r }) => ({ ...r, registeredOn: formatDate(createdAt) })),
    rejected: listRejectedRegistrations(user.organisation.id).map(({ rejectedAt, ...r }) => ({
      ...r,
      rejectedOn: rejectedAt ? formatDate(rejectedAt) : '',
    })),
    referrals: { total: referrals.total, rows: referrals.rows.map(({ createdAt, ...r }) => ({ ...r, receivedAt: formatDateTime(createdAt) })) },
    handledReferrals: listHandledReferrals(user.organisation.id, 5).map(({ handledAt, ...r }) => ({ ...r, handledOn: formatDate(handledAt) })),
    notice: done ? DONE_NOTICE[done] ?? null : null,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const formData = await request.formData()
  const referralId = requireRecordId(formData.get('referralId'))
  // Another county's referral answers exactly like a missing one, whatever the intent.
  if (!isReferralOfCentre(user.organisation.id, referralId)) throw new Response('Not Found', { status: 404 })
  const actor = { userId: user.id, organisationId: user.organisation.id, countyCode: user.organisation.areaCode, ip: context.clientIp ?? null }
  switch (formData.get('intent')) {
    case 'reveal-referral-phone': {
      const phone = revealReferralPhone(actor, referralId)
      if (phone === null) throw new Response('Not Found', { status: 404 })
      // In the response body only: never in a URL, never cached.
      return data({ intent: 'reveal' as const, referralId, phone, result: null }, { headers: { 'Cache-Control': 'private, no-store' } })
    }
    case 'handle-referral': {
      const submission = parseWithZod(formData, { schema: HandleReferralSchema })
      if (submission.status !== 'success') {
        return data({ intent: 'handle' as const, referralId, phone: null, result: submission.reply() }, { status: 400 })
      }
      if (!handleReferral(actor, referralId, submission.value.note)) throw new Response('Not Found', { status: 404 })
      throw redirect('/west/verifications?done=referral')
    }
    default:
      throw new Response('Bad Request', { status: 400 })
  }
}

export default function VerificationQueue() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  // A notice from the last redirect no longer describes the page once another form has answered.
  const notice = actionData ? null : data.notice
  return (
    <main className="container page">
      <h1>账号核验</h1>
      {notice ? (
        <p className="notice notice--ok" role="status">
          {notice}
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
      <ReferralSection
        referrals={data.referrals}
        handled={data.handledReferrals}
        revealed={actionData?.intent === 'reveal' ? { referralId: actionData.referralId, phone: actionData.phone } : null}
        reply={actionData?.intent === 'handle' ? { referralId: actionData.referralId, result: actionData.result } : null}
      />
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
