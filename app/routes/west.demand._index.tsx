import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormAlert } from '~/components/form-alert'
import { FilterActions, FilterForm, FilterSelect, ListExportBar } from '~/components/list-filters'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import { SubmitButton } from '~/components/submit-button'
import {
  answerCompanion,
  countCountyDemand,
  countyDemandCounts,
  countyDemandWeeks,
  demandFilterChoices,
  listCountyDemand,
  withdrawDemand,
} from '~/models/travel-demand.server'
import { shortAreaName } from '~/rules/areas'
import { todayInShanghai } from '~/rules/dates'
import { statusLabels } from '~/rules/status'
import { DEMAND_STATE, demandWeek, groupDemandByWeek } from '~/rules/travel-demand'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { demandFilterParams, readDemandFilters } from '~/utils/demand-list.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'
import { failureReply, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { useIsPending } from '~/utils/pending'

// The county's travel demand (出行需求, issue 12 §1): open and invited demand grouped by the week of the
// earliest day and destination, with the count of demands and of people (with confirmed companions) of
// each group over the whole filtered list. Ticked open demands go to /west/batches/new?demand=… (a GET
// form the checkboxes join by the `form` attribute, so the rows can hold their own POST forms).

const PAGE_SIZE = 50

const IntentSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('confirm_companion') }), z.object({ intent: z.literal('withdraw') })])

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const search = new URL(args.request.url).searchParams
  const filters = readDemandFilters(search)
  const list = paginateSearch(search, PAGE_SIZE, {
    total: () => countCountyDemand(actor, filters),
    rows: (limit, offset) => listCountyDemand(actor, filters, { limit, offset }),
  })
  const counts = countyDemandCounts(actor, filters)
  const choices = demandFilterChoices(actor)
  const today = todayInShanghai()
  // Only weeks that have demand, each with its count; a chosen week with none left stays choosable.
  const weeks = countyDemandWeeks(actor, filters).map((w) => ({ code: w.key, name: `${demandWeek(w.key, today).label}（${w.demands} 条）` }))
  if (filters.week && !weeks.some((w) => w.code === filters.week))
    weeks.unshift({ code: filters.week, name: `${demandWeek(filters.week, today).label}（0 条）` })
  const rows = list.rows.map((r) => ({ ...r, cityName: shortAreaName(r.cityName) }))
  return {
    filters,
    exportParams: demandFilterParams(filters),
    ...pageInfo(list),
    groups: groupDemandByWeek(rows, today).map((g) => ({
      ...g,
      ...(counts.get(`${g.week.key}|${g.cityCode}`) ?? { demands: g.rows.length, people: g.rows.length }),
    })),
    choices: {
      weeks,
      cities: choices.cities.map((c) => ({ code: c.code, name: shortAreaName(c.name) })),
      townships: choices.townships,
    },
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const formData = await args.request.formData()
  const intent = readIntent(formData, IntentSchema)
  const demandId = requireRecordId(formData.get('demandId'))
  const done =
    intent === 'withdraw'
      ? withdrawDemand(actor, demandId)
      : answerCompanion(actor, demandId, 'confirm', { workerId: requireRecordId(formData.get('workerId')) })
  if (!done) throw new Response('Not Found', { status: 404 })
  if (!done.ok) return failureReply(null, done, { beside: { id: demandId } })
  const back = new URL(args.request.url)
  throw await redirectWithNotice(`/west/demand${back.search}`, { text: intent === 'withdraw' ? '出行需求已撤回。' : '已代为确认同行（已记录）。' })
}

