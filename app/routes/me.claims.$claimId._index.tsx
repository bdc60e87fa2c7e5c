import type { SubmissionResult } from '@conform-to/react'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { ClaimCardForm, ClaimFlatForm, ClaimProofForm } from '~/components/claim-form'
import { ClaimFilesForm, ClaimTicketForm } from '~/components/claim-form-ticket'
import { ClaimAmount, ClaimFileLink, ClaimTickets, type SummaryTicket } from '~/components/claim-summary'
import { ClaimHeadlineAmount } from '~/components/claim-form-status'
import { ClaimTimeline } from '~/components/claim-timeline'
import { FormAlert } from '~/components/form-alert'
import { StatusBadge } from '~/components/status-badge'
import { SubmitButton } from '~/components/submit-button'
import { CLAIM_UPLOAD_LIMITS } from '~/models/claim-file.server'
import { addClaimFiles, claimForWorker, removeClaimFile, removeTicket, saveCard, saveProof, saveTicket, setFlat } from '~/models/claim.server'
import { CardSchema, FlatSchema, MAX_TICKETS_PER_CLAIM, MAX_TICKETS_PER_LEG, ProofSchema, TicketSchema } from '~/rules/claim-form'
import { formatFen } from '~/rules/money'
import { EMPLOYMENT_PROOF_LABELS, PAYMENT_CARD_KIND_LABELS, REJECT_REASON_LABELS, WORK_DISTANCE_LABELS } from '~/rules/subsidy-labels'
import type { TravelMode } from '~/rules/subsidy-enums'
import { CLAIM_STATUS } from '~/rules/subsidy-states'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { failure, failureReply, parseForm, readIntent, type Failure } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { useIsPending } from '~/utils/pending'
import { readUpload, UploadError, type UploadedFile } from '~/utils/upload.server'

// One claim of the worker (issue 13 §3, §8). A draft or a returned claim is the editor: proof of work, tickets
// leg by leg (each with the rules' verdict before submission), the flat amount when there are no tickets, the
// card, and the way to 提交. Each section is its own post (multipart where it carries files, read through
// upload.server with the claim file limits), answered by a redirect back here, so the page works without
// JavaScript and a refresh repeats nothing. Any other state is the read view with the timeline.
// Another worker's claim, or anyone's claim id that is not a number, is a 404.

const IntentSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('ticket') }),
  z.object({ intent: z.literal('files') }),
  z.object({ intent: z.literal('remove-ticket') }),
  z.object({ intent: z.literal('remove-file') }),
  z.object({ intent: z.literal('proof') }),
  z.object({ intent: z.literal('flat') }),
  z.object({ intent: z.literal('card') }),
])

