import type { LoaderFunctionArgs } from '@remix-run/node'
import { buildApplicantsWorkbook, listApplicantsForExport } from '~/models/application.server'
import { downloadHeaders } from '~/utils/xlsx.server'
import { todayInShanghai } from '~/rules/dates'
import { requireUser } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'

/** One post's applicants as xlsx, ID and phone masked; another bureau's post is a 404 like a missing one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'east' })
  const jobId = requireRecordId(params.jobId)
  const rows = listApplicantsForExport(user.organisation.id, { vacancyId: jobId })
  if (!rows) throw new Response('Not Found', { status: 404 })
  const today = todayInShanghai()
  const bytes = await buildApplicantsWorkbook(rows)
  const title = rows[0]?.title ?? `岗位${jobId}`
  return new Response(bytes, { headers: downloadHeaders(`${title}报名人员-${today}.xlsx`, `applicants-${jobId}-${today}.xlsx`) })
}
