import { Form, Link } from '@remix-run/react'
import { BOARDING_LABELS } from '~/rules/batch'
import type { BatchState, BoardingMark, ArrivalMark, SeatStatus } from '~/rules/batch-enums'
import { FormAlert } from './form-alert'
import { SubmitButton } from './submit-button'
import { useIsPending } from '~/utils/pending'

// The cards of /me/trips (issue 12 §3): an open batch of the worker's county with its 报名乘车 button, and
// one of the worker's own places with where it stands and, while it may be cancelled, a confirmed 取消乘车.
// Plain forms: they work without JavaScript on a 360 px phone. Also /me's 下一趟行程 card.

export type OpenBatchCard = {
  id: number
  departureDate: string
  departureTime: string
  pickupName: string
  pickupAddress: string
  cityName: string
  employers: string[]
  seatsLeft: number
  capacity: number
  held: string | null
}

/**
 * An open batch: when and where it leaves, where it goes, seats left or 已满，可排队候补 — only to one who
 * holds no place on it (`held` says the place held instead, never beside a "full" line) — and the book
 * button (only for a verified worker who holds no place on it yet).
 */
export function OpenBatch({ batch, canBook, errors }: { batch: OpenBatchCard; canBook: boolean; errors: readonly string[] | null | undefined }) {
  const pending = useIsPending({ intent: 'book', match: { batchId: batch.id } })
  const full = batch.seatsLeft === 0
  return (
    <li className="job-card">
      <h3 className="job-card__title">
        {batch.departureDate} {batch.departureTime} 开往{batch.cityName}
      </h3>
      <p className="job-card__employer">
        集合地点：{batch.pickupName}（{batch.pickupAddress}）
      </p>
      <p className="small">用人单位：{batch.employers.join('、') || '未指定'}</p>
      {batch.held ? null : (
        <p className="small">
          {full ? (
            <strong>已满，可排队候补</strong>
          ) : (
            <>
              剩余座位 <strong>{batch.seatsLeft}</strong> / {batch.capacity}
            </>
          )}
        </p>
      )}
      {batch.held ? (
        <p className="notice notice--ok small">{batch.held}</p>
      ) : canBook ? (
        <Form method="post">
          <input type="hidden" name="batchId" value={batch.id} />
          <SubmitButton name="intent" value="book" className="button" pending={pending} pendingLabel="正在报名…">
            {full ? '排队候补' : '报名乘车'}
          </SubmitButton>
          <FormAlert messages={errors} />
        </Form>
      ) : null}
    </li>
  )
}

/** The escort's 已上车 / 未到 beside a seat, as a badge; nothing while unmarked. */
function BoardingBadge({ mark }: { mark: BoardingMark | null }) {
  return mark ? (
    <>
      {' '}
      <span className={`badge badge--${mark === 'boarded' ? 'ok' : 'warn'}`}>{BOARDING_LABELS[mark]}</span>
    </>
  ) : null
}

export type OwnTripCard = {
  seatId: number
  status: SeatStatus
  waitlistPlace: number | null
  seatNo: number | null
  plate: string | null
  boarding: BoardingMark | null
  arrival: ArrivalMark | null
  endReason: string | null
  departureDate: string
  departureTime: string
  pickupName: string
  pickupAddress: string
  cityName: string
  batchState: BatchState
  cancelReason: string | null
  escortName: string
  escortPhone: string
  cancellable: boolean
}

/** Where one of the worker's places stands, in the words a worker would use. */
export function tripStateText(t: OwnTripCard): string {
  if (t.batchState === 'cancelled') return `批次已由区县取消。原因：${t.cancelReason ?? '未说明'}`
  if (t.status === 'removed') return `已被区县就业和人才中心移出。原因：${t.endReason ?? '未说明'}`
  if (t.status === 'cancelled') return '您已取消乘车。'
  // The bus left without a seat for them: the waitlist is over (nobody moves up after departure).
  if (t.status === 'waitlisted' && (t.batchState === 'departed' || t.batchState === 'arrived'))
    return '候补未能递补，车已发出。如仍想出行，请登记出行需求或报名下一批。'
  if (t.status === 'waitlisted') return `候补第 ${t.waitlistPlace ?? '—'} 位：有人取消时按顺序递补，递补后会在“我的”页面通知您。`
  if (t.arrival === 'arrived') return '已到岗。'
  if (t.arrival === 'missing') return '接收地记录为未到岗，请联系带队干部。'
  if (t.boarding === 'boarded') return t.batchState === 'closed' ? '带队干部已登记您上车。' : '已上车，正在前往目的地。'
  if (t.boarding === 'no_show') return t.batchState === 'closed' ? '带队干部登记您未到。如您已在集合地点，请马上联系带队干部。' : '发车时未上车。'
  if (t.seatNo != null) return '已占座，请按时到集合地点，按车辆和座号上车。'
  return '已占座，报名截止后排定车辆和座号。'
}

