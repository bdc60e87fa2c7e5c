import type { LoaderFunctionArgs } from '@remix-run/node'
import { AUDIT_EXPORT } from '~/exports/audit.server'
import { dayRange, exportNames } from '~/exports/file-name.server'
import { auditSearchOf, listAuditForExport } from '~/models/audit.server'
import { listOrganisationChoices } from '~/models/organisation.server'
import { ACTION_LABELS } from '~/rules/audit-actions'
import { AUDIT_EXPORT_MAX } from '~/rules/audit-search'
import { requireActor } from '~/utils/auth.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The audit trail as searched on /admin/audit (same parameters), newest first, at most AUDIT_EXPORT_MAX rows,
 * as xlsx. The file name and the title row name the filters applied (organisation, account, action) and the
 * dates searched as the range (exportNames, dayRange). A date range given backwards is a 400 with its message.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'admin' })
  const { filters, values, errors } = auditSearchOf(new URL(args.request.url).searchParams)
  const bad = errors.from ?? errors.to
  if (bad) throw new Response(bad[0], { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const org = values.org == null ? null : listOrganisationChoices().find((o) => o.code === String(values.org))
  const labels = [
    org?.name,
    values.who || (values.actor != null ? `账号 #${values.actor}` : null),
    values.action ? (ACTION_LABELS[values.action] ?? values.action) : null,
  ].filter((l): l is string => Boolean(l))
  const range = dayRange(values.from, values.to)
  const names = exportNames({ organisation: user.organisation.shortName, list: '操作记录', filters: labels, range, ascii: 'audit' })
  return xlsxResponse(AUDIT_EXPORT, listAuditForExport(actor, filters, AUDIT_EXPORT_MAX), names)
}
