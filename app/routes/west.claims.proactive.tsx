import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { DataTable, type Column } from '~/components/data-table'
import { FormAlert } from '~/components/form-alert'
import { ErrorList, SubmitButton } from '~/components/forms'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { listTownships } from '~/models/area.server'
import { countProactive, fileProactiveClaims, listProactive, PROACTIVE_AT_ONCE_MAX, proactiveFlatFen, proactiveView } from '~/models/claims-proactive.server'
import { todayInShanghai } from '~/rules/dates'
import { parseRecordId } from '~/rules/fields'
import { formatFen } from '~/rules/money'
import { HOUSEHOLD_LABELS } from '~/rules/registry'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'
import { redirectWithNotice } from '~/utils/notice.server'
import { useIsPending } from '~/utils/pending'

// 免申即享 (issue 13 §9): the county's verified 脱贫人口 and 监测对象 with work outside Chongqing this year and no
// claim yet, by township; an export; and one action filing a flat-amount claim for each ticked person (assisted
// filing, recorded as such; each worker sees it on /me/claims). A person already filed for (a repeated post, a
// claim made meanwhile) is skipped and counted, never filed twice — the one-claim-a-year index sees to that.

const PAGE_SIZE = 50

/** The township code of the URL when it is one of the county's; null otherwise (all townships). */
function townshipOf(request: Request, townships: { code: string }[]) {
  const asked = new URL(request.url).searchParams.get('township')
  return townships.some((t) => t.code === asked) ? asked : null
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const year = Number(todayInShanghai().slice(0, 4))
  const townships = listTownships(actor.areaCode)
  const township = townshipOf(args.request, townships)
  const search = new URL(args.request.url).searchParams
  const list = paginateSearch(search, PAGE_SIZE, {
    total: () => countProactive(actor, year, { township }),
    rows: (limit, offset) => listProactive(actor, year, { township }, { limit, offset }),
  })
  return {
    year,
    township,
    townships,
    flatFen: proactiveFlatFen(actor, year),
    // Read here: a *.server module's constant is not in the browser's bundle.
    atOnceMax: PROACTIVE_AT_ONCE_MAX,
    ...pageInfo(list),
    rows: proactiveView(list.rows),
  }
}

/** 代为申报: one flat-amount claim per ticked person; the answer says how many were filed and who was skipped, and why. */
export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const formData = await args.request.formData()
  if (formData.get('intent') !== 'file') throw new Response('Bad Request', { status: 400 })
  const picked = formData.getAll('workerId').map((v) => parseRecordId(v))
  if (picked.some((id) => id == null)) return data({ errors: { workerId: ['所选人员无效，请刷新页面后重新选择'] } }, { status: 400 })
  const result = fileProactiveClaims(actor, picked as number[])
  if (!result.ok) return data({ errors: { [result.field ?? '']: [result.message] } }, { status: result.status ?? 400 })
  const skipped = result.skipped.map((s) => `${s.name || '（不在本县台账）'}：${s.reason}`)
  const text =
    `已代为申报 ${result.filed} 人，共 ${formatFen(result.filedFen)}。` +
    (skipped.length > 0 ? `跳过 ${skipped.length} 人（${skipped.slice(0, 5).join('；')}${skipped.length > 5 ? '等' : ''}）。` : '') +
    (result.filed > 0 ? '申领已进入审核队列，本人可在“交通补助”看到。' : '')
  const back = new URL(args.request.url)
  throw await redirectWithNotice(`${back.pathname}${back.search}`, { text, tone: result.filed > 0 ? 'ok' : 'amber' })
}

type Row = Awaited<ReturnType<typeof loader>>['rows'][number]

const COLUMNS: Column<Row>[] = [
  {
    header: '选择',
    cell: (r) => <input type="checkbox" name="workerId" value={r.id} id={`worker-${r.id}`} aria-label={`选择 ${r.name}`} />,
  },
  {
    header: '姓名',
    cell: (r) => (
      <label htmlFor={`worker-${r.id}`}>
        <strong>{r.name}</strong> <span className="muted small mono">{r.idMasked}</span>
      </label>
    ),
  },
  { header: '户类型', cell: (r) => HOUSEHOLD_LABELS[r.householdStatus] },
  { header: '乡镇', cell: (r) => r.township ?? '' },
  { header: '务工地', cell: (r) => r.destination ?? '' },
  { header: '就业开始', cell: (r) => (r.startDate ? <span className="nowrap">{r.startDate} 起务工</span> : '') },
]

export default function ProactivePage() {
  const p = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const errors: Record<string, string[] | undefined> = reply?.errors ?? {}
  const location = useLocation()
  const busy = useIsPending({ intent: 'file' })
  const exportHref = `/west/claims/proactive.xlsx${p.township ? `?township=${p.township}` : ''}`
  return (
    <main className="container page">
      <BackLink to="/west/claims">补助审核</BackLink>
      <PageHead title={`免申即享：${p.year}年可申领未申领名单`}>
        <a href={exportHref} className="button button--secondary" download>
          导出名单
        </a>
      </PageHead>
      <p className="muted">
        已实名核验的脱贫人口和监测对象，{p.year}年有重庆市外的就业记录，还没有交通补助申领。勾选后可按定额
        {p.flatFen != null ? `（${formatFen(p.flatFen)}）` : ''}代为申报，申领进入审核队列，审核、发放与本人申报的一样。
      </p>
      {p.flatFen == null ? <p className="notice notice--amber">本县{p.year}年的交通补助政策还没有设置，设置后才能代为申报。</p> : null}
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="township">乡镇（街道）</label>
          <select id="township" name="township" defaultValue={p.township ?? ''}>
            <option value="">全部乡镇</option>
            {p.townships.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__actions">
          <button type="submit" className="button button--secondary">
            筛选
          </button>
        </div>
      </Form>
      <p className="muted" aria-live="polite">
        共 {p.total} 人，第 {p.page} / {p.pageCount} 页
      </p>
      {p.rows.length === 0 ? (
        <p className="card muted">{p.township ? '这个乡镇没有可申领未申领的人员。' : '没有可申领未申领的人员。'}</p>
      ) : (
        <Form method="post" action={`${location.pathname}${location.search}`} className="form">
          <input type="hidden" name="intent" value="file" />
          <fieldset className="plain-fieldset">
            <legend className="sr-only">选择要代为申报的人员</legend>
            <DataTable rows={p.rows} columns={COLUMNS} className="pick-table" />
          </fieldset>
          <ErrorList id="file-errors" errors={errors.workerId} />
          <FormAlert messages={errors['']} />
          <div className="actions">
            <SubmitButton pending={busy} disabled={p.flatFen == null}>
              按定额代为申报所选人员
            </SubmitButton>
            <span className="muted small">一次最多 {p.atOnceMax} 人；已有申领的人会跳过。</span>
          </div>
        </Form>
      )}
      <Pager page={p.page} pageCount={p.pageCount} />
    </main>
  )
}

export const meta = pageTitle('免申即享名单')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
