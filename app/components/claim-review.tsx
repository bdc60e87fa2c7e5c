import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { formatDateTime } from '~/rules/dates'
import { formatFen } from '~/rules/money'
import { type ClaimState, type RejectReason, type TicketDecision } from '~/rules/subsidy-enums'
import { CLAIM_STATE_LABELS, LEG_DIRECTION_LABELS, REJECT_REASON_LABELS, TRAVEL_MODE_LABELS } from '~/rules/subsidy-labels'
import { useIsPending } from '~/utils/pending'
import { ErrorList, SelectField, TextareaField } from './forms'
import { SubmitButton } from './submit-button'

// The parts of the county's review page of a subsidy claim (west.claims.$claimId, issue 13 §6): the tickets with
// their images beside the data and the rules' verdict, the per-ticket decisions, the claim's decisions (approve
// in one step; reject and return open a confirmation step first, a <details>, so it works without JavaScript)
// and the timeline with who did what. Every form carries the state and version the page showed (SeenFields):
// a form left open while someone else moved the claim is refused, never applied twice.

/** A field's messages from the action's reply, when the reply answers the form of `intent`. */
export type IntentErrors = (intent: string, field: string) => string[] | undefined

/** The claim's state and version as the page showed them, sent back by every decision form. */
export type Seen = { state: ClaimState; version: number }

function SeenFields({ seen }: { seen: Seen }) {
  return (
    <>
      <input type="hidden" name="seenState" value={seen.state} />
      <input type="hidden" name="version" value={seen.version} />
    </>
  )
}

/** One decision form: the intent, the seen state, its fields, then its button. */
function DecisionForm({ intent, seen, label, secondary, children }: { intent: string; seen: Seen; label: string; secondary?: boolean; children?: ReactNode }) {
  const pending = useIsPending({ intent })
  return (
    <Form method="post" className="state-form">
      <input type="hidden" name="intent" value={intent} />
      <SeenFields seen={seen} />
      {children}
      {/* In .actions (a flex row) the button keeps its own width: the form is a grid, which would stretch it. */}
      <div className="actions">
        <SubmitButton pending={pending} pendingLabel="正在处理…" className={secondary ? 'button button--secondary' : 'button'}>
          {label}
        </SubmitButton>
      </div>
    </Form>
  )
}

/** A stored file of the claim as the page lists it (served by /claims/files/<id> to the county's staff). */
export type ReviewFile = { id: number; ticketId: number | null; kind: string; originalName: string }

/** A file shown beside its data: an image opens full size, a PDF is a link. */
export function ClaimFileView({ file, alt }: { file: ReviewFile; alt: string }) {
  const href = `/claims/files/${file.id}`
  if (file.kind === 'pdf')
    return (
      <a href={href} className="claim-file claim-file--pdf" target="_blank" rel="noreferrer">
        PDF：{file.originalName}
      </a>
    )
  return (
    <a href={href} className="claim-file" target="_blank" rel="noreferrer">
      <img src={href} alt={alt} loading="lazy" decoding="async" />
    </a>
  )
}

/** A duplicate flag as the page shows it (rules/claim-flag-text.ts), with a link to the other claim when the viewer may open it. */
export type ReviewFlag = { text: string; detail: string | null; href: string | null }

/** The flags of a ticket or of the claim's proof files, amber; nothing when there are none. */
export function FlagList({ flags, className }: { flags: ReviewFlag[]; className?: string }) {
  if (flags.length === 0) return null
  return (
    <ul className={`notice notice--amber${className ? ` ${className}` : ''}`}>
      {flags.map((f, i) => (
        <li key={i}>
          {f.text}
          {f.href ? (
            <>
              {' '}
              <Link to={f.href}>查看那份申请</Link>
            </>
          ) : null}
          {f.detail ? <div className="muted small">{f.detail}</div> : null}
        </li>
      ))}
    </ul>
  )
}

/** A ticket as the review page shows it: data, decision and the rules' verdict. */
export type ReviewTicket = {
  id: number
  position: number
  direction: 'outbound' | 'return'
  mode: keyof typeof TRAVEL_MODE_LABELS
  travelDate: string
  fromPlace: string
  toPlace: string
  fareFen: number
  ticketNumber: string
  decision: TicketDecision | null
  rejectReason: RejectReason | null
  verdict: { eligible: boolean; reason: RejectReason | null; reasonText: string | null }
  /** The refusal reasons this ticket may be given (rules/reject-reasons.ts ticketReasonsOpen). */
  reasons: RejectReason[]
  flags: ReviewFlag[]
}

