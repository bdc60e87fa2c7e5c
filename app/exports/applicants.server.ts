import type { ApplicantRow } from '~/models/application.server'
import { formatDate } from '~/rules/dates'
import { SEX_LABELS, SKILL_LEVEL_LABELS } from '~/rules/registry'
import { APPLICATION_STATUS_LABELS } from '~/rules/application'
import { APPLICATION_SOURCE_LABELS } from '~/rules/vacancy'
import { defineExport, type XlsxColumn } from '~/utils/xlsx.server'

// Cells are text ('@'), so Excel never turns a masked number or a date into something else; age is a number.
const text = (header: string, width: number, value: XlsxColumn<ApplicantRow>['value']): XlsxColumn<ApplicantRow> => ({ header, width, value, numFmt: '@' })

/**
 * Applicants of a bureau's posts: masked numbers only, so a copy left on a desk discloses no full number.
 * The page's 显示电话 (one applicant at a time, audited) is the only way a bureau sees a full phone.
 */
export const APPLICANT_EXPORT = defineExport<ApplicantRow>({
  sheet: '报名人员',
  columns: [
    text('岗位', 16, (r) => r.title),
    text('用人单位', 28, (r) => r.employerName),
    text('姓名', 10, (r) => r.name),
    text('性别', 6, (r) => SEX_LABELS[r.sex]),
    { header: '年龄', width: 6, value: (r) => r.age, numFmt: '0' },
    text('乡镇', 14, (r) => r.townshipName),
    text('技能', 22, (r) => [SKILL_LEVEL_LABELS[r.skillLevel], r.skills].filter(Boolean).join('：')),
    text('手机号(打码)', 15, (r) => r.phoneMasked),
    text('身份证号(打码)', 21, (r) => r.idNumberMasked),
    text('来源', 10, (r) => APPLICATION_SOURCE_LABELS[r.source]),
    text('状态', 8, (r) => APPLICATION_STATUS_LABELS[r.status]),
    text('报名日期', 12, (r) => formatDate(r.createdAt)),
    text('到岗日期', 12, (r) => r.startDate),
  ],
  footer: '身份证号码和手机号码已打码',
})
