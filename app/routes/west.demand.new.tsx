import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { DemandForm } from '~/components/demand-form'
import { demandFormChoices, registerDemand } from '~/models/travel-demand.server'
import { shortAreaName } from '~/rules/areas'
import { addDays, todayInShanghai } from '~/rules/dates'
import { demandValuesOf, StaffDemandSchema } from '~/rules/travel-demand'
import { requireActor } from '~/utils/auth.server'
import { createOnce, formOnce, issueFormToken } from '~/utils/form-token.server'
import { pageTitle } from '~/utils/meta'
import { parseForm, saveForm } from '~/utils/mutation.server'

// 代为登记出行需求 (issue 12 §1): county staff register a travel demand for a ledger worker of their county,
// found by ID number (for people without an account or a smartphone). Sent once, by its form token.

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const choices = demandFormChoices(actor)
  const today = todayInShanghai()
  return {
    choices: { ...choices, cities: choices.cities.map((c) => ({ ...c, name: shortAreaName(c.name) })) },
    defaults: { earliestDate: addDays(today, 7), latestDate: addDays(today, 21), cityCode: choices.cities[0]?.code ?? null },
    formToken: issueFormToken(),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const formData = await args.request.formData()
  const form = parseForm(formData, StaffDemandSchema)
  const once = formOnce(formData, actor.userId, 'travel_demand')
  return saveForm(form, (values) => createOnce(once, () => registerDemand(actor, demandValuesOf(values), { idNumber: values.idNumber })), {
    to: '/west/demand',
    notice: '已代为登记出行需求。',
  })
}

export default function NewDemandPage() {
  const { choices, defaults, formToken } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to="/west/demand">出行需求</BackLink>
      <h1>代为登记出行需求</h1>
      <DemandForm staff lastResult={lastResult} defaultValue={defaults} choices={choices} cancelTo="/west/demand" formToken={formToken} />
    </main>
  )
}

export const meta = pageTitle('代为登记出行需求')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
