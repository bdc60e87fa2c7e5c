import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { DataTable, type Column } from '~/components/data-table'
import { JobDetails } from '~/components/job-details'
import { RecommendCandidates } from '~/components/recommend-candidates'
import { RecommendFilters } from '~/components/recommend-filters'
import { listTownships } from '~/models/area.server'
import { appliedWorkerIds, countCountyApplicantsOfVacancy, listCountyApplicantsOfVacancy } from '~/models/county-applicants.server'
import { countyPostView, getPostForCounty } from '~/models/county-post.server'
import { recommendWorkers } from '~/models/recommend-batch.server'
import { candidateView, countCandidates, listCandidates } from '~/models/recommend-candidates.server'
import { formatDate, todayInShanghai } from '~/rules/dates'
import { optionalText, parseRecordId } from '~/rules/fields'
import { RECOMMEND_AT_ONCE_MAX, RECOMMEND_SENT_BEFORE, RECOMMEND_TOO_MANY, recommendNotice } from '~/rules/recommend'
import { APPLICATION_SOURCE_LABELS, APPLICATION_STATUS_LABELS } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { createOnce, formOnce, issueFormToken } from '~/utils/form-token.server'
import { failure, failureErrors, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { isRecommendFiltered, readRecommendFilters, recommendFilterParams, recommendFilterParamsFromForm } from '~/utils/recommend-filters.server'

/** People per page of the pick list: staff tick several of a page and recommend them in one submission. */
const PAGE_SIZE = 20
/** How many of the county's applicants to a post the page lists, newest first (the total is shown). */
const APPLIED_SHOWN = 50
const RecommendSchema = z.object({
  intent: z.literal('recommend'),
  note: optionalText('推荐说明', 200),
})
// The ledger search posts (typed text stays out of the URL) to the same action.
const IntentSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('search') }), RecommendSchema])

