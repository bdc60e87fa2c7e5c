import type { LoaderFunctionArgs } from '@remix-run/node'
import { APPLICANT_EXPORT } from '~/exports/applicants.server'
import { ALL_DATES, exportNames } from '~/exports/file-name.server'
import { listApplicantsOfBureau } from '~/models/application.server'
import { APPLICATION_STATUS } from '~/rules/application'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { parseListParams } from '~/utils/list'
import { xlsxResponse } from '~/utils/xlsx.server'

const STATUSES = Object.keys(APPLICATION_STATUS) as [keyof typeof APPLICATION_STATUS, ...(keyof typeof APPLICATION_STATUS)[]]

/** Every applicant of this bureau's posts as xlsx (masked), optionally only one status, e.g. ?status=hired;
 * the file and its title row name the status and, the list having no date filter, 全部日期 (exportNames). */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'east' })
  const status = parseListParams(new URL(args.request.url).searchParams, { status: z.enum(STATUSES) }).status ?? null
  const filters = status ? [APPLICATION_STATUS[status].label] : []
  const names = exportNames({ organisation: user.organisation.shortName, list: '报名人员', filters, range: ALL_DATES, ascii: 'applicants' })
  return xlsxResponse(APPLICANT_EXPORT, listApplicantsOfBureau(actor, { status }), names)
}
