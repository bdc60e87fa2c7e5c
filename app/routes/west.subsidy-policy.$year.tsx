import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { PolicyVersions } from '~/components/subsidy-policy-form'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { policyEditorData, requirePolicyYear, savePolicyForm } from '~/models/subsidy-policy-page.server'

// The county's transport-subsidy policy for one year (issue 13 §1): what is in force and the editor. A version
// that submitted claims were made under is never changed: saving makes the next version, and the page says so
// before saving.

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  return policyEditorData(actor, actor.organisationId, requirePolicyYear(args.params.year))
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const year = requirePolicyYear(args.params.year)
  return savePolicyForm(actor, actor.organisationId, year, args.request, `/west/subsidy-policy/${year}`)
}

export default function WestSubsidyPolicyYearPage() {
  const editor = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to="/west/subsidy-policy">交通补助政策</BackLink>
      <PolicyVersions editor={editor} lastResult={lastResult} cancelTo="/west/subsidy-policy" />
    </main>
  )
}

export const meta = pageTitle('交通补助政策')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
