import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_DATES, exportNames, monthRange } from '~/exports/file-name.server'
import { VACANCY_EXPORT } from '~/exports/vacancies.server'
import { getAreaName } from '~/models/area.server'
import { listVacanciesForExport } from '~/models/vacancy.server'
import { shortAreaName } from '~/rules/areas'
import { VACANCY_STATUS } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { parseListParams } from '~/utils/list'
import { PERIOD, monthInWords } from '~/utils/month-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

const STATUSES = Object.keys(VACANCY_STATUS) as [keyof typeof VACANCY_STATUS, ...(keyof typeof VACANCY_STATUS)[]]

/**
 * The bureau's posts as xlsx, the way offices report upward, with the list's filters: a state (?status=) and
 * the month they were published in (?published=YYYY-MM, every state today). Named by exportNames (file name
 * and title row say the filters chosen). No personal data.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'east' })
  const params = parseListParams(new URL(args.request.url).searchParams, { status: z.enum(STATUSES), published: PERIOD })
  const status = params.status ?? null
  const published = params.published ?? null
  const cityName = shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
  const filters = [published ? `${monthInWords(published)}发布` : null, status ? VACANCY_STATUS[status].label : null].filter((f): f is string => f != null)
  const names = exportNames({ organisation: cityName, list: '岗位', filters, range: published ? monthRange(published) : ALL_DATES, ascii: 'jobs' })
  return xlsxResponse(VACANCY_EXPORT, listVacanciesForExport(actor, { status, published }), names)
}
