import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { BackLink } from '~/components/back-link'
import { VacancyForm, type VacancyFormDefaults } from '~/components/vacancy-form'
import { getVacancyFormContext } from '~/models/vacancy-form.server'
import { createVacancy } from '~/models/vacancy.server'
import { addDays, todayInShanghai } from '~/rules/dates'
import { requireActor } from '~/utils/auth.server'
import { createOnce, formOnce, issueFormToken } from '~/utils/form-token.server'
import { saveForm } from '~/utils/mutation.server'
import { parseVacancyForm } from '~/utils/vacancy-form.server'
import { pageTitle } from '~/utils/meta'

/** A new post is valid for 30 days unless staff choose otherwise. */
const DEFAULT_VALID_DAYS = 30

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const choices = getVacancyFormContext(actor)
  // "发布岗位" on the employers list links here with ?employerId=: start from that employer's details.
  const employer = choices.employers.find((e) => String(e.id) === new URL(args.request.url).searchParams.get('employerId'))
  const defaultValue: VacancyFormDefaults = {
    validUntil: addDays(todayInShanghai(), DEFAULT_VALID_DAYS),
    targets: choices.counties.map((c) => c.code),
    ...(employer
      ? {
          employerId: String(employer.id),
          industry: employer.industry,
          address: employer.address,
          contactName: employer.contactName,
          contactPhone: employer.contactPhone,
        }
      : {}),
  }
  return { ...choices, defaultValue, formToken: issueFormToken() }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const formData = await args.request.formData()
  const form = parseVacancyForm(formData, getVacancyFormContext(actor))
  // Sent twice (a double click without JavaScript): the second sending goes to the first draft.
  const once = formOnce(formData, actor.userId, 'vacancy')
  return saveForm(form, (values) => createOnce(once, () => createVacancy(actor, values)), {
    to: (created) => `/east/jobs/${created.id}`,
    notice: '岗位草稿已保存。核对无误后点“发布”。',
  })
}

export default function NewJobPage() {
  const { defaultValue, formToken, ...choices } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to="/east/jobs">岗位</BackLink>
      <h1>发布新岗位</h1>
      <p className="muted">保存后是草稿，核对无误后在岗位页点“发布”，对口区县的务工人员才能看到。</p>
      {choices.employers.length === 0 ? (
        <p className="notice" role="note">
          本局还没有登记用人单位。请先<Link to="/east/employers/new">登记用人单位</Link>，再发布岗位。
        </p>
      ) : null}
      <VacancyForm lastResult={lastResult} defaultValue={defaultValue} choices={choices} submitLabel="保存为草稿" cancelTo="/east/jobs" formToken={formToken} />
    </main>
  )
}

export const meta = pageTitle('发布新岗位')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
