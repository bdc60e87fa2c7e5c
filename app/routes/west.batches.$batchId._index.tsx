import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { BatchMoves, errorAnchor, PeopleSection, VehicleSection } from '~/components/batch-detail'
import { ErrorSummary, errorSummaryItems } from '~/components/error-summary'
import { FactsCard } from '~/components/facts'
import { FormAlert } from '~/components/form-alert'
import { PageHead } from '~/components/page-head'
import { StatusBadge } from '~/components/status-badge'
import { findCountyWorkerId, getBatchForCounty, isCountyBatch, listInvitedForBatch } from '~/models/batch-read.server'
import { addVehicle, moveBatch, resizeVehicle } from '~/models/batch.server'
import { bookSeatQueued, endSeat, moveSeat } from '~/models/seat.server'
import { BATCH_STATE, batchMoveRefusal, MOVE_FROM, operationRefusal, type BatchMove, type BatchState } from '~/rules/batch'
import { monthDay } from '~/rules/batch-title'
import { BatchPageSchema } from '~/rules/batch-form'
import { todayInShanghai } from '~/rules/dates'
import { requireActor } from '~/utils/auth.server'
import { failure, failureReply, readIntent, type Result } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { pageTitle } from '~/utils/meta'

// One batch of the county (issue 12 §2–§4): its facts, its moves, its buses and its people. Every intent is a
// model call scoped by the actor's county (another county's batch is a 404) and ends with a one-time notice.

const MOVES: BatchMove[] = ['open', 'close', 'reopen', 'depart']

/** Names for a sentence: all of them up to `max`, else the first `max` and "等". */
function someNames(names: string[], max = 10) {
  return names.length > max ? `${names.slice(0, max).join('、')}等` : names.join('、')
}

/** Who the batch invited from travel demand, said for its state (issue 12 §1, §9); null when nobody. */
function invitedLine(state: BatchState, names: string[]) {
  if (names.length === 0 || state === 'cancelled') return null
  const who = `出行需求中的 ${names.length} 人：${someNames(names)}。`
  return state === 'draft' ? `开放报名时将邀请${who}他们会在“我的”页面收到邀请。` : `已邀请${who}开放报名时已在“我的”页面通知他们。`
}

