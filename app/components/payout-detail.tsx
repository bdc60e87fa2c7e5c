import { Form } from '@remix-run/react'
import { formatFen } from '~/rules/money'
import { PAYOUT_FULL_REASONS, PAYOUT_ROW_STATUS, MAX_FAILURE_MESSAGE, payoutMoneyText } from '~/rules/payout'
import { PAYMENT_CARD_KIND_LABELS } from '~/rules/subsidy-labels'
import type { PaymentCardKind, PayoutRowResult, PayoutState } from '~/rules/subsidy-enums'
import { useIsPending } from '~/utils/pending'
import { DataTable, type Column } from './data-table'
import { FormAlert } from './form-alert'
import { ErrorList, Field, SelectField, SubmitButton } from './forms'
import { StatusBadge } from './status-badge'

// The parts of a payout's page (west.payouts.$payoutId._index, issue 13 §7): the claims that may be added
// (ticked, filtered by township), the payout's rows (removed while open; marked paid or failed once exported,
// one or many at a time), and the export to finance. Claims the viewer approved cannot be ticked: separation
// of duties (issue 13 §6), which the model enforces too. Every form works without JavaScript.

/** A claim waiting for a payout, as the pick list shows it. */
export type AddableClaim = {
  id: number
  name: string
  idMasked: string
  township: string | null
  destination: string | null
  approvedFen: number | null
  hasCard: boolean
  decidedBy: string | null
  decidedByViewer: boolean
}

/** One person of the payout, numbers masked. */
export type PayoutPerson = {
  id: number
  name: string
  idMasked: string
  township: string | null
  destination: string | null
  cardKind: PaymentCardKind | null
  cardMasked: string | null
  amountFen: number
  result: PayoutRowResult
  failureMessage: string | null
  markedBy: string | null
  decidedByViewer: boolean
}

/** The field errors of the last reply, when it answered a form of `intents`. */
export type Errors = Record<string, string[] | null | undefined>

const OWN_DECISION = '您审核的，须由其他工作人员办理'

function card(p: { cardKind: PaymentCardKind | null; cardMasked: string | null }) {
  if (!p.cardKind) return '未登记卡号'
  return `${PAYMENT_CARD_KIND_LABELS[p.cardKind]} ${p.cardMasked ?? ''}`
}

/**
 * A notice period on screen, one line on a 360 px phone: the last day without its year when it is the first
 * day's (2026-11-24 至 11-30), each day kept whole (a date never breaks at its hyphen); 未定 without one.
 */
export function NoticePeriod({ from, until }: { from: string | null; until: string | null }) {
  if (!from || !until) return <>未定</>
  const last = until.slice(0, 5) === from.slice(0, 5) ? until.slice(5) : until
  return (
    <>
      <span className="nowrap">{from}</span> 至 <span className="nowrap">{last}</span>
    </>
  )
}

/**
 * A payout's money, the same on the list and the payout page: the one total of every row (the xlsx's 合计) and
 * beneath it, once finance has reported, 其中已发 ¥… · 发放失败 ¥…（n 人）(rules/payout.ts payoutMoneyText).
 */
export function PayoutMoney({ totals }: { totals: { totalFen: number; paidFen: number; failed: number; failedFen: number } }) {
  const { total, split } = payoutMoneyText(totals)
  return (
    <>
      <span className="nowrap">{total}</span>
      {split ? <div className="muted small">{split}</div> : null}
    </>
  )
}

/**
 * 编入申领: the county's claims waiting for a payout as a pick list (a township select above it, a GET form),
 * posting intent `add` with the ticked `claimId`s. Takes the claims, the townships and the chosen one, and the
 * last reply's errors.
 */
