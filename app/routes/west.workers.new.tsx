import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { RegistryForm } from '~/components/registry-form'
import { createDivisionResolver, listTownships, listVillages } from '~/models/area.server'
import { createWorker } from '~/models/worker.server'
import { requireActor } from '~/utils/auth.server'
import { saveForm } from '~/utils/mutation.server'
import { parseLedgerForm } from '~/utils/registry-form.server'
import { pageTitle } from '~/utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  return { townships: listTownships(actor.areaCode), villages: listVillages(actor.areaCode) }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const form = parseLedgerForm(await args.request.formData(), createDivisionResolver(actor.areaCode))
  // A Failure of 429 when this account's duplicate checks against other counties are refused for today.
  return saveForm(form, (values) => createWorker(actor, values), { to: (created) => `/west/workers/${created.id}`, notice: '已新增到台账。' })
}

export default function NewWorkerPage() {
  const { townships, villages } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to="/west/workers">务工人员台账</BackLink>
      <h1>新增务工人员</h1>
      <RegistryForm lastResult={lastResult} defaultValue={{}} townships={townships} villages={villages} submitLabel="保存" cancelTo="/west/workers" />
    </main>
  )
}

export const meta = pageTitle('新增务工人员')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
