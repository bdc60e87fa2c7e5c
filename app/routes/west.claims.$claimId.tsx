import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { ClaimDecisions, ClaimFileView, FlagList, ReviewTimeline, TicketReview, type ReviewFlag } from '~/components/claim-review'
import { ErrorSummary, errorSummaryItems } from '~/components/error-summary'
import { FactsCard } from '~/components/facts'
import { FormAlert } from '~/components/form-alert'
import { PageHead } from '~/components/page-head'
import { StatusBadge } from '~/components/status-badge'
import { flagsOfClaim } from '~/models/claim-flags.server'
import { approvalPreviewFen, decideClaim, decideTickets, getClaimForReview, isReviewableClaim, startReview, type SeenClaim } from '~/models/claim-review.server'
import { formatDate, formatDateTime } from '~/rules/dates'
import { claimReasonsOpen, ticketReasonsOpen } from '~/rules/reject-reasons'
import { optionalText, recordIdField } from '~/rules/fields'
import { HOUSEHOLD_LABELS } from '~/rules/registry'
import { formatFen } from '~/rules/money'
import { CLAIM_STATES, REJECT_REASONS, TICKET_DECISIONS } from '~/rules/subsidy-enums'
import { EMPLOYMENT_PROOF_LABELS, PAYMENT_CARD_KIND_LABELS, REJECT_REASON_LABELS, WORK_DISTANCE_LABELS } from '~/rules/subsidy-labels'
import { CLAIM_STATUS } from '~/rules/subsidy-states'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { pageTitle } from '~/utils/meta'
import { failureReply, readIntent, type Result } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import styles from '~/styles/claim-review.css'

// The county's review page of one subsidy claim (issue 13 §6): the claimant's facts, the tickets with their
// images beside the data and the rules' verdict, duplicate flags, the timeline with who did what, and the
// decisions. Another county's claim (or a draft) is a 404. Every decision is a model call that checks the move
// and the version the form carries; a stale form gets 409 "这份申请已由…处理".

const seen = {
  seenState: z.enum(CLAIM_STATES, { error: () => '请刷新页面后再操作' }),
  version: z
    .string({ error: () => '请刷新页面后再操作' })
    .regex(/^\d{1,16}$/, { error: () => '请刷新页面后再操作' })
    .transform(Number),
}

const ReviewSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('start'), ...seen }),
  z.object({
    intent: z.literal('tickets'),
    ...seen,
    tickets: z
      .array(
        z.object({
          id: recordIdField,
          decision: z.enum(TICKET_DECISIONS, { error: () => '请选择通过或不通过' }),
          reason: z.enum(REJECT_REASONS, { error: () => '请选择原因' }).optional(),
        }),
      )
      .min(1, { error: () => '没有要保存的车票' }),
  }),
  z.object({ intent: z.literal('approve'), ...seen, message: optionalText('说明', 300, { multiline: true }) }),
  z.object({
    intent: z.literal('reject'),
    ...seen,
    reason: z.enum(REJECT_REASONS, { error: () => '请选择不予通过的原因' }),
    message: optionalText('理由', 300, { required: true, multiline: true }),
  }),
  z.object({ intent: z.literal('return'), ...seen, message: optionalText('需要修改的内容', 300, { required: true, multiline: true }) }),
])

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const found = getClaimForReview(actor, requireRecordId(args.params.claimId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const { claim, claimant, employment } = found
  const personIneligible = found.verdict.personProblems.length > 0
  const flags = flagsOfClaim(db, claim.id, actor.organisationId)
  const flagLine = (f: (typeof flags)[number]): ReviewFlag => ({ ...f.text, href: f.other ? `/west/claims/${f.other.claimId}` : null })
  return {
    claim: { id: claim.id, state: claim.state, version: claim.version, year: claim.year, expectedFen: claim.expectedFen },
    title: `${claimant.name} · ${claim.year}年交通补助`,
    claimant: [
      { term: '姓名', value: claimant.name },
      { term: '身份证号码', value: claimant.idNumberMasked },
      { term: '手机号码', value: claimant.phoneMasked ?? '—' },
      { term: '乡镇（街道）', value: claimant.townshipName ?? '—' },
      { term: '户类型', value: HOUSEHOLD_LABELS[claimant.householdStatus] },
      { term: '账号核验', value: claimant.verified ? '已核验' : '未核验' },
    ],
    facts: [
      { term: '申领方式', value: claim.flat ? '定额（无车票）' : claim.topUp ? '按票补差' : '按车票据实' },
      { term: '务工地', value: `${WORK_DISTANCE_LABELS[claim.workDistance]}${claim.workplaceName ? ` · ${claim.workplaceName}` : ''}` },
      {
        term: '就业证明',
        value: employment
          ? `平台就业记录：${employment.employerName}（${employment.cityName}，${employment.startDate} 起）`
          : claim.proofKind
            ? EMPLOYMENT_PROOF_LABELS[claim.proofKind]
            : '—',
      },
      { term: '收款账户', value: claim.cardKind && claim.cardMasked ? `${PAYMENT_CARD_KIND_LABELS[claim.cardKind]} ${claim.cardMasked}` : '未填写' },
      { term: '提交时间', value: claim.submittedAt ? formatDateTime(claim.submittedAt) : '—' },
      { term: '申报', value: claim.assistedBy ? `工作人员代为申报（${claim.assistedBy}）` : `本人申报，承诺书签名：${claim.commitmentName ?? '—'}` },
      { term: '预计金额', value: formatFen(claim.expectedFen) },
      ...(claim.approvedFen != null ? [{ term: '核定金额', value: formatFen(claim.approvedFen) }] : []),
      ...(claim.decidedBy ? [{ term: '决定人', value: `${claim.decidedBy}${claim.decidedAt ? `（${formatDate(claim.decidedAt)}）` : ''}` }] : []),
      ...(claim.decisionReason ? [{ term: '原因', value: REJECT_REASON_LABELS[claim.decisionReason] }] : []),
      ...(claim.decisionMessage ? [{ term: '说明', value: claim.decisionMessage, prewrap: true }] : []),
      ...(claim.lastReturn
        ? [
            {
              term: '上次退回',
              value: `${claim.lastReturn.by ?? '—'}（${formatDate(claim.lastReturn.at)}）${claim.lastReturn.message ? `：${claim.lastReturn.message}` : ''}`,
              prewrap: true,
            },
          ]
        : []),
    ],
    personProblems: found.verdict.personProblems,
    rulesAmount: formatFen(found.verdict.amountFen),
    proofFiles: found.files.filter((f) => f.ticketId == null),
    files: found.files,
    // The refusal reasons each ticket may be given: a fact reason only where the rules found that fact.
    tickets: found.tickets.map((t) => ({
      ...t,
      reasons: ticketReasonsOpen({ reason: t.verdict.reason, personIneligible }),
      flags: flags.filter((f) => f.ticketId === t.id).map(flagLine),
    })),
    claimReasons: claimReasonsOpen(
      found.tickets.map((t) => t.verdict.reason),
      personIneligible,
    ),
    claimFlags: flags.filter((f) => f.ticketId == null).map(flagLine),
    flagged: flags.length,
    previewFen: claim.state === 'under_review' ? approvalPreviewFen(actor, claim.id) : null,
    timeline: found.timeline,
  }
}

const DONE = {
  start: '已开始审核，请逐张审核车票。',
  tickets: '车票审核结果已保存。',
  approved: '审核通过。',
  partially_approved: '部分通过：不通过的车票不计入补助。',
  rejected: '已不予通过，申领人会看到原因。',
  returned: '已退回修改，申领人会看到需要修改的内容。',
} as const

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const claimId = requireRecordId(args.params.claimId)
  // Another county's claim is a 404 before the form is read: a bad form must not tell it exists.
  if (!isReviewableClaim(actor, claimId)) throw new Response('Not Found', { status: 404 })
  const formData = await args.request.formData()
  const intent = readIntent(formData, ReviewSchema)
  const submission = parseWithZod(formData, { schema: ReviewSchema })
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const v = submission.value
  const shown: SeenClaim = { seenState: v.seenState, version: v.version }
  let result: Result<object> | null
  let notice: string = DONE.start
  switch (v.intent) {
    case 'start':
      result = startReview(actor, claimId, shown)
      break
    case 'tickets':
      result = decideTickets(
        actor,
        claimId,
        shown,
        v.tickets.map((t) => ({ ticketId: t.id, decision: t.decision, reason: t.decision === 'rejected' ? (t.reason ?? null) : null })),
      )
      notice = DONE.tickets
      break
    case 'approve':
    case 'reject':
    case 'return': {
      const decided = decideClaim(actor, claimId, shown, {
        outcome: v.intent,
        reason: v.intent === 'reject' ? v.reason : null,
        message: v.message,
      })
      if (decided?.ok) notice = DONE[decided.state as keyof typeof DONE] ?? DONE.approved
      result = decided
      break
    }
  }
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(submission, result, { beside: { intent } })
  throw await redirectWithNotice(`/west/claims/${claimId}`, { text: notice })
}

