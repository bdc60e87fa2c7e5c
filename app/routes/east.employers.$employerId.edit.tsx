import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { parseWithZod } from '@conform-to/zod/v4'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { ErrorPage } from '~/components/error-page'
import { EmployerForm } from '~/components/vacancy-form'
import { EmployerSchema } from '~/rules/employer'
import { countOpenPostsOf, getEmployerForBureau, updateEmployer } from '~/models/employer.server'
import { requireUser } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'east' })
  const employer = getEmployerForBureau(user.organisation.id, requireRecordId(params.employerId))
  if (!employer) throw new Response('Not Found', { status: 404 })
  return {
    id: employer.id,
    name: employer.name,
    openPosts: countOpenPostsOf(user.organisation.id, employer.id),
    defaultValue: {
      name: employer.name,
      uscc: employer.uscc,
      industry: employer.industry,
      address: employer.address,
      contactName: employer.contactName,
      contactPhone: employer.contactPhone,
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'east' })
  const id = requireRecordId(params.employerId)
  if (!getEmployerForBureau(user.organisation.id, id)) throw new Response('Not Found', { status: 404 })
  const submission = parseWithZod(await request.formData(), { schema: EmployerSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = updateEmployer(
    { userId: user.id, organisationId: user.organisation.id, cityCode: user.organisation.areaCode, ip: context.clientIp ?? null },
    id,
    submission.value,
  )
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return data(submission.reply({ fieldErrors: { [result.field]: [result.message] } }), { status: 400 })
  throw redirect('/east/employers?saved=updated')
}

export default function EditEmployerPage() {
  const { name, openPosts, defaultValue } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <p className="small">
        <Link to="/east/employers">← 用人单位</Link>
      </p>
      <h1>编辑：{name}</h1>
      {openPosts > 0 ? (
        <p className="notice" role="note">
          该单位有 {openPosts} 个招聘中的岗位，修改单位名称后，岗位上显示的名称同时更新。
        </p>
      ) : null}
      <EmployerForm lastResult={lastResult} defaultValue={defaultValue} submitLabel="保存修改" cancelTo="/east/employers" />
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `编辑 ${data?.name ?? '用人单位'} · 鲁渝劳务协作` }]

export function ErrorBoundary() {
  return <ErrorPage />
}
