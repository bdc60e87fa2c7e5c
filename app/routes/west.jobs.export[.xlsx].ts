import type { LoaderFunctionArgs } from '@remix-run/node'
import { COUNTY_JOBS_EXPORT, countyJobsFilterLabels, countyJobsForExport } from '~/exports/county-jobs.server'
import { ALL_DATES, exportNames, monthRange } from '~/exports/file-name.server'
import { openCountyList } from '~/models/county-list.server'
import { readBoardQuery } from '~/utils/board-query.server'
import { readPeriodParam } from '~/utils/month-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The posts open to the county (/west/jobs) as xlsx (issue 15 §3): county staff only, their own county's
 * pair, with the list's filters — text, industry, salary, board and lodging, order and the publication
 * period (?published=YYYY-MM or YYYY-MM/YYYY-MM: every post published in it, in any state today; without
 * it the posts open today). The title row names the county, the period and the filters. No personal data.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor, countyName, filters } = await openCountyList(args, (search) => {
    const query = readBoardQuery(new URL(args.request.url), [])
    const published = readPeriodParam(search, 'published')
    return { q: query.q, industry: query.industry, minSalary: query.minSalary, meals: query.meals, housing: query.housing, sort: query.sort, published }
  })
  const names = exportNames({
    organisation: countyName,
    list: '对口岗位',
    filters: countyJobsFilterLabels(filters),
    range: filters.published ? monthRange(filters.published) : ALL_DATES,
    ascii: 'jobs',
  })
  return xlsxResponse(COUNTY_JOBS_EXPORT, countyJobsForExport(actor, filters), names)
}
