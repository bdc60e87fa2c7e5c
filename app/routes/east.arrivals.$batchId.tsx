import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ArrivalActions, ArrivalTick } from '~/components/arrival-marks'
import { BackLink } from '~/components/back-link'
import { FactsCard } from '~/components/facts'
import { FormAlert } from '~/components/form-alert'
import { ManifestSheet } from '~/components/manifest-sheet'
import { PrintButton } from '~/components/print-button'
import { SubmitButton } from '~/components/submit-button'
import { arrivalFigures, arrivalManifestForBureau, isBureauBatch, markArrivals } from '~/models/arrival.server'
import { moveBatch } from '~/models/batch.server'
import { manifestView } from '~/models/manifest.server'
import { operationRefusal } from '~/rules/batch'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { useIsPending } from '~/utils/pending'
import { readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { parseRecordId } from '~/rules/fields'
import manifestStyles from '~/styles/manifest.css'

// One batch heading to the bureau's city (issue 12 §7): its facts, its masked manifest (printed, or as xlsx from
// east.arrivals.$batchId.export[.xlsx].ts) and, after departure, the marks — tick people and confirm 到岗 or mark
// 未到岗 (several at once, a plain form that works without JavaScript), and mark the whole batch 已抵达. Another
// city's batch, or a draft, is a 404.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: manifestStyles }]

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

/** Why a person the escort marked 未到 has no tick box: they never boarded, so there is no arrival to confirm. */
const NO_SHOW_NOTE = '未上车，不能确认到岗'

const IntentSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('arrived') }),
  z.object({ intent: z.literal('missing') }),
  z.object({ intent: z.literal('arrive_batch') }),
])

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const manifest = arrivalManifestForBureau(actor, requireRecordId(args.params.batchId))
  if (!manifest) throw new Response('Not Found', { status: 404 })
  return {
    ...manifestView(manifest),
    figures: arrivalFigures(manifest.batch.id),
    canMark: operationRefusal(manifest.batch.state, 'arrival', actor.role) === null,
    canArriveBatch: manifest.batch.state === 'departed',
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const batchId = requireRecordId(args.params.batchId)
  // Another city's batch is a 404 before the form is read: a bad form must not tell it exists.
  if (!isBureauBatch(actor, batchId)) throw new Response('Not Found', { status: 404 })
  const formData = await args.request.formData()
  const intent = readIntent(formData, IntentSchema)
  const back = `/east/arrivals/${batchId}`
  if (intent === 'arrive_batch') {
    const moved = moveBatch(actor, batchId, 'arrive')
    if (!moved) throw new Response('Not Found', { status: 404 })
    if (!moved.ok) return data({ error: moved.message }, { status: moved.status ?? 400 })
    throw await redirectWithNotice(back, { text: '已标记整批已抵达。' })
  }
  const ids = formData.getAll('seatIds').map((v) => parseRecordId(v))
  if (ids.some((id) => id === null)) return data({ error: '所选人员有误，请刷新页面后重试' }, { status: 400 })
  const result = markArrivals(actor, batchId, ids as number[], intent)
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return data({ error: result.message }, { status: result.status ?? 400 })
  const what = intent === 'arrived' ? '确认到岗' : '标记未到岗'
  const linked = result.linked > 0 ? `，其中 ${result.linked} 人已关联录用记录` : ''
  throw await redirectWithNotice(back, { text: result.changed > 0 ? `已${what} ${result.changed} 人${linked}。` : `所选人员已是${what}，没有变化。` })
}

export default function ArrivalBatchPage() {
  const view = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const { batch, figures } = view
  return (
    <main className="container page">
      <div className="no-print">
        <BackLink to="/east/arrivals">到岗接收</BackLink>
        <h1>
          {batch.countyName} → {batch.cityName} · {batch.departureDate} {batch.departureTime}
        </h1>
        <FactsCard
          title="批次"
          items={[
            { term: '人数', value: `${figures.seated} 人` },
            {
              term: '到岗 / 未到岗 / 待确认',
              value: `${figures.arrived} / ${figures.missing} / ${figures.unmarked}${figures.notBoarded > 0 ? `（另有 ${figures.notBoarded} 人发车时未上车）` : ''}`,
            },
            { term: '用人单位', value: batch.employers.join('、') || '—' },
            {
              term: '带队干部',
              value: (
                <>
                  {batch.escortName}{' '}
                  <a className="mono" href={`tel:${batch.escortPhone}`}>
                    {batch.escortPhone}
                  </a>
                </>
              ),
            },
            { term: '上车地点', value: `${batch.pickupName}（${batch.pickupAddress}）` },
          ]}
        />
        <div className="actions">
          {/* A plain link, not a client navigation: the browser downloads the file (masked, as shown here).
              First, so 打印名单's hint stays beside its button. */}
          <a className="button button--secondary" href={`/east/arrivals/${batch.id}/export.xlsx`}>
            导出 Excel
          </a>
          <PrintButton>打印名单</PrintButton>
        </div>
        <FormAlert messages={answer?.error ? [answer.error] : null} />
        {view.canMark ? null : <p className="muted small">发车后可在此确认每人到岗。</p>}
      </div>
      {view.canMark ? (
        // Keyed by the figures: after a confirmation the ticks are cleared (with JavaScript the page is not reloaded).
        <Form method="post" key={`${figures.arrived}-${figures.missing}`}>
          <ManifestSheet
            batch={batch}
            buses={view.buses}
            preplan={view.preplan}
            full={false}
            extras={{
              cell: (r) => <ArrivalTick seatId={r.seatId} name={r.name} disabled={r.boarding === 'no_show'} />,
              note: (r) => (r.boarding === 'no_show' ? NO_SHOW_NOTE : null),
            }}
          />
          <ArrivalActions />
        </Form>
      ) : (
        <ManifestSheet batch={batch} buses={view.buses} preplan={view.preplan} full={false} />
      )}
      {view.canArriveBatch ? <ArriveBatch unmarked={figures.unmarked} /> : null}
    </main>
  )
}

/**
 * 整批已抵达 behind a confirmation step that works without JavaScript (a <details> opened, then the button):
 * it ends the batch's trip for everyone, so it says what it does and how many are still unconfirmed.
 */
function ArriveBatch({ unmarked }: { unmarked: number }) {
  const pending = useIsPending({ intent: 'arrive_batch' })
  return (
    <details className="card no-print arrive-batch">
      <summary>整批已抵达…</summary>
      <p>确认这一批的车都已到达。{unmarked > 0 ? `还有 ${unmarked} 人没有确认到岗，之后仍可逐人确认或标记未到岗。` : ''}批次将显示为“已抵达”，区县能看到。</p>
      <Form method="post">
        <SubmitButton pending={pending} name="intent" value="arrive_batch">
          确认整批已抵达
        </SubmitButton>
      </Form>
    </details>
  )
}

export const meta = pageTitle('到岗接收')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
