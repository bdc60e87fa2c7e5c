import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { OfficeContactForm } from '~/components/office-contact-form'
import { getOwnOrganisation, updateOrganisationContact } from '~/models/organisation.server'
import { OfficeContactSchema } from '~/rules/office-phone'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { parseForm, saveForm } from '~/utils/mutation.server'

// 本单位联系方式: the county centre sets its own phone and address, which the post notice (岗位公告) and the
// account slip print under 本县咨询 / 有问题请找 (issue 11 §7 follow-up). Staff of the centre only; the
// operator sets any organisation's on /admin/organisations/:orgId.

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const org = getOwnOrganisation(actor)
  if (!org) throw new Response('Not Found', { status: 404 })
  const back = new URL(args.request.url).searchParams.get('back')
  // Only a path of this county's own pages (the notice that sent staff here), never another site.
  return { org, back: back && /^\/west\/[\w/-]*$/.test(back) ? back : '/west' }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const form = parseForm(await args.request.formData(), OfficeContactSchema)
  const back = new URL(args.request.url).searchParams.get('back')
  const to = back && /^\/west\/[\w/-]*$/.test(back) ? back : '/west/settings'
  return saveForm(form, (values) => updateOrganisationContact(actor, actor.organisationId, values), {
    to,
    notice: '已保存本单位联系方式，岗位公告和账号告知单会印上新的电话。',
  })
}

export default function WestSettingsPage() {
  const { org, back } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to={back}>{back === '/west' ? '返回工作台' : '返回上一页'}</BackLink>
      <h1>本单位联系方式</h1>
      <section className="card">
        <h2>{org.name}</h2>
        <p className="muted small">群众看到岗位公告、拿到账号告知单后，会打这个电话咨询。请填写有人接听的办公电话。</p>
        <OfficeContactForm contactPhone={org.contactPhone} address={org.address} areaCode={org.areaCode} lastResult={lastResult} />
      </section>
    </main>
  )
}

export const meta = pageTitle('本单位联系方式')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
