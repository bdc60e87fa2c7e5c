import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormAlert } from '~/components/form-alert'
import { OpenBatch, OwnTrip } from '~/components/trip-cards'
import { bookOwnSeat, cancelOwnSeat, listOpenBatchesForWorker, listOwnTrips } from '~/models/trip.server'
import { shortAreaName } from '~/rules/areas'
import { operationRefusal } from '~/rules/batch'
import { markedSeatCancelRefusal } from '~/rules/boarding'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { pageTitle } from '~/utils/meta'
import { failureReply, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'

// 我的行程 (issue 12 §3): a verified worker books a seat on an open batch of their county (seated while
// seats are left, else waitlisted in order), cancels with a confirmation (the model promotes the next in
// the same transaction), and follows their trips past and upcoming. Another county's batch is a 404; a
// double click or a replayed POST holds one place and is told so kindly.

const TripSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('book') }), z.object({ intent: z.literal('cancel') })])

export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'worker' })
  const trips = listOwnTrips(actor)
  const heldOn = new Map(trips.filter((t) => t.status === 'seated' || t.status === 'waitlisted').map((t) => [t.batchId, t]))
  // One seat per worker per departure day (a database constraint): another batch that day is not offered.
  const seatedOn = new Set(trips.filter((t) => t.status === 'seated').map((t) => t.departureDate))
  return {
    verified: user.verified,
    centreName: user.organisation.name,
    open: listOpenBatchesForWorker(actor).map((b) => {
      const held = heldOn.get(b.id)
      return {
        id: b.id,
        departureDate: b.departureDate,
        departureTime: b.departureTime,
        pickupName: b.pickupName,
        pickupAddress: b.pickupAddress,
        cityName: shortAreaName(b.cityName),
        employers: b.employers,
        seatsLeft: b.seatsLeft,
        capacity: b.capacity,
        held: held
          ? held.status === 'seated'
            ? '您已报名，占到座位。'
            : `您已报名，候补第 ${held.waitlistPlace} 位。`
          : seatedOn.has(b.departureDate)
            ? '您这一天已在另一批次占座，不能再报名。'
            : null,
      }
    }),
    trips: trips.map(({ batchId: _batch, ...t }) => ({
      ...t,
      cityName: shortAreaName(t.cityName),
      // Not once the escort has marked it 已上车 / 未到 (the model refuses that cancel too).
      cancellable:
        (t.status === 'seated' || t.status === 'waitlisted') &&
        operationRefusal(t.batchState, 'end_seat', 'worker') === null &&
        markedSeatCancelRefusal(t.boarding) === null,
    })),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'worker' })
  const formData = await args.request.formData()
  const intent = readIntent(formData, TripSchema)
  // Conform's submission is only needed to answer a refusal: a booking that succeeds never parses it.
  const submission = () => parseWithZod(formData, { schema: TripSchema })
  if (intent === 'book') {
    const batchId = requireRecordId(formData.get('batchId'))
    const booked = await bookOwnSeat(actor, batchId)
    if (!booked) throw new Response('Not Found', { status: 404 })
    if (!booked.ok) return failureReply(submission(), booked, { beside: { intent, id: batchId } })
    const place = booked.status === 'seated' ? '占到座位' : `座位已满，您在候补第 ${booked.waitlistPlace} 位`
    const text = booked.already ? `您已报名过这个批次（${place}），不用重复报名。` : `报名成功，${place}。`
    throw await redirectWithNotice('/me/trips', { text })
  }
  const seatId = requireRecordId(formData.get('seatId'))
  const ended = cancelOwnSeat(actor, seatId)
  if (!ended) throw new Response('Not Found', { status: 404 })
  if (!ended.ok) return failureReply(submission(), ended, { beside: { intent, id: seatId } })
  throw await redirectWithNotice('/me/trips', { text: '已取消乘车。' })
}

export default function MyTrips() {
  const { verified, centreName, open, trips } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const errorsFor = (intent: string, id: number) => (reply?.intent === intent && reply.id === id ? reply.result.error?.[''] : null)
  // Upcoming soonest first; the past latest first, as the model reads them.
  // Still waitlisted when the bus left is a past place, not an upcoming one.
  const upcoming = trips
    .filter(
      (t) =>
        (t.status === 'seated' && ['open', 'closed', 'departed'].includes(t.batchState)) ||
        (t.status === 'waitlisted' && ['open', 'closed'].includes(t.batchState)),
    )
    .reverse()
  const past = trips.filter((t) => !upcoming.includes(t))
  // A refusal whose card is no longer on the page (the batch closed meanwhile) is shown above the lists.
  const shownBeside =
    reply?.intent === 'book' ? verified && open.some((b) => b.id === reply.id && !b.held) : trips.some((t) => t.seatId === reply?.id && t.cancellable)
  return (
    <main className="container page">
      <h1>我的行程</h1>
      <p className="muted">区县就业和人才中心组织“点对点”包车，把务工人员从家门口直接送到山东的用人单位。</p>
      {!verified ? (
        <div className="notice" role="status">
          <p>
            <strong>账号核验通过后才能报名乘车。</strong>
          </p>
          <p>
            请带身份证到户籍所在乡镇（街道）劳动保障所或{centreName}办理核验。<Link to="/me">查看核验进度</Link>
          </p>
        </div>
      ) : null}
      {reply && !shownBeside ? <FormAlert messages={reply.result.error?.[''] ?? null} /> : null}
      {upcoming.length ? (
        <section aria-labelledby="upcoming">
          <h2 id="upcoming">我的乘车</h2>
          <ol className="board-list">
            {upcoming.map((t) => (
              <OwnTrip key={t.seatId} trip={t} errors={errorsFor('cancel', t.seatId)} />
            ))}
          </ol>
        </section>
      ) : null}
      <section className="section" aria-labelledby="open">
        <h2 id="open">可报名的批次</h2>
        {open.length === 0 ? (
          <p className="card board-empty">现在没有开放报名的批次。区县开放新批次后会在这里显示。</p>
        ) : (
          <ol className="board-list">
            {open.map((b) => (
              <OpenBatch key={b.id} batch={b} canBook={verified} errors={errorsFor('book', b.id)} />
            ))}
          </ol>
        )}
        <p>
          <Link to="/me/trips/demand">登记出行需求</Link>：告诉区县您想哪几天出发、去哪里、和谁同行，区县据此安排包车并邀请您报名。
        </p>
      </section>
      {past.length ? (
        <section className="section" aria-labelledby="past">
          <h2 id="past">以往行程</h2>
          <ol className="board-list">
            {past.map((t) => (
              <OwnTrip key={t.seatId} trip={t} errors={null} />
            ))}
          </ol>
        </section>
      ) : null}
    </main>
  )
}

export const meta = pageTitle('我的行程')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