/** The select's options for `reasons`, labelled. */
const reasonOptions = (reasons: readonly RejectReason[]) => Object.fromEntries(reasons.map((r) => [r, REJECT_REASON_LABELS[r]]))

function DecisionBadge({ t }: { t: ReviewTicket }) {
  if (t.decision === 'approved') return <span className="badge badge--ok">通过</span>
  if (t.decision === 'rejected') return <span className="badge badge--off">不通过：{t.rejectReason ? REJECT_REASON_LABELS[t.rejectReason] : '—'}</span>
  return <span className="badge">未审核</span>
}

/** One ticket's card: its images beside its data, the rules' verdict, duplicate flags, and (when deciding) the choice. */
function TicketCard({ t, files, editable, index, errors }: { t: ReviewTicket; files: ReviewFile[]; editable: boolean; index: number; errors: IntentErrors }) {
  const name = (field: string) => `tickets[${index}].${field}`
  const reasonErrors = errors('tickets', `tickets[${index}].reason`) ?? errors('tickets', `reason-${t.id}`)
  return (
    <li className="claim-ticket card">
      <div className="claim-ticket__files">
        {files.length > 0 ? (
          files.map((f, i) => <ClaimFileView key={f.id} file={f} alt={`第 ${t.position} 张车票的照片 ${i + 1}`} />)
        ) : (
          <p className="muted">没有上传票据</p>
        )}
      </div>
      <div className="claim-ticket__data">
        <h3>
          第 {t.position} 张 · {LEG_DIRECTION_LABELS[t.direction]} <DecisionBadge t={t} />
        </h3>
        <dl className="facts">
          <dt>乘坐方式</dt>
          <dd>{TRAVEL_MODE_LABELS[t.mode]}</dd>
          <dt>乘车日期</dt>
          <dd className="mono">{t.travelDate}</dd>
          <dt>行程</dt>
          <dd>
            {t.fromPlace} → {t.toPlace}
          </dd>
          <dt>票价</dt>
          <dd className="mono">{formatFen(t.fareFen)}</dd>
          <dt>票号</dt>
          <dd className="mono">{t.ticketNumber}</dd>
          <dt>规则核对</dt>
          <dd>
            {t.verdict.eligible ? (
              <span className="badge badge--ok">符合补贴条件</span>
            ) : (
              <>
                <span className="badge badge--warn">不符合补贴条件</span>
                {t.verdict.reasonText ? <div className="small">{t.verdict.reasonText}</div> : null}
              </>
            )}
          </dd>
        </dl>
        <FlagList flags={t.flags} className="claim-ticket__flags" />
        {editable ? (
          <fieldset className="radio-list">
            <legend>审核结果</legend>
            <input type="hidden" name={name('id')} value={t.id} />
            <label>
              <input
                type="radio"
                name={name('decision')}
                value="approved"
                defaultChecked={(t.decision ?? (t.verdict.eligible ? 'approved' : 'rejected')) === 'approved'}
              />
              通过
            </label>
            <label>
              <input
                type="radio"
                name={name('decision')}
                value="rejected"
                defaultChecked={(t.decision ?? (t.verdict.eligible ? 'approved' : 'rejected')) === 'rejected'}
              />
              不通过
            </label>
            <SelectField
              id={`reason-${t.id}`}
              label="不通过的原因"
              name={name('reason')}
              labels={reasonOptions(t.reasons)}
              placeholder="（通过时不用选）"
              defaultValue={[t.rejectReason, t.verdict.reason].find((r) => r != null && t.reasons.includes(r)) ?? ''}
              errors={reasonErrors}
            />
          </fieldset>
        ) : null}
      </div>
    </li>
  )
}

/**
 * The tickets of the claim, each with its images beside its data. While the claim is under review they are one
 * form (通过 / 不通过 with a reason per ticket, preset to the rules' verdict) saved with 保存车票审核结果.
 */
export function TicketReview({
  tickets,
  files,
  editable,
  seen,
  errors,
}: {
  tickets: ReviewTicket[]
  files: ReviewFile[]
  editable: boolean
  seen: Seen
  errors: IntentErrors
}) {
  const list = (
    <ol className="claim-tickets">
      {tickets.map((t, i) => (
        <TicketCard key={t.id} t={t} index={i} files={files.filter((f) => f.ticketId === t.id)} editable={editable} errors={errors} />
      ))}
    </ol>
  )
  return (
    <section id="tickets">
      <h2>车票（{tickets.length} 张）</h2>
      {tickets.length === 0 ? <p className="card muted">按定额申领，没有车票。</p> : null}
      {editable && tickets.length > 0 ? (
        <DecisionForm intent="tickets" seen={seen} label="保存车票审核结果">
          {list}
          <ErrorList errors={errors('tickets', '')} />
        </DecisionForm>
      ) : (
        list
      )}
    </section>
  )
}

