import type { ReactNode } from 'react'
import { formatFen } from '~/rules/money'
import type { ClaimFileKind, LegDirection, RejectReason, TicketDecision, TravelMode } from '~/rules/subsidy-enums'
import { CLAIM_FILE_KIND_LABELS, LEG_DIRECTION_LABELS, REJECT_REASON_LABELS, TICKET_DECISION_LABELS, TRAVEL_MODE_LABELS } from '~/rules/subsidy-labels'

// A claim's tickets and amount as the worker reads them (issue 13 §3, §8): each ticket with the rules' verdict
// before submission (eligible, or why not) or the reviewer's decision after, its photos as links, and the
// expected amount. The editor puts its forms beside each ticket (`actions`); the read view shows it as it is.

/** One ticket as the page has it. */
export type SummaryTicket = {
  id: number
  direction: LegDirection
  mode: TravelMode
  travelDate: string
  fromPlace: string
  toPlace: string
  fareFen: number
  ticketNumber: string
  decision: TicketDecision | null
  rejectReason: RejectReason | null
  /** The rules' verdict (assessClaim), when the claim has a policy. */
  verdict: { eligible: boolean; reasonText: string | null } | null
}

export type SummaryFile = { id: number; ticketId: number | null; kind: ClaimFileKind; originalName: string }

/** A file as a link to its authorised route (`/claims/files/<id>`), opened in a new tab. */
export function ClaimFileLink({ file }: { file: SummaryFile }) {
  return (
    <a href={`/claims/files/${file.id}`} target="_blank" rel="noreferrer">
      {file.originalName}（{CLAIM_FILE_KIND_LABELS[file.kind]}）
    </a>
  )
}

/** The verdict line of a ticket: the reviewer's decision once made, else the rules' view before submission. */
function TicketVerdict({ ticket }: { ticket: SummaryTicket }) {
  if (ticket.decision) {
    return (
      <p className="small">
        <span className={`badge badge--${ticket.decision === 'approved' ? 'ok' : 'off'}`}>{TICKET_DECISION_LABELS[ticket.decision]}</span>
        {ticket.rejectReason ? ` ${REJECT_REASON_LABELS[ticket.rejectReason]}` : null}
      </p>
    )
  }
  if (!ticket.verdict) return null
  return ticket.verdict.eligible ? (
    <p className="small">
      <span className="badge badge--ok">可以补助</span>
    </p>
  ) : (
    <p className="small">
      <span className="badge badge--warn">不予补助</span> {ticket.verdict.reasonText}
    </p>
  )
}

/**
 * The tickets, numbered as the rules number them (第 n 张, outbound first), each with its verdict and files;
 * `actions(ticket)` adds the editor's forms under a ticket; `readOnly` says a missing photo neutrally (未上传票据)
 * instead of as a task. Says so when there are none.
 */
export function ClaimTickets({
  tickets,
  files,
  actions,
  readOnly = false,
}: {
  tickets: readonly SummaryTicket[]
  files: readonly SummaryFile[]
  actions?: (ticket: SummaryTicket, index: number) => ReactNode
  /** A claim the worker can no longer change: a ticket without a photo is said neutrally, not as a task. */
  readOnly?: boolean
}) {
  if (tickets.length === 0) return <p className="muted">还没有添加车票。</p>
  return (
    <ol className="board-list" aria-label="车票">
      {tickets.map((t, i) => {
        const own = files.filter((f) => f.ticketId === t.id)
        return (
          <li key={t.id} className="job-card" id={`ticket-card-${t.id}`}>
            <h3 className="job-card__title">
              第 {i + 1} 张 · {LEG_DIRECTION_LABELS[t.direction]}
            </h3>
            <p>
              {t.travelDate} {t.fromPlace} → {t.toPlace}
            </p>
            <p className="small">
              {TRAVEL_MODE_LABELS[t.mode]} · 票价 {formatFen(t.fareFen)} · 票号 {t.ticketNumber}
            </p>
            <TicketVerdict ticket={t} />
            {own.length ? (
              <ul className="small">
                {own.map((f) => (
                  <li key={f.id}>
                    <ClaimFileLink file={f} />
                  </li>
                ))}
              </ul>
            ) : readOnly ? (
              <p className="small muted">未上传票据</p>
            ) : (
              <p className="small form-error">还没有上传这张车票的照片或 PDF</p>
            )}
            {actions ? actions(t, i) : null}
          </li>
        )
      })}
    </ol>
  )
}

/**
 * The amount box: the expected amount the rules give (before submission, "以审核为准"), the approved amount once
 * decided, and why the person may not claim when the rules say so.
 */
export function ClaimAmount({
  expectedFen,
  approvedFen,
  capped,
  personProblems,
  before,
}: {
  expectedFen: number
  approvedFen: number | null
  capped: boolean
  personProblems: readonly string[]
  before: boolean
}) {
  return (
    <section className="card" aria-labelledby="claim-amount">
      <h2 id="claim-amount">{before ? '预计补助金额' : '补助金额'}</h2>
      <p className="figure__value">{formatFen(expectedFen)}</p>
      <p className="small muted">{before ? '按本县政策计算，以审核结果为准' : '提交时按本县政策计算的金额'}</p>
      {capped ? <p className="small">已按本县每人每年的补助上限计算。</p> : null}
      {approvedFen != null ? <p>审核核定金额：{formatFen(approvedFen)}</p> : null}
      {personProblems.length ? (
        <div className="notice" role="status">
          <p>
            <strong>目前还不能领取补助：</strong>
          </p>
          <ul>
            {personProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  )
}
