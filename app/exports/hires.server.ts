import { needsEmploymentAnswer, type HireExportRow } from '~/models/county-outcomes.server'
import { formatDate } from '~/rules/dates'
import { EMPLOYMENT_STATUS_LABELS } from '~/rules/registry'
import { defineExport } from '~/utils/xlsx.server'

// The hires of a county's people as xlsx (issue 11 §3): who, from which township, hired by which employer
// in which city, for which post, when recorded and from when at work. Numbers are masked unless the
// export is the audited full one (models/county-outcomes.server.ts listCountyHiresForExport). 状态核对 says
// 待确认 where the list does: the 就业状态 awaits staff's answer since the hire.

/** The columns of the county's hires export, newest first as the list shows them. */
export const HIRES_EXPORT = defineExport<HireExportRow>({
  sheet: '录用人员',
  columns: [
    { header: '录用日期', width: 12, value: (r) => formatDate(r.createdAt) },
    { header: '姓名', width: 10, value: (r) => r.name },
    { header: '身份证号码', width: 22, value: (r) => r.idNumber, numFmt: '@' },
    { header: '手机号码', width: 14, value: (r) => r.phone, numFmt: '@' },
    { header: '乡镇（街道）', width: 14, value: (r) => r.townshipName },
    { header: '用人单位', width: 28, value: (r) => r.employerName },
    { header: '务工城市', width: 10, value: (r) => r.cityName },
    { header: '岗位', width: 20, value: (r) => r.vacancyTitle },
    { header: '到岗日期', width: 12, value: (r) => r.startDate },
    { header: '台账就业状态', width: 14, value: (r) => `${EMPLOYMENT_STATUS_LABELS[r.employmentStatus]}${r.archived ? '（已归档）' : ''}` },
    // As the list marks it: hired after staff last answered the 就业状态 question (needsEmploymentAnswer).
    { header: '状态核对', width: 10, value: (r) => (needsEmploymentAnswer(r) ? '待确认' : '') },
  ],
})

/** Printed copies say what they carry: full numbers are personal information under PIPL. */
export const HIRES_EXPORT_FOOTER = {
  full: '含完整身份证号码和手机号码，请妥善保管，用后销毁',
  masked: '身份证号码和手机号码已打码',
}