export default function ClaimReviewPage() {
  const c = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const error = reply?.result.error ?? {}
  const errors = (intent: string, field: string) => (reply?.intent === intent ? (error[field] ?? undefined) : undefined)
  // Without JavaScript a refused post reloads this long page at its top: the summary links to each field.
  const anchor = (field: string) =>
    field.startsWith('reason-')
      ? field
      : field.startsWith('tickets')
        ? 'tickets'
        : reply?.intent === 'reject' || reply?.intent === 'return'
          ? `${reply.intent}-${field}`
          : 'decide'
  const summary = reply ? errorSummaryItems(error, anchor) : []
  const seenNow = { state: c.claim.state, version: c.claim.version }
  return (
    <main className="container page">
      <BackLink to="/west/claims">交通补助审核</BackLink>
      <ErrorSummary items={summary} />
      <FormAlert messages={error[''] ?? null} />
      <PageHead
        title={
          <>
            {c.title} <StatusBadge spec={CLAIM_STATUS} status={c.claim.state} />
          </>
        }
      />
      {c.flagged > 0 ? (
        <p className="notice notice--amber">这份申请有 {c.flagged} 处疑似重复（票号、文件或照片与其他申请相同），请对照下面标出的车票和照片核实后再决定。</p>
      ) : null}
      {c.personProblems.length > 0 ? (
        <div className="notice notice--amber">
          <p>按规则核对，申领人不符合条件：</p>
          <ul>
            {c.personProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <FactsCard title="申领人" items={c.claimant} />
      <FactsCard title="申领信息" items={c.facts}>
        <p className="muted small">按规则核对全部车票，可补助 {c.rulesAmount}。</p>
        <FlagList flags={c.claimFlags} />
        {c.proofFiles.length > 0 ? (
          <div className="claim-files">
            {c.proofFiles.map((f, i) => (
              <ClaimFileView key={f.id} file={f} alt={`务工证明 ${i + 1}`} />
            ))}
          </div>
        ) : null}
      </FactsCard>
      <TicketReview tickets={c.tickets} files={c.files} editable={c.claim.state === 'under_review'} seen={seenNow} errors={errors} />
      <ClaimDecisions
        state={c.claim.state}
        seen={seenNow}
        previewFen={c.previewFen}
        expectedFen={c.claim.expectedFen}
        reasons={c.claimReasons}
        errors={errors}
      />
      <ReviewTimeline events={c.timeline} />
    </main>
  )
}

export const meta = pageTitle('审核交通补助申领')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
