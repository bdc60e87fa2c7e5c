import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { ErrorList, LabelOptions } from '~/components/forms'
import { listTownships } from '~/models/area.server'
import { listCountyApplicantsOfVacancy, recommendWorker } from '~/models/application.server'
import { getPublicVacancy } from '~/models/vacancy.server'
import { listWorkers } from '~/models/worker.server'
import { formatDate, todayInShanghai } from '~/rules/dates'
import { ageOn } from '~/rules/id-number'
import { EMPLOYMENT_NEED_LABELS, SEX_LABELS, SKILL_LEVEL_LABELS } from '~/rules/registry'
import { APPLICATION_SOURCE_LABELS, APPLICATION_STATUS_LABELS, formatSalaryRange, VACANCY_STATUS_LABELS } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { requireUser } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'
import { readRegistryFilters, registryFilterParams, registryFilterParamsFromForm } from '~/utils/registry-filters.server'
import { LegacyPager } from '~/components/pager'
import { optionalText } from '~/rules/fields'

const PAGE_SIZE = 10
const RecommendSchema = z.object({
  intent: z.literal('recommend'),
  note: optionalText('推荐说明', 200),
})

const NOTICES: Record<string, string> = {
  recommended: '已推荐，用人单位所在的人社局会在报名人员中看到此人。',
  existing: '此人已经报名过这个岗位，没有重复推荐。',
}

/** The post, only when it is open to this county; any other (or a draft) answers like a missing one. */
function postForCounty(jobId: number, countyCode: string) {
  const post = getPublicVacancy(jobId)
  if (!post || !post.targets.some((t) => t.code === countyCode)) throw new Response('Not Found', { status: 404 })
  return post
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const org = user.organisation
  const post = postForCounty(requireRecordId(params.jobId), org.areaCode)
  const url = new URL(request.url)
  const filters = readRegistryFilters(url, org.id)
  const { rows, total, page, pages } = listWorkers(org.id, filters, { page: filters.page, pageSize: PAGE_SIZE })
  const applied = listCountyApplicantsOfVacancy(org.id, post.vacancy.id)
  const appliedIds = new Set(applied.map((a) => a.workerId))
  const base = { q: filters.q, township: filters.township, employmentNeed: filters.employmentNeed }
  const linkTo = (page: number) => `?${registryFilterParams({ ...base, page }, org.id)}`
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
    filters: { q: filters.q, township: filters.township, employmentNeed: filters.employmentNeed },
    townships: listTownships(org.areaCode),
    total,
    page,
    pages,
    prev: page > 1 ? linkTo(page - 1) : null,
    next: page < pages ? linkTo(page + 1) : null,
    candidates: rows.map((r) => ({
      id: r.id,
      name: r.name,
      sexAge: `${SEX_LABELS[r.sex]} · ${ageOn(r.birthDate, today)}岁`,
      township: r.townshipName,
      phone: r.phoneMasked ?? '未登记',
      skills: [SKILL_LEVEL_LABELS[r.skillLevel], r.skills].filter(Boolean).join('：'),
      need: EMPLOYMENT_NEED_LABELS[r.employmentNeed],
      applied: appliedIds.has(r.id),
    })),
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

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const org = user.organisation
  const jobId = requireRecordId(params.jobId)
  postForCounty(jobId, org.areaCode)
  const formData = await request.formData()
  const text = (name: string) => {
    const v = formData.get(name)
    return typeof v === 'string' ? v : null
  }
  switch (formData.get('intent')) {
    case 'search': {
      // What was typed (perhaps a phone number or an ID tail) goes back sealed, never in the URL.
      const clean = registryFilterParamsFromForm(formData, org.id)
      throw redirect(`/west/jobs/${jobId}/recommend${clean.size > 0 ? `?${clean}` : ''}`)
    }
    case 'recommend': {
      // A plain positive integer only ("12abc" is not 12); the model then checks the row is this county's.
      const rawWorkerId = text('workerId') ?? ''
      const workerId = /^[1-9]\d{0,15}$/.test(rawWorkerId) ? Number(rawWorkerId) : Number.NaN
      const submission = parseWithZod(formData, { schema: RecommendSchema })
      if (!Number.isSafeInteger(workerId) || workerId < 1) {
        return data({ result: submission.reply({ formErrors: ['请先在列表中选择要推荐的人员'] }) }, { status: 400 })
      }
      if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
      const result = recommendWorker(
        { userId: user.id, organisationId: org.id, countyCode: org.areaCode, ip: context.clientIp ?? null },
        jobId,
        workerId,
        submission.value.note || null,
      )
      if (!result.ok && (result.code === 'not_found' || result.code === 'not_target')) throw new Response('Not Found', { status: 404 })
      if (!result.ok) return data({ result: submission.reply({ formErrors: [result.message] }) }, { status: 400 })
      throw redirect(`/west/jobs/${jobId}/recommend?done=${result.existing ? 'existing' : 'recommended'}`)
    }
    default:
      throw new Response('Bad Request', { status: 400 })
  }
}

