import { maskNumbersInText } from '~/rules/personal-numbers'
import type { PayoutSheet } from '~/models/payout.server'
import { yuanOfFen } from '~/rules/payout'
import { PAYMENT_CARD_KIND_LABELS, PAYOUT_ROW_RESULT_LABELS } from '~/rules/subsidy-labels'
import { defineExport, type XlsxColumn } from '~/utils/xlsx.server'

// A payout as the xlsx county finance pays from (发放名单, issue 13 §7): one row per person with the card kind,
// the card number as text (a 19-digit number typed into Excel becomes 6.22202E+18 and loses its last digits, so
// the cell is a string in a text-formatted column), the amount in yuan with the fen exact (the fen divided by
// 100 once, format 0.00), then a 合计 row whose amount is the rows' fen summed and converted once, so it adds up.
// The card number is in full (finance pays to it) until the payout is closed — its record copy masks it and adds
// each person's result; the ID number is masked unless the export is the audited full one
// (models/payout.server.ts exportPayout). Every export is audited.

type Person = PayoutSheet['rows'][number]

/** A line of the file: a person, or the closing total. */
export type PayoutLine = { kind: 'person'; order: number; person: Person } | { kind: 'total'; count: number; totalFen: number; paid: number; failed: number }

const person = <T>(line: PayoutLine, read: (p: Person) => T) => (line.kind === 'person' ? read(line.person) : null)

/** The columns of the payout file, in the order finance reads them. */
const FINANCE_COLUMNS = [
  { header: '序号', width: 6, value: (l) => (l.kind === 'person' ? l.order : '合计'), numFmt: '0' },
  { header: '姓名', width: 10, value: (l) => (l.kind === 'person' ? l.person.name : `${l.count} 人`) },
  { header: '身份证号码', width: 22, value: (l) => person(l, (p) => p.idNumber), numFmt: '@' },
  { header: '乡镇（街道）', width: 14, value: (l) => person(l, (p) => p.township) },
  { header: '务工地', width: 12, value: (l) => person(l, (p) => p.destination) },
  { header: '卡类型', width: 12, value: (l) => person(l, (p) => (p.cardKind ? PAYMENT_CARD_KIND_LABELS[p.cardKind] : '未登记')) },
  { header: '卡号', width: 24, value: (l) => person(l, (p) => p.cardNumber ?? ''), numFmt: '@' },
  { header: '金额（元）', width: 12, value: (l) => yuanOfFen(l.kind === 'person' ? l.person.amountFen : l.totalFen), numFmt: '0.00' },
] satisfies XlsxColumn<PayoutLine>[]

export const PAYOUT_EXPORT = defineExport<PayoutLine>({ sheet: '发放名单', columns: FINANCE_COLUMNS })

/**
 * A closed payout's record copy (存档、对账): finance's columns (the card masked by the model) and each person's
 * result — 已发放 or 发放失败 with the reason finance gave — and on the 合计 row how many were paid and failed.
 */
export const PAYOUT_RECORD_EXPORT = defineExport<PayoutLine>({
  sheet: '发放名单',
  columns: [
    ...FINANCE_COLUMNS,
    {
      header: '发放结果',
      width: 10,
      value: (l) =>
        l.kind === 'person' ? PAYOUT_ROW_RESULT_LABELS[l.person.result] : `已发放 ${l.paid} 人${l.failed > 0 ? ` · 发放失败 ${l.failed} 人` : ''}`,
    },
    // Typed by finance: a card or ID number in it is masked like the columns beside it.
    { header: '失败原因', width: 24, value: (l) => person(l, (p) => maskNumbersInText(p.failureMessage ?? '')) },
  ],
})

/** Printed copies say what they carry: full numbers are personal information under PIPL. */
export const PAYOUT_EXPORT_FOOTER = {
  full: '含完整身份证号码和卡号，请妥善保管，用后销毁',
  masked: '身份证号码已打码；含完整卡号，请妥善保管，用后销毁',
  record: '已办结的发放名单，供存档、对账；身份证号码和卡号已打码',
}

/** The file's lines: the people in the sheet's order (numbered from 1), then the total (count, fen summed). */
export function payoutLines(sheet: PayoutSheet): PayoutLine[] {
  const people: PayoutLine[] = sheet.rows.map((p, i) => ({ kind: 'person', order: i + 1, person: p }))
  const tally = (result: Person['result']) => sheet.rows.filter((p) => p.result === result).length
  const total = { count: sheet.rows.length, totalFen: sheet.rows.reduce((n, p) => n + p.amountFen, 0), paid: tally('paid'), failed: tally('failed') }
  return [...people, { kind: 'total', ...total }]
}
