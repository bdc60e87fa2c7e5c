import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData, type ShouldRevalidateFunction } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { RegistryForm } from '~/components/registry-form'
import { createDivisionResolver, listTownships, listVillages } from '~/models/area.server'
import { getWorker, getWorkerForEdit, updateWorker } from '~/models/worker.server'
import { requireActor } from '~/utils/auth.server'
import { saveForm } from '~/utils/mutation.server'
import { requireRecordId } from '~/utils/params.server'
import { parseLedgerForm } from '~/utils/registry-form.server'
import { pageTitle } from '~/utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const found = getWorkerForEdit(actor, requireRecordId(args.params.workerId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const w = found.worker
  return {
    id: w.id,
    name: w.name,
    defaultValue: {
      name: w.name,
      idNumber: w.idNumber,
      phone: w.phone,
      township: w.townshipCode,
      village: w.villageCode,
      householdStatus: w.householdStatus,
      employmentStatus: w.employmentStatus,
      employmentNeed: w.employmentNeed,
      skillLevel: w.skillLevel,
      skills: w.skills,
      difficulties: w.difficulties,
      assistanceMeasures: w.assistanceMeasures,
      notes: w.notes,
    },
    townships: listTownships(actor.areaCode),
    villages: listVillages(actor.areaCode),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const id = requireRecordId(args.params.workerId)
  if (!getWorker(actor, id)) throw new Response('Not Found', { status: 404 })
  const form = parseLedgerForm(await args.request.formData(), createDivisionResolver(actor.areaCode), { editing: true })
  // A Failure of 429 when this account's duplicate checks against other counties are refused for today.
  return saveForm(form, (values) => updateWorker(actor, id, values), { to: `/west/workers/${id}`, notice: '修改已保存。' })
}

/**
 * A failed save answers 400 with the form's errors; reloading the form's data would only log another
 * disclosure of the same numbers. A successful save redirects away anyway.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) => (formMethod === 'POST' ? false : defaultShouldRevalidate)

export default function EditWorkerPage() {
  const { id, name, defaultValue, townships, villages } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to={`/west/workers/${id}`}>返回 {name}</BackLink>
      <h1>编辑：{name}</h1>
      <RegistryForm
        lastResult={lastResult}
        defaultValue={defaultValue}
        townships={townships}
        villages={villages}
        submitLabel="保存修改"
        cancelTo={`/west/workers/${id}`}
        editing
      />
    </main>
  )
}

export const meta = pageTitle('编辑台账')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
