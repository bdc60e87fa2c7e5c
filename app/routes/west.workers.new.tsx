import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { RegistryForm } from '~/components/registry-form'
import { listTownships, listVillages } from '~/models/area.server'
import { createWorker } from '~/models/worker.server'
import { requireUser } from '~/utils/auth.server'
import { parseLedgerForm } from '~/utils/registry-form.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const countyCode = user.organisation.areaCode
  return { townships: listTownships(countyCode), villages: listVillages(countyCode) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'west' })
  const { submission, values } = parseLedgerForm(await request.formData(), user.organisation.areaCode)
  if (!values) return data(submission.reply(), { status: 400 })
  const result = createWorker(
    { userId: user.id, organisationId: user.organisation.id, countyCode: user.organisation.areaCode, ip: context.clientIp ?? null },
    values,
  )
  // 429 when this account's duplicate checks against other counties are refused for today.
  if (!result.ok) return data(submission.reply({ fieldErrors: { [result.field]: [result.message] } }), { status: result.status ?? 400 })
  throw redirect(`/west/workers/${result.id}?saved=created`)
}

export default function NewWorkerPage() {
  const { townships, villages } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <p className="small">
        <Link to="/west/workers">← 务工人员台账</Link>
      </p>
      <h1>新增务工人员</h1>
      <RegistryForm
        lastResult={lastResult}
        defaultValue={{}}
        townships={townships}
        villages={villages}
        submitLabel="保存"
        cancelTo="/west/workers"
      />
    </main>
  )
}

export const meta: MetaFunction = () => [{ title: '新增务工人员 · 鲁渝劳务协作' }]

export function ErrorBoundary() {
  return <ErrorPage />
}
