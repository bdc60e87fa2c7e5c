import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { FilterActions, FilterForm, FilterSearch, FilterSelect } from '~/components/list-filters'
import { RecommendCandidates } from '~/components/recommend-candidates'
import { listTownships } from '~/models/area.server'
import { recommendWorker } from '~/models/application.server'
import { appliedWorkerIds, countCountyApplicantsOfVacancy, listCountyApplicantsOfVacancy } from '~/models/county-applicants.server'
import { getPublicVacancy } from '~/models/vacancy.server'
import { countWorkers, listWorkers } from '~/models/worker.server'
import { formatDate, todayInShanghai } from '~/rules/dates'
import { optionalText, parseRecordId } from '~/rules/fields'
import { ageOn } from '~/rules/id-number'
import { EMPLOYMENT_NEED_LABELS, SEX_LABELS, SKILL_LEVEL_LABELS } from '~/rules/registry'
import { APPLICATION_SOURCE_LABELS, APPLICATION_STATUS_LABELS, formatSalaryRange, VACANCY_STATUS_LABELS } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { failureErrors, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { readRegistryFilters, registryFilterParamsFromForm } from '~/utils/registry-filters.server'

const PAGE_SIZE = 10
/** How many of the county's applicants to a post the page lists, newest first (the total is shown). */
const APPLIED_SHOWN = 50
const RecommendSchema = z.object({
  intent: z.literal('recommend'),
  note: optionalText('推荐说明', 200),
})
// The ledger search posts (typed text stays out of the URL) to the same action.
const IntentSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('search') }), RecommendSchema])

/** The post, only when it is open to this county; any other (or a draft) answers like a missing one. */
function postForCounty(jobId: number, countyCode: string) {
  const post = getPublicVacancy(jobId)
  if (!post || !post.targets.some((t) => t.code === countyCode)) throw new Response('Not Found', { status: 404 })
  return post
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const post = postForCounty(requireRecordId(args.params.jobId), actor.areaCode)
  const search = new URL(args.request.url).searchParams
  const { q, ...filters } = readRegistryFilters(search, actor)
  const list = paginateSearch(search, PAGE_SIZE, {
    total: () => countWorkers(actor, filters),
    rows: (limit, offset) => listWorkers(actor, filters, { limit, offset }),
  })
  // The newest of the county's applicants and their total; the candidates on this page are marked by a
  // look-up of their ids only, so a post with thousands of applicants stays one small page (issue 10).
  const applied = listCountyApplicantsOfVacancy(actor, post.vacancy.id, { limit: APPLIED_SHOWN })
  const appliedIds = appliedWorkerIds(
    actor,
    post.vacancy.id,
    list.rows.map((r) => r.id),
  )
  const today = todayInShanghai()
  return {
    post: {
      id: post.vacancy.id,
      title: post.vacancy.title,
      employerName: post.employerName,
      cityName: post.cityName,
      salary: formatSalaryRange(post.vacancy.salaryMinFen, post.vacancy.salaryMaxFen),
      headcount: post.vacancy.headcount,
      validUntil: post.vacancy.validUntil,
      open: post.status === 'published',
      statusLabel: VACANCY_STATUS_LABELS[post.status],
    },
    filters: { q, township: filters.township, employmentNeed: filters.employmentNeed },
    townships: listTownships(actor.areaCode),
    ...pageInfo(list),
    candidates: list.rows.map((r) => ({
      id: r.id,
      name: r.name,
      sexAge: `${SEX_LABELS[r.sex]} · ${ageOn(r.birthDate, today)}岁`,
      township: r.townshipName,
      phone: r.phoneMasked ?? '未登记',
      skills: [SKILL_LEVEL_LABELS[r.skillLevel], r.skills].filter(Boolean).join('：'),
      need: EMPLOYMENT_NEED_LABELS[r.employmentNeed],
      applied: appliedIds.has(r.id),
    })),
    appliedTotal: countCountyApplicantsOfVacancy(actor, post.vacancy.id),
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
  postForCounty(jobId, actor.areaCode)
  const formData = await args.request.formData()
  if (readIntent(formData, IntentSchema) === 'search') {
    // What was typed (perhaps a phone number or an ID tail) goes back sealed, never in the URL.
    const clean = registryFilterParamsFromForm(formData, actor)
    throw redirect(`/west/jobs/${jobId}/recommend${clean.size > 0 ? `?${clean}` : ''}`)
  }
  const submission = parseWithZod(formData, { schema: RecommendSchema })
  // A radio choice, read with the one record-id rule; the model then checks the row is this county's.
  const workerId = parseRecordId(formData.get('workerId'))
  if (workerId == null) return data({ result: submission.reply({ formErrors: ['请先在列表中选择要推荐的人员'] }) }, { status: 400 })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const result = recommendWorker(actor, jobId, workerId, submission.value.note || null)
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return data({ result: submission.reply(failureErrors(result)) }, { status: result.status ?? 400 })
  throw await redirectWithNotice(`/west/jobs/${jobId}/recommend`, {
    text: result.existing ? '此人已经报名过这个岗位，没有重复推荐。' : '已推荐，用人单位所在的人社局会在报名人员中看到此人。',
  })
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
  const { post, filters: f } = data
  const searched = Boolean(f.q || f.township || f.employmentNeed)
  const errors = actionData?.result.error
  return (
    <main className="container page">
      <p className="small">
        <Link to="/west/jobs">← 对口岗位</Link>
      </p>
      <h1>推荐人员：{post.title}</h1>
      <section className="card job-summary">
        <p className="job-item__salary">{post.salary}</p>
        <p className="muted small">
          {post.employerName} · {post.cityName} · 招 {post.headcount} 人 · 报名截止 {post.validUntil}
        </p>
        {post.open ? null : <p className="notice">该岗位{post.statusLabel}，已停止报名，不能再推荐。</p>}
      </section>

      <section className="block" aria-labelledby="applied-head">
        <h2 id="applied-head">本县已报名此岗位（{data.appliedTotal}）</h2>
        {data.appliedTotal > data.applied.length ? <p className="muted small">下面列出最近报名的 {data.applied.length} 人。</p> : null}
        <DataTable rows={data.applied} columns={APPLIED_COLUMNS} className="compact-table" empty="本县还没有人报名此岗位。" emptyClassName="card muted" />
      </section>

      {post.open ? (
        <section className="block" aria-labelledby="pick-head">
          <h2 id="pick-head">从台账中选择</h2>
          <FilterForm method="post" values={f}>
            <input type="hidden" name="intent" value="search" />
            <FilterSearch label="查找" value={f.q} placeholder="姓名、身份证后几位或手机号" />
            <FilterSelect name="township" label="乡镇（街道）" labels={data.townships} value={f.township} />
            <FilterSelect name="employmentNeed" label="就业需求" labels={EMPLOYMENT_NEED_LABELS} value={f.employmentNeed} />
            <FilterActions filtered={searched} clearTo={`/west/jobs/${post.id}/recommend`} secondary intent="search" />
          </FilterForm>
          <RecommendCandidates list={data} errors={errors} searched={searched} />
        </section>
      ) : null}
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `推荐人员${data ? `：${data.post.title}` : ''} · 鲁渝劳务协作` }]

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
