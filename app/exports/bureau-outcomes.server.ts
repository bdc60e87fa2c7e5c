import type { BureauApplicationRow, BureauHireRow } from '~/models/bureau-outcomes.server'
import { APPLICATION_STATUS_LABELS } from '~/rules/application'
import { shortAreaName } from '~/rules/areas'
import { formatDate } from '~/rules/dates'
import { APPLICATION_SOURCE_LABELS, INDUSTRY_LABELS } from '~/rules/vacancy'
import { defineExport } from '~/utils/xlsx.server'

// A bureau's applications to its posts and hires with its employers, of a period or of all months, as xlsx
// (issue 15 §3, §5), as /east/applications and /east/hires list them, newest first. The applicant's name as the
// post's applicants page shows it and their county; never an ID number or a phone (security.md 2: the bureau's
// exports mask phones, and these carry none). Text cells ('@'), so Excel turns nothing into a number or a date.

/** The bureau's applications of a period or all months. */
export const BUREAU_APPLICATIONS_EXPORT = defineExport<BureauApplicationRow>({
  sheet: '报名记录',
  columns: [
    { header: '报名日期', width: 12, value: (r) => formatDate(r.createdAt), numFmt: '@' },
    { header: '姓名', width: 10, value: (r) => r.name, numFmt: '@' },
    { header: '来源区县', width: 10, value: (r) => shortAreaName(r.countyName), numFmt: '@' },
    { header: '岗位', width: 20, value: (r) => r.title, numFmt: '@' },
    { header: '用人单位', width: 28, value: (r) => r.employerName, numFmt: '@' },
    { header: '报名方式', width: 10, value: (r) => APPLICATION_SOURCE_LABELS[r.source], numFmt: '@' },
    { header: '状态', width: 8, value: (r) => APPLICATION_STATUS_LABELS[r.status], numFmt: '@' },
  ],
})

/** The bureau's hires of a period or all months. */
export const BUREAU_HIRES_EXPORT = defineExport<BureauHireRow>({
  sheet: '录用人员',
  columns: [
    { header: '录用日期', width: 12, value: (r) => formatDate(r.createdAt), numFmt: '@' },
    { header: '姓名', width: 10, value: (r) => r.name, numFmt: '@' },
    { header: '来源区县', width: 10, value: (r) => shortAreaName(r.countyName), numFmt: '@' },
    { header: '用人单位', width: 28, value: (r) => r.employerName, numFmt: '@' },
    { header: '岗位', width: 20, value: (r) => r.title, numFmt: '@' },
    { header: '行业', width: 10, value: (r) => INDUSTRY_LABELS[r.industry], numFmt: '@' },
    { header: '到岗日期', width: 12, value: (r) => r.startDate, numFmt: '@' },
  ],
})
