import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { Field, FormErrors, FormToken, SubmitButton } from '~/components/forms'
import { ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { NoticePeriod, PayoutMoney } from '~/components/payout-detail'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import { countPayoutsForCounty, createPayout, listPayoutsForCounty } from '~/models/payout.server'
import { todayInShanghai } from '~/rules/dates'
import { PAYOUT_STATUS, PayoutSchema, payoutTitle } from '~/rules/payout'
import { NOTICE_WORKING_DAYS } from '~/rules/working-days'
import { requireActor } from '~/utils/auth.server'
import { createOnce, formOnce, issueFormToken } from '~/utils/form-token.server'
import { parseForm, saveForm } from '~/utils/mutation.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'
import { useIsPending } from '~/utils/pending'

// The county's payout batches (发放批次, issue 13 §7), newest first, with a form for a new one: a title and the
// day its public notice starts (5 working days from then). Claims are added on the payout's own page. The list
// exports to xlsx (west.payouts.export[.xlsx].ts) with its money summed to the fen.

const PAGE_SIZE = 20

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const search = new URL(args.request.url).searchParams
  const list = paginateSearch(search, PAGE_SIZE, {
    total: () => countPayoutsForCounty(actor),
    rows: (limit, offset) => listPayoutsForCounty(actor, { limit, offset }),
  })
  const today = todayInShanghai()
  return {
    ...pageInfo(list),
    rows: list.rows.map(({ createdAt: _createdAt, ...r }) => r),
    defaults: { title: `${today.slice(0, 4)}年第 ${countPayoutsForCounty(actor) + 1} 批`, noticeFrom: today },
    formToken: issueFormToken(),
  }
}

/** 新建发放批次: saved once per form token (a double click opens the payout made the first time). */
export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const formData = await args.request.formData()
  const form = parseForm(formData, PayoutSchema)
  const once = formOnce(formData, actor.userId, 'subsidy_payout')
  return saveForm(form, (values) => createOnce(once, () => createPayout(actor, { title: values.title!, noticeFrom: values.noticeFrom })), {
    to: (saved) => `/west/payouts/${saved.id}`,
    notice: '发放批次已建立。请勾选审核通过的申领编入。',
  })
}

type PayoutRow = Awaited<ReturnType<typeof loader>>['rows'][number]

const COLUMNS: Column<PayoutRow>[] = [
  { header: '批次', cell: (r) => <Link to={`/west/payouts/${r.id}`}>{payoutTitle(r.title)}</Link>, className: 'wrap' },
  { header: '公示期', cell: (r) => <NoticePeriod from={r.noticeFrom} until={r.noticeUntil} />, className: 'wrap' },
  { header: '人数', cell: (r) => r.rows, num: true },
  // One total, every row on the list (the xlsx's 合计), with what was paid and what failed beside it.
  { header: '金额', cell: (r) => <PayoutMoney totals={r} />, num: true },
  { header: '待登记', cell: (r) => r.pending, num: true },
  { header: '状态', cell: (r) => <StatusBadge spec={PAYOUT_STATUS} status={r.state} /> },
]

export default function PayoutsPage() {
  const data = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const errors = reply && 'error' in reply ? (reply.error ?? {}) : {}
  const pending = useIsPending()
  return (
    <main className="container page">
      <PageHead title="补助发放批次" />
      <p className="muted">审核通过的交通补助申领编入发放批次，导出名单交县财政发放，再逐人登记发放结果。审核人不能编入或登记自己审核的申领。</p>
      <details className="card" open={reply ? true : data.total === 0}>
        <summary>新建发放批次</summary>
        <Form method="post" className="form">
          <FormToken value={data.formToken} />
          <Field
            label="批次名称"
            name="title"
            id="title"
            defaultValue={data.defaults.title}
            maxLength={40}
            hint={`如“${data.defaults.title}”；列表、公示和财政名单的标题都写作“${payoutTitle(data.defaults.title)}”。`}
            errors={errors.title}
          />
          <Field
            label="公示开始日期"
            name="noticeFrom"
            id="noticeFrom"
            type="date"
            defaultValue={data.defaults.noticeFrom}
            hint={`在乡镇（街道）公示 ${NOTICE_WORKING_DAYS} 个工作日（不含周六、周日）；从周末开始的顺延到周一。公示期满后才能导出交财政、登记发放结果。`}
            errors={errors.noticeFrom}
          />
          <FormErrors errors={errors['']} />
          <SubmitButton pending={pending}>建立发放批次</SubmitButton>
        </Form>
      </details>
      <ListExportBar action="/west/payouts/export.xlsx" params={[]}>
        共 {data.total} 个发放批次
      </ListExportBar>
      <DataTable rows={data.rows} columns={COLUMNS} stacked empty="还没有发放批次。" emptyClassName="card muted" />
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('补助发放批次')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
