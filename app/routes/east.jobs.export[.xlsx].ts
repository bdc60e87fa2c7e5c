import type { LoaderFunctionArgs } from '@remix-run/node'
import { VACANCY_EXPORT } from '~/exports/vacancies.server'
import { getAreaName } from '~/models/area.server'
import { listVacanciesForExport } from '~/models/vacancy.server'
import { shortAreaName } from '~/rules/areas'
import { todayInShanghai } from '~/rules/dates'
import { VACANCY_STATUS } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { parseListParams } from '~/utils/list'
import { xlsxResponse } from '~/utils/xlsx.server'

const STATUSES = Object.keys(VACANCY_STATUS) as [keyof typeof VACANCY_STATUS, ...(keyof typeof VACANCY_STATUS)[]]

/** The bureau's posts (the list's status filter, e.g. ?status=published) as xlsx, the way offices report upward. No personal data. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'east' })
  const status = parseListParams(new URL(args.request.url).searchParams, { status: z.enum(STATUSES) }).status ?? null
  const today = todayInShanghai()
  const cityName = shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
  return xlsxResponse(VACANCY_EXPORT, listVacanciesForExport(actor, status), {
    fileName: `${cityName}岗位${status ? `（${VACANCY_STATUS[status].label}）` : ''}-${today}.xlsx`,
    asciiFallback: `jobs${status ? `-${status}` : ''}-${today}.xlsx`,
  })
}
