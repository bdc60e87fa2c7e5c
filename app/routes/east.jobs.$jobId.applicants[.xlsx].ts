import type { LoaderFunctionArgs } from '@remix-run/node'
import { APPLICANT_EXPORT } from '~/exports/applicants.server'
import { ALL_DATES, exportNames } from '~/exports/file-name.server'
import { listApplicantsOfBureau } from '~/models/application.server'
import { getVacancyForBureau } from '~/models/vacancy.server'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * One post's applicants as xlsx, ID and phone masked, the file and its title row named by exportNames
 * (bureau, 报名人员, the post's title, 全部日期); another bureau's post is a 404 like a missing one.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'east' })
  const jobId = requireRecordId(args.params.jobId)
  const job = getVacancyForBureau(actor, jobId)
  if (!job) throw new Response('Not Found', { status: 404 })
  const names = exportNames({
    organisation: user.organisation.shortName,
    list: '报名人员',
    filters: [job.vacancy.title],
    range: ALL_DATES,
    ascii: `applicants-${jobId}`,
  })
  return xlsxResponse(APPLICANT_EXPORT, listApplicantsOfBureau(actor, { vacancyId: jobId }), names)
}
