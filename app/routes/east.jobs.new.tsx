import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { ErrorPage } from '~/components/error-page'
import { VacancyForm, type VacancyFormDefaults } from '~/components/vacancy-form'
import { createVacancy } from '~/models/vacancy.server'
import { addDays, todayInShanghai } from '~/rules/dates'
import { requireUser } from '~/utils/auth.server'
import { loadVacancyFormContext, parseVacancyForm } from '~/utils/vacancy-form.server'

/** A new post is valid for 30 days unless staff choose otherwise. */
const DEFAULT_VALID_DAYS = 30

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'east' })
  const form = loadVacancyFormContext(user.organisation.id, user.organisation.areaCode)
  // "发布岗位" on the employers list links here with ?employerId=: start from that employer's details.
  const employer = form.employers.find((e) => String(e.id) === new URL(request.url).searchParams.get('employerId'))
  const defaultValue: VacancyFormDefaults = {
    validUntil: addDays(todayInShanghai(), DEFAULT_VALID_DAYS),
    targets: form.counties.map((c) => c.code),
    ...(employer
      ? { employerId: String(employer.id), industry: employer.industry, address: employer.address, contactName: employer.contactName, contactPhone: employer.contactPhone }
      : {}),
  }
  return { ...form, defaultValue }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'east' })
  const form = loadVacancyFormContext(user.organisation.id, user.organisation.areaCode)
  const { submission, values } = parseVacancyForm(await request.formData(), { countyCodes: form.counties.map((c) => c.code), centre: form.city })
  if (!values) return data(submission.reply(), { status: 400 })
  const result = createVacancy({ userId: user.id, organisationId: user.organisation.id, cityCode: user.organisation.areaCode, ip: context.clientIp ?? null }, values)
  if (!result.ok) return data(submission.reply({ fieldErrors: { [result.field]: [result.message] } }), { status: 400 })
  throw redirect(`/east/jobs/${result.id}?saved=created`)
}

export default function NewJobPage() {
  const { defaultValue, employers, counties, city, tileUrl } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <p className="small">
        <Link to="/east/jobs">← 岗位</Link>
      </p>
      <h1>发布新岗位</h1>
      <p className="muted">保存后是草稿，核对无误后在岗位页点“发布”，对口区县的务工人员才能看到。</p>
      {employers.length === 0 ? (
        <p className="notice" role="note">
          本局还没有登记用人单位。请先<Link to="/east/employers/new">登记用人单位</Link>，再发布岗位。
        </p>
      ) : null}
      <VacancyForm
        lastResult={lastResult}
        defaultValue={defaultValue}
        employers={employers}
        counties={counties}
        city={city}
        tileUrl={tileUrl}
        submitLabel="保存为草稿"
        cancelTo="/east/jobs"
      />
    </main>
  )
}

export const meta: MetaFunction = () => [{ title: '发布新岗位 · 鲁渝劳务协作' }]

export function ErrorBoundary() {
  return <ErrorPage />
}
