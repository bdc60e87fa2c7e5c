import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { BatchForm } from '~/components/batch-form'
import { batchFormChoices, batchMapOf, getBatchForCounty, isCountyBatch } from '~/models/batch-read.server'
import { updateBatch } from '~/models/batch.server'
import { operationRefusal } from '~/rules/batch'
import { batchValuesOf, BatchSchema } from '~/rules/batch-form'
import { requireActor } from '~/utils/auth.server'
import { parseForm, saveForm } from '~/utils/mutation.server'
import { requireRecordId } from '~/utils/params.server'
import { pageTitle } from '~/utils/meta'

// Editing a batch (issue 12 §2): details while draft, open or closed; the departure date and city only while
// draft or open (the model refuses otherwise, and when a seated worker would then hold two seats that day).

const EMPLOYER_CHOICES = 100

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const found = getBatchForCounty(actor, requireRecordId(args.params.batchId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const { batch } = found
  const choices = batchFormChoices(actor)
  const chosen = new Set(found.employers.map((e) => e.id))
  const city = choices.cities.find((c) => c.code === batch.cityCode)
  // The batch's own employers are always offered, then the city's others up to the limit.
  const employers = [...found.employers, ...(city?.employers ?? []).filter((e) => !chosen.has(e.id))].slice(0, Math.max(EMPLOYER_CHOICES, chosen.size))
  return {
    id: batch.id,
    frozen: operationRefusal(batch.state, 'details', actor.role),
    choices: { cities: choices.cities.map(({ code, name }) => ({ code, name })), employers, map: batchMapOf(actor) },
    defaults: {
      cityCode: batch.cityCode,
      pickupName: batch.pickupName,
      pickupAddress: batch.pickupAddress,
      lat: batch.pickupLat == null ? null : String(batch.pickupLat),
      lng: batch.pickupLng == null ? null : String(batch.pickupLng),
      departureDate: batch.departureDate,
      departureTime: batch.departureTime,
      escortName: batch.escortName,
      escortPhone: batch.escortPhone,
      notes: batch.notes,
      employerIds: [...chosen].map(String),
    },
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const id = requireRecordId(args.params.batchId)
  // Another county's batch is a 404 before the form is read: a bad form must not tell it exists.
  if (!isCountyBatch(actor, id)) throw new Response('Not Found', { status: 404 })
  const form = parseForm(await args.request.formData(), BatchSchema)
  return saveForm(form, (values) => updateBatch(actor, id, batchValuesOf(values)), { to: `/west/batches/${id}`, notice: '批次信息已保存。' })
}

export default function EditBatchPage() {
  const { id, frozen, choices, defaults } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to={`/west/batches/${id}`}>批次</BackLink>
      <h1>修改批次</h1>
      {frozen ? (
        <p className="notice">{frozen}。</p>
      ) : (
        <BatchForm lastResult={lastResult} defaultValue={defaults} choices={choices} submitLabel="保存" cancelTo={`/west/batches/${id}`} />
      )}
    </main>
  )
}

export const meta = pageTitle('修改批次')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
