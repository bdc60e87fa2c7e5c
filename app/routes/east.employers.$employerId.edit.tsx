import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { EmployerForm } from '~/components/vacancy-form'
import { countOpenPostsOf, getEmployerForBureau, updateEmployer } from '~/models/employer.server'
import { EmployerSchema } from '~/rules/employer'
import { requireActor } from '~/utils/auth.server'
import { parseForm, saveForm } from '~/utils/mutation.server'
import { requireRecordId } from '~/utils/params.server'

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const employer = getEmployerForBureau(actor, requireRecordId(args.params.employerId))
  if (!employer) throw new Response('Not Found', { status: 404 })
  return {
    id: employer.id,
    name: employer.name,
    openPosts: countOpenPostsOf(actor, employer.id),
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

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const id = requireRecordId(args.params.employerId)
  if (!getEmployerForBureau(actor, id)) throw new Response('Not Found', { status: 404 })
  const form = parseForm(await args.request.formData(), EmployerSchema)
  return saveForm(form, (values) => updateEmployer(actor, id, values), { to: '/east/employers', notice: '修改已保存。' })
}

export default function EditEmployerPage() {
  const { name, openPosts, defaultValue } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to="/east/employers">用人单位</BackLink>
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

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