const FORM_KEY = /^(ticket-new|ticket-\d+|files-\d+|proof-files|proof|flat|card|remove-\d+|file-\d+)$/

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'worker' })
  const page = claimForWorker(actor, requireRecordId(args.params.claimId))
  if (!page) throw new Response('Not Found', { status: 404 })
  return page
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'worker' })
  const claimId = requireRecordId(args.params.claimId)
  // Ours before the body is read: reading an upload is the costly part.
  if (!claimForWorker(actor, claimId)) throw new Response('Not Found', { status: 404 })
  const asked = new URL(args.request.url).searchParams.get('form') ?? ''
  const form = FORM_KEY.test(asked) ? asked : ''
  const refuse = (f: Failure, submission: Parameters<typeof failureReply>[0] = null) => failureReply(submission, f, { beside: { form } })

  let formData: FormData
  let files: UploadedFile[] = []
  if (/^multipart\/form-data/i.test(args.request.headers.get('Content-Type') ?? '')) {
    try {
      const upload = await readUpload(args.request, CLAIM_UPLOAD_LIMITS)
      formData = new FormData()
      for (const [name, value] of upload.fields) formData.append(name, value)
      files = upload.files
    } catch (error) {
      if (error instanceof UploadError) return refuse(failure(error.message, { field: 'files', status: error.status }))
      throw error
    }
  } else {
    formData = await args.request.formData()
  }

  const page = `/me/claims/${claimId}`
  // Saved as the worker types (claim-form-autosave.tsx): answered with data, no redirect and no notice.
  const autosave = formData.get('autosave') === '1'
  const intent = readIntent(formData, IntentSchema)
  switch (intent) {
    case 'ticket': {
      const { submission, values } = parseForm(formData, TicketSchema)
      if (!values) return refuse(failure('请按提示修改'), submission)
      const saved = await saveTicket(actor, claimId, values, files)
      if (!saved) throw new Response('Not Found', { status: 404 })
      if (!saved.ok) return refuse(saved, submission)
      if (autosave && values.ticketId != null) return { form, result: null }
      throw await redirectWithNotice(`${page}#ticket-card-${saved.ticketId}`, { text: values.ticketId ? '车票已修改。' : '车票已添加。' })
    }
    case 'files': {
      const ticketId = formData.get('ticketId') == null ? null : requireRecordId(formData.get('ticketId'))
      const saved = await addClaimFiles(actor, claimId, ticketId, files)
      if (!saved) throw new Response('Not Found', { status: 404 })
      if (!saved.ok) return refuse({ ...saved, field: 'files' })
      throw await redirectWithNotice(ticketId ? `${page}#ticket-card-${ticketId}` : `${page}#proof-section`, { text: '文件已上传。' })
    }
    case 'remove-ticket': {
      const removed = await removeTicket(actor, claimId, requireRecordId(formData.get('ticketId')))
      if (!removed) throw new Response('Not Found', { status: 404 })
      if (!removed.ok) return refuse(removed)
      throw await redirectWithNotice(`${page}#tickets`, { text: '车票已删除。' })
    }
    case 'remove-file': {
      const removed = await removeClaimFile(actor, claimId, requireRecordId(formData.get('fileId')))
      if (!removed) throw new Response('Not Found', { status: 404 })
      if (!removed.ok) return refuse(removed)
      throw await redirectWithNotice(page, { text: '文件已删除。' })
    }
    case 'proof': {
      const { submission, values } = parseForm(formData, ProofSchema)
      if (!values) return refuse(failure('请按提示修改'), submission)
      const saved = await saveProof(actor, claimId, values, files)
      if (!saved) throw new Response('Not Found', { status: 404 })
      if (!saved.ok) return refuse(saved, submission)
      if (autosave) return { form, result: null }
      throw await redirectWithNotice(`${page}#proof-section`, { text: '务工证明已保存。' })
    }
    case 'flat': {
      const { submission, values } = parseForm(formData, FlatSchema)
      if (!values) return refuse(failure('请重新选择'), submission)
      const saved = setFlat(actor, claimId, values.flat)
      if (!saved) throw new Response('Not Found', { status: 404 })
      if (!saved.ok) return refuse(saved, submission)
      throw await redirectWithNotice(`${page}#tickets`, { text: values.flat ? '已改为按定额申请。' : '已改为按车票申请，请添加车票。' })
    }
    case 'card': {
      const { submission, values } = parseForm(formData, CardSchema)
      if (!values) return refuse(failure('请按提示修改'), submission)
      const saved = saveCard(actor, claimId, values)
      if (!saved) throw new Response('Not Found', { status: 404 })
      if (!saved.ok) return refuse(saved, submission)
      throw await redirectWithNotice(`${page}#card-section`, { text: '收款卡已保存。' })
    }
  }
}

