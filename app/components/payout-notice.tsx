import { formatFen } from '~/rules/money'
import { maskNameForNotice, payoutTitle, SUBSIDY_NAME } from '~/rules/payout'
import { NOTICE_WORKING_DAYS } from '~/rules/working-days'

// The public notice sheet of a payout (公示名单, issue 13 §7), as the notice page prints it. Takes what the
// model gives (names in full) and masks each name here, by the one rule (rules/payout.ts maskNameForNotice),
// so the sheet cannot print a full name by mistake.

export type PayoutNotice = {
  payout: { id: number; title: string; noticeFrom: string | null; noticeUntil: string | null }
  county: { name: string; area: string; phone: string | null; address: string | null }
  rows: { id: number; name: string; township: string | null; destination: string | null; amountFen: number }[]
  totalFen: number
  township: string | null
  today: string
}

/**
 * The A4 sheet: title, what is announced, the period, the table with its total, where to object, the centre and the
 * day it is dated — the notice's first day (a copy printed again later still says when it was published).
 */
export function PayoutNoticeSheet({ notice: n }: { notice: PayoutNotice }) {
  return (
    <article className="sheet sheet--a4 payout-notice" aria-label="公示名单">
      <p className="notice-sheet__kicker">鲁渝劳务协作 · 公示</p>
      <h1 className="payout-notice__title">
        {payoutTitle(n.payout.title, { county: n.county.area, kind: 'notice' })}
        {n.township ? `（${n.township}）` : ''}
      </h1>
      <p>
        以下 {n.rows.length} 人申领的{SUBSIDY_NAME}已经审核，拟予发放，现予公示。
      </p>
      <p className="payout-notice__period">
        公示期：{n.payout.noticeFrom ?? '—'} 至 {n.payout.noticeUntil ?? '—'}（{NOTICE_WORKING_DAYS} 个工作日）
      </p>
      <table className="payout-notice__table">
        <thead>
          <tr>
            <th scope="col">序号</th>
            <th scope="col">姓名</th>
            <th scope="col">乡镇（街道）</th>
            <th scope="col">务工地</th>
            <th scope="col" className="num">
              金额（元）
            </th>
          </tr>
        </thead>
        <tbody>
          {n.rows.map((r, i) => (
            <tr key={r.id}>
              <td>{i + 1}</td>
              <td>{maskNameForNotice(r.name)}</td>
              <td>{r.township ?? ''}</td>
              <td>{r.destination ?? ''}</td>
              <td className="num">{formatFen(r.amountFen).replace('¥', '')}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={4}>合计 {n.rows.length} 人</td>
            <td className="num">{formatFen(n.totalFen).replace('¥', '')}</td>
          </tr>
        </tfoot>
      </table>
      <div className="payout-notice__foot">
        <p>
          公示期间，如对名单有异议，请向{n.county.name}反映
          {n.county.phone ? (
            <>
              ，联系电话 <span className="mono nowrap">{n.county.phone}</span>
            </>
          ) : null}
          {n.county.address ? `，地址：${n.county.address}` : ''}。
        </p>
      </div>
      <div className="payout-notice__sign">
        <p>{n.county.name}</p>
        <p>{n.payout.noticeFrom ?? n.today}</p>
      </div>
    </article>
  )
}
