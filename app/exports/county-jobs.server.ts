import { countCountyApplicantsByVacancy } from '~/models/county-applicants.server'
import { listCountyPublished, type CountyPublishedFilters } from '~/models/county-jobs.server'
import { listPublicVacancies } from '~/models/vacancy-board.server'
import { formatDate } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { formatSalaryRange, INDUSTRY_LABELS, VACANCY_STATUS_LABELS } from '~/rules/vacancy'
import { defineExport } from '~/utils/xlsx.server'
import { monthInWords } from '~/utils/month-filters.server'

// The posts open to the county (/west/jobs, issue 15 §3) as xlsx, with the list's filters: without a
// publication period the posts open today, as the page lists them; with `published` (a month or
// `YYYY-MM/YYYY-MM`) every post published in it in whatever state it is in today — the rows the county
// dashboard's 对口岗位 figure counts. Each with how many of the county's people applied. No personal data.

/** The list's filters: the board's (text, industry, salary, board and lodging, order) and the publication period (null: open today). */
export type CountyJobsFilters = Omit<CountyPublishedFilters, 'published'> & { published: string | null }

/** The most rows one file carries (a county sees a few thousand posts). */
export const COUNTY_JOBS_EXPORT_CAP = 20_000

/** Posts read per step: each step is one page of the list's own query, so no step holds the server for long. */
const STEP = 500

function pageOf(countyCode: string, f: CountyJobsFilters, limit: number, offset: number) {
  if (f.published) return listCountyPublished(countyCode, { ...f, published: f.published }, { limit, offset })
  return listPublicVacancies({ ...f, city: null, countyCode }, { limit, offset }).map((r) => ({ ...r, status: 'published' as const }))
}

/** One line of the file: a post as the list shows it, with the county's applicants. */
export type CountyJobRow = ReturnType<typeof pageOf>[number] & { fromCounty: number }

/**
 * The posts of the county's list for the export, in the list's order, STEP at a time, at most
 * COUNTY_JOBS_EXPORT_CAP; each with how many of the actor's county's people applied (kept counts).
 */
export function* countyJobsForExport(actor: Actor, f: CountyJobsFilters): Generator<CountyJobRow> {
  for (let offset = 0; offset < COUNTY_JOBS_EXPORT_CAP; offset += STEP) {
    const limit = Math.min(STEP, COUNTY_JOBS_EXPORT_CAP - offset)
    const rows = pageOf(actor.areaCode, f, limit, offset)
    const counts = countCountyApplicantsByVacancy(
      actor,
      rows.map((r) => r.id),
    )
    for (const r of rows) yield { ...r, fromCounty: counts.get(r.id) ?? 0 }
    if (rows.length < limit) return
  }
}

/** The filters in words for the file's name and title row: the period (发布), 招聘中 without one, then the board's filters. */
export function countyJobsFilterLabels(f: CountyJobsFilters): string[] {
  return [
    f.published ? `${monthInWords(f.published)}发布` : '招聘中',
    f.q ? `关键词${f.q}` : null,
    f.industry ? INDUSTRY_LABELS[f.industry] : null,
    f.minSalary ? `月薪${f.minSalary.toLocaleString('en-US')}元以上` : null,
    f.meals ? '包吃' : null,
    f.housing ? '包住' : null,
  ].filter((label): label is string => label != null)
}

/** The columns of the county's posts export. */
export const COUNTY_JOBS_EXPORT = defineExport<CountyJobRow>({
  sheet: '对口岗位',
  columns: [
    { header: '岗位名称', width: 18, value: (r) => r.title },
    { header: '用人单位', width: 28, value: (r) => r.employerName },
    { header: '务工城市', width: 10, value: (r) => r.cityName },
    { header: '行业', width: 10, value: (r) => INDUSTRY_LABELS[r.industry] },
    { header: '人数', width: 6, value: (r) => r.headcount },
    { header: '月薪', width: 16, value: (r) => formatSalaryRange(r.salaryMinFen, r.salaryMaxFen) },
    { header: '包吃', width: 6, value: (r) => (r.providesMeals ? '是' : '否') },
    { header: '包住', width: 6, value: (r) => (r.providesHousing ? '是' : '否') },
    { header: '报名截止', width: 12, value: (r) => r.validUntil },
    { header: '状态', width: 8, value: (r) => VACANCY_STATUS_LABELS[r.status] },
    { header: '本县报名人数', width: 12, value: (r) => r.fromCounty },
    { header: '发布日期', width: 12, value: (r) => (r.publishedAt ? formatDate(r.publishedAt) : '') },
  ],
})
