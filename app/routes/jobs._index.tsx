import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { SubmitButton } from '~/components/submit-button'
import { JobCard, jobCardFields } from '~/components/job-card'
import { FilterCheckbox, FilterSelect } from '~/components/list-filters'
import { Pager } from '~/components/pager'
import { listBoardCities } from '~/models/pairing.server'
import { pagePublicVacancies } from '~/models/vacancy-board.server'
import { countPublicVacancies, listPublicVacancies, listVacancyIdsOpenToCounty } from '~/models/vacancy.server'
import { SEARCH_TEXT_MAX } from '~/rules/cjk-search'
import { INDUSTRY_LABELS } from '~/rules/vacancy-labels'
import { getViewer } from '~/utils/auth.server'
import { BOARD_PAGE_SIZE, readBoardQuery, type BoardScope } from '~/utils/board-query.server'
import { pageInfo, paginate } from '~/utils/page'
import { useIsPending } from '~/utils/pending'

const SORT_LABELS = { newest: '最新发布', salary: '工资最高' }

/**
 * The pay filter compares the top of a post's range (vacancy-board.server.ts: salary_max ≥ the amount): a
 * worker typing 6000 sees every post whose pay can reach 6,000 a month, and the words say exactly that.
 */
const MIN_SALARY_LABEL = '月薪最高可达'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getViewer(request)
  const cities = listBoardCities()
  const url = new URL(request.url)
  const { scope: asked, ...query } = readBoardQuery(
    url,
    cities.map((c) => c.code),
  )
  // Everyone may see every open post; a worker sees first the ones their county's pairing lets them
  // apply to, with one tap (a link, so without JavaScript too) to all of them (issue 9 §12).
  const countyCode = user?.role === 'worker' ? user.organisation.areaCode : null
  const scope = countyCode ? asked : 'all'
  const counts = countyCode ? { mine: countPublicVacancies({ ...query, countyCode }), all: countPublicVacancies(query) } : null
  const shown = { ...query, countyCode: scope === 'mine' ? countyCode : null }
  // A shared link to a page that no longer exists (posts closed since) shows the last one instead.
  // Without the two counts (anyone but a worker) the count rides along with the page: one query.
  const list = counts
    ? paginate({
        page: query.page,
        pageSize: BOARD_PAGE_SIZE,
        total: counts[scope],
        rows: (limit, offset) => listPublicVacancies(shown, { limit, offset }),
      })
    : pagePublicVacancies(shown, { page: query.page, pageSize: BOARD_PAGE_SIZE })
  const openToMe =
    countyCode && scope === 'all'
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
    scope,
    scopes: counts ? { counts, mine: scopeLink(url, 'mine'), all: scopeLink(url, 'all') } : null,
    jobs: list.rows.map((r) => ({ ...jobCardFields(r), notForYourCounty: openToMe ? !openToMe.has(r.id) : false })),
  }
  // Anonymous pages are the same for everyone and may be cached for a minute (also by a proxy); a
  // signed-in page carries the person's name and county marks, so it is never stored. Vary: Cookie
  // keeps a shared cache from handing the anonymous copy to someone signed in.
  const headers = { 'Cache-Control': user ? 'private, no-store' : 'public, max-age=60', Vary: 'Cookie' }
  return data(payload, { headers })
}

