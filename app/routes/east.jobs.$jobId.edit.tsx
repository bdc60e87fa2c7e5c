import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { BackLink } from '~/components/back-link'
import { VacancyForm } from '~/components/vacancy-form'
import { getVacancyFormContext } from '~/models/vacancy-form.server'
import { getVacancyForBureau, updateVacancy } from '~/models/vacancy.server'
import { canEditVacancy, VACANCY_STATUS_LABELS } from '~/rules/vacancy'
import { requireActor } from '~/utils/auth.server'
import { saveForm } from '~/utils/mutation.server'
import { requireRecordId } from '~/utils/params.server'
import { parseVacancyForm } from '~/utils/vacancy-form.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const found = getVacancyForBureau(actor, requireRecordId(args.params.jobId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const v = found.vacancy
  const yuan = (fen: number) => String(Math.round(fen / 100))
  const optional = (n: number | null) => (n == null ? '' : String(n))
  return {
    id: v.id,
    title: v.title,
    status: found.status,
    statusLabel: VACANCY_STATUS_LABELS[found.status],
    // The model refuses edits to closed and filled posts; the page says so instead of offering a form.
    locked: !canEditVacancy(v.status),
    copiedFromId: v.copiedFromId,
    defaultValue: {
      title: v.title,
      employerId: String(v.employerId),
      industry: v.industry,
      headcount: String(v.headcount),
      salaryMin: yuan(v.salaryMinFen),
      salaryMax: yuan(v.salaryMaxFen),
      address: v.address,
      lat: String(v.lat),
      lng: String(v.lng),
      providesMeals: v.providesMeals ? 'on' : '',
      providesHousing: v.providesHousing ? 'on' : '',
      contractMonths: optional(v.contractMonths),
      workingHours: v.workingHours ?? '',
      ageMin: optional(v.ageMin),
      ageMax: optional(v.ageMax),
      requirements: v.requirements ?? '',
      benefits: v.benefits ?? '',
      contactName: v.contactName,
      contactPhone: v.contactPhone,
      validUntil: v.validUntil,
      targets: found.targets,
    },
    ...getVacancyFormContext(actor),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const id = requireRecordId(args.params.jobId)
  if (!getVacancyForBureau(actor, id)) throw new Response('Not Found', { status: 404 })
  const form = parseVacancyForm(await args.request.formData(), getVacancyFormContext(actor))
  return saveForm(form, (values) => updateVacancy(actor, id, values), { to: `/east/jobs/${id}`, notice: '修改已保存。' })
}

export default function EditJobPage() {
  const { id, title, status, statusLabel, locked, copiedFromId, defaultValue, ...choices } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to={`/east/jobs/${id}`}>返回 {title}</BackLink>
      <h1>编辑岗位：{title}</h1>
      {locked ? (
        <div className="notice" role="note">
          <p>该岗位{statusLabel}，不能再修改。需要重新招聘时，请在岗位页“复制为新草稿”后修改发布。</p>
          <Link to={`/east/jobs/${id}`} className="button button--secondary button--small">
            去岗位页复制
          </Link>
        </div>
      ) : (
        <>
          {status === 'published' ? (
            <p className="notice" role="note">
              该岗位正在招聘，保存后修改立即对务工人员可见。
            </p>
          ) : null}
          {status === 'expired' ? (
            <p className="notice" role="note">
              该岗位已过期。把“有效期至”改到今天或以后并保存，岗位即恢复招聘。
            </p>
          ) : null}
          {status === 'draft' && copiedFromId ? <p className="muted">这是复制来的草稿，请核对内容后保存，再到岗位页发布。</p> : null}
          <VacancyForm lastResult={lastResult} defaultValue={defaultValue} choices={choices} submitLabel="保存修改" cancelTo={`/east/jobs/${id}`} />
        </>
      )}
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `编辑 ${data?.title ?? '岗位'} · 鲁渝劳务协作` }]

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
