import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useSyncExternalStore } from 'react'
import { BackLink } from '~/components/back-link'
import { BoardingCards, BoardingFigures, PaperEntry, type ListRow } from '~/components/boarding-list'
import { FormAlert } from '~/components/form-alert'
import { isCountyBatch } from '~/models/batch-read.server'
import { boardingListForCounty, markBoarding, type CheckinInput } from '~/models/boarding.server'
import { shortAreaName } from '~/rules/areas'
import { conflictText, formCheckinId, MAX_CHECKINS_PER_SYNC, parseBoardingMark, RowMarkSchema } from '~/rules/boarding'
import { parseRecordId } from '~/rules/fields'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { useBoardingQueue, type SyncState } from '~/utils/boarding-queue'
import { pageTitle } from '~/utils/meta'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import boardingStyles from '~/styles/boarding.css'

// The escort's boarding list on departure day (登记上车, issue 12 §6, decision 022): the seated people by bus
// and seat, 已上车 / 未到 per person. Without JavaScript each person is a small form and the page answers with
// a redirect back to that person; with it, ticks show at once, wait in a queue on the phone while there is no
// signal and go to the sync action (…/boarding/sync) when there is; a service worker keeps the page for a
// reload with no signal. `?mode=paper` is the hand-ticked paper manifest entered afterwards. Only while the
// batch is closed and from its departure day on (boardingRefusal): before the day the list is read-only (the
// escort checks names and calls people; no queue, no service worker), and departure freezes it. Another
// county's batch is a 404.

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: boardingStyles }]

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' })

const IntentSchema = z.enum(['mark', 'paper'])

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const list = boardingListForCounty(actor, requireRecordId(args.params.batchId))
  if (!list) throw new Response('Not Found', { status: 404 })
  const paper = new URL(args.request.url).searchParams.get('mode') === 'paper'
  // A fresh id per render: a form resent from this page is the same check-in, never a second one.
  return { ...list, cityName: shortAreaName(list.batch.cityName), paper, renderId: crypto.randomUUID() }
}

/** The marks of the paper entry that differ from what the page showed, or null when a field is malformed. */
function paperMarks(formData: FormData, renderId: string): CheckinInput[] | null {
  const marks: CheckinInput[] = []
  for (const [key, value] of formData) {
    if (!key.startsWith('mark-')) continue
    const seatId = parseRecordId(key.slice(5))
    const mark = parseBoardingMark(value)
    const base = parseBoardingMark(formData.get(`base-${key.slice(5)}`))
    if (seatId == null || mark === undefined || base === undefined) return null
    if (mark !== base) marks.push({ seatId, mark, base, checkinId: formCheckinId(renderId, seatId, mark), at: null })
  }
  return marks
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const batchId = requireRecordId(args.params.batchId)
  const back = `/west/batches/${batchId}/boarding`
  // Another county's batch is a 404 before the form is read: a bad form must not tell it exists.
  if (!isCountyBatch(actor, batchId)) throw new Response('Not Found', { status: 404 })
  const formData = await args.request.formData()
  const intent = IntentSchema.safeParse(formData.get('intent'))
  if (!intent.success) throw new Response('Bad Request', { status: 400 })
  if (intent.data === 'mark') {
    const form = RowMarkSchema.safeParse(Object.fromEntries(formData))
    if (!form.success) return data({ error: '登记内容有误，请刷新页面后重试', conflicts: [] }, { status: 400 })
    const { renderId, seatId, base, mark } = form.data
    const result = markBoarding(actor, batchId, [{ seatId, mark, base, checkinId: formCheckinId(renderId, seatId, mark), at: null }], { source: 'form' })
    if (!result) throw new Response('Not Found', { status: 404 })
    if (!result.ok) return data({ error: result.message, conflicts: [] }, { status: result.status ?? 400 })
    const [a] = result.answers
    const text =
      a.result === 'conflict'
        ? `${conflictText(mark, a.current.mark, a.current.by)}。如需更改，请再点一次。`
        : a.result === 'not_seated'
          ? '此人已不在乘车名单中。'
          : `已登记：${a.current.mark === 'boarded' ? '已上车' : a.current.mark === 'no_show' ? '未到' : '已清除'}。`
    throw await redirectWithNotice(`${back}#seat-${seatId}`, { text, tone: a.result === 'applied' || a.result === 'unchanged' ? 'ok' : 'amber' })
  }
  const renderId = z.uuid().safeParse(formData.get('renderId'))
  const marks = renderId.success ? paperMarks(formData, renderId.data) : null
  if (!marks) return data({ error: '补录内容有误，请刷新页面后重试', conflicts: [] }, { status: 400 })
  if (marks.length === 0) throw await redirectWithNotice(back, { text: '没有改动。' })
  let applied = 0
  const conflicts: { seatId: number; text: string }[] = []
  for (let i = 0; i < marks.length; i += MAX_CHECKINS_PER_SYNC) {
    const result = markBoarding(actor, batchId, marks.slice(i, i + MAX_CHECKINS_PER_SYNC), { source: 'paper' })
    if (!result) throw new Response('Not Found', { status: 404 })
    if (!result.ok) return data({ error: result.message, conflicts }, { status: result.status ?? 400 })
    applied += result.applied
    for (const a of result.answers)
      if (a.result === 'conflict' || a.result === 'not_seated')
        conflicts.push({ seatId: a.seatId, text: a.result === 'conflict' ? conflictText(a.mark, a.current.mark, a.current.by) : '已不在乘车名单中' })
  }
  if (conflicts.length > 0) return data({ error: `已补录 ${applied} 人；以下 ${conflicts.length} 人未保存：`, conflicts }, { status: 409 })
  throw await redirectWithNotice(back, { text: `已按纸质名单补录 ${applied} 人。` })
}

