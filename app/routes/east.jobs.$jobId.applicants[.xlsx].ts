import type { LoaderFunctionArgs } from '@remix-run/node'
import { APPLICANT_EXPORT } from '~/exports/applicants.server'
import { listApplicantsOfBureau } from '~/models/application.server'
import { getVacancyForBureau } from '~/models/vacancy.server'
import { todayInShanghai } from '~/rules/dates'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/** One post's applicants as xlsx, ID and phone masked; another bureau's post is a 404 like a missing one. */
export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const jobId = requireRecordId(args.params.jobId)
  const job = getVacancyForBureau(actor, jobId)
  if (!job) throw new Response('Not Found', { status: 404 })
  const today = todayInShanghai()
  return xlsxResponse(APPLICANT_EXPORT, listApplicantsOfBureau(actor, { vacancyId: jobId }), {
    fileName: `${job.vacancy.title}报名人员-${today}.xlsx`,
    asciiFallback: `applicants-${jobId}-${today}.xlsx`,
  })
}
