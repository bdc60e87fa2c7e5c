import { listPayoutsForCounty } from '~/models/payout.server'
import { formatDate } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { PAYOUT_STATUS, payoutTitle, yuanOfFen } from '~/rules/payout'
import { defineExport } from '~/utils/xlsx.server'

// The county's payout batches (发放批次 list, issue 15 §3) as xlsx, for the monthly report upward: each payout's
// title, state, notice period, people and money, newest first as the list shows them, then a 合计 row. Money is
// a number in yuan (a cell an office can add up in Excel, formatted #,##0.00), each the payout's fen divided by
// 100 once; the 合计 adds the payouts' fen as integers and converts once, so it is exact to the fen whatever
// Excel does with the rows above it. No personal numbers: a payout's people are on its own file.

type Payout = ReturnType<typeof listPayoutsForCounty>[number]

type Sums = { payouts: number; rows: number; pending: number; totalFen: number; paidFen: number; failed: number; failedFen: number }

/** A line of the file: a payout, or the closing total. */
export type PayoutListLine = { kind: 'payout'; payout: Payout } | { kind: 'total'; sums: Sums }

const MONEY = '#,##0.00'

const of = <T>(line: PayoutListLine, read: (p: Payout) => T) => (line.kind === 'payout' ? read(line.payout) : null)
/** A figure of a payout, or its sum on the total line. */
const figure = (line: PayoutListLine, key: keyof Omit<Sums, 'payouts'>) => (line.kind === 'payout' ? line.payout[key] : line.sums[key])

/** The columns of the payouts list export. */
export const PAYOUTS_EXPORT = defineExport<PayoutListLine>({
  sheet: '补助发放批次',
  columns: [
    { header: '批次', width: 34, value: (l) => (l.kind === 'payout' ? payoutTitle(l.payout.title) : `合计（${l.sums.payouts} 个批次）`) },
    { header: '状态', width: 10, value: (l) => of(l, (p) => PAYOUT_STATUS[p.state].label) },
    { header: '公示开始', width: 12, value: (l) => of(l, (p) => p.noticeFrom) },
    { header: '公示结束', width: 12, value: (l) => of(l, (p) => p.noticeUntil) },
    { header: '人数', width: 8, value: (l) => figure(l, 'rows'), numFmt: '0' },
    { header: '金额（元）', width: 14, value: (l) => yuanOfFen(figure(l, 'totalFen')), numFmt: MONEY },
    { header: '已发放（元）', width: 14, value: (l) => yuanOfFen(figure(l, 'paidFen')), numFmt: MONEY },
    { header: '发放失败（元）', width: 14, value: (l) => yuanOfFen(figure(l, 'failedFen')), numFmt: MONEY },
    { header: '发放失败人数', width: 12, value: (l) => figure(l, 'failed'), numFmt: '0' },
    { header: '待登记人数', width: 11, value: (l) => figure(l, 'pending'), numFmt: '0' },
    { header: '建立日期', width: 12, value: (l) => of(l, (p) => formatDate(p.createdAt)) },
  ],
})

/** How many payouts one read takes (the list's query, a page at a time). */
const PAGE = 100

/**
 * The county's payouts in the list's order (newest first), read a page at a time through listPayoutsForCounty
 * so the file has exactly the list's rows, then the total line: the payouts counted, the people and the fen
 * summed as integers.
 */
export function* payoutListLines(actor: Actor): Generator<PayoutListLine> {
  const sums: Sums = { payouts: 0, rows: 0, pending: 0, totalFen: 0, paidFen: 0, failed: 0, failedFen: 0 }
  for (let offset = 0; ; offset += PAGE) {
    const page = listPayoutsForCounty(actor, { limit: PAGE, offset })
    for (const payout of page) {
      sums.payouts += 1
      for (const key of ['rows', 'pending', 'totalFen', 'paidFen', 'failed', 'failedFen'] as const) sums[key] += payout[key]
      yield { kind: 'payout', payout }
    }
    if (page.length < PAGE) break
  }
  yield { kind: 'total', sums }
}
