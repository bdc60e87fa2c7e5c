import { HOUSEHOLD_LABELS } from '~/rules/registry'
import { defineExport } from '~/utils/xlsx.server'

// The proactive list (免申即享, issue 13 §9) as xlsx: who in the county could claim the transport subsidy this
// year and has not, for villages to reach them. ID numbers masked (it is a list to find people by, not to pay
// from); the flat amount each would be filed for.

type Row = {
  name: string
  idMasked: string
  householdStatus: keyof typeof HOUSEHOLD_LABELS
  township: string | null
  destination: string | null
  startDate: string | null
}

/** The columns of the proactive list export. */
export const PROACTIVE_EXPORT = defineExport<Row>({
  sheet: '免申即享名单',
  columns: [
    { header: '姓名', width: 10, value: (r) => r.name },
    { header: '身份证号码', width: 22, value: (r) => r.idMasked, numFmt: '@' },
    { header: '户类型', width: 12, value: (r) => HOUSEHOLD_LABELS[r.householdStatus] },
    { header: '乡镇（街道）', width: 14, value: (r) => r.township },
    { header: '务工地', width: 12, value: (r) => r.destination },
    { header: '就业开始日期', width: 13, value: (r) => r.startDate },
  ],
  footer: '身份证号码已打码',
})
