import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { parseWithZod } from '@conform-to/zod/v4'
import { Link, useActionData } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { EmployerForm } from '~/components/vacancy-form'
import { EmployerSchema } from '~/rules/employer'
import { createEmployer } from '~/models/employer.server'
import { requireUser } from '~/utils/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'east' })
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'east' })
  const submission = parseWithZod(await request.formData(), { schema: EmployerSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = createEmployer(
    { userId: user.id, organisationId: user.organisation.id, cityCode: user.organisation.areaCode, ip: context.clientIp ?? null },
    submission.value,
  )
  if (!result.ok) return data(submission.reply({ fieldErrors: { [result.field]: [result.message] } }), { status: 400 })
  throw redirect('/east/employers?saved=created')
}

export default function NewEmployerPage() {
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <p className="small">
        <Link to="/east/employers">← 用人单位</Link>
      </p>
      <h1>登记用人单位</h1>
      <EmployerForm lastResult={lastResult} defaultValue={{}} submitLabel="保存" cancelTo="/east/employers" />
    </main>
  )
}

export const meta: MetaFunction = () => [{ title: '登记用人单位 · 鲁渝劳务协作' }]

export function ErrorBoundary() {
  return <ErrorPage />
}
