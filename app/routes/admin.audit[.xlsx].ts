import type { LoaderFunctionArgs } from '@remix-run/node'
import { AUDIT_EXPORT } from '~/exports/audit.server'
import { auditSearchOf, listAuditForExport } from '~/models/audit.server'
import { AUDIT_EXPORT_MAX } from '~/rules/audit-search'
import { todayInShanghai } from '~/rules/dates'
import { requireActor } from '~/utils/auth.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The audit trail as searched on /admin/audit (same parameters), newest first, at most AUDIT_EXPORT_MAX rows,
 * as xlsx. A date range given backwards is a 400 with its message.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const { filters, errors } = auditSearchOf(new URL(args.request.url).searchParams)
  if (errors.to) throw new Response(errors.to[0], { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const today = todayInShanghai()
  return xlsxResponse(AUDIT_EXPORT, listAuditForExport(actor, filters, AUDIT_EXPORT_MAX), {
    fileName: `操作记录-${today}.xlsx`,
    asciiFallback: `audit-${today}.xlsx`,
  })
}
