import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { EmployerForm } from '~/components/vacancy-form'
import { createEmployer } from '~/models/employer.server'
import { EmployerSchema } from '~/rules/employer'
import { requireActor } from '~/utils/auth.server'
import { createOnce, formOnce, issueFormToken } from '~/utils/form-token.server'
import { parseForm, saveForm } from '~/utils/mutation.server'
import { pageTitle } from '~/utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  await requireActor(args, { role: 'east' })
  return { formToken: issueFormToken() }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const formData = await args.request.formData()
  const form = parseForm(formData, EmployerSchema)
  const once = formOnce(formData, actor.userId, 'employer')
  return saveForm(form, (values) => createOnce(once, () => createEmployer(actor, values)), { to: '/east/employers', notice: '用人单位已登记。' })
}

export default function NewEmployerPage() {
  const { formToken } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to="/east/employers">用人单位</BackLink>
      <h1>登记用人单位</h1>
      <EmployerForm lastResult={lastResult} defaultValue={{}} submitLabel="保存" cancelTo="/east/employers" formToken={formToken} />
    </main>
  )
}

export const meta = pageTitle('登记用人单位')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
