import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterCheckbox, FilterMonth, FilterSelect, FoldedFilterForm, ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import {
  claimQueueParams,
  countClaimQueue,
  hasMonth,
  listClaimQueue,
  readClaimQueueFilters,
  sumClaimQueue,
  type ClaimQueueFilters,
} from '~/models/claim-queue.server'
import { openCountyList } from '~/models/county-list.server'
import { formatDate } from '~/rules/dates'
import { formatFen } from '~/rules/money'
import { CLAIM_STATE_LABELS } from '~/rules/subsidy-labels'
import { CLAIM_STATUS, QUEUE_COUNT_CAP, QUEUE_STATES } from '~/rules/subsidy-states'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'
import { monthInWords } from '~/utils/month-filters.server'

// The county's review queue of transport-subsidy claims (issue 13 §6): by default what still waits for someone
// (submitted, under review, payment failed), oldest first; filtered by state, township, duplicate flags and age.
// The filters are in the URL (none is personal), so a filtered queue is a link. The month filters (提交月份,
// 审核通过月份, 发放月份; `submitted`, `decided`, `paid` as YYYY-MM, Shanghai) make it the list each of the
// county dashboard's claim figures links to, counted exactly (issue 15 §5; app/models/claim-queue.server.ts).

const PAGE_SIZE = 20

/** The state choices: the waiting view (default, the select's placeholder), everything, or one state. */
const VIEW_LABELS: Record<string, string> = {
  all: '全部状态',
  ...Object.fromEntries(QUEUE_STATES.map((s) => [s, CLAIM_STATE_LABELS[s]])),
}

/**
 * The select's choices: 待处理 named outright (not the empty choice), since with a month the default is every
 * state — the figure's rows — and 待处理 must still be choosable.
 */
const STATE_CHOICES: Record<string, string> = { waiting: '待处理（已提交、审核中、发放失败）', ...VIEW_LABELS }

const AGE_LABELS = { '7': '提交超过 7 天', '15': '提交超过 15 天', '30': '提交超过 30 天', '60': '提交超过 60 天' }

/** The month filters in words, as the count above the list says them: 2026年11月提交、2026年11月审核通过. */
function monthWords(f: ClaimQueueFilters) {
  return [
    f.submitted ? `${monthInWords(f.submitted)}提交` : null,
    f.decided ? `${monthInWords(f.decided)}审核通过` : null,
    f.paid ? `${monthInWords(f.paid)}发放` : null,
  ].filter((w): w is string => w != null)
}

/** A period's claim amounts (fen) as the count line shows them, or null without a period. */
function amountsInWords(sums: ReturnType<typeof sumClaimQueue>) {
  return sums ? { expected: formatFen(sums.expectedFen), approved: formatFen(sums.approvedFen) } : null
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor, search, townships, filters } = await openCountyList(args, (s, t) => readClaimQueueFilters(s, t))
  const list = paginateSearch(search, PAGE_SIZE, {
    total: () => countClaimQueue(actor, filters),
    rows: (limit, offset) => listClaimQueue(actor, filters, { limit, offset }),
  })
  return {
    filters: {
      state: filters.view === 'waiting' ? null : filters.view,
      township: filters.township,
      flagged: filters.flagged,
      age: filters.olderThanDays,
      submitted: filters.submitted ?? null,
      decided: filters.decided ?? null,
      paid: filters.paid ?? null,
    },
    months: monthWords(filters),
    // With a payment or decision month, that day is what the list is about (and its order).
    dateColumn: filters.paid ? ('paid' as const) : filters.decided ? ('decided' as const) : null,
    townships,
    ...pageInfo(list),
    more: !hasMonth(filters) && list.total > QUEUE_COUNT_CAP,
    // A period's claims: their amounts, as the dashboard's claim figures sum them.
    sums: amountsInWords(sumClaimQueue(actor, filters)),
    exportParams: claimQueueParams(filters),
    rows: list.rows.map((r) => ({
      id: r.id,
      name: r.name,
      township: r.townshipName ?? '—',
      submitted: r.submittedAt ? formatDate(r.submittedAt) : '—',
      decidedOn: r.decidedAt ? formatDate(r.decidedAt) : '—',
      paidOn: r.paidAt ? formatDate(r.paidAt) : '—',
      state: r.state,
      amount: formatFen(r.approvedFen ?? r.expectedFen),
      decided: r.approvedFen != null,
      flags: r.flags,
      flat: r.flat,
      assisted: r.assisted,
    })),
  }
}