export default function DemandPage() {
  const data = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { filters } = data
  const filtered = Object.values(filters).some((v) => v != null)
  const anyOpen = data.groups.some((g) => g.rows.some((r) => r.state === 'open'))
  return (
    <main className="container page">
      <PageHead title="出行需求">
        <Link to="/west/demand/new" className="button button--secondary">
          代为登记
        </Link>
      </PageHead>
      <FilterForm values={filters}>
        <FilterSelect name="week" label="出发周（按最早出发日期）" labels={data.choices.weeks} value={filters.week} />
        <FilterSelect name="city" label="目的地" labels={data.choices.cities} value={filters.cityCode} />
        <FilterSelect name="township" label="上车乡镇" labels={data.choices.townships} value={filters.townshipCode} />
        <FilterSelect name="state" label="状态" labels={statusLabels(DEMAND_STATE)} value={filters.state} placeholder="待安排和已邀请" />
        <FilterActions filtered={filtered} clearTo="/west/demand" secondary />
      </FilterForm>
      <ListExportBar action="/west/demand/export.xlsx" params={data.exportParams}>
        共 {data.total} 条需求。勾选待安排的需求，点“用所选需求建批次”。
      </ListExportBar>
      {reply ? <FormAlert messages={reply.result.error?.[''] ?? null} /> : null}
      {data.groups.length === 0 ? (
        <p className="card muted">{filtered ? '没有符合条件的出行需求。' : '还没有待安排的出行需求。务工人员在“我的行程”登记，或点“代为登记”。'}</p>
      ) : (
        data.groups.map((g) => (
          <section key={`${g.week.key}|${g.cityCode}`} className="section" aria-labelledby={`g-${g.week.key}-${g.cityCode}`}>
            <h2 id={`g-${g.week.key}-${g.cityCode}`}>
              {g.week.label} · {g.cityName}
            </h2>
            <p className="small muted">
              需求 {g.demands} 条，连同已确认的同行人共 {g.people} 人
            </p>
            <ol className="board-list">
              {g.rows.map((r) => (
                <DemandRow key={r.id} row={r} />
              ))}
            </ol>
          </section>
        ))
      )}
      {anyOpen ? (
        <form id="make-batch" method="get" action="/west/batches/new" className="actions">
          <button type="submit" className="button">
            用所选需求建批次
          </button>
        </form>
      ) : null}
      <Pager page={data.page} pageCount={data.pageCount} />
    </main>
  )
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['groups'][number]['rows'][number]

function DemandRow({ row }: { row: Row }) {
  const withdrawing = useIsPending({ intent: 'withdraw', match: { demandId: row.id } })
  const confirming = useIsPending({ intent: 'confirm_companion', match: { demandId: row.id } })
  return (
    <li className="job-card">
      <h3 className="job-card__title">
        {row.state === 'open' ? (
          <label className="checkbox">
            <input type="checkbox" name="demand" value={row.id} form="make-batch" /> {row.name}
          </label>
        ) : (
          row.name
        )}{' '}
        <StatusBadge spec={DEMAND_STATE} status={row.state} />
      </h3>
      <p className="small">
        <span className="mono">{row.idMasked}</span> · {row.townshipName ?? '—'}上车{row.byStaff ? ' · 代为登记' : ''}
      </p>
      <p className="small">
        {row.earliestDate} 至 {row.latestDate} · {row.cityName}
        {row.employerName ? ` · ${row.employerName}` : ''}
      </p>
      {row.batchId ? (
        <p className="small">
          <Link to={`/west/batches/${row.batchId}`}>已编入批次</Link>
        </p>
      ) : null}
      {row.companions.length ? (
        <div className="small">
          同行人：
          {row.companions.map((c) => (
            <span key={c.workerId}>
              {c.name}（{c.confirmed ? '已确认' : '待确认'}）
              {!c.confirmed && !c.hasAccount && (row.state === 'open' || row.state === 'invited') ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="demandId" value={row.id} />
                  <input type="hidden" name="workerId" value={c.workerId} />
                  <SubmitButton name="intent" value="confirm_companion" className="button button--small button--secondary" pending={confirming}>
                    代为确认
                  </SubmitButton>
                </Form>
              ) : null}{' '}
            </span>
          ))}
        </div>
      ) : null}
      {row.state === 'open' || row.state === 'invited' ? (
        <Form method="post">
          <input type="hidden" name="demandId" value={row.id} />
          <SubmitButton name="intent" value="withdraw" className="button button--small button--secondary" pending={withdrawing} pendingLabel="正在撤回…">
            撤回
          </SubmitButton>
        </Form>
      ) : null}
    </li>
  )
}

export const meta = pageTitle('出行需求')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
