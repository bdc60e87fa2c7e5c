import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { RegistryForm } from '~/components/registry-form'
import { createDivisionResolver, listTownships, listVillages } from '~/models/area.server'
import { createWorker, getRegistrationForLedgerForm } from '~/models/worker.server'
import { parseRecordId } from '~/rules/fields'
import { safeLocalPath } from '~/rules/landing'
import { requireActor } from '~/utils/auth.server'
import { FormToken } from '~/components/forms'
import { createOnce, formOnce, issueFormToken } from '~/utils/form-token.server'
import { saveForm } from '~/utils/mutation.server'
import { parseLedgerForm } from '~/utils/registry-form.server'
import { pageTitle } from '~/utils/meta'

// A new ledger row. From a registration with no ledger row (issue 11 §5) the page is opened as
// ?registration=<account id>&returnTo=/west/verifications/<id>: the form is pre-filled from what the worker
// typed, and saving goes back to the verification.

/**
 * Where to go after saving: `returnTo` when it is a page of the county's own side (a same-origin relative
 * path under /west/, made safe by rules/landing.ts safeLocalPath), otherwise null.
 */
function returnPathOf(url: URL) {
  const target = safeLocalPath(url.searchParams.get('returnTo'))
  if (!target || !target.pathname.startsWith('/west/') || target.pathname.endsWith('.data')) return null
  return target.href
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const url = new URL(args.request.url)
  const registrationId = parseRecordId(url.searchParams.get('registration'))
  const registration = registrationId ? getRegistrationForLedgerForm(actor, registrationId) : null
  return {
    townships: listTownships(actor.areaCode),
    villages: listVillages(actor.areaCode),
    formToken: issueFormToken(),
    defaultValue: registration ?? {},
    prefilled: registration != null,
    returnTo: returnPathOf(url),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const formData = await args.request.formData()
  const form = parseLedgerForm(formData, createDivisionResolver(actor.areaCode))
  const once = formOnce(formData, actor.userId, 'worker')
  const returnTo = returnPathOf(new URL(args.request.url))
  // A Failure of 429 when this account's duplicate checks against other counties are refused for today.
  return saveForm(form, (values) => createOnce(once, () => createWorker(actor, values)), {
    to: (created) => returnTo ?? `/west/workers/${created.id}`,
    notice: returnTo ? '已加入台账，请核对后确认核验。' : '已新增到台账。',
  })
}

export default function NewWorkerPage() {
  const { townships, villages, formToken, defaultValue, prefilled, returnTo } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      {returnTo ? <BackLink to={returnTo}>返回核验</BackLink> : <BackLink to="/west/workers">务工人员台账</BackLink>}
      <h1>新增务工人员</h1>
      {prefilled ? <p className="notice">姓名、身份证号码和手机号码已按注册信息填好，请当面或电话核实后补全其余信息。</p> : null}
      {/* RegistryForm (form id "ledger") is shared with the edit page; the token joins it by the form attribute. */}
      <FormToken value={formToken} form="ledger" />
      <RegistryForm
        lastResult={lastResult}
        defaultValue={defaultValue}
        townships={townships}
        villages={villages}
        submitLabel="保存"
        cancelTo={returnTo ?? '/west/workers'}
      />
    </main>
  )
}

export const meta = pageTitle('新增务工人员')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
