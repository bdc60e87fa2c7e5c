import { Form, Link } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { ErrorList, SubmitButton } from '~/components/forms'
import { useIsPending } from '~/utils/pending'
import { StatusBadge } from '~/components/status-badge'
import { VERIFICATION_STATUSES } from '~/rules/verification'

export type ReferralRow = {
  id: number
  receivedAt: string
  name: string
  phoneMasked: string
  /** The account holding the ID number, when it is still this county's. */
  account: { id: number; name: string; phoneMasked: string; verified: boolean; disabled: boolean; workerId: number | null } | null
}
export type HandledReferral = { id: number; name: string; phoneMasked: string; handledOn: string; handledByName: string | null; handlingNote: string | null }
type Reply = { error?: Record<string, string[] | null> | null; initialValue?: Record<string, unknown> | null } | null
type Revealed = { referralId: number; phone: string } | null
type ReplyOfRow = { referralId: number; result: Reply } | null

/**
 * The county's open registration referrals (注册受理) on /west/verifications: masked phones with a
 * "显示完整号码" reveal (the route's action answers it, audited) and a "已处理" form with an optional note,
 * each posting `referralId` and `intent` to the page's own action.
 */
export function ReferralSection({
  referrals,
  handled,
  revealed,
  reply,
}: {
  referrals: { total: number; rows: ReferralRow[] }
  handled: HandledReferral[]
  /** The phone the last action revealed, for that referral only. */
  revealed: Revealed
  /** The last "已处理" answer that failed validation, for that referral only. */
  reply: ReplyOfRow
}) {
  return (
    <section className="card" aria-labelledby="referrals-head">
      <h2 id="referrals-head">注册受理：身份证号码已有账号（{referrals.total}）</h2>
      <p className="muted small">
        有人用本县已有账号的身份证号码注册。系统没有新建账号，也没有告诉对方此号码已注册，只答复“中心会按您留的手机号与您联系”。请按留下的手机号回电，核实是否本人（如忘了登录手机号），还是有人冒用身份证号码，处理后标记“已处理”。
      </p>
      {referrals.total > referrals.rows.length ? <p className="muted small">按受理先后显示前 {referrals.rows.length} 条。</p> : null}
      <DataTable
        rows={referrals.rows}
        columns={referralColumns(revealed, reply)}
        stacked
        caption="待联系的注册受理，手机号已打码"
        empty="目前没有待联系的注册受理。"
      />
      {revealed ? <p className="muted small">查看完整号码已记入操作记录。</p> : null}
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

/** The open referrals' columns: the revealed phone and a failed reply show on their own row only. */
function referralColumns(revealed: Revealed, reply: ReplyOfRow): Column<ReferralRow>[] {
  return [
    { header: '受理时间', cell: (r) => r.receivedAt },
    { header: '填写的姓名', cell: (r) => r.name },
    {
      header: '留下的手机号',
      cell: (r) =>
        revealed?.referralId === r.id ? (
          <a href={`tel:${revealed.phone}`} className="mono">
            {revealed.phone}
          </a>
        ) : (
          <>
            <span className="mono">{r.phoneMasked}</span> <RevealReferralPhone referralId={r.id} name={r.name} />
          </>
        ),
    },
    { header: '已有账号', cell: (r) => <ExistingAccount account={r.account} /> },
    { header: '处理', cell: (r) => <HandleReferralForm referralId={r.id} name={r.name} reply={reply?.referralId === r.id ? reply.result : null} /> },
  ]
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

function ExistingAccount({ account }: { account: ReferralRow['account'] }) {
  if (!account) return <span className="muted">账号已不在本县</span>
  return (
    <>
      {account.name} <span className="mono">{account.phoneMasked}</span>{' '}
      {account.disabled ? (
        <span className="badge badge--off">已停用</span>
      ) : (
        <StatusBadge spec={VERIFICATION_STATUSES} status={account.verified ? 'verified' : 'waiting'} />
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

function HandleReferralForm({ referralId, name, reply }: { referralId: number; name: string; reply: Reply }) {
  const errors = reply?.error
  const typed = reply?.initialValue?.note
  // This row's form only: the other rows stay usable while one is being sent.
  const sending = useIsPending({ intent: 'handle-referral', match: { referralId } })
  const errorId = `referral-note-${referralId}-error`
  return (
    <div className="row-actions">
      <Form method="post" className="row-actions__form">
        <input type="hidden" name="referralId" value={referralId} />
        <label className="row-actions__reason">
          <span>处理说明（选填）</span>
          <input
            type="text"
            name="note"
            size={16}
            maxLength={200}
            defaultValue={typeof typed === 'string' ? typed : undefined}
            placeholder="如：已回电，已找回"
            aria-invalid={errors?.note ? true : undefined}
            aria-describedby={errors?.note ? errorId : undefined}
          />
        </label>
        <SubmitButton
          pending={sending}
          pendingLabel="处理中…"
          name="intent"
          value="handle-referral"
          className="button button--small"
          aria-label={`${name}：已处理`}
        >
          已处理
        </SubmitButton>
        <ErrorList id={errorId} errors={errors?.note} />
      </Form>
    </div>
  )
}