/** The board's URL with the same filters in `scope`, from its first page. */
function scopeLink(url: URL, scope: BoardScope) {
  const params = new URLSearchParams(url.search)
  params.delete('page')
  if (scope === 'all') params.set('scope', 'all')
  else params.delete('scope')
  const search = params.toString()
  return search ? `/jobs?${search}` : '/jobs'
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export default function JobBoard() {
  const board = useLoaderData<typeof loader>()
  const f = board.filters
  const narrowed = Boolean(f.city || f.industry || f.minSalary || f.meals || f.housing)
  const searching = useIsPending({ formAction: '/jobs' })
  const chips = filterChips(f, board.cities)
  return (
    <main className="container page">
      <h1>山东岗位</h1>
      <p className="muted">对口城市人社局审核发布的岗位，写明月薪和是否包吃住。通过本平台报名不收取任何费用。</p>

      {board.scopes ? (
        <nav className="board-scope" aria-label="岗位范围">
          <Link to={board.scopes.mine} aria-current={board.scope === 'mine' ? 'page' : undefined}>
            我能报名的 <strong>{board.scopes.counts.mine}</strong>
          </Link>
          <Link to={board.scopes.all} aria-current={board.scope === 'all' ? 'page' : undefined}>
            全部岗位 <strong>{board.scopes.counts.all}</strong>
          </Link>
        </nav>
      ) : null}

      <Form method="get" action="/jobs" className="card board-search" key={JSON.stringify(f)}>
        {board.scope === 'all' && board.scopes ? <input type="hidden" name="scope" value="all" /> : null}
        <div className="board-search__row">
          <label htmlFor="q" className="sr-only">
            搜索岗位
          </label>
          <input id="q" name="q" type="search" defaultValue={f.q} placeholder="如 焊工、潍坊、寿光" maxLength={SEARCH_TEXT_MAX} enterKeyHint="search" />
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
              <label htmlFor="minSalary">{MIN_SALARY_LABEL}（元）</label>
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
          {f.q || narrowed ? '找到' : '共有'} <strong>{board.total}</strong> 个{board.scope === 'mine' && board.scopes ? '您能报名的' : ''}岗位
          {f.q ? <> 包含“{f.q}”</> : null}
        </p>
        {f.q || narrowed || f.sort !== 'newest' ? (
          <Link to={board.scope === 'all' && board.scopes ? '/jobs?scope=all' : '/jobs'} className="small">
            清除条件
          </Link>
        ) : null}
      </div>
      {chips.length > 0 ? (
        <ul className="board-chips" aria-label="已选条件">
          {chips.map((chip) => (
            <li key={chip}>{chip}</li>
          ))}
        </ul>
      ) : null}
      {board.scopes && board.scope === 'all' ? <p className="muted small">标有“不面向您的区县”的岗位，您所在区县的务工人员不能报名。</p> : null}

      {board.jobs.length === 0 ? (
        <div className="card board-empty">
          <p>
            <strong>{board.scopes && board.scope === 'mine' ? '没有您能报名的岗位符合条件。' : '没有找到符合条件的岗位。'}</strong>
          </p>
          <p className="muted">可以少选几个条件，或换个说法搜索，如“焊工”“普工”“家政”“潍坊”。</p>
          {board.scopes && board.scope === 'mine' && board.scopes.counts.all > 0 ? (
            <Link to={board.scopes.all} className="button button--secondary">
              看全部 {board.scopes.counts.all} 个岗位
            </Link>
          ) : (
            <Link to="/jobs" className="button button--secondary">
              查看全部岗位
            </Link>
          )}
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

/**
 * The chosen conditions in words, as the query applies them: the pay condition is the top of the range
 * (a post whose pay can reach the amount), so it says 最高可达, as the field's label does.
 */
function filterChips(
  f: { city: string | null; industry: string | null; minSalary: number | null; meals: boolean; housing: boolean },
  cities: { code: string; name: string }[],
) {
  const chips: string[] = []
  if (f.city) chips.push(cities.find((c) => c.code === f.city)?.name ?? f.city)
  if (f.industry) chips.push(INDUSTRY_LABELS[f.industry as keyof typeof INDUSTRY_LABELS] ?? f.industry)
  if (f.minSalary) chips.push(`${MIN_SALARY_LABEL} ${f.minSalary.toLocaleString('en-US')} 元`)
  if (f.meals) chips.push('包吃')
  if (f.housing) chips.push('包住')
  return chips
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.filters.q ? `“${data.filters.q}”的岗位 · 鲁渝劳务协作` : '山东岗位 · 鲁渝劳务协作' },
  { name: 'description', content: '山东对口城市发布的岗位：写明月薪、是否包吃住，重庆对口区县务工人员可在线报名。' },
]

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