// What happens to the waitlist (app/models/seat.server.ts endSeat → promoteWaitlisted): while the batch is
// open or closed, a seat freed by a cancellation or removal goes to the first still-eligible waitlisted person
// (with the freed bus and seat once the plan exists); closing adds no seats and takes no new sign-ups; from
// departure on seats are frozen, so nobody moves up.
const WAITLIST_NOTE: Record<BatchState, string> = {
  draft: '座位满后报名的人按先后候补。',
  open: '座位满后报名的人按先后候补；占座的人取消或被移出时，第一位仍符合条件的候补人员自动转为占座，并在“我的”页面收到通知。',
  closed:
    '截止后不再接受新的报名，候补人员保留原顺序；占座的人取消或被移出时，第一位仍符合条件的候补人员自动递补到空出的车辆和座号，并在“我的”页面收到通知（已归档、账号停用或当天已在别的批次占座的人跳过）。',
  departed: '已发车，乘车名单已冻结，候补人员不再递补。',
  arrived: '已发车，乘车名单已冻结，候补人员不再递补。',
  cancelled: '批次已取消，候补一并取消。',
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const found = getBatchForCounty(actor, requireRecordId(args.params.batchId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const { batch } = found
  const invited = invitedLine(batch.state, found.invited)
  const facts = {
    state: batch.state,
    role: actor.role,
    departureDate: batch.departureDate,
    today: todayInShanghai(),
    capacity: found.capacity,
    seated: found.seated.length,
  }
  return {
    id: batch.id,
    state: batch.state,
    title: found.title,
    facts: [
      { term: '集合地点', value: `${batch.pickupName}（${batch.pickupAddress}）` },
      { term: '发车时间', value: `${batch.departureDate} ${batch.departureTime}` },
      { term: '目的地', value: found.cityName },
      { term: '用人单位', value: found.employers.map((e) => e.name).join('、') || '未指定' },
      { term: '带队干部', value: `${batch.escortName} ${batch.escortPhone}` },
      { term: '座位', value: `已占 ${found.seated.length} / 共 ${found.capacity}，候补 ${found.waitlisted.length} 人` },
      ...(invited ? [{ term: '出行需求', value: invited }] : []),
      ...(batch.notes ? [{ term: '备注', value: batch.notes, prewrap: true }] : []),
      ...(batch.cancelReason ? [{ term: '取消原因', value: batch.cancelReason }] : []),
    ],
    // The moves the state allows (departing from the departure day on); the model says why one is refused.
    moves: MOVES.filter((m) => MOVE_FROM[m].includes(batch.state) && (m !== 'depart' || batch.departureDate <= facts.today)),
    // Before the departure day a closed batch shows the depart button disabled, saying when it can be used.
    departHint:
      batch.state === 'closed' && batch.departureDate > facts.today ? `发车当天（${monthDay(batch.departureDate)}）可标记已发车，登记上车也在当天进行。` : null,
    waitlistNote: WAITLIST_NOTE[batch.state],
    cancellable: batchMoveRefusal('cancel', { ...facts, reason: '-' }) === null,
    vehicles: found.vehicles,
    vehiclesEditable: operationRefusal(batch.state, 'vehicles', actor.role) === null,
    canAdd: operationRefusal(batch.state, 'book_staff', actor.role) === null,
    canRemove: operationRefusal(batch.state, 'end_seat', actor.role) === null,
    editable: operationRefusal(batch.state, 'details', actor.role) === null,
    canMove: operationRefusal(batch.state, 'move_seat', actor.role) === null,
    seated: found.seated,
    waitlisted: found.waitlisted,
  }
}

const DONE: Record<string, string> = {
  open: '批次已开放报名。',
  close: '报名已截止，座位已排好并通知本人。',
  reopen: '批次已重新开放报名，座位表已作废。',
  depart: '批次已标记为已发车，乘车名单已冻结。',
  cancel: '批次已取消，已报名的人员会在“我的”页面看到取消原因。',
  add_vehicle: '车辆已添加。',
  remove_vehicle: '车辆已移除。',
  remove_seat: '已移出。',
  move_seat: '座位已调整；原座位有人时两人已互换。',
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const batchId = requireRecordId(args.params.batchId)
  // Another county's batch is a 404 before the form is read: a bad form must not tell it exists.
  if (!isCountyBatch(actor, batchId)) throw new Response('Not Found', { status: 404 })
  const formData = await args.request.formData()
  const intent = readIntent(formData, BatchPageSchema)
  const submission = parseWithZod(formData, { schema: BatchPageSchema })
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const v = submission.value
  let result: Result<object> | null
  let notice = DONE[v.intent]
  switch (v.intent) {
    case 'close':
    case 'reopen':
    case 'depart':
      result = moveBatch(actor, batchId, v.intent)
      break
    case 'open': {
      result = moveBatch(actor, batchId, 'open')
      // The batch is the actor's once the move succeeded; its invited people were told in that transaction.
      const invited = result?.ok ? listInvitedForBatch(batchId) : []
      if (invited.length > 0) notice = `批次已开放报名。已邀请出行需求中的 ${invited.length} 人（${someNames(invited)}），他们会在“我的”页面收到邀请。`
      break
    }
    case 'cancel':
      result = moveBatch(actor, batchId, 'cancel', { reason: v.reason })
      break
    case 'add_vehicle':
      result = addVehicle(actor, batchId, { plate: v.plate ?? '', seats: v.seats })
      break
    case 'remove_vehicle':
      result = resizeVehicle(actor, batchId, v.vehicleId, 0)
      break
    case 'add_worker': {
      const workerId = findCountyWorkerId(actor, v.idNumber)
      const booked =
        workerId == null ? failure('本县台账中没有此身份证号码（或已归档）', { field: 'idNumber' }) : await bookSeatQueued(actor, batchId, { workerId })
      if (booked?.ok) notice = booked.status === 'seated' ? '已添加，占到座位。' : `座位已满，已加入候补（第 ${booked.waitlistPlace} 位）。`
      result = booked?.ok === false && !booked.field ? { ...booked, field: 'idNumber' } : booked
      break
    }
    case 'remove_seat':
      result = endSeat(actor, v.seatId, { reason: v.reason, batchId })
      break
    case 'move_seat':
      result = moveSeat(actor, v.seatId, { vehicleId: v.vehicleId, seatNo: v.seatNo }, { batchId })
      break
  }
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(submission, result, { beside: { intent } })
  throw await redirectWithNotice(`/west/batches/${batchId}`, { text: notice })
}

export default function BatchPage() {
  const b = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const error = reply?.result.error ?? {}
  const errors = (intent: string, field: string) => (reply?.intent === intent ? (error[field] ?? undefined) : undefined)
  // Without JavaScript a refused post reloads this long page at its top: the summary links to each field.
  const summary = reply ? errorSummaryItems(error, (field) => errorAnchor(reply.intent, field)) : []
  return (
    <main className="container page">
      <BackLink to="/west/batches">包车批次</BackLink>
      <ErrorSummary items={summary} />
      <FormAlert messages={error[''] ?? null} />
      <PageHead
        title={
          <>
            {b.title} <StatusBadge spec={BATCH_STATE} status={b.state} />
          </>
        }
      >
        <Link to={`/west/batches/${b.id}/manifest`} className="button button--secondary">
          乘车名单
        </Link>
        {b.state === 'closed' || b.state === 'departed' || b.state === 'arrived' ? (
          <Link to={`/west/batches/${b.id}/boarding`} className="button button--secondary">
            登记上车
          </Link>
        ) : null}
        {b.editable ? (
          <Link to={`/west/batches/${b.id}/edit`} className="button button--secondary">
            修改
          </Link>
        ) : null}
      </PageHead>
      <FactsCard title="批次信息" items={b.facts} />
      {b.moves.length > 0 || b.cancellable || b.departHint ? (
        <BatchMoves
          moves={b.moves}
          cancellable={b.cancellable}
          facts={{ seated: b.seated.length, waitlisted: b.waitlisted.length, departHint: b.departHint }}
          errors={errors}
        />
      ) : null}
      <VehicleSection vehicles={b.vehicles} editable={b.vehiclesEditable} errors={errors} />
      <PeopleSection
        seated={b.seated}
        waitlisted={b.waitlisted}
        canAdd={b.canAdd}
        canRemove={b.canRemove}
        canMove={b.canMove}
        vehicles={b.vehicles}
        waitlistNote={b.waitlistNote}
        errors={errors}
      />
    </main>
  )
}

export const meta = pageTitle('包车批次')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
