import { Link } from '@remix-run/react'
import type { TripNoticeKind } from '~/rules/batch-enums'

// 行程消息 on /me (issue 12 §9): the trip notices not yet shown (invited, promoted from the waitlist, seat
// assigned, cancelled), each once — the loader marks them read as it reads them.

/** What each notice says, given the batch as "日期 时间 开往城市". */
export const TRIP_NOTICE_TEXT: Record<TripNoticeKind, (batch: string) => string> = {
  invited: (b) => `区县邀请您乘坐${b}的包车，请到“我的行程”报名。`,
  promoted: (b) => `有人取消了，您已从候补转为占座：${b}。`,
  seat_assigned: (b) => `${b}的车辆和座号已排好，请到“我的行程”查看。`,
  seat_cancelled: (b) => `您在${b}的座位已被区县就业和人才中心取消，原因见“我的行程”。`,
  batch_cancelled: (b) => `${b}的包车已取消，原因见“我的行程”。`,
}

export type TripNoticeItem = { id: number; kind: TripNoticeKind; batch: string }

/** The unread trip notices as a short list with a link to 我的行程; nothing when there are none. */
export function TripNotices({ notices }: { notices: readonly TripNoticeItem[] }) {
  if (notices.length === 0) return null
  return (
    <section className="notice notice--ok" aria-labelledby="trip-notices">
      <h2 id="trip-notices">行程消息</h2>
      <ul>
        {notices.map((n) => (
          <li key={n.id}>{TRIP_NOTICE_TEXT[n.kind](n.batch)}</li>
        ))}
      </ul>
      <Link to="/me/trips">查看我的行程</Link>
    </section>
  )
}
