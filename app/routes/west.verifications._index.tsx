import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { ListExportBar } from '~/components/list-filters'
import { Pager } from '~/components/pager'
import { ReferralSection } from '~/components/registration-referrals'
import { handleReferral, isReferralOfCentre, listHandledReferrals, listOpenReferrals, revealReferralPhone } from '~/models/registration-referral.server'
import { countPendingVerifications, listPendingVerifications, listRejectedRegistrations, type ProposalStatus } from '~/models/verification.server'
import { formatDate, formatDateTime } from '~/rules/dates'
import { optionalText } from '~/rules/fields'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { pageTitle } from '~/utils/meta'

/** Registrations waiting for a decision, oldest first, 20 a page (as the applicants page): a county with thousands waiting gets a page a phone can render. */
const PAGE_SIZE = 20
/**
 * Open referrals shown at once, oldest first (first come, first called back): a morning's calls. More
 * than that rendered every view (47 rows with two forms each on the benchmark database) made this the
 * heaviest page of the county's; the section says when more are waiting.
 */
const REFERRALS_SHOWN = 20

// Registration referrals (注册受理): the note is optional; what staff did is mostly "called back".
const ReferralSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('reveal-referral-phone') }),
  z.object({ intent: z.literal('handle-referral'), note: optionalText('处理说明', 200) }),
])

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const pending = paginateSearch(new URL(args.request.url).searchParams, PAGE_SIZE, {
    total: () => countPendingVerifications(actor),
    rows: (limit, offset) => listPendingVerifications(actor, { limit, offset }),
  })
  const referrals = listOpenReferrals(actor, REFERRALS_SHOWN)
  return {
    ...pageInfo(pending),
    pending: pending.rows.map(({ createdAt, ...r }) => ({ ...r, registeredOn: formatDate(createdAt) })),
    rejected: listRejectedRegistrations(actor).map(({ rejectedAt, ...r }) => ({
      ...r,
      rejectedOn: rejectedAt ? formatDate(rejectedAt) : '',
    })),
    referrals: { total: referrals.total, rows: referrals.rows.map(({ createdAt, ...r }) => ({ ...r, receivedAt: formatDateTime(createdAt) })) },
    handledReferrals: listHandledReferrals(actor, 5).map(({ handledAt, ...r }) => ({ ...r, handledOn: formatDate(handledAt) })),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const formData = await args.request.formData()
  const referralId = requireRecordId(formData.get('referralId'))
  // Another county's referral answers exactly like a missing one, whatever the intent.
  if (!isReferralOfCentre(actor, referralId)) throw new Response('Not Found', { status: 404 })
  if (readIntent(formData, ReferralSchema) === 'reveal-referral-phone') {
    const phone = revealReferralPhone(actor, referralId)
    if (phone === null) throw new Response('Not Found', { status: 404 })
    // In the response body only: never in a URL, never cached.
    return data({ intent: 'reveal' as const, referralId, phone, result: null }, { headers: { 'Cache-Control': 'private, no-store' } })
  }
  const submission = parseWithZod(formData, { schema: ReferralSchema })
  if (submission.status !== 'success' || submission.value.intent !== 'handle-referral') {
    return data({ intent: 'handle' as const, referralId, phone: null, result: submission.reply() }, { status: 400 })
  }
  if (!handleReferral(actor, referralId, submission.value.note)) throw new Response('Not Found', { status: 404 })
  throw await redirectWithNotice('/west/verifications', { text: '已标记为已处理。' })
}

type LoaderData = Awaited<ReturnType<typeof loader>>

const PENDING_COLUMNS: Column<LoaderData['pending'][number]>[] = [
  { header: '姓名', cell: (row) => row.name },
  { header: '手机号', cell: (row) => row.phoneMasked },
  { header: '身份证号', cell: (row) => row.idNumberMasked ?? '—' },
  { header: '注册日期', cell: (row) => row.registeredOn },
  { header: '本县台账', cell: (row) => <ProposalCell status={row.status} ledgerName={row.ledgerName} /> },
  {
    header: '操作',
    cell: (row) => (
      <Link to={`/west/verifications/${row.id}`} aria-label={`核验 ${row.name}`}>
        核验
      </Link>
    ),
  },
]

const REJECTED_COLUMNS: Column<LoaderData['rejected'][number]>[] = [
  { header: '姓名', cell: (row) => row.name },
  { header: '手机号', cell: (row) => row.phoneMasked },
  { header: '退回日期', cell: (row) => row.rejectedOn },
  { header: '原因', cell: (row) => row.reason },
  {
    header: '操作',
    cell: (row) => (
      <Link to={`/west/verifications/${row.id}`} aria-label={`查看 ${row.name}`}>
        查看
      </Link>
    ),
  },
]

export default function VerificationQueue() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <main className="container page">
      <h1>账号核验</h1>
      <p className="muted">
        务工人员在网上注册后，需要与本县台账核对。系统按身份证号码找出本县台账中的同一人，请核对姓名等信息后确认；台账中没有的，先在台账中添加此人再核验。
      </p>
      <section className="card">
        <h2>待核验（{data.total}）</h2>
        <ListExportBar action="/west/verifications/export.xlsx" params={[]}>
          {data.pageCount > 1 ? '按注册先后排列。' : null}导出包括待核验和已退回的注册，手机号、身份证号打码。
        </ListExportBar>
        <DataTable rows={data.pending} columns={PENDING_COLUMNS} stacked caption="待核验的注册账号" empty="目前没有等待核验的账号。" />
        <Pager page={data.page} pageCount={data.pageCount} />
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
        <DataTable rows={data.rejected} columns={REJECTED_COLUMNS} stacked caption="已退回的注册" empty="没有退回的注册。" />
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

export const meta = pageTitle('账号核验')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