export default function RecommendPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const notice = NOTICES[searchParams.get('done') ?? '']
  const { post, filters: f } = data
  const searched = Boolean(f.q || f.township || f.employmentNeed)
  const errors = actionData?.result.error
  return (
    <main className="container page">
      <p className="small">
        <Link to="/west/jobs">← 对口岗位</Link>
      </p>
      {notice && !actionData ? (
        <p className="notice notice--ok" role="status">
          {notice}
        </p>
      ) : null}
      <h1>推荐人员：{post.title}</h1>
      <section className="card job-summary">
        <p className="job-item__salary">{post.salary}</p>
        <p className="muted small">
          {post.employerName} · {post.cityName} · 招 {post.headcount} 人 · 报名截止 {post.validUntil}
        </p>
        {post.open ? null : <p className="notice">该岗位{post.statusLabel}，已停止报名，不能再推荐。</p>}
      </section>

      <section className="block" aria-labelledby="applied-head">
        <h2 id="applied-head">本县已报名此岗位（{data.applied.length}）</h2>
        {data.applied.length === 0 ? (
          <p className="card muted">本县还没有人报名此岗位。</p>
        ) : (
          <div className="table-wrap">
            <table className="compact-table">
              <thead>
                <tr>
                  <th scope="col">姓名</th>
                  <th scope="col">乡镇</th>
                  <th scope="col">手机号</th>
                  <th scope="col">来源</th>
                  <th scope="col">状态</th>
                  <th scope="col">报名日期</th>
                </tr>
              </thead>
              <tbody>
                {data.applied.map((a) => (
                  <tr key={a.id}>
                    <td>{a.name}</td>
                    <td>{a.township}</td>
                    <td>
                      <span className="mono">{a.phone}</span>
                    </td>
                    <td>{a.source}</td>
                    <td>{a.status}</td>
                    <td>{a.appliedOn}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {post.open ? (
        <section className="block" aria-labelledby="pick-head">
          <h2 id="pick-head">从台账中选择</h2>
          <Form method="post" className="card filters" key={JSON.stringify(f)}>
            <input type="hidden" name="intent" value="search" />
            <div className="field">
              <label htmlFor="q">查找</label>
              <input id="q" name="q" type="search" defaultValue={f.q} placeholder="姓名、身份证后几位或手机号" maxLength={40} />
            </div>
            <div className="field">
              <label htmlFor="township">乡镇（街道）</label>
              <select id="township" name="township" defaultValue={f.township ?? ''}>
                <option value="">全部</option>
                {data.townships.map((t) => (
                  <option key={t.code} value={t.code}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="employmentNeed">就业需求</label>
              <select id="employmentNeed" name="employmentNeed" defaultValue={f.employmentNeed ?? ''}>
                <LabelOptions labels={EMPLOYMENT_NEED_LABELS} placeholder="全部" />
              </select>
            </div>
            <div className="actions filters__actions">
              <button type="submit" className="button button--secondary">
                查询
              </button>
              {searched ? (
                <Link to={`/west/jobs/${post.id}/recommend`} className="button button--secondary">
                  清除条件
                </Link>
              ) : null}
            </div>
          </Form>
          <CandidateForm data={data} errors={errors} busy={navigation.state === 'submitting'} searched={searched} />
        </section>
      ) : null}
    </main>
  )
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>

function CandidateForm({ data, errors, busy, searched }: { data: PageData; errors: Record<string, string[] | null> | null | undefined; busy: boolean; searched: boolean }) {
  const location = useLocation()
  if (data.candidates.length === 0) return <p className="card muted">{searched ? '没有符合条件的人员，请调整查询条件。' : '台账还是空的。'}</p>
  return (
    <Form method="post" className="form" key={location.key}>
      <input type="hidden" name="intent" value="recommend" />
      <p className="muted small" aria-live="polite">
        {searched ? '符合条件' : '台账共'} {data.total} 人，第 {data.page} / {data.pages} 页
      </p>
      <fieldset className="plain-fieldset">
        <legend className="sr-only">选择要推荐的人员</legend>
        <div className="table-wrap">
          <table className="pick-table">
            <thead>
              <tr>
                <th scope="col">选择</th>
                <th scope="col">姓名</th>
                <th scope="col">乡镇</th>
                <th scope="col">技能</th>
                <th scope="col">就业需求</th>
                <th scope="col">手机号</th>
              </tr>
            </thead>
            <tbody>
              {data.candidates.map((c) => (
                <tr key={c.id}>
                  <td>
                    <input
                      type="radio"
                      name="workerId"
                      value={c.id}
                      id={`pick-${c.id}`}
                      required
                      disabled={c.applied}
                      aria-label={c.applied ? `${c.name}（已报名）` : `选择 ${c.name}`}
                    />
                  </td>
                  <td>
                    <label htmlFor={`pick-${c.id}`}>
                      <strong>{c.name}</strong> <span className="muted small">{c.sexAge}</span>
                    </label>{' '}
                    {c.applied ? <span className="badge badge--info">已报名</span> : null}
                  </td>
                  <td>{c.township}</td>
                  <td className="wrap">{c.skills}</td>
                  <td>{c.need}</td>
                  <td>
                    <span className="mono">{c.phone}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>
      <LegacyPager page={data.page} pages={data.pages} prev={data.prev} next={data.next} />
      <div className="field">
        <label htmlFor="note">推荐说明（选填）</label>
        <textarea id="note" name="note" rows={2} maxLength={200} placeholder="如：有电焊证，愿意去山东" aria-invalid={errors?.note ? true : undefined} />
        <ErrorList errors={errors?.note} />
      </div>
      {errors?.[''] ? (
        <p className="form-error" role="alert">
          {errors[''].join('')}
        </p>
      ) : null}
      <div>
        <button type="submit" className="button" disabled={busy}>
          推荐到此岗位
        </button>
      </div>
    </Form>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `推荐人员${data ? `：${data.post.title}` : ''} · 鲁渝劳务协作` }]

export function ErrorBoundary() {
  return <ErrorPage />
}