/**
 * The claim's decisions for its state: 开始审核 for a new claim (or one whose payment failed); while under review,
 * 审核通过 (the amount the approved tickets give, or why it cannot yet), and 不予通过 / 退回修改, each behind a
 * confirmation step with its reason and message.
 */
export function ClaimDecisions({
  state,
  seen,
  previewFen,
  expectedFen,
  reasons,
  errors,
}: {
  state: ClaimState
  seen: Seen
  previewFen: number | null
  /** What the worker was told (fen): approving less is 部分通过. */
  expectedFen: number
  /** The refusal reasons the claim may be given (rules/reject-reasons.ts claimReasonsOpen). */
  reasons: RejectReason[]
  errors: IntentErrors
}) {
  if (state === 'submitted' || state === 'payment_failed')
    return (
      <section className="card" id="decide">
        <h2>审核</h2>
        <DecisionForm intent="start" seen={seen} label="开始审核" />
        <p className="field__hint">开始审核后才能逐张审核车票和作出决定；审核记录会写明由您开始。</p>
        <ErrorList errors={errors('start', '')} />
      </section>
    )
  if (state !== 'under_review') return null
  const rejectOpen = Boolean(errors('reject', 'reason') ?? errors('reject', 'message'))
  const returnOpen = Boolean(errors('return', 'message'))
  return (
    <section className="card" id="decide">
      <h2>审核决定</h2>
      <DecisionForm intent="approve" seen={seen} label={previewFen != null && previewFen > 0 ? `审核通过（核定 ${formatFen(previewFen)}）` : '审核通过'}>
        <p className="field__hint">
          {previewFen == null
            ? '请先在上面逐张审核车票并保存。'
            : previewFen > 0
              ? `按已通过的车票（或定额）计算，核定金额 ${formatFen(previewFen)}；低于预计金额 ${formatFen(expectedFen)} 时记为“部分通过”。`
              : '按已通过的车票计算补助为 0 元，只能不予通过。'}
        </p>
        <ErrorList errors={errors('approve', '')} />
      </DecisionForm>
      <details className="spaced-top" open={rejectOpen || undefined}>
        <summary className="button button--secondary">不予通过…</summary>
        <DecisionForm intent="reject" seen={seen} label="确认不予通过">
          <p>不予通过后这份申请结束，申领人会看到原因和理由；本年度仍可重新申领。</p>
          <SelectField id="reject-reason" label="原因" name="reason" labels={reasonOptions(reasons)} placeholder="请选择" errors={errors('reject', 'reason')} />
          <TextareaField id="reject-message" label="理由（申领人会看到）" name="message" maxLength={300} rows={3} errors={errors('reject', 'message')} />
          <ErrorList errors={errors('reject', '')} />
        </DecisionForm>
      </details>
      <details className="spaced-top" open={returnOpen || undefined}>
        <summary className="button button--secondary">退回修改…</summary>
        <DecisionForm intent="return" seen={seen} label="确认退回修改">
          <p>退回后申领人可以修改车票和材料，再次提交后回到待审核。</p>
          <TextareaField
            id="return-message"
            label="需要修改什么（申领人会看到）"
            name="message"
            maxLength={300}
            rows={3}
            errors={errors('return', 'message')}
          />
          <ErrorList errors={errors('return', '')} />
        </DecisionForm>
      </details>
    </section>
  )
}

/** One move of the claim as staff read it: when, from and to, who (by name), the reason and message. */
export type ReviewEvent = {
  id: number
  at: number
  fromState: ClaimState | null
  toState: ClaimState
  actorName: string | null
  actorRole: string | null
  reason: RejectReason | null
  message: string | null
}

/** The claim's timeline for staff (issue 13 §6: every transition with who, when and why), oldest first. */
export function ReviewTimeline({ events }: { events: ReviewEvent[] }) {
  return (
    <section className="card" id="timeline">
      <h2>办理记录</h2>
      <ol className="claim-events">
        {events.map((e) => (
          <li key={e.id}>
            <span className="mono muted">{formatDateTime(e.at)}</span> {e.fromState ? `${CLAIM_STATE_LABELS[e.fromState]} → ` : ''}
            <strong>{CLAIM_STATE_LABELS[e.toState]}</strong> · {e.actorName ? `${e.actorName}${e.actorRole === 'worker' ? '（本人）' : ''}` : '系统'}
            {e.reason ? `（${REJECT_REASON_LABELS[e.reason]}）` : ''}
            {e.message ? <div className="prewrap">{e.message}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  )
}
