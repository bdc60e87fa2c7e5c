import type { LoaderFunctionArgs } from '@remix-run/node'
import { AUDIT_EXPORT } from '~/exports/audit.server'
import { auditSearchOf, listAuditForExport } from '~/models/audit.server'
import { AUDIT_EXPORT_MAX } from '~/rules/audit-search'
import { todayInShanghai } from '~/rules/dates'
import { requireActor } from '~/utils/auth.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/** The audit trail as searched on /admin/audit (same parameters), newest first, at most AUDIT_EXPORT_MAX rows, as xlsx. */
export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'admin' })
  const { filters } = auditSearchOf(new URL(args.request.url).searchParams)
  const today = todayInShanghai()
  return xlsxResponse(AUDIT_EXPORT, listAuditForExport(actor, filters, AUDIT_EXPORT_MAX), {
    fileName: `操作记录-${today}.xlsx`,
    asciiFallback: `audit-${today}.xlsx`,
  })
}
