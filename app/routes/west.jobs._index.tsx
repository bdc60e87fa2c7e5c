import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { FilterActions, FilterCheckbox, FilterForm, FilterMonth, FilterSearch, FilterSelect, ListExportBar } from '~/components/list-filters'
import { jobCardFields } from '~/components/job-card'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import { countCountyApplicantsByVacancy } from '~/models/county-applicants.server'
import { countCountyPublished, listCountyPublished } from '~/models/county-jobs.server'
import { pagePublicVacancies } from '~/models/vacancy-board.server'
import { formatDate } from '~/rules/dates'
import { INDUSTRY_LABELS, VACANCY_STATUS } from '~/rules/vacancy'
import { requireActor } from '~/utils/auth.server'
import { readBoardQuery } from '~/utils/board-query.server'
import { pageInfo, paginate } from '~/utils/list'
import { pageTitle } from '~/utils/meta'
import { monthInWords, readPeriodParam } from '~/utils/month-filters.server'

const PAGE_SIZE = 20
const SALARY_STEPS = { '4000': '4,000 元以上', '5000': '5,000 元以上', '6000': '6,000 元以上', '8000': '8,000 元以上' }
const SORTS = { newest: '最新发布', salary: '月薪从高到低' }

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const url = new URL(args.request.url)
  // Only posts open to this county (its targets). The public board's parser; the city is this county's
  // pair anyway, so it is not a filter here.
  const query = readBoardQuery(url, [])
  // 发布月份 (?published=YYYY-MM, Shanghai): the posts published in that month in every state today, closed
  // and filled ones too — the list the county dashboard's 发布岗位 figure links to (issue 15 §5). Without
  // it, the open posts only (published, not past their valid-until day), as the board shows them.
  const published = readPeriodParam(url.searchParams, 'published')
  const filters = {
    q: query.q,
    industry: query.industry,
    minSalary: query.minSalary,
    meals: query.meals,
    housing: query.housing,
    sort: query.sort,
  }
  const list = published
    ? paginate({
        page: query.page,
        pageSize: PAGE_SIZE,
        total: () => countCountyPublished(actor.areaCode, { ...filters, published }),
        rows: (limit, offset) => listCountyPublished(actor.areaCode, { ...filters, published }, { limit, offset }),
      })
    : // The public board's paging: with a text search the count rides along in the page's query.
      pagePublicVacancies({ ...filters, city: null, countyCode: actor.areaCode }, { page: query.page, pageSize: PAGE_SIZE })
  const counts = countCountyApplicantsByVacancy(
    actor,
    list.rows.map((r) => r.id),
  )
  // The export takes the list's filters (not the page): every post they find, in the list's order.
  const exportParams = new URLSearchParams()
  for (const [name, value] of Object.entries({ ...filters, published }))
    if (value && !(name === 'sort' && value === 'newest')) exportParams.set(name, value === true ? '1' : String(value))
  return {
    filters: { ...filters, published },
    publishedLabel: published ? monthInWords(published) : null,
    exportParams: [...exportParams.entries()],
    ...pageInfo(list),
    rows: list.rows.map((r) => ({
      ...jobCardFields(r),
      fromCounty: counts.get(r.id) ?? 0,
      status: 'status' in r ? r.status : ('published' as const),
      publishedOn: r.publishedAt ? formatDate(r.publishedAt) : null,
    })),
  }
}

export default function PairJobsPage() {
  const data = useLoaderData<typeof loader>()
  const f = data.filters
  const filtered = Boolean(f.q || f.industry || f.minSalary || f.meals || f.housing || f.published)
  return (
    <main className="container page">
      <h1>对口岗位</h1>
      <p className="muted">
        {data.publishedLabel
          ? `对口城市${data.publishedLabel}发布、面向本县招聘的岗位（按北京时间），含此后已过期、已关闭和已招满的。`
          : '对口城市面向本县招聘、仍在报名期内的岗位。可以从台账中为务工人员推荐岗位。'}
      </p>

      <FilterForm className="filters--jobs" values={f}>
        <FilterSearch label="关键词" value={f.q} placeholder="岗位、单位或行业，如：电焊" />
        <FilterMonth name="published" label="发布月份（含已结束的）" value={f.published} />
        <FilterSelect name="industry" label="行业" labels={INDUSTRY_LABELS} value={f.industry} />
        <FilterSelect name="minSalary" label="月薪" labels={SALARY_STEPS} value={f.minSalary} placeholder="不限" />
        <FilterSelect name="sort" label="排序" labels={SORTS} value={f.sort} placeholder={null} />
        <FilterActions filtered={filtered} clearTo="/west/jobs">
          <FilterCheckbox name="meals" label="包吃" checked={f.meals} />
          <FilterCheckbox name="housing" label="包住" checked={f.housing} />
        </FilterActions>
      </FilterForm>

      <ListExportBar action="/west/jobs/export.xlsx" params={data.exportParams}>
        {data.publishedLabel ? `${data.publishedLabel}发布的岗位` : filtered ? '符合条件的岗位' : '共有岗位'} {data.total} 个
      </ListExportBar>
      {data.rows.length === 0 ? (
        <p className="card muted">
          {data.publishedLabel
            ? `${data.publishedLabel}没有${filtered && (f.q || f.industry || f.minSalary || f.meals || f.housing) ? '符合条件的' : ''}面向本县发布的岗位。`
            : filtered
              ? '没有符合条件的岗位，请调整查询条件。'
              : '对口城市暂时没有面向本县的在招岗位。'}
        </p>
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
                  {r.status !== 'published' ? <StatusBadge spec={VACANCY_STATUS} status={r.status} /> : null}
                  <span className="badge">招 {r.headcount} 人</span>
                  {r.meals ? <span className="badge badge--ok">包吃</span> : null}
                  {r.housing ? <span className="badge badge--ok">包住</span> : null}
                  {data.publishedLabel && r.publishedOn ? <span className="badge">发布 {r.publishedOn}</span> : null}
                  <span className="badge">报名截止 {r.validUntil}</span>
                  {r.fromCounty > 0 ? <span className="badge badge--info">本县已报名 {r.fromCounty} 人</span> : null}
                </p>
              </div>
              {r.status === 'published' ? (
                <Link to={`/west/jobs/${r.id}/recommend`} className="button button--small" aria-label={`为“${r.title}”推荐人员`}>
                  推荐人员
                </Link>
              ) : null}
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
