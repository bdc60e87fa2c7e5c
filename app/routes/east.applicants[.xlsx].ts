import type { LoaderFunctionArgs } from '@remix-run/node'
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../db/schema'
import { buildApplicantsWorkbook, listApplicantsForExport } from '~/models/application.server'
import { downloadHeaders } from '~/utils/xlsx.server'
import { todayInShanghai } from '~/rules/dates'
import { APPLICATION_STATUS_LABELS } from '~/rules/vacancy'
import { requireUser } from '~/utils/auth.server'

function readStatus(raw: string | null): ApplicationStatus | null {
  return raw && (APPLICATION_STATUSES as readonly string[]).includes(raw) ? (raw as ApplicationStatus) : null
}

/** Every applicant of this bureau's posts as xlsx (masked), optionally only one status, e.g. ?status=hired. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'east' })
  const status = readStatus(new URL(request.url).searchParams.get('status'))
  const rows = listApplicantsForExport(user.organisation.id, { status }) ?? []
  const today = todayInShanghai()
  const bytes = await buildApplicantsWorkbook(rows)
  const label = status ? `（${APPLICATION_STATUS_LABELS[status]}）` : ''
  return new Response(bytes, {
    headers: downloadHeaders(`${user.organisation.shortName}报名人员${label}-${today}.xlsx`, `applicants${status ? `-${status}` : ''}-${today}.xlsx`),
  })
}