type QueueRow = Awaited<ReturnType<typeof loader>>['rows'][number]

const COLUMNS: Column<QueueRow>[] = [
  { header: '申领人', cell: (r) => <Link to={`/west/claims/${r.id}`}>{r.name}</Link> },
  { header: '乡镇（街道）', cell: (r) => r.township },
  { header: '提交日期', cell: (r) => r.submitted, className: 'mono' },
  { header: '状态', cell: (r) => <StatusBadge spec={CLAIM_STATUS} status={r.state} /> },
  { header: '金额', cell: (r) => `${r.amount}${r.decided ? '' : '（预计）'}`, num: true },
  {
    header: '备注',
    cell: (r) => (
      <>
        {r.flags === 0 && !r.flat && !r.assisted ? '—' : null}
        {r.flags > 0 ? <span className="badge badge--warn">疑似重复 {r.flags} 处</span> : null} {r.flat ? <span className="badge">定额</span> : null}{' '}
        {r.assisted ? <span className="badge badge--info">代为申报</span> : null}
      </>
    ),
  },
]

/** The day a month's list is about, after 提交日期: 审核日期 or 发放日期. */
const DATE_COLUMNS: Record<'decided' | 'paid', Column<QueueRow>> = {
  decided: { header: '审核日期', cell: (r) => r.decidedOn, className: 'mono' },
  paid: { header: '发放日期', cell: (r) => r.paidOn, className: 'mono' },
}

export default function ClaimQueuePage() {
  const data = useLoaderData<typeof loader>()
  const f = data.filters
  const applied = [f.state, f.township, f.flagged ? '1' : null, f.age, f.submitted, f.decided, f.paid].filter(Boolean).length
  const columns = data.dateColumn ? [...COLUMNS.slice(0, 3), DATE_COLUMNS[data.dateColumn], ...COLUMNS.slice(3)] : COLUMNS
  return (
    <main className="container page">
      <PageHead title={f.state ? `交通补助审核 · ${VIEW_LABELS[f.state]}` : '交通补助审核 · 待处理'}>
        <Link to="/west/claims/new" className="button button--secondary">
          代为申报
        </Link>
      </PageHead>

      <FoldedFilterForm values={f} summary="筛选：状态、乡镇、疑似重复、提交时间、月份" applied={applied} filtered={applied > 0} clearTo="/west/claims">
        <FilterSelect name="state" label="状态" labels={STATE_CHOICES} value={f.state ?? 'waiting'} placeholder={null} />
        <FilterSelect name="township" label="乡镇（街道）" labels={data.townships} value={f.township} />
        <FilterSelect name="age" label="提交时间" labels={AGE_LABELS} value={f.age} placeholder="不限" />
        <FilterMonth name="submitted" label="提交月份" value={f.submitted} />
        <FilterMonth name="decided" label="审核通过月份" value={f.decided} />
        <FilterMonth name="paid" label="发放月份" value={f.paid} />
        <FilterCheckbox name="flagged" label="只看疑似重复的（票号、照片与其他申请相同）" checked={f.flagged} />
      </FoldedFilterForm>
      {data.months.length > 0 ? (
        <p className="muted small">
          月份按北京时间计算。审核通过指审核通过或部分通过（含此后进入发放、已发放和发放失败的），按审核日期；发放指已发放的，按发放日期。
        </p>
      ) : null}

      <ListExportBar action="/west/claims/export.xlsx" params={data.exportParams}>
        {data.months.length > 0 ? `${data.months.join('、')}的申领` : applied > 0 ? '符合条件' : '待处理'} {data.more ? `超过 ${QUEUE_COUNT_CAP}` : data.total}{' '}
        份{data.sums ? `（申请金额合计 ${data.sums.expected}，核定金额合计 ${data.sums.approved}）` : null}
      </ListExportBar>

      <DataTable
        rows={data.rows}
        columns={columns}
        stacked
        empty={applied > 0 ? '没有符合条件的申领，请调整筛选条件。' : '没有待处理的申领。'}
        emptyClassName="card muted"
      />
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('交通补助审核')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
