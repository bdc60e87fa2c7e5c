import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { FactsCard } from '~/components/facts'
import { FormAlert } from '~/components/form-alert'
import { PageHead } from '~/components/page-head'
import { AddClaimsSection, NoticePeriod, PayoutExportSection, PayoutMoney, PayoutRowsSection } from '~/components/payout-detail'
import { StatusBadge } from '~/components/status-badge'
import { listTownships } from '~/models/area.server'
import {
  addClaimsToPayout,
  closePayout,
  getPayoutForCounty,
  isCountyPayout,
  listAddableClaims,
  markPayoutRows,
  payoutRowsView,
  removePayoutRow,
} from '~/models/payout.server'
import { todayInShanghai } from '~/rules/dates'
import { parseRecordId } from '~/rules/fields'
import { noticeRefusal, PAYOUT_STATUS, PayoutPageSchema, paymentOpensOn, payoutRefusal, payoutTitle } from '~/rules/payout'
import { requireActor } from '~/utils/auth.server'
import { failure, failureReply, readIntent, type Result } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'

// One payout of the county (发放批次, issue 13 §7): its facts and totals, the approved claims to add (by
// township), its rows (removed while open; marked paid or failed once exported), the export to finance and the
// public notice. Every intent is a model call scoped by the actor's county (another county's payout is a 404);
// separation of duties is the model's (a 403 beside the list naming the person).

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const found = getPayoutForCounty(actor, requireRecordId(args.params.payoutId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const { payout, totals } = found
  const townships = listTownships(actor.areaCode)
  const asked = new URL(args.request.url).searchParams.get('township')
  const township = townships.some((t) => t.code === asked) ? asked : null
  const open = payoutRefusal(payout.state, 'add') === null
  // During the public notice results may not be recorded (issue 13 §7); the page says from which day they may.
  const waitingForNotice = noticeRefusal(payout.noticeUntil, todayInShanghai()) !== null
  return {
    id: payout.id,
    title: payoutTitle(payout.title),
    state: payout.state,
    noticeFrom: payout.noticeFrom,
    noticeUntil: payout.noticeUntil,
    opens: waitingForNotice ? paymentOpensOn(payout.noticeUntil) : null,
    totals,
    township,
    townships,
    addable: open ? listAddableClaims(actor, { township }) : [],
    rows: payoutRowsView(actor, found.rows),
    open,
    markable: payoutRefusal(payout.state, 'mark') === null && !waitingForNotice,
    // A closed payout still exports its list (the record copy, for reconciliation); only the full file is refused.
    exportable: payoutRefusal(payout.state, 'export') === null && totals.rows > 0 && !(open && waitingForNotice),
    fullExportable: payoutRefusal(payout.state, 'export_full') === null,
    closable: payoutRefusal(payout.state, 'close') === null && totals.pending === 0,
  }
}

const DONE: Record<string, (n: number) => string> = {
  add: (n) => `已编入 ${n} 笔申领。`,
  remove: () => '已移出，申领回到待发放。',
  mark_paid: (n) => `已登记 ${n} 人发放成功。`,
  mark_failed: (n) => `已登记 ${n} 人发放失败，申领已退回审核队列。`,
  close: () => '发放批次已办结。',
}

/** The ticked ids of a checkbox list, each read with the one record-id rule; null when one is not an id. */
function tickedIds(formData: FormData, name: string): number[] | null {
  const ids = formData.getAll(name).map((v) => parseRecordId(v))
  return ids.some((id) => id == null) ? null : (ids as number[])
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const payoutId = requireRecordId(args.params.payoutId)
  // Another county's payout is a 404 before its form is read (never a 400 about a form it may not post).
  if (!isCountyPayout(actor, payoutId)) throw new Response('Not Found', { status: 404 })
  const formData = await args.request.formData()
  const intent = readIntent(formData, PayoutPageSchema)
  const submission = parseWithZod(formData, { schema: PayoutPageSchema })
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const v = submission.value
  let result: (Result<{ added?: number; marked?: number }> & object) | null
  switch (v.intent) {
    case 'add': {
      const ids = tickedIds(formData, 'claimId')
      result = ids ? addClaimsToPayout(actor, payoutId, ids) : failure('所选申领无效，请刷新页面后重新选择', { field: 'claimId' })
      break
    }
    case 'remove':
      result = removePayoutRow(actor, payoutId, v.rowId)
      break
    case 'mark_paid':
    case 'mark_failed': {
      const ids = tickedIds(formData, 'rowId')
      const outcome = v.intent === 'mark_paid' ? ({ result: 'paid' } as const) : ({ result: 'failed', message: v.message! } as const)
      result = ids ? markPayoutRows(actor, payoutId, ids, outcome) : failure('所选人员无效，请刷新页面后重新选择', { field: 'rowId' })
      break
    }
    case 'close':
      result = closePayout(actor, payoutId)
      break
  }
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(submission, result, { beside: { intent } })
  const n = result.added ?? result.marked ?? 0
  throw await redirectWithNotice(`/west/payouts/${payoutId}`, { text: DONE[v.intent](n) })
}

export default function PayoutPage() {
  const p = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const error = reply?.result.error ?? {}
  const errorsOf = (...intents: string[]) => (reply && intents.includes(reply.intent) ? error : {})
  return (
    <main className="container page">
      <BackLink to="/west/payouts">补助发放批次</BackLink>
      <PageHead
        title={
          <>
            {p.title} <StatusBadge spec={PAYOUT_STATUS} status={p.state} />
          </>
        }
      >
        <Link to={`/west/payouts/${p.id}/notice`} className="button button--secondary">
          公示名单
        </Link>
      </PageHead>
      <FactsCard
        title="批次信息"
        items={[
          { term: '公示期', value: <NoticePeriod from={p.noticeFrom} until={p.noticeUntil} /> },
          ...(p.opens ? [{ term: '公示期满', value: `${p.opens} 起可以导出交财政、登记发放结果` }] : []),
          { term: '人数', value: `${p.totals.rows} 人` },
          { term: '金额', value: <PayoutMoney totals={p.totals} /> },
        ]}
      />
      {p.open ? <AddClaimsSection claims={p.addable} townships={p.townships} township={p.township} errors={errorsOf('add')} /> : null}
      <PayoutRowsSection
        rows={p.rows}
        totals={p.totals}
        removable={p.open}
        markable={p.markable}
        opens={p.state === 'exported' ? p.opens : null}
        errors={errorsOf('remove', 'mark_paid', 'mark_failed')}
      />
      <PayoutExportSection payoutId={p.id} state={p.state} exportable={p.exportable} fullExportable={p.fullExportable} opens={p.opens} rows={p.totals.rows} />
      {p.state === 'exported' ? (
        <section className="card" id="close">
          <h2>办结</h2>
          <FormAlert messages={errorsOf('close')['']} />
          {p.closable ? (
            <Form method="post" className="state-form">
              <input type="hidden" name="intent" value="close" />
              <button type="submit" className="button">
                办结发放批次
              </button>
            </Form>
          ) : (
            <p className="muted">每个人都登记发放结果（已发放或发放失败）后可以办结。</p>
          )}
        </section>
      ) : null}
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? '发放批次'} · 鲁渝劳务协作` }]

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
