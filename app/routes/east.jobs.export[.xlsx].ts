import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportNames } from '~/exports/file-name.server'
import { VACANCY_EXPORT } from '~/exports/vacancies.server'
import { getAreaName } from '~/models/area.server'
import { listVacanciesForExport } from '~/models/vacancy.server'
import { shortAreaName } from '~/rules/areas'
import { VACANCY_STATUS } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { parseListParams } from '~/utils/list'
import { xlsxResponse } from '~/utils/xlsx.server'

const STATUSES = Object.keys(VACANCY_STATUS) as [keyof typeof VACANCY_STATUS, ...(keyof typeof VACANCY_STATUS)[]]

/** The bureau's posts (the list's status filter, e.g. ?status=published) as xlsx, the way offices report upward, named
 * by exportNames (file name and title row say the status chosen). No personal data. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'east' })
  const status = parseListParams(new URL(args.request.url).searchParams, { status: z.enum(STATUSES) }).status ?? null
  const cityName = shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
  const names = exportNames({ organisation: cityName, list: '岗位', filters: status ? [VACANCY_STATUS[status].label] : [], ascii: 'jobs' })
  return xlsxResponse(VACANCY_EXPORT, listVacanciesForExport(actor, status), names)
}
