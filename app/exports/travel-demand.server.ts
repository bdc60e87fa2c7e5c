import { listCountyDemand } from '~/models/travel-demand.server'
import { shortAreaName } from '~/rules/areas'
import type { Actor } from '~/rules/permissions'
import { DEMAND_STATE } from '~/rules/travel-demand'
import type { DemandFilters } from '~/utils/demand-list.server'
import { defineExport } from '~/utils/xlsx.server'

// The county's travel demand (出行需求 list, issue 12 §1) as xlsx (issue 15 §3), with the list's filters applied
// and in its order (earliest day, destination): who wants to travel when and where, from which township, with
// whom, and whether the demand is in a batch yet — what the county books a coach from. The ID number is masked
// as on the page (the list reads it masked); there is no full version: the ledger has the full numbers.

type Demand = ReturnType<typeof listCountyDemand>[number]

/** The columns of the travel demand export. */
export const DEMAND_EXPORT = defineExport<Demand>({
  sheet: '出行需求',
  columns: [
    { header: '姓名', width: 10, value: (r) => r.name },
    { header: '身份证号（打码）', width: 20, value: (r) => r.idMasked, numFmt: '@' },
    { header: '上车乡镇', width: 14, value: (r) => r.townshipName },
    { header: '最早出发日期', width: 13, value: (r) => r.earliestDate },
    { header: '最晚出发日期', width: 13, value: (r) => r.latestDate },
    { header: '目的地', width: 10, value: (r) => shortAreaName(r.cityName) },
    { header: '意向用人单位', width: 24, value: (r) => r.employerName },
    { header: '状态', width: 8, value: (r) => DEMAND_STATE[r.state].label },
    { header: '同行人', width: 24, value: (r) => r.companions.map((c) => `${c.name}（${c.confirmed ? '已确认' : '待确认'}）`).join('、') },
    { header: '人数', width: 6, value: (r) => 1 + r.companions.filter((c) => c.confirmed).length, numFmt: '0' },
    { header: '登记方式', width: 10, value: (r) => (r.byStaff ? '代为登记' : '本人登记') },
    { header: '已编入批次', width: 10, value: (r) => (r.batchId ? '是' : '否') },
  ],
  footer: '身份证号已打码',
})

/** How many demands one read takes (the list's query, a page at a time). */
const PAGE = 200

/** The county's demand matching `filters`, in the list's order, read a page at a time through the list's own query. */
export function* listDemandForExport(actor: Actor, filters: DemandFilters) {
  for (let offset = 0; ; offset += PAGE) {
    const page = listCountyDemand(actor, filters, { limit: PAGE, offset })
    yield* page
    if (page.length < PAGE) return
  }
}
