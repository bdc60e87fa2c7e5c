import type { VacancyExportRow } from '~/models/vacancy.server'
import { formatDate } from '~/rules/dates'
import { formatSalaryRange, INDUSTRY_LABELS, VACANCY_STATUS_LABELS } from '~/rules/vacancy'
import { defineExport } from '~/utils/xlsx.server'

/** A bureau's posts (the list's status filter) as offices report them upward. No personal data. */
export const VACANCY_EXPORT = defineExport<VacancyExportRow>({
  sheet: '岗位',
  columns: [
    { header: '岗位名称', width: 18, value: (r) => r.vacancy.title },
    { header: '用人单位', width: 28, value: (r) => r.employerName },
    { header: '行业', width: 10, value: (r) => INDUSTRY_LABELS[r.vacancy.industry] },
    { header: '人数', width: 6, value: (r) => r.vacancy.headcount },
    { header: '月薪', width: 16, value: (r) => formatSalaryRange(r.vacancy.salaryMinFen, r.vacancy.salaryMaxFen) },
    { header: '包吃', width: 6, value: (r) => (r.vacancy.providesMeals ? '是' : '否') },
    { header: '包住', width: 6, value: (r) => (r.vacancy.providesHousing ? '是' : '否') },
    { header: '工作地点', width: 30, value: (r) => r.vacancy.address },
    { header: '有效期', width: 12, value: (r) => r.vacancy.validUntil },
    { header: '状态', width: 8, value: (r) => VACANCY_STATUS_LABELS[r.status] },
    { header: '报名人数', width: 9, value: (r) => Number(r.applications) },
    { header: '发布日期', width: 12, value: (r) => (r.vacancy.publishedAt ? formatDate(r.vacancy.publishedAt) : '') },
  ],
})