/**
 * The bus and seat of a place once the seat plan gives them (issue 12 §4), e.g. 「车辆 渝D10001 · 12 号座」,
 * shown whatever the boarding mark; null before the plan, while waitlisted, or once the place or batch ended.
 */
export function tripSeatText(t: Pick<OwnTripCard, 'status' | 'plate' | 'seatNo' | 'batchState'>): string | null {
  if (t.status !== 'seated' || t.seatNo == null || t.batchState === 'cancelled') return null
  return `车辆 ${t.plate ?? '—'} · ${t.seatNo} 号座`
}

/**
 * One of the worker's places: the batch, the bus and seat once planned with the boarding mark beside them,
 * where it stands, and a confirmed cancel while it may be cancelled (`cancellable`: the state allows and the
 * escort has not marked it).
 */
export function OwnTrip({ trip, errors }: { trip: OwnTripCard; errors: readonly string[] | null | undefined }) {
  const pending = useIsPending({ intent: 'cancel', match: { seatId: trip.seatId } })
  const live = (trip.status === 'seated' || trip.status === 'waitlisted') && trip.batchState !== 'cancelled'
  const seat = tripSeatText(trip)
  return (
    <li className="job-card">
      <h3 className="job-card__title">
        {trip.departureDate} {trip.departureTime} 开往{trip.cityName}
      </h3>
      <p className="job-card__employer">
        集合地点：{trip.pickupName}（{trip.pickupAddress}）
      </p>
      {seat ? (
        <p>
          <strong>{seat}</strong>
          <BoardingBadge mark={trip.boarding} />
        </p>
      ) : null}
      <p className={live ? 'notice notice--ok small' : 'notice small'}>{tripStateText(trip)}</p>
      {live ? (
        <p className="small">
          带队干部：{trip.escortName}{' '}
          <a className="mono" href={`tel:${trip.escortPhone}`}>
            {trip.escortPhone}
          </a>
        </p>
      ) : null}
      {trip.cancellable ? (
        <details className="withdraw" open={Boolean(errors?.length)}>
          <summary className="button button--secondary button--small">取消乘车</summary>
          <Form method="post" className="spaced-top">
            <input type="hidden" name="seatId" value={trip.seatId} />
            <p className="notice" role="note">
              确定取消 {trip.departureDate} 开往{trip.cityName}的乘车吗？{trip.status === 'seated' ? '您的座位会让给候补的人，' : ''}
              取消后如还想乘坐，需要重新报名排队。
            </p>
            <SubmitButton name="intent" value="cancel" className="button button--small" pending={pending} pendingLabel="正在取消…">
              确认取消
            </SubmitButton>
            <FormAlert messages={errors} />
          </Form>
        </details>
      ) : null}
    </li>
  )
}

export type NextTripCard = Pick<
  OwnTripCard,
  'status' | 'waitlistPlace' | 'seatNo' | 'plate' | 'boarding' | 'batchState' | 'departureDate' | 'departureTime' | 'pickupName' | 'cityName'
> & {
  pickupAddress: string
  escortName: string
  escortPhone: string
}

/** Where the worker's next place stands in a few words: the bus and seat, 候补第 n 位, or seated before the plan. */
export function nextTripPlaceText(t: NextTripCard): string {
  if (t.status === 'waitlisted') return `候补第 ${t.waitlistPlace ?? '—'} 位`
  return tripSeatText(t) ?? '已占座，报名截止后排定车辆和座号'
}

/**
 * /me's 下一趟行程 (issue 12 §9): the worker's next live place — when, where to gather, the bus and seat (or
 * the waitlist place) with the boarding mark, the escort's phone to tap and call — and a link to 我的行程,
 * so the seat stays easy to find after the one-time notices are gone. Nothing when there is none.
 */
export function NextTrip({ trip }: { trip: NextTripCard | null }) {
  if (!trip) return null
  return (
    <section className="card" aria-labelledby="next-trip">
      <h2 id="next-trip">下一趟行程</h2>
      <p>
        <strong>
          {trip.departureDate} {trip.departureTime}
        </strong>{' '}
        开往{trip.cityName}
      </p>
      <p className="small">
        集合地点：{trip.pickupName}（{trip.pickupAddress}）
      </p>
      <p>
        <strong>{nextTripPlaceText(trip)}</strong>
        <BoardingBadge mark={trip.boarding} />
      </p>
      <p className="small">
        带队干部：{trip.escortName}{' '}
        <a className="mono" href={`tel:${trip.escortPhone}`}>
          {trip.escortPhone}
        </a>
      </p>
      <Link to="/me/trips">我的行程</Link>
    </section>
  )
}
