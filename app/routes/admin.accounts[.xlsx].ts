import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_DATES, exportNames } from '~/exports/file-name.server'
import { ACCOUNTS_EXPORT, accountLines } from '~/exports/organisations.server'
import { getOrganisationForAdmin, listOrganisationsWithCounts } from '~/models/organisation.server'
import { parseRecordId } from '~/rules/fields'
import { requireActor } from '~/utils/auth.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The staff accounts as xlsx (issue 15 §3): the operator only. With ?org=<id> one organisation's (the list on its
 * page, /admin/organisations/:orgId), named in the title's filters; else every organisation's, in the order of the
 * organisations list. An org id that does not parse is dropped; one that names no organisation is 404, like its page.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'admin' })
  const raw = new URL(args.request.url).searchParams.get('org')
  const org = raw == null ? null : parseRecordId(raw.trim())
  const one = org == null ? null : getOrganisationForAdmin(actor, org)
  if (org != null && !one) throw new Response('Not Found', { status: 404 })
  const organisations = one ? [one] : listOrganisationsWithCounts()
  const names = exportNames({
    organisation: user.organisation.shortName,
    list: '工作人员账号',
    filters: one ? [one.shortName] : [],
    range: ALL_DATES,
    ascii: 'accounts',
  })
  return xlsxResponse(ACCOUNTS_EXPORT, accountLines(actor, organisations), names)
}