const noSubscription = () => () => undefined

function syncText(state: SyncState, waiting: number) {
  switch (state.kind) {
    case 'synced':
      return '已同步'
    case 'sending':
      return `正在发送 ${waiting} 条…`
    case 'waiting':
      return `${waiting} 条待发送（无信号）`
    default:
      return state.message
  }
}

export default function BoardingPage() {
  const list = useLoaderData<typeof loader>()
  // A new render (after a save) starts the view afresh from the marks it carries; the phone's queue is kept.
  return <BoardingView key={list.renderId} list={list} />
}

function BoardingView({ list }: { list: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const answer = useActionData<typeof action>()
  const { batch } = list
  const frozen = list.refusal !== null
  const queue = useBoardingQueue(batch.id, Object.fromEntries(list.rows.map((r) => [r.seatId, { mark: r.mark, by: r.by, at: r.at }])), frozen)
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
  const shown = (r: ListRow) => queue.shownMark(r.seatId)
  const names = new Map(list.rows.map((r) => [r.seatId, r.name]))
  const back = `/west/batches/${batch.id}/boarding`
  return (
    <main className="container page boarding-page">
      <BackLink to={`/west/batches/${batch.id}`}>返回批次</BackLink>
      <h1 className="boarding-page__title">{list.paper ? '按纸质名单补录' : '登记上车'}</h1>
      <p className="small muted">
        {batch.departureDate} {batch.departureTime} 开往{list.cityName} · 带队 {batch.escortName}
      </p>
      {frozen ? (
        <p className="notice notice--amber" role="status">
          {batch.state === 'departed' || batch.state === 'arrived'
            ? '批次已发车，乘车名单已冻结，不能再登记上车。'
            : batch.state === 'closed'
              ? `${list.refusal}。现在可以先查看名单，点手机号联系本人。`
              : `${list.refusal}（截止报名排座后才能登记）。`}
          {hydrated && queue.queue.length > 0 ? ` 手机上还有 ${queue.queue.length} 条未发送的登记，已无法提交。` : ''}
        </p>
      ) : null}
      <div className="boarding-head">
        <BoardingFigures rows={list.rows} shown={list.paper ? (r) => r.mark : shown} />
        {hydrated && !list.paper && !frozen ? (
          <p className={`boarding-sync boarding-sync--${queue.state.kind}`} role="status">
            {syncText(queue.state, queue.queue.length)}
            {queue.state.kind === 'refused' && queue.queue.length > 0 ? (
              <button type="button" className="link-button" onClick={queue.discard}>
                放弃未发送的 {queue.queue.length} 条
              </button>
            ) : null}
          </p>
        ) : null}
      </div>
      {!frozen ? <p className="small">{list.paper ? <Link to={back}>返回逐人登记</Link> : <Link to={`${back}?mode=paper`}>按纸质名单补录</Link>}</p> : null}
      {list.paper && !frozen ? (
        <PaperEntry
          rows={list.rows}
          renderId={list.renderId}
          error={
            answer?.error ? <FormAlert messages={[answer.error, ...answer.conflicts.map((c) => `${names.get(c.seatId) ?? c.seatId}：${c.text}`)]} /> : null
          }
        />
      ) : (
        <>
          <FormAlert messages={answer?.error ? [answer.error] : null} />
          <BoardingCards
            rows={list.rows}
            card={(row) => ({
              mark: shown(row),
              pending: queue.queue.some((p) => p.seatId === row.seatId),
              conflict: queue.conflicts.find((c) => c.seatId === row.seatId) ?? null,
              renderId: list.renderId,
              editable: !frozen,
              onTick: queue.tick,
              onKeepSystem: queue.keepSystem,
            })}
          />
        </>
      )}
    </main>
  )
}

export const meta = pageTitle('登记上车')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
