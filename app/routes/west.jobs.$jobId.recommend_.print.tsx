import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { DataTable, type Column } from '~/components/data-table'
import { PrintButton } from '~/components/print-button'
import { countyPostView, getCountyContact, getPostForCounty } from '~/models/county-post.server'
import { RECOMMEND_EXPORT_MAX } from '~/models/recommend-candidates.server'
import { recommendListToShare, type SharedCandidate } from '~/models/recommend-share.server'
import { maskNumbersInText } from '~/rules/personal-numbers'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'
import { recommendFilterParams } from '~/utils/recommend-filters.server'

// The recommend list of a post on paper (issue 11 §4), to share with villages: the post in one line, its
// requirements, the filters, the filtered people (phones and numbers in the skills masked, at most RECOMMEND_EXPORT_MAX) with the
// screen's 提示 — a column only when some row has one — and the county's contact. Printed on A4
// (app.css @page).

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const found = getPostForCounty(actor, requireRecordId(args.params.jobId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const post = countyPostView(found)
  const { q, filters, rows, ...list } = recommendListToShare(actor, post, new URL(args.request.url).searchParams)
  const back = recommendFilterParams({ q, ...filters }, actor).toString()
  // A number typed into the skills (a foreman's phone) is masked like the phone column, as in the xlsx; masked
  // here in the loader, so the full number is in neither the page nor its data.
  const shared = rows.map((r) => ({ ...r, skills: maskNumbersInText(r.skills) }))
  return { post, county: getCountyContact(actor), back: back ? `?${back}` : '', rows: shared, ...list }
}

const COLUMNS: Column<SharedCandidate>[] = [
  { header: '姓名', cell: (c) => c.name },
  { header: '性别', cell: (c) => c.sex },
  { header: '年龄', cell: (c) => c.age, num: true },
  { header: '乡镇', cell: (c) => c.township },
  { header: '手机号', cell: (c) => <span className="mono">{c.phone}</span> },
  { header: '技能', cell: (c) => [c.skillLevel, c.skills].filter(Boolean).join('：'), className: 'wrap' },
  { header: '就业状态', cell: (c) => c.status },
]
const NOTES: Column<SharedCandidate> = { header: '提示', cell: (c) => c.notes.join('；'), className: 'wrap' }

export default function RecommendPrintPage() {
  const { post, today, county, back, rows, total, hasNotes, filterLine } = useLoaderData<typeof loader>()
  return (
    <main className="container page">
      <div className="no-print">
        <BackLink to={`/west/jobs/${post.id}/recommend${back}`}>推荐人员</BackLink>
        <PrintButton>打印名单</PrintButton>
      </div>
      <h1>推荐名单：{post.title}</h1>
      <p>
        {post.employerName} · {post.cityName} · 月薪 {post.salary} · 招 {post.headcount} 人{post.ages ? ` · 年龄 ${post.ages}` : ''} · 报名截止{' '}
        {post.validUntil}
      </p>
      {post.requirements ? <p className="small">岗位要求：{post.requirements}</p> : null}
      <p className="small">{filterLine}</p>
      <p className="muted small">
        共 {total} 人{total > rows.length ? `，列出最近更新的 ${rows.length} 人（最多 ${RECOMMEND_EXPORT_MAX} 人）` : ''} · {county.name}
        {county.phone ? ` ${county.phone}` : ''} · {today} · 手机号码已打码
      </p>
      <DataTable rows={rows} columns={hasNotes ? [...COLUMNS, NOTES] : COLUMNS} stacked empty="没有符合条件的人员。" />
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `推荐名单：${data?.post.title ?? ''} · 鲁渝劳务协作` }]

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
