import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { LabelOptions } from '~/components/forms'
import { countCountyApplicantsByVacancy } from '~/models/application.server'
import { searchPublicVacancies } from '~/models/vacancy.server'
import { formatSalaryRange, INDUSTRY_LABELS, type Industry } from '~/rules/vacancy'
import { requireUser } from '~/utils/auth.server'
import { readBoardQuery } from '~/utils/board-query.server'
import { LegacyPager } from '~/components/pager'

const PAGE_SIZE = 20
const SALARY_STEPS = { '4000': '4,000 元以上', '5000': '5,000 元以上', '6000': '6,000 元以上', '8000': '8,000 元以上' }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const url = new URL(request.url)
  // Only posts open to this county (its targets), published and not past their valid-until day.
  // The public board's parser; the city is this county's pair anyway, so it is not a filter here.
  const query = { ...readBoardQuery(url, []), city: null, pageSize: PAGE_SIZE, countyCode: user.organisation.areaCode }
  const { total, rows } = searchPublicVacancies(query)
  const counts = countCountyApplicantsByVacancy(user.organisation.id, rows.map((r) => r.id))
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const linkTo = (page: number) => {
    const next = new URLSearchParams(url.searchParams)
    if (page > 1) next.set('page', String(page))
    else next.delete('page')
    return `?${next}`
  }
  return {
    filters: { q: query.q, industry: query.industry, minSalary: query.minSalary, meals: query.meals, housing: query.housing, sort: query.sort },
    total,
    page: Math.min(query.page, pages),
    pages,
    prev: query.page > 1 ? linkTo(query.page - 1) : null,
    next: query.page < pages ? linkTo(query.page + 1) : null,
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      employerName: r.employerName,
      cityName: r.cityName,
      industry: INDUSTRY_LABELS[r.industry as Industry] ?? r.industry,
      salary: formatSalaryRange(r.salaryMinFen, r.salaryMaxFen),
      headcount: r.headcount,
      meals: r.providesMeals,
      housing: r.providesHousing,
      validUntil: r.validUntil,
      fromCounty: counts.get(r.id) ?? 0,
    })),
  }
}

export default function PairJobsPage() {
  const data = useLoaderData<typeof loader>()
  const f = data.filters
  const filtered = Boolean(f.q || f.industry || f.minSalary || f.meals || f.housing)
  return (
    <main className="container page">
      <h1>对口岗位</h1>
      <p className="muted">对口城市面向本县招聘、仍在报名期内的岗位。可以从台账中为务工人员推荐岗位。</p>

      <Form method="get" className="card filters filters--jobs" key={JSON.stringify(f)}>
        <div className="field">
          <label htmlFor="q">关键词</label>
          <input id="q" name="q" type="search" defaultValue={f.q} placeholder="岗位、单位或行业，如：电焊" maxLength={40} />
        </div>
        <div className="field">
          <label htmlFor="industry">行业</label>
          <select id="industry" name="industry" defaultValue={f.industry ?? ''}>
            <LabelOptions labels={INDUSTRY_LABELS} placeholder="全部" />
          </select>
        </div>
        <div className="field">
          <label htmlFor="minSalary">月薪</label>
          <select id="minSalary" name="minSalary" defaultValue={f.minSalary ? String(f.minSalary) : ''}>
            <LabelOptions labels={SALARY_STEPS} placeholder="不限" />
          </select>
        </div>
        <div className="field">
          <label htmlFor="sort">排序</label>
          <select id="sort" name="sort" defaultValue={f.sort}>
            <option value="newest">最新发布</option>
            <option value="salary">月薪从高到低</option>
          </select>
        </div>
        <div className="actions filters__actions">
          <label className="checkbox">
            <input type="checkbox" name="meals" value="1" defaultChecked={f.meals} /> 包吃
          </label>
          <label className="checkbox">
            <input type="checkbox" name="housing" value="1" defaultChecked={f.housing} /> 包住
          </label>
          <button type="submit" className="button">
            查询
          </button>
          {filtered ? (
            <Link to="/west/jobs" className="button button--secondary">
              清除条件
            </Link>
          ) : null}
        </div>
      </Form>

      <p className="muted" aria-live="polite">
        {filtered ? '符合条件的岗位' : '共有岗位'} {data.total} 个
      </p>
      {data.rows.length === 0 ? (
        <p className="card muted">{filtered ? '没有符合条件的岗位，请调整查询条件。' : '对口城市暂时没有面向本县的在招岗位。'}</p>
      ) : (
        <ul className="job-list">
          {data.rows.map((r) => (
            <li key={r.id} className="card job-item">
              <div className="job-item__main">
                <h2 className="job-item__title">{r.title}</h2>
                <p className="job-item__salary">{r.salary}</p>
                <p className="muted small">
                  {r.employerName} · {r.cityName} · {r.industry}
                </p>
                <p className="job-item__tags">
                  <span className="badge">招 {r.headcount} 人</span>
                  {r.meals ? <span className="badge badge--ok">包吃</span> : null}
                  {r.housing ? <span className="badge badge--ok">包住</span> : null}
                  <span className="badge">报名截止 {r.validUntil}</span>
                  {r.fromCounty > 0 ? <span className="badge badge--info">本县已报名 {r.fromCounty} 人</span> : null}
                </p>
              </div>
              <Link to={`/west/jobs/${r.id}/recommend`} className="button button--small" aria-label={`为“${r.title}”推荐人员`}>
                推荐人员
              </Link>
            </li>
          ))}
        </ul>
      )}
      <LegacyPager page={data.page} pages={data.pages} prev={data.prev} next={data.next} />
    </main>
  )
}

export const meta: MetaFunction = () => [{ title: '对口岗位 · 鲁渝劳务协作' }]

export function ErrorBoundary() {
  return <ErrorPage />
}
