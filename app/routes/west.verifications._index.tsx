import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { ErrorList } from '~/components/forms'
import { listPendingVerifications, listRejectedRegistrations, type ProposalStatus } from '~/models/account.server'
import { handleReferral, isReferralOfCentre, listHandledReferrals, listOpenReferrals, revealReferralPhone } from '~/models/registration-referral.server'
import { formatDate, formatDateTime } from '~/rules/dates'
import { optionalText } from '~/rules/fields'
import { z } from '~/rules/zod'
import { requireUser } from '~/utils/auth.server'
import { parseRecordId } from '~/utils/params.server'

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
  const done = new URL(request.url).searchParams.get('done')
  return {
    total: pending.total,
    pending: pending.rows.map(({ createdAt, ...r }) => ({ ...r, registeredOn: formatDate(createdAt) })),
    rejected: listRejectedRegistrations(user.organisation.id).map(({ rejectedAt, ...r }) => ({
      ...r,
      rejectedOn: rejectedAt ? formatDate(rejectedAt) : '',
    })),
    referrals: (() => {
      const open = listOpenReferrals(user.organisation.id)
      return { total: open.total, rows: open.rows.map(({ createdAt, ...r }) => ({ ...r, receivedAt: formatDateTime(createdAt) })) }
    })(),
    handledReferrals: listHandledReferrals(user.organisation.id, 5).map(({ handledAt, ...r }) => ({ ...r, handledOn: formatDate(handledAt) })),
    notice: done ? DONE_NOTICE[done] ?? null : null,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const formData = await request.formData()
  const referralId = parseRecordId(String(formData.get('referralId') ?? ''))
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
      <ReferralSection referrals={data.referrals} handled={data.handledReferrals} />
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

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

function ReferralSection({ referrals, handled }: { referrals: LoaderData['referrals']; handled: LoaderData['handledReferrals'] }) {
  const actionData = useActionData<typeof action>()
  const revealed = actionData?.intent === 'reveal' ? actionData : null
  return (
    <section className="card" aria-labelledby="referrals-head">
      <h2 id="referrals-head">注册受理：身份证号码已有账号（{referrals.total}）</h2>
      <p className="muted small">
        有人用本县已有账号的身份证号码注册。系统没有新建账号，也没有告诉对方此号码已注册，只答复“中心会按您留的手机号与您联系”。请按留下的手机号回电，核实是否本人（如忘了登录手机号），还是有人冒用身份证号码，处理后标记“已处理”。
      </p>
      {referrals.total > referrals.rows.length ? <p className="muted small">按受理先后显示前 {referrals.rows.length} 条。</p> : null}
      {referrals.rows.length === 0 ? (
        <p className="muted">目前没有待联系的注册受理。</p>
      ) : (
        <div className="table-wrap">
          <table className="stack-table">
            <caption className="sr-only">待联系的注册受理，手机号已打码</caption>
            <thead>
              <tr>
                <th scope="col">受理时间</th>
                <th scope="col">填写的姓名</th>
                <th scope="col">留下的手机号</th>
                <th scope="col">已有账号</th>
                <th scope="col">处理</th>
              </tr>
            </thead>
            <tbody>
              {referrals.rows.map((r) => (
                <tr key={r.id}>
                  <td data-label="受理时间">{r.receivedAt}</td>
                  <td data-label="填写的姓名">{r.name}</td>
                  <td data-label="留下的手机号">
                    {revealed?.referralId === r.id ? (
                      <a href={`tel:${revealed.phone}`} className="mono">
                        {revealed.phone}
                      </a>
                    ) : (
                      <>
                        <span className="mono">{r.phoneMasked}</span> <RevealReferralPhone referralId={r.id} name={r.name} />
                      </>
                    )}
                  </td>
                  <td data-label="已有账号">
                    <ExistingAccount account={r.account} />
                  </td>
                  <td data-label="处理">
                    <HandleReferralForm referralId={r.id} name={r.name} errors={actionData?.intent === 'handle' && actionData.referralId === r.id ? actionData.result?.error : null} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revealed ? <p className="muted small">查看完整号码已记入操作日志。</p> : null}
      {handled.length > 0 ? (
        <details className="spaced-top">
          <summary>最近已处理的 {handled.length} 条</summary>
          <ul className="small">
            {handled.map((h) => (
              <li key={h.id}>
                {h.handledOn} · {h.name}（{h.phoneMasked}）· {h.handledByName ?? '—'}
                {h.handlingNote ? `：${h.handlingNote}` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  )
}

function RevealReferralPhone({ referralId, name }: { referralId: number; name: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="referralId" value={referralId} />
      <button type="submit" name="intent" value="reveal-referral-phone" className="link-button small" aria-label={`显示 ${name} 的完整手机号`}>
        显示完整号码
      </button>
    </Form>
  )
}

function ExistingAccount({ account }: { account: LoaderData['referrals']['rows'][number]['account'] }) {
  if (!account) return <span className="muted">账号已不在本县</span>
  return (
    <>
      {account.name} <span className="mono">{account.phoneMasked}</span>{' '}
      {account.disabled ? (
        <span className="badge badge--off">已停用</span>
      ) : account.verified ? (
        <span className="badge badge--ok">已核验</span>
      ) : (
        <span className="badge badge--warn">待核验</span>
      )}
      <span className="cell-line small">
        <Link to={`/west/verifications/${account.id}`}>查看账号</Link>
        {account.workerId ? (
          <>
            {' · '}
            <Link to={`/west/workers/${account.workerId}`}>台账记录</Link>
          </>
        ) : null}
      </span>
    </>
  )
}

function HandleReferralForm({ referralId, name, errors }: { referralId: number; name: string; errors: Record<string, string[] | null> | null | undefined }) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('referralId') === String(referralId)
  const errorId = `referral-note-${referralId}-error`
  return (
    <Form method="post" className="row-actions row-actions__form">
      <input type="hidden" name="referralId" value={referralId} />
      <label className="row-actions__reason">
        <span>处理说明（选填）</span>
        <input
          type="text"
          name="note"
          maxLength={200}
          placeholder="如：已回电，本人忘了登录手机号"
          aria-invalid={errors?.note ? true : undefined}
          aria-describedby={errors?.note ? errorId : undefined}
        />
      </label>
      <button type="submit" name="intent" value="handle-referral" className="button button--small" disabled={busy} aria-label={`${name}：已处理`}>
        已处理
      </button>
      <ErrorList id={errorId} errors={errors?.note} />
    </Form>
  )
}

export const meta: MetaFunction = () => [{ title: '账号核验 · 鲁渝劳务协作' }]

export function ErrorBoundary() {
  return <ErrorPage />
}
