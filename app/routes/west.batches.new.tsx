import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { BatchForm } from '~/components/batch-form'
import { batchFormChoices } from '~/models/batch-read.server'
import { createBatch } from '~/models/batch.server'
import { batchValuesOf, BatchSchema } from '~/rules/batch-form'
import { addDays, todayInShanghai } from '~/rules/dates'
import { requireActor } from '~/utils/auth.server'
import { createOnce, formOnce, issueFormToken } from '~/utils/form-token.server'
import { parseForm, saveForm } from '~/utils/mutation.server'
import { pageTitle } from '~/utils/meta'

// A new batch (issue 12 §2): it starts as a draft; buses are added on its page, then it is opened for booking.

/** The employers the form lists to tick: the paired city's, at most this many (name order). */
const EMPLOYER_CHOICES = 100

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const choices = batchFormChoices(actor)
  const paired = choices.cities.find((c) => c.code === choices.pairedCity) ?? choices.cities[0]
  return {
    choices: { cities: choices.cities.map(({ code, name }) => ({ code, name })), employers: (paired?.employers ?? []).slice(0, EMPLOYER_CHOICES) },
    defaults: { cityCode: paired?.code ?? null, departureDate: addDays(todayInShanghai(), 7), departureTime: '07:30' },
    formToken: issueFormToken(),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const formData = await args.request.formData()
  const form = parseForm(formData, BatchSchema)
  // Saved with its form token: a double click or a re-sent POST opens the draft saved the first time.
  const once = formOnce(formData, actor.userId, 'batch')
  return saveForm(form, (values) => createOnce(once, () => createBatch(actor, batchValuesOf(values))), {
    to: (saved) => `/west/batches/${saved.id}`,
    notice: '批次已保存为草稿。添加车辆后即可开放报名。',
  })
}

export default function NewBatchPage() {
  const { choices, defaults, formToken } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to="/west/batches">包车批次</BackLink>
      <h1>新建批次</h1>
      <BatchForm lastResult={lastResult} defaultValue={defaults} choices={choices} submitLabel="保存草稿" cancelTo="/west/batches" formToken={formToken} />
    </main>
  )
}

export const meta = pageTitle('新建批次')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
