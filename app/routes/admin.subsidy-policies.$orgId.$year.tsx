import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { PolicyVersions } from '~/components/subsidy-policy-form'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { requireRecordId } from '~/utils/params.server'
import { policyEditorData, requirePolicyYear, savePolicyForm } from '~/models/subsidy-policy-page.server'

// One county's transport-subsidy policy for one year, for the platform operator (issue 13 §1): the same
// editor as the county's own page, for any county centre.

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  return policyEditorData(actor, requireRecordId(args.params.orgId), requirePolicyYear(args.params.year))
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const orgId = requireRecordId(args.params.orgId)
  const year = requirePolicyYear(args.params.year)
  return savePolicyForm(actor, orgId, year, args.request, `/admin/subsidy-policies/${orgId}/${year}`)
}

export default function AdminSubsidyPolicyPage() {
  const editor = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to={`/admin/subsidy-policies?year=${editor.year}`}>各区县交通补助政策</BackLink>
      <PolicyVersions editor={editor} lastResult={lastResult} cancelTo={`/admin/subsidy-policies?year=${editor.year}`} showCounty />
    </main>
  )
}

export const meta = pageTitle('交通补助政策')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
