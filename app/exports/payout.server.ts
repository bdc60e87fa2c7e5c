import type { PayoutSheet } from '~/models/payout.server'
import { yuanOfFen } from '~/rules/payout'
import { PAYMENT_CARD_KIND_LABELS } from '~/rules/subsidy-labels'
import { defineExport } from '~/utils/xlsx.server'

// A payout as the xlsx county finance pays from (发放名单, issue 13 §7): one row per person with the card kind,
// the card number as text (a 19-digit number typed into Excel becomes 6.22202E+18 and loses its last digits, so
// the cell is a string in a text-formatted column), the amount in yuan with the fen exact (the fen divided by
// 100 once, format 0.00), then a 合计 row whose amount is the rows' fen summed and converted once, so it adds up.
// The card number is always in full (finance pays to it); the ID number is masked unless the export is the
// audited full one (models/payout.server.ts exportPayout). Every export is audited.

type Person = PayoutSheet['rows'][number]

/** A line of the file: a person, or the closing total. */
export type PayoutLine = { kind: 'person'; order: number; person: Person } | { kind: 'total'; count: number; totalFen: number }

const person = <T>(line: PayoutLine, read: (p: Person) => T) => (line.kind === 'person' ? read(line.person) : null)

/** The columns of the payout file, in the order finance reads them. */
export const PAYOUT_EXPORT = defineExport<PayoutLine>({
  sheet: '发放名单',
  columns: [
    { header: '序号', width: 6, value: (l) => (l.kind === 'person' ? l.order : '合计'), numFmt: '0' },
    { header: '姓名', width: 10, value: (l) => (l.kind === 'person' ? l.person.name : `${l.count} 人`) },
    { header: '身份证号码', width: 22, value: (l) => person(l, (p) => p.idNumber), numFmt: '@' },
    { header: '乡镇（街道）', width: 14, value: (l) => person(l, (p) => p.township) },
    { header: '务工地', width: 12, value: (l) => person(l, (p) => p.destination) },
    { header: '卡类型', width: 12, value: (l) => person(l, (p) => (p.cardKind ? PAYMENT_CARD_KIND_LABELS[p.cardKind] : '未登记')) },
    { header: '卡号', width: 24, value: (l) => person(l, (p) => p.cardNumber ?? ''), numFmt: '@' },
    { header: '金额（元）', width: 12, value: (l) => yuanOfFen(l.kind === 'person' ? l.person.amountFen : l.totalFen), numFmt: '0.00' },
  ],
})

/** Printed copies say what they carry: full numbers are personal information under PIPL. */
export const PAYOUT_EXPORT_FOOTER = {
  full: '含完整身份证号码和卡号，请妥善保管，用后销毁',
  masked: '身份证号码已打码；含完整卡号，请妥善保管，用后销毁',
}

/** The file's lines: the people in the sheet's order (numbered from 1), then the total (count, fen summed). */
export function payoutLines(sheet: PayoutSheet): PayoutLine[] {
  const people: PayoutLine[] = sheet.rows.map((p, i) => ({ kind: 'person', order: i + 1, person: p }))
  return [...people, { kind: 'total', count: sheet.rows.length, totalFen: sheet.rows.reduce((n, p) => n + p.amountFen, 0) }]
}
