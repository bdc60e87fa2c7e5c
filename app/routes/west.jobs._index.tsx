import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { FilterActions, FilterCheckbox, FilterForm, FilterSearch, FilterSelect } from '~/components/list-filters'
import { jobCardFields } from '~/components/job-card'
import { Pager } from '~/components/pager'
import { countCountyApplicantsByVacancy } from '~/models/county-applicants.server'
import { pagePublicVacancies } from '~/models/vacancy-board.server'
import { INDUSTRY_LABELS } from '~/rules/vacancy'
import { requireActor } from '~/utils/auth.server'
import { readBoardQuery } from '~/utils/board-query.server'
import { pageInfo } from '~/utils/list'
import { pageTitle } from '~/utils/meta'

const PAGE_SIZE = 20
const SALARY_STEPS = { '4000': '4,000 元以上', '5000': '5,000 元以上', '6000': '6,000 元以上', '8000': '8,000 元以上' }
const SORTS = { newest: '最新发布', salary: '月薪从高到低' }

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  // Only posts open to this county (its targets), published and not past their valid-until day.
  // The public board's parser; the city is this county's pair anyway, so it is not a filter here.
  const query = readBoardQuery(new URL(args.request.url), [])
  const filters = {
    q: query.q,
    industry: query.industry,
    minSalary: query.minSalary,
    meals: query.meals,
    housing: query.housing,
    sort: query.sort,
    city: null,
    countyCode: actor.areaCode,
  }
  // The public board's paging: with a text search the count rides along in the page's query.
  const list = pagePublicVacancies(filters, { page: query.page, pageSize: PAGE_SIZE })
  const counts = countCountyApplicantsByVacancy(
    actor,
    list.rows.map((r) => r.id),
  )
  return {
    filters: { q: filters.q, industry: filters.industry, minSalary: filters.minSalary, meals: filters.meals, housing: filters.housing, sort: filters.sort },
    ...pageInfo(list),
    rows: list.rows.map((r) => ({ ...jobCardFields(r), fromCounty: counts.get(r.id) ?? 0 })),
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

      <FilterForm className="filters--jobs" values={f}>
        <FilterSearch label="关键词" value={f.q} placeholder="岗位、单位或行业，如：电焊" />
        <FilterSelect name="industry" label="行业" labels={INDUSTRY_LABELS} value={f.industry} />
        <FilterSelect name="minSalary" label="月薪" labels={SALARY_STEPS} value={f.minSalary} placeholder="不限" />
        <FilterSelect name="sort" label="排序" labels={SORTS} value={f.sort} placeholder={null} />
        <FilterActions filtered={filtered} clearTo="/west/jobs">
          <FilterCheckbox name="meals" label="包吃" checked={f.meals} />
          <FilterCheckbox name="housing" label="包住" checked={f.housing} />
        </FilterActions>
      </FilterForm>

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
                <h2 className="job-item__title">
                  <Link to={`/west/jobs/${r.id}`}>{r.title}</Link>
                </h2>
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
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

export const meta = pageTitle('对口岗位')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
