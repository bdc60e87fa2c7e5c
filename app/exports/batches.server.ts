import type { ArrivalRow } from '~/models/arrival.server'
import type { CountyBatchRow } from '~/models/batch-read.server'
import { shortAreaName } from '~/rules/areas'
import { BATCH_STATE } from '~/rules/batch'
import { defineExport } from '~/utils/xlsx.server'

// The batches as xlsx (issue 15 §3), as the two lists show them, latest departure first: the county's
// (/west/batches) and the receiving bureau's (/east/arrivals), each with the list's filters (a state, the
// departure month). No worker's personal data: the people are on each batch's manifest, not here; the
// escort is staff, named with the phone the arrivals page shows for calling on the day.

/** The county's batches. */
export const COUNTY_BATCH_EXPORT = defineExport<CountyBatchRow>({
  sheet: '包车批次',
  columns: [
    { header: '发车日期', width: 12, value: (r) => r.departureDate },
    { header: '发车时间', width: 9, value: (r) => r.departureTime },
    { header: '目的地', width: 10, value: (r) => shortAreaName(r.cityName) },
    { header: '集合地点', width: 24, value: (r) => r.pickupName },
    { header: '座位', width: 8, value: (r) => r.capacity, numFmt: '0' },
    { header: '占座', width: 8, value: (r) => r.seated, numFmt: '0' },
    { header: '候补', width: 8, value: (r) => r.waitlisted, numFmt: '0' },
    { header: '已上车', width: 8, value: (r) => r.boarded, numFmt: '0' },
    { header: '带队干部', width: 10, value: (r) => r.escortName },
    { header: '状态', width: 8, value: (r) => BATCH_STATE[r.state].label },
  ],
})

/** The batches heading to the bureau's city. */
export const ARRIVAL_EXPORT = defineExport<ArrivalRow>({
  sheet: '到岗接收',
  columns: [
    { header: '发车日期', width: 12, value: (r) => r.departureDate },
    { header: '发车时间', width: 9, value: (r) => r.departureTime },
    { header: '输出地', width: 10, value: (r) => shortAreaName(r.countyName) },
    { header: '人数', width: 8, value: (r) => r.seated, numFmt: '0' },
    { header: '用人单位', width: 30, value: (r) => r.employers },
    { header: '带队干部', width: 10, value: (r) => r.escortName },
    { header: '带队电话', width: 14, value: (r) => r.escortPhone, numFmt: '@' },
    { header: '到岗', width: 8, value: (r) => r.arrived, numFmt: '0' },
    { header: '未到岗', width: 8, value: (r) => r.missing, numFmt: '0' },
    { header: '状态', width: 8, value: (r) => BATCH_STATE[r.state].label },
  ],
})
