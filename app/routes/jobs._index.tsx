import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { SubmitButton } from '~/components/submit-button'
import { JobCard, jobCardFields } from '~/components/job-card'
import { FilterCheckbox, FilterSelect } from '~/components/list-filters'
import { Pager } from '~/components/pager'
import { listBoardCities } from '~/models/pairing.server'
import { countPublicVacancies, listPublicVacancies, listVacancyIdsOpenToCounty } from '~/models/vacancy.server'
import { SEARCH_TEXT_MAX } from '~/rules/cjk-search'
import { INDUSTRY_LABELS } from '~/rules/vacancy-labels'
import { getUser } from '~/utils/auth.server'
import { BOARD_PAGE_SIZE, readBoardQuery } from '~/utils/board-query.server'
import { pageInfo, paginate } from '~/utils/page'
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
    ...pageInfo(list),
    isWorker: countyCode != null,
    jobs: list.rows.map((r) => ({ ...jobCardFields(r), notForYourCounty: openToMe ? !openToMe.has(r.id) : false })),
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
            <FilterSelect name="city" label="城市" labels={board.cities} value={f.city} placeholder="全部城市" />
            <FilterSelect name="industry" label="行业" labels={INDUSTRY_LABELS} value={f.industry} placeholder="全部行业" />
            <div className="field">
              <label htmlFor="minSalary">月薪不低于（元）</label>
              <input id="minSalary" name="minSalary" type="text" inputMode="numeric" maxLength={7} defaultValue={f.minSalary ?? ''} placeholder="如 5000" />
            </div>
            <FilterSelect name="sort" label="排序" labels={SORT_LABELS} value={f.sort} placeholder={null} />
            <div className="board-search__checks">
              <FilterCheckbox name="meals" label="包吃" checked={f.meals} />
              <FilterCheckbox name="housing" label="包住" checked={f.housing} />
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
