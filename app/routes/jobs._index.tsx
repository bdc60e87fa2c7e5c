import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { LabelOptions, SubmitButton } from '~/components/forms'
import { JobCard } from '~/components/job-card'
import { Pager } from '~/components/pager'
import { listBoardCities } from '~/models/pairing.server'
import { countPublicVacancies, listPublicVacancies, listVacancyIdsOpenToCounty } from '~/models/vacancy.server'
import { SEARCH_TEXT_MAX } from '~/rules/cjk-search'
import { formatSalaryRange, INDUSTRY_LABELS } from '~/rules/vacancy'
import { getUser } from '~/utils/auth.server'
import { BOARD_PAGE_SIZE, readBoardQuery } from '~/utils/board-query.server'
import { paginate } from '~/utils/list'
import { useIsPending } from '~/utils/pending'

const SORT_LABELS = { newest: '最新发布', salary: '工资最高' }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const cities = listBoardCities()
  const query = readBoardQuery(
    new URL(request.url),
    cities.map((c) => c.code),
  )
  // A shared link to a page that no longer exists (posts closed since) shows the last one instead.
  const list = paginate({
    page: query.page,
    pageSize: BOARD_PAGE_SIZE,
    total: () => countPublicVacancies(query),
    rows: (limit, offset) => listPublicVacancies(query, { limit, offset }),
  })
  // Everyone sees every open post; a worker's own county decides only whether they can apply.
  const countyCode = user?.role === 'worker' ? user.organisation.areaCode : null
  const openToMe = countyCode
    ? listVacancyIdsOpenToCounty(
        countyCode,
        list.rows.map((r) => r.id),
      )
    : null
  const payload = {
    filters: {
      q: query.q,
      city: query.city,
      industry: query.industry,
      minSalary: query.minSalary,
      meals: query.meals,
      housing: query.housing,
      sort: query.sort,
    },
    cities,
    total: list.total,
    page: list.page,
    pageCount: list.pageCount,
    isWorker: countyCode != null,
    jobs: list.rows.map((r) => ({
      id: r.id,
      title: r.title,
      employerName: r.employerName,
      cityName: r.cityName,
      industry: INDUSTRY_LABELS[r.industry] ?? r.industry,
      salary: formatSalaryRange(r.salaryMinFen, r.salaryMaxFen),
      meals: r.providesMeals,
      housing: r.providesHousing,
      headcount: r.headcount,
      validUntil: r.validUntil,
      notForYourCounty: openToMe ? !openToMe.has(r.id) : false,
    })),
  }
  // Anonymous pages are the same for everyone and may be cached for a minute (also by a proxy); a
  // signed-in page carries the person's name and county marks, so it is never stored. Vary: Cookie
  // keeps a shared cache from handing the anonymous copy to someone signed in.
  const headers = { 'Cache-Control': user ? 'private, no-store' : 'public, max-age=60', Vary: 'Cookie' }
  return data(payload, { headers })
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export default function JobBoard() {
  const board = useLoaderData<typeof loader>()
  const f = board.filters
  const narrowed = Boolean(f.city || f.industry || f.minSalary || f.meals || f.housing)
  const searching = useIsPending({ formAction: '/jobs' })
  return (
    <main className="container page">
      <h1>山东岗位</h1>
      <p className="muted">对口城市人社局审核发布的岗位，写明月薪和是否包吃住。通过本平台报名不收取任何费用。</p>

      <Form method="get" action="/jobs" className="card board-search" key={JSON.stringify(f)}>
        <div className="board-search__row">
          <label htmlFor="q" className="sr-only">
            搜索岗位
          </label>
          <input id="q" name="q" type="search" defaultValue={f.q} placeholder="如 焊工、普工、家政" maxLength={SEARCH_TEXT_MAX} enterKeyHint="search" />
          <SubmitButton pending={searching} pendingLabel="搜索中…">
            搜索
          </SubmitButton>
        </div>
        <details className="board-search__more" open={narrowed}>
          <summary>筛选：城市、行业、工资、吃住{narrowed ? '（已选）' : ''}</summary>
          <div className="board-search__grid">
            <div className="field">
              <label htmlFor="city">城市</label>
              <select id="city" name="city" defaultValue={f.city ?? ''}>
                <option value="">全部城市</option>
                {board.cities.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="industry">行业</label>
              <select id="industry" name="industry" defaultValue={f.industry ?? ''}>
                <LabelOptions labels={INDUSTRY_LABELS} placeholder="全部行业" />
              </select>
            </div>
            <div className="field">
              <label htmlFor="minSalary">月薪不低于（元）</label>
              <input id="minSalary" name="minSalary" type="text" inputMode="numeric" maxLength={7} defaultValue={f.minSalary ?? ''} placeholder="如 5000" />
            </div>
            <div className="field">
              <label htmlFor="sort">排序</label>
              <select id="sort" name="sort" defaultValue={f.sort}>
                <LabelOptions labels={SORT_LABELS} />
              </select>
            </div>
            <div className="board-search__checks">
              <label className="checkbox">
                <input type="checkbox" name="meals" value="1" defaultChecked={f.meals} /> 包吃
              </label>
              <label className="checkbox">
                <input type="checkbox" name="housing" value="1" defaultChecked={f.housing} /> 包住
              </label>
            </div>
          </div>
          <button type="submit" className="button button--block">
            按条件查找
          </button>
        </details>
      </Form>

      <div className="pager board-count">
        <p className="muted" aria-live="polite">
          {f.q || narrowed ? '找到' : '共有'} <strong>{board.total}</strong> 个岗位
          {f.q ? <> 包含“{f.q}”</> : null}
        </p>
        {f.q || narrowed || f.sort !== 'newest' ? (
          <Link to="/jobs" className="small">
            清除条件
          </Link>
        ) : null}
      </div>
      {board.isWorker ? <p className="muted small">标有“不面向您的区县”的岗位，您所在区县的务工人员不能报名。</p> : null}

      {board.jobs.length === 0 ? (
        <div className="card board-empty">
          <p>
            <strong>没有找到符合条件的岗位。</strong>
          </p>
          <p className="muted">可以少选几个条件，或换个说法搜索，如“焊工”“普工”“家政”“叉车”。</p>
          <Link to="/jobs" className="button button--secondary">
            查看全部岗位
          </Link>
        </div>
      ) : (
        <ol className="board-list" aria-label="岗位列表">
          {board.jobs.map((job) => (
            <JobCard key={job.id} job={job} />
          ))}
        </ol>
      )}

      <Pager page={board.page} pageCount={board.pageCount} />
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.filters.q ? `“${data.filters.q}”的岗位 · 鲁渝劳务协作` : '山东岗位 · 鲁渝劳务协作' },
  { name: 'description', content: '山东对口城市发布的岗位：写明月薪、是否包吃住，重庆对口区县务工人员可在线报名。' },
]

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
