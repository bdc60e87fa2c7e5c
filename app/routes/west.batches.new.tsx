import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { BatchForm } from '~/components/batch-form'
import { FormAlert } from '~/components/form-alert'
import { batchFormChoices, batchMapOf } from '~/models/batch-read.server'
import { createBatch } from '~/models/batch.server'
import { listChosenDemand } from '~/models/travel-demand.server'
import { shortAreaName } from '~/rules/areas'
import { batchValuesOf, BatchSchema } from '~/rules/batch-form'
import { addDays, todayInShanghai } from '~/rules/dates'
import { batchPrefillOf, parseDemandIds } from '~/rules/travel-demand'
import { requireActor } from '~/utils/auth.server'
import { createOnce, formOnce, issueFormToken } from '~/utils/form-token.server'
import { failure, failureReply, parseForm, saveForm } from '~/utils/mutation.server'
import { pageTitle } from '~/utils/meta'

// A new batch (issue 12 §2): it starts as a draft; buses are added on its page, then it is opened for booking.
// From the county's travel demand (/west/demand, issue 12 §1) it comes as ?demand=1,2,3 (or demand=1&demand=2
// from the list's plain GET form): the form starts from the demand's destination, earliest common day,
// employers and township, lists the people, and saving links those demands to the batch in the same
// transaction (createBatch). The form posts back to this URL, so the action reads the same ids.

/** The employers the form lists to tick: the paired city's, at most this many (name order). */
const EMPLOYER_CHOICES = 100

/** The demand ids of the URL: null when none were asked for, [] when what was sent is not a list of ids. */
function demandIdsOf(request: Request) {
  const raw = new URL(request.url).searchParams.getAll('demand').join(',')
  return raw === '' ? null : (parseDemandIds(raw) ?? [])
}

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const choices = batchFormChoices(actor)
  const today = todayInShanghai()
  const demandIds = demandIdsOf(args.request)
  const chosen = demandIds == null ? null : demandIds.length === 0 ? failure('所选需求无效，请回到出行需求列表重新选择') : listChosenDemand(actor, demandIds)
  const prefill = chosen?.ok ? batchPrefillOf(chosen.rows) : null
  const refusal = chosen && !chosen.ok ? chosen.message : prefill && !prefill.ok ? prefill.message : null
  const fromDemand = chosen?.ok && prefill?.ok ? { rows: chosen.rows, prefill } : null
  const city = choices.cities.find((c) => c.code === (fromDemand?.prefill.cityCode ?? choices.pairedCity)) ?? choices.cities[0]
  const named = new Set(fromDemand?.prefill.employerIds ?? [])
  const employers = [...(city?.employers ?? [])].sort((a, b) => Number(named.has(b.id)) - Number(named.has(a.id))).slice(0, EMPLOYER_CHOICES)
  const township = fromDemand?.rows.find((r) => r.pickupTownshipCode === fromDemand.prefill.pickupTownshipCode)?.townshipName ?? null
  return {
    refusal,
    demand:
      fromDemand?.rows.map((r) => ({ id: r.id, name: r.name, earliestDate: r.earliestDate, latestDate: r.latestDate, townshipName: r.townshipName })) ?? [],
    choices: { cities: choices.cities.map(({ code, name }) => ({ code, name })), employers, map: batchMapOf(actor) },
    defaults: {
      cityCode: city?.code ?? null,
      departureDate: fromDemand ? [fromDemand.prefill.departureDate, today].reduce((a, b) => (a > b ? a : b)) : addDays(today, 7),
      departureTime: '07:30',
      pickupName: township,
      employerIds: [...named].map(String),
    },
    formToken: issueFormToken(),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const formData = await args.request.formData()
  const form = parseForm(formData, BatchSchema)
  const demandIds = demandIdsOf(args.request) ?? []
  if (form.values && new URL(args.request.url).searchParams.has('demand') && demandIds.length === 0)
    return failureReply(form.submission, failure('所选需求无效，请回到出行需求列表重新选择'))
  // Saved with its form token: a double click or a re-sent POST opens the draft saved the first time.
  const once = formOnce(formData, actor.userId, 'batch')
  return saveForm(form, (values) => createOnce(once, () => createBatch(actor, batchValuesOf(values), { demandIds })), {
    to: (saved) => `/west/batches/${saved.id}`,
    notice:
      demandIds.length > 0
        ? `批次已保存为草稿，${demandIds.length} 条出行需求已编入。添加车辆并开放报名后，这些人会收到通知。`
        : '批次已保存为草稿。添加车辆后即可开放报名。',
  })
}

export default function NewBatchPage() {
  const { refusal, demand, choices, defaults, formToken } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to={demand.length || refusal ? '/west/demand' : '/west/batches'}>{demand.length || refusal ? '出行需求' : '包车批次'}</BackLink>
      <h1>新建批次</h1>
      {refusal ? (
        <>
          <FormAlert messages={[refusal]} />
          <p>
            <Link to="/west/demand">回到出行需求</Link> · <Link to="/west/batches/new">新建空白批次</Link>
          </p>
        </>
      ) : (
        <>
          {demand.length ? (
            // Folded to one line, so a refused form's error summary (inside BatchForm) stays on the first screen.
            <details className="card">
              <summary>
                来自 {demand.length} 条出行需求：
                {demand
                  .slice(0, 3)
                  .map((d) => d.name)
                  .join('、')}
                {demand.length > 3 ? '等' : ''}
              </summary>
              <p className="small muted">保存后这些需求编入本批次；开放报名时本人和已确认的同行人会收到通知。</p>
              <ul className="small">
                {demand.map((d) => (
                  <li key={d.id}>
                    {d.name} · {d.earliestDate} 至 {d.latestDate}
                    {d.townshipName ? ` · ${shortAreaName(d.townshipName)}` : ''}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <BatchForm lastResult={lastResult} defaultValue={defaults} choices={choices} submitLabel="保存草稿" cancelTo="/west/batches" formToken={formToken} />
        </>
      )}
    </main>
  )
}

export const meta = pageTitle('新建批次')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
