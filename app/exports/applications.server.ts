import type { CountyApplicationExportRow } from '~/models/county-applications.server'
import { APPLICATION_STATUS_LABELS } from '~/rules/application'
import { formatDate } from '~/rules/dates'
import { defineExport } from '~/utils/xlsx.server'

// The applications of a county's people as xlsx (issue 11 §3): the page's columns, newest first, with
// the phone beside the ID number; both always masked (models/county-applications.server.ts).

/** The columns of the county's applications export. */
export const APPLICATIONS_EXPORT = defineExport<CountyApplicationExportRow>({
  sheet: '报名记录',
  columns: [
    { header: '报名日期', width: 12, value: (r) => formatDate(r.createdAt) },
    { header: '姓名', width: 10, value: (r) => r.name },
    { header: '身份证号码', width: 22, value: (r) => r.idNumber, numFmt: '@' },
    { header: '手机号码', width: 14, value: (r) => r.phone, numFmt: '@' },
    { header: '乡镇（街道）', width: 14, value: (r) => r.townshipName },
    { header: '岗位', width: 24, value: (r) => r.title },
    { header: '人社局', width: 14, value: (r) => r.bureauName },
    { header: '报名方式', width: 10, value: (r) => (r.source === 'recommended' ? '中心推荐' : '自己报名') },
    { header: '状态', width: 10, value: (r) => APPLICATION_STATUS_LABELS[r.status] },
  ],
  footer: '身份证号码和手机号码已打码',
})