export default function ClaimPage() {
  const data = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const replyFor = (key: string) => (reply?.form === key ? reply.result : null)
  const { claim } = data
  return (
    <main className="container page">
      <BackLink to="/me/claims">交通补助</BackLink>
      <h1>
        {claim.year} 年交通补助 <StatusBadge spec={CLAIM_STATUS} status={claim.state} />
      </h1>
      {claim.state === 'returned' ? (
        <div className="notice notice--amber" role="status">
          <p>
            <strong>县就业中心退回了您的申请，请修改后重新提交。</strong>
          </p>
          {claim.decisionReason ? <p>原因：{REJECT_REASON_LABELS[claim.decisionReason]}</p> : null}
          {claim.decisionMessage ? <p>说明：{claim.decisionMessage}</p> : null}
        </div>
      ) : null}
      {data.editable ? <Editor data={data} replyFor={replyFor} /> : <ReadView data={data} />}
      <ClaimTimeline events={data.timeline} />
    </main>
  )
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>
type ReplyFor = (key: string) => SubmissionResult<string[]> | null

function Editor({ data, replyFor }: { data: PageData; replyFor: ReplyFor }) {
  const { claim, terms, assessment } = data
  const ticketProblem = assessment?.problems.find((p) => p.field === 'tickets' || p.field === 'flat' || p.field === 'year')
  return (
    <>
      <ClaimAmount
        expectedFen={assessment?.amountFen ?? 0}
        approvedFen={null}
        capped={assessment?.capped ?? false}
        personProblems={assessment?.personProblems ?? []}
        before
      />
      {data.topUp ? (
        <p className="notice" role="status">
          这是补差申请：已按定额核定 {formatFen(data.topUp.paidFen)}（<Link to={`/me/claims/${data.topUp.ofClaimId}`}>查看那份申请</Link>
          ）。补差金额 = 可补贴的去程和返程票价{terms?.capFen != null ? `（最多 ${formatFen(terms.capFen)}）` : ''} − {formatFen(data.topUp.paidFen)}。
        </p>
      ) : null}
      {assessment?.flatInsteadFen != null ? (
        <p className="notice notice--amber" role="status">
          填写的车票都不在补贴范围，按车票补助为 {formatFen(0)}。没有可补贴的车票时，可以删除这些车票，改为按定额申领 {formatFen(assessment.flatInsteadFen)}。
        </p>
      ) : null}
      <section className="section" id="proof-section" aria-labelledby="proof-title">
        <h2 id="proof-title">1. 务工证明</h2>
        <ClaimProofForm
          current={{ proofKind: claim.proofKind, employmentRecordId: claim.employmentRecordId, workDistance: claim.workDistance }}
          accepted={terms?.acceptedProofs ?? []}
          employment={data.employment}
          proofFiles={data.files.filter((f) => f.ticketId == null)}
          lastResult={replyFor('proof') ?? replyFor('proof-files')}
        />
      </section>
      <section className="section" id="tickets" aria-labelledby="tickets-title">
        <h2 id="tickets-title">2. 车票</h2>
        <p className="small muted">去程和返程各填一张或几张（中转的每一程都填，每程最多 {MAX_TICKETS_PER_LEG} 张）。每张车票都要上传照片或 PDF。</p>
        {claim.flat ? (
          <p className="notice notice--ok">您选择了没有车票、按定额申请。</p>
        ) : (
          <ClaimTickets
            tickets={data.tickets}
            files={data.files}
            actions={(t) => <TicketActions ticket={t} eligibleModes={terms?.eligibleModes ?? []} files={data.files} replyFor={replyFor} />}
          />
        )}
        {ticketProblem ? <p className="small form-error">{ticketProblem.message}</p> : null}
        {claim.flat ? null : data.tickets.length >= MAX_TICKETS_PER_CLAIM ? (
          <p className="small muted">去程和返程都已填满 {MAX_TICKETS_PER_LEG} 张，不能再添加。要换一张，请先删除一张。</p>
        ) : (
          <details className="post-details" open={data.tickets.length === 0 || replyFor('ticket-new') != null}>
            <summary>添加一张车票</summary>
            <ClaimTicketForm
              ticket={null}
              eligibleModes={terms?.eligibleModes ?? []}
              lastResult={replyFor('ticket-new')}
              defaultDirection={data.tickets.some((t) => t.direction === 'outbound') ? 'return' : 'outbound'}
            />
          </details>
        )}
        {data.tickets.length === 0 && terms && !data.topUp ? (
          <ClaimFlatForm
            flat={claim.flat}
            amounts={{ outsideChongqingFen: terms.flatOutsideChongqingFen, outsideCountyFen: terms.flatOutsideCountyFen }}
            lastResult={replyFor('flat')}
          />
        ) : null}
      </section>
      <section className="section" id="card-section" aria-labelledby="card-title">
        <h2 id="card-title">3. 收款卡</h2>
        {claim.cardMasked && claim.cardKind ? (
          <>
            <p>
              {PAYMENT_CARD_KIND_LABELS[claim.cardKind]} {claim.cardMasked}
            </p>
            <details className="post-details" open={replyFor('card') != null}>
              <summary>换一张卡</summary>
              <ClaimCardForm lastResult={replyFor('card')} currentKind={claim.cardKind} />
            </details>
          </>
        ) : (
          <ClaimCardForm lastResult={replyFor('card')} currentKind={null} />
        )}
      </section>
      <section className="section" aria-labelledby="submit-title">
        <h2 id="submit-title">4. 提交</h2>
        <p className="small">提交前请核对：每张车票的信息和照片、务工证明、收款卡。提交后要等县就业中心审核，审核中不能再修改。</p>
        <Link to={`/me/claims/${claim.id}/submit`} className="button">
          {claim.state === 'returned' ? '修改好了，重新提交' : '填好了，去提交'}
        </Link>
      </section>
    </>
  )
}

function TicketActions({
  ticket,
  eligibleModes,
  files,
  replyFor,
}: {
  ticket: SummaryTicket
  eligibleModes: readonly TravelMode[]
  files: PageData['files']
  replyFor: ReplyFor
}) {
  const removing = useIsPending({ intent: 'remove-ticket', match: { ticketId: ticket.id } })
  const own = files.filter((f) => f.ticketId === ticket.id)
  return (
    <>
      <ClaimFilesForm ticketId={ticket.id} label="再加照片或 PDF" lastResult={replyFor(`files-${ticket.id}`)} />
      {own.length ? (
        <details className="post-details">
          <summary>删除照片</summary>
          {own.map((f) => (
            <Form key={f.id} method="post" action={`?form=file-${f.id}`} className="actions">
              <input type="hidden" name="intent" value="remove-file" />
              <input type="hidden" name="fileId" value={f.id} />
              <ClaimFileLink file={f} />
              <SubmitButton pending={false} className="button button--secondary button--small">
                删除
              </SubmitButton>
            </Form>
          ))}
        </details>
      ) : null}
      <details className="post-details" open={replyFor(`ticket-${ticket.id}`) != null}>
        <summary>修改这张车票</summary>
        <ClaimTicketForm ticket={ticket} eligibleModes={eligibleModes} lastResult={replyFor(`ticket-${ticket.id}`)} />
      </details>
      <Form method="post" action={`?form=remove-${ticket.id}`}>
        <input type="hidden" name="intent" value="remove-ticket" />
        <input type="hidden" name="ticketId" value={ticket.id} />
        <SubmitButton pending={removing} pendingLabel="正在删除…" className="button button--secondary button--small">
          删除这张车票
        </SubmitButton>
        <FormAlert messages={replyFor(`remove-${ticket.id}`)?.error?.['']} />
      </Form>
    </>
  )
}

function ReadView({ data }: { data: PageData }) {
  const { claim } = data
  return (
    <>
      <ClaimHeadlineAmount claim={claim} topUp={claim.topUpOfClaimId != null} />
      <section className="section" aria-labelledby="read-tickets">
        <h2 id="read-tickets">车票</h2>
        {claim.flat ? (
          <p>没有车票，按定额申请（{WORK_DISTANCE_LABELS[claim.workDistance]}）。</p>
        ) : (
          <ClaimTickets tickets={data.tickets} files={data.files} readOnly />
        )}
      </section>
      <section className="card" aria-labelledby="read-other">
        <h2 id="read-other">务工证明和收款卡</h2>
        <p>务工证明：{claim.proofKind ? EMPLOYMENT_PROOF_LABELS[claim.proofKind] : '—'}</p>
        {data.files
          .filter((f) => f.ticketId == null)
          .map((f) => (
            <p key={f.id} className="small">
              <ClaimFileLink file={f} />
            </p>
          ))}
        <p>收款卡：{claim.cardKind ? `${PAYMENT_CARD_KIND_LABELS[claim.cardKind]} ${claim.cardMasked ?? ''}` : '—'}</p>
      </section>
    </>
  )
}

export const meta = pageTitle('交通补助申请')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