/** The post when it is open to the actor's county; any other (or a draft) answers like a missing one. */
function requirePost(actor: Parameters<typeof getPostForCounty>[0], jobId: string | undefined) {
  const post = getPostForCounty(actor, requireRecordId(jobId))
  if (!post) throw new Response('Not Found', { status: 404 })
  return countyPostView(post)
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const post = requirePost(actor, args.params.jobId)
  const search = new URL(args.request.url).searchParams
  const { q, ...filters } = readRecommendFilters(search, actor, post)
  const today = todayInShanghai()
  const list = paginateSearch(search, PAGE_SIZE, {
    total: () => countCandidates(actor, filters, today),
    rows: (limit, offset) => listCandidates(actor, filters, today, { limit, offset }),
  })
  // The newest of the county's applicants and their total; the candidates on this page are marked by a
  // look-up of their ids only, so a post with thousands of applicants stays one small page (issue 10).
  const applied = listCountyApplicantsOfVacancy(actor, post.id, { limit: APPLIED_SHOWN })
  const appliedIds = appliedWorkerIds(
    actor,
    post.id,
    list.rows.map((r) => r.id),
  )
  const exportQuery = recommendFilterParams({ q, ...filters }, actor).toString()
  return {
    post,
    filters: {
      q,
      township: filters.township,
      employmentStatus: filters.employmentStatus,
      employmentNeed: filters.employmentNeed,
      skill: filters.skill,
      skillLevel: filters.skillLevel,
      ageFrom: filters.ageFrom,
      ageTo: filters.ageTo,
      allAges: filters.allAges,
    },
    filtered: isRecommendFiltered({ q, ...filters }),
    formToken: issueFormToken(),
    exportQuery: exportQuery ? `?${exportQuery}` : '',
    townships: listTownships(actor.areaCode),
    ...pageInfo(list),
    candidates: list.rows.map((r) => ({ ...candidateView(r, post, today), applied: appliedIds.has(r.id) })),
    appliedTotal: countCountyApplicantsOfVacancy(actor, post.id),
    applied: applied.map((a) => ({
      id: a.id,
      name: a.name,
      township: a.townshipName,
      phone: a.phoneMasked ?? '未登记',
      source: APPLICATION_SOURCE_LABELS[a.source],
      status: APPLICATION_STATUS_LABELS[a.status],
      appliedOn: formatDate(a.createdAt),
    })),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const jobId = requireRecordId(args.params.jobId)
  requirePost(actor, args.params.jobId)
  const formData = await args.request.formData()
  if (readIntent(formData, IntentSchema) === 'search') {
    // What was typed (perhaps a phone number or an ID tail) goes back sealed, never in the URL.
    const clean = recommendFilterParamsFromForm(formData, actor)
    throw redirect(`/west/jobs/${jobId}/recommend${clean.size > 0 ? `?${clean}` : ''}`)
  }
  const submission = parseWithZod(formData, { schema: RecommendSchema })
  // Ticked boxes, each read with the one record-id rule; the model then checks each row is this county's.
  const picked = formData.getAll('workerId').map((v) => parseRecordId(v))
  const reply = (message: string) => data({ result: submission.reply({ formErrors: [message] }) }, { status: 400 })
  if (picked.length === 0 || picked.some((id) => id == null)) return reply('请先在列表中勾选要推荐的人员')
  const workerIds = [...new Set(picked as number[])]
  if (workerIds.length > RECOMMEND_AT_ONCE_MAX) return reply(RECOMMEND_TOO_MANY)
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  // Recorded with its form token: a double click, a refresh or a replayed POST lands on the page again.
  // Nobody put forward and nobody already applied — only refusals (archived, not this county's) — is bad
  // input: a Failure, so the token is not recorded and the same page can send another pick.
  const result = createOnce(formOnce(formData, actor.userId, 'application'), () => {
    const outcome = recommendWorkers(actor, jobId, workerIds, submission.value.note || null)
    const refusedOnly = outcome?.ok && outcome.recommended.length === 0 && !outcome.skipped.some((s) => s.reason === 'applied')
    return refusedOnly ? failure(recommendNotice(outcome).text) : outcome
  })
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return data({ result: submission.reply(failureErrors(result)) }, { status: result.status ?? 400 })
  const from = new URL(args.request.url).searchParams
  const back = recommendFilterParams(readRecommendFilters(from, actor), actor)
  if (from.get('page')?.match(/^\d{1,4}$/)) back.set('page', from.get('page')!)
  const backTo = `/west/jobs/${jobId}/recommend${back.size > 0 ? `?${back}` : ''}`
  if ('replayed' in result) throw await redirectWithNotice(backTo, { text: RECOMMEND_SENT_BEFORE })
  // A submission whose people had applied already (an old tab) lands on the page with the notice.
  const notice = recommendNotice(result)
  // Back to the same page of the same filtered list, where the people just recommended show as 已报名.
  throw await redirectWithNotice(backTo, notice)
}

type AppliedRow = Awaited<ReturnType<typeof loader>>['applied'][number]

const APPLIED_COLUMNS: Column<AppliedRow>[] = [
  { header: '姓名', cell: (a) => a.name },
  { header: '乡镇', cell: (a) => a.township },
  { header: '手机号', cell: (a) => <span className="mono">{a.phone}</span> },
  { header: '来源', cell: (a) => a.source },
  { header: '状态', cell: (a) => a.status },
  { header: '报名日期', cell: (a) => a.appliedOn },
]

export default function RecommendPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { post } = data
  return (
    <main className="container page">
      <BackLink to={`/west/jobs/${post.id}`}>岗位详情</BackLink>
      <h1>推荐人员：{post.title}</h1>
      {post.open ? null : <p className="notice">该岗位{post.statusLabel}，已停止报名，不能再推荐。</p>}
      <details className="post-details no-print">
        <summary>岗位详情（月薪、地点、年龄和岗位要求）</summary>
        <JobDetails job={post} />
      </details>

      <section className="block" aria-labelledby="applied-head">
        <h2 id="applied-head">本县已报名此岗位（{data.appliedTotal}）</h2>
        {data.appliedTotal > data.applied.length ? <p className="muted small">下面列出最近报名的 {data.applied.length} 人。</p> : null}
        <DataTable rows={data.applied} columns={APPLIED_COLUMNS} className="compact-table" empty="本县还没有人报名此岗位。" emptyClassName="card muted" />
      </section>

      {post.open ? (
        <section className="block" aria-labelledby="pick-head">
          <div className="page-head">
            <h2 id="pick-head">从台账中选择</h2>
            <div className="actions">
              <a href={`/west/jobs/${post.id}/recommend.xlsx${data.exportQuery}`} className="button button--secondary button--small" download>
                导出名单
              </a>
              <a href={`/west/jobs/${post.id}/recommend/print${data.exportQuery}`} className="button button--secondary button--small">
                打印名单
              </a>
            </div>
          </div>
          <RecommendFilters post={post} filters={data.filters} townships={data.townships} filtered={data.filtered} />
          <RecommendCandidates list={data} formToken={data.formToken} errors={actionData?.result.error} searched={data.filtered} />
        </section>
      ) : null}
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `推荐人员${data ? `：${data.post.title}` : ''} · 鲁渝劳务协作` }]

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
