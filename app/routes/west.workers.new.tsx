import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { RegistryForm } from '~/components/registry-form'
import { createDivisionResolver, listTownships, listVillages } from '~/models/area.server'
import { createWorker } from '~/models/worker.server'
import { requireActor } from '~/utils/auth.server'
import { FormToken } from '~/components/forms'
import { createOnce, formOnce, issueFormToken } from '~/utils/form-token.server'
import { saveForm } from '~/utils/mutation.server'
import { parseLedgerForm } from '~/utils/registry-form.server'
import { pageTitle } from '~/utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  return { townships: listTownships(actor.areaCode), villages: listVillages(actor.areaCode), formToken: issueFormToken() }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const formData = await args.request.formData()
  const form = parseLedgerForm(formData, createDivisionResolver(actor.areaCode))
  const once = formOnce(formData, actor.userId, 'worker')
  // A Failure of 429 when this account's duplicate checks against other counties are refused for today.
  return saveForm(form, (values) => createOnce(once, () => createWorker(actor, values)), {
    to: (created) => `/west/workers/${created.id}`,
    notice: '已新增到台账。',
  })
}

export default function NewWorkerPage() {
  const { townships, villages, formToken } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to="/west/workers">务工人员台账</BackLink>
      <h1>新增务工人员</h1>
      {/* RegistryForm (form id "ledger") is shared with the edit page; the token joins it by the form attribute. */}
      <FormToken value={formToken} form="ledger" />
      <RegistryForm lastResult={lastResult} defaultValue={{}} townships={townships} villages={villages} submitLabel="保存" cancelTo="/west/workers" />
    </main>
  )
}

export const meta = pageTitle('新增务工人员')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