export function AddClaimsSection({
  claims,
  townships,
  township,
  errors,
}: {
  claims: AddableClaim[]
  townships: { code: string; name: string }[]
  township: string | null
  errors: Errors
}) {
  const busy = useIsPending({ intent: 'add' })
  const columns: Column<AddableClaim>[] = [
    {
      header: '选择',
      cell: (c) => (
        <input
          type="checkbox"
          name="claimId"
          value={c.id}
          id={`claim-${c.id}`}
          disabled={c.decidedByViewer}
          aria-label={c.decidedByViewer ? `${c.name}（${OWN_DECISION}）` : `选择 ${c.name}`}
        />
      ),
    },
    {
      header: '姓名',
      cell: (c) => (
        <>
          <label htmlFor={`claim-${c.id}`}>
            <strong>{c.name}</strong> <span className="muted small mono">{c.idMasked}</span>
          </label>
          {c.decidedByViewer ? <span className="candidate-warning">{OWN_DECISION}</span> : null}
          {c.hasCard ? null : <span className="candidate-warning">未登记卡号</span>}
        </>
      ),
    },
    { header: '金额', cell: (c) => formatFen(c.approvedFen ?? 0), num: true },
    { header: '乡镇', cell: (c) => c.township ?? '' },
    { header: '务工地', cell: (c) => c.destination ?? '' },
    { header: '审核人', cell: (c) => c.decidedBy ?? '' },
  ]
  return (
    <section className="card" id="add-claims">
      <h2>编入审核通过的申领</h2>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="township">乡镇（街道）</label>
          <select id="township" name="township" defaultValue={township ?? ''}>
            <option value="">全部乡镇</option>
            {townships.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__actions">
          <button type="submit" className="button button--secondary">
            筛选
          </button>
        </div>
      </Form>
      {claims.length === 0 ? (
        <p className="muted">{township ? '这个乡镇没有待发放的申领。' : '没有待发放的申领：审核通过（或发放失败后重新审核通过）的申领会列在这里。'}</p>
      ) : (
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="add" />
          <fieldset className="plain-fieldset">
            <legend className="sr-only">选择要编入的申领</legend>
            <DataTable rows={claims} columns={columns} className="pick-table" />
          </fieldset>
          <ErrorList id="add-errors" errors={errors.claimId} />
          <FormAlert messages={errors['']} />
          <div className="actions">
            <SubmitButton pending={busy}>编入所选申领</SubmitButton>
          </div>
        </Form>
      )}
    </section>
  )
}

/**
 * 发放名单: the payout's rows with their totals. While open each row has 移出; once exported, pending rows are
 * ticked and marked 已发放 or 发放失败 (with the reason finance gave) together, intent `mark_paid` / `mark_failed`.
 */
export function PayoutRowsSection({
  rows,
  totals,
  removable,
  markable,
  opens,
  errors,
}: {
  rows: PayoutPerson[]
  totals: { rows: number; totalFen: number; paid: number; paidFen: number; failed: number; failedFen: number; pending: number }
  removable: boolean
  markable: boolean
  /** While the public notice runs: the day results may be recorded from (`YYYY-MM-DD`). */
  opens: string | null
  errors: Errors
}) {
  const markingPaid = useIsPending({ intent: 'mark_paid' })
  const markingFailed = useIsPending({ intent: 'mark_failed' })
  const marking = markingPaid || markingFailed
  const pending = rows.filter((r) => r.result === 'pending')
  // Separation of duties: when every row still to mark is one the viewer approved, there is nothing they may
  // tick, so the page says who must do it instead of offering buttons that can only be refused.
  const ownOnly = markable && pending.length > 0 && pending.every((r) => r.decidedByViewer)
  const pickable = markable && pending.length > 0 && !ownOnly
  const columns: Column<PayoutPerson>[] = [
    ...(pickable
      ? [
          {
            header: '选择',
            cell: (r: PayoutPerson) =>
              r.result === 'pending' ? (
                <input
                  type="checkbox"
                  name="rowId"
                  value={r.id}
                  id={`row-${r.id}`}
                  disabled={r.decidedByViewer}
                  aria-label={r.decidedByViewer ? `${r.name}（${OWN_DECISION}）` : `选择 ${r.name}`}
                />
              ) : null,
          },
        ]
      : []),
    {
      header: '姓名',
      cell: (r) => (
        <>
          <label htmlFor={pickable ? `row-${r.id}` : undefined}>
            <strong>{r.name}</strong> <span className="muted small mono">{r.idMasked}</span>
          </label>{' '}
          <StatusBadge spec={PAYOUT_ROW_STATUS} status={r.result} />
          {r.failureMessage ? <span className="candidate-warning">失败原因：{r.failureMessage}</span> : null}
          {pickable && r.decidedByViewer && r.result === 'pending' ? <span className="candidate-warning">{OWN_DECISION}</span> : null}
        </>
      ),
    },
    { header: '金额', cell: (r) => formatFen(r.amountFen), num: true },
    { header: '乡镇', cell: (r) => r.township ?? '' },
    { header: '务工地', cell: (r) => r.destination ?? '' },
    { header: '卡号', cell: (r) => <span className="mono">{card(r)}</span> },
    ...(removable
      ? [
          {
            header: '操作',
            cell: (r: PayoutPerson) => (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="rowId" value={r.id} />
                <button type="submit" className="button button--secondary button--small">
                  移出
                </button>
              </Form>
            ),
          },
        ]
      : []),
  ]
  const table = <DataTable rows={rows} columns={columns} className={pickable ? 'pick-table' : 'compact-table'} empty="还没有编入申领。" />
  return (
    <section className="card" id="payout-rows">
      <h2>发放名单</h2>
      <p className="figure-line">
        共 {totals.rows} 人，合计 <strong>{formatFen(totals.totalFen)}</strong>
        {markable || totals.paid + totals.failed > 0
          ? `；已发放 ${totals.paid} 人 ${formatFen(totals.paidFen)}，发放失败 ${totals.failed} 人${totals.failed > 0 ? ` ${formatFen(totals.failedFen)}` : ''}，待登记 ${totals.pending} 人`
          : ''}
      </p>
      {opens ? (
        <p className="notice notice--amber">
          公示期间不能登记发放结果：<span className="nowrap">{opens}</span> 起（公示期满后）再按财政反馈逐人登记。
        </p>
      ) : null}
      {ownOnly ? <p className="notice notice--amber">待登记的申领都是您审核通过的。按职责分离规定，发放结果须由本中心其他工作人员登记。</p> : null}
      <ErrorList id="remove-errors" errors={errors.rowId && !pickable ? errors.rowId : undefined} />
      {pickable ? (
        <Form method="post" className="form">
          <fieldset className="plain-fieldset">
            <legend className="sr-only">选择要登记发放结果的人员</legend>
            {table}
          </fieldset>
          <ErrorList id="mark-errors" errors={errors.rowId} />
          <FormAlert messages={errors['']} />
          <p className="field__hint">勾选财政反馈的人员（可多选），登记为已发放；发放失败的写明原因，申领退回审核队列。</p>
          <div className="actions">
            <SubmitButton pending={marking} name="intent" value="mark_paid">
              标记为已发放
            </SubmitButton>
          </div>
          <details open={errors.message ? true : undefined}>
            <summary className="button button--secondary">标记为发放失败</summary>
            <Field
              id="mark_failed-message"
              label="失败原因"
              name="message"
              hint="如：账户已销户、户名不符（本人可在“交通补助”看到）"
              maxLength={MAX_FAILURE_MESSAGE}
              errors={errors.message}
            />
            <SubmitButton pending={marking} name="intent" value="mark_failed" className="button button--secondary">
              确定标记为发放失败
            </SubmitButton>
          </details>
        </Form>
      ) : (
        <>
          {table}
          {removable ? null : <FormAlert messages={errors['']} />}
        </>
      )}
    </section>
  )
}

/**
 * 导出交财政: posts to the payout's export route (a download, so the page stays); the first export fixes the
 * rows. The full-number file needs a purpose from PAYOUT_FULL_REASONS and is audited.
 */
export function PayoutExportSection({
  payoutId,
  state,
  exportable,
  fullExportable,
  opens,
  rows,
}: {
  payoutId: number
  state: PayoutState
  exportable: boolean
  /** Whether the file with full ID numbers may be chosen (not once closed: nothing is left to pay). */
  fullExportable: boolean
  /** While the public notice runs: the day the payout may go to finance (`YYYY-MM-DD`). */
  opens: string | null
  rows: number
}) {
  const action = `/west/payouts/${payoutId}/export.xlsx`
  const open = state === 'open'
  return (
    <section className="card" id="export">
      <h2>导出发放名单</h2>
      {state === 'closed' ? (
        <p className="field__hint">
          已办结。可以导出名单存档、对账：含每人的发放结果和失败原因，身份证号和卡号打码；金额以元为单位、精确到分，末行为合计。每次导出都记入操作记录。
        </p>
      ) : (
        <p className="field__hint">
          {open ? '导出后名单固定，不能再编入或移出；财政反馈后逐人登记发放结果。' : '已导出。需要时可以再次导出，名单不变。'}
          名单含完整卡号（财政按卡号发放），身份证号打码；金额以元为单位、精确到分，末行为合计。每次导出都记入操作记录。
        </p>
      )}
      {exportable ? (
        <>
          <Form method="post" action={action} reloadDocument className="state-form">
            <button type="submit" className="button">
              {open ? '导出交财政' : state === 'closed' ? '导出名单（存档）' : '再次导出'}
            </button>
          </Form>
          {fullExportable ? (
            <details className="spaced-top">
              <summary>需要完整身份证号码时（须选用途）</summary>
              <Form method="post" action={action} reloadDocument className="form">
                <input type="hidden" name="full" value="1" />
                <SelectField label="用途" name="reason" id="reason" labels={PAYOUT_FULL_REASONS} placeholder="请选择" required />
                <button type="submit" className="button button--secondary">
                  导出含完整身份证号码的名单
                </button>
              </Form>
            </details>
          ) : null}
        </>
      ) : rows > 0 && opens ? (
        <p className="notice notice--amber">
          公示期满后（<span className="nowrap">{opens}</span> 起）可以导出交财政。公示期间有异议的，核实后可以把该申领移出。
        </p>
      ) : (
        <p className="muted">编入申领后可以导出。</p>
      )}
    </section>
  )
}
