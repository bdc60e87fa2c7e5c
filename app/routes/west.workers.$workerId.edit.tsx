import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { RegistryForm } from '~/components/registry-form'
import { listTownships, listVillages } from '~/models/area.server'
import { getWorker, getWorkerForEdit, updateWorker } from '~/models/worker.server'
import { requireUser } from '~/utils/auth.server'
import { parseLedgerForm } from '~/utils/registry-form.server'
import { requireRecordId } from '~/utils/params.server'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const countyCode = user.organisation.areaCode
  const found = getWorkerForEdit(
    { userId: user.id, organisationId: user.organisation.id, countyCode, ip: context.clientIp ?? null },
    requireRecordId(params.workerId),
  )
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
    townships: listTownships(countyCode),
    villages: listVillages(countyCode),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const id = requireRecordId(params.workerId)
  if (!getWorker(user.organisation.id, id)) throw new Response('Not Found', { status: 404 })
  const { submission, values } = parseLedgerForm(await request.formData(), user.organisation.areaCode)
  if (!values) return data(submission.reply(), { status: 400 })
  const result = updateWorker(
    { userId: user.id, organisationId: user.organisation.id, countyCode: user.organisation.areaCode, ip: context.clientIp ?? null },
    id,
    values,
  )
  if (!result) throw new Response('Not Found', { status: 404 })
  // 429 when this account's duplicate checks against other counties are refused for today.
  if (!result.ok) return data(submission.reply({ fieldErrors: { [result.field]: [result.message] } }), { status: result.status ?? 400 })
  throw redirect(`/west/workers/${id}?saved=updated`)
}

/**
 * A failed save answers 400 with the form's errors; reloading the form's data would only log another
 * disclosure of the same numbers. A successful save redirects away anyway.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod === 'POST' ? false : defaultShouldRevalidate

export default function EditWorkerPage() {
  const { id, name, defaultValue, townships, villages } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <p className="small">
        <Link to={`/west/workers/${id}`}>← 返回 {name}</Link>
      </p>
      <h1>编辑：{name}</h1>
      <RegistryForm
        lastResult={lastResult}
        defaultValue={defaultValue}
        townships={townships}
        villages={villages}
        submitLabel="保存修改"
        cancelTo={`/west/workers/${id}`}
      />
    </main>
  )
}

export const meta: MetaFunction = () => [{ title: '编辑台账 · 鲁渝劳务协作' }]

export function ErrorBoundary() {
  return <ErrorPage />
}
