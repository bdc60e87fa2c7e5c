import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { ARRIVAL_LABELS, BOARDING_LABELS, type BatchMove } from '~/rules/batch'
import { useIsPending } from '~/utils/pending'
import { DataTable, type Column } from './data-table'
import { Field, SubmitButton } from './forms'

// The parts of a county's batch page (west.batches.$batchId._index, issue 12 §2–§4): its moves, its buses and
// its people. Each form posts an `intent` to the page's own action; a refusal comes back with that intent and
// is shown beside the field it names (`errors`).

/** A field's messages from the action's reply, when the reply answers the form of `intent`. */
export type IntentErrors = (intent: string, field: string) => string[] | undefined

/** One form of the page: `intent` in a hidden field, its fields as children, then its button. */
export function IntentForm({ intent, label, children, secondary }: { intent: string; label: string; children?: ReactNode; secondary?: boolean }) {
  const pending = useIsPending({ intent })
  return (
    <Form method="post" className="state-form">
      <input type="hidden" name="intent" value={intent} />
      {children}
      <SubmitButton pending={pending} pendingLabel="正在处理…" className={secondary ? 'button button--secondary' : 'button'}>
        {label}
      </SubmitButton>
    </Form>
  )
}

/**
 * The id of the element that shows a field's error on the batch page, for the error summary's links: the
 * field itself (`<intent>-<field>`), or the section's error line for the forms repeated on every row (remove
 * a bus, remove or move a person).
 */
export function errorAnchor(intent: string, field: string) {
  if (intent === 'remove_vehicle') return 'vehicle-errors'
  if (intent === 'remove_seat' || intent === 'move_seat') return 'people-errors'
  return `${intent}-${field}`
}

/** What the moves need to spell out their consequences: people seated and waitlisted, and why departing waits. */
export type MoveFacts = { seated: number; waitlisted: number; departHint: string | null }

/**
 * The moves the batch's state allows, and cancelling with a reason (the booked workers see it). Opening and
 * departing are one button each; closing, reopening and cancelling first open a confirmation step that says
 * what will happen (a <details>, so it works without JavaScript). Before the departure day a closed batch
 * shows 标记已发车 disabled with `facts.departHint`, so staff see the way forward.
 */
export function BatchMoves({ moves, cancellable, facts, errors }: { moves: BatchMove[]; cancellable: boolean; facts: MoveFacts; errors: IntentErrors }) {
  return (
    <section className="card" id="batch-moves">
      <h2>批次状态</h2>
      {moves.includes('open') ? (
        <div>
          <IntentForm intent="open" label="开放报名" />
          <p className="field__hint">务工人员可以在“我的行程”报名，工作人员也可以添加台账人员。</p>
        </div>
      ) : null}
      {moves.includes('close') ? (
        <ConfirmStep summary="截止报名并排座" confirm="确定截止并排座" intent="close">
          <p>截止后不再接受报名（本人和工作人员都不能再添加）。已占座的 {facts.seated} 人按同行人和同村分配车辆和座号，并在“我的”页面收到座号。</p>
          {facts.waitlisted > 0 ? <p>候补的 {facts.waitlisted} 人不排座、不上车；只有占座的人取消或被移出时，才按候补顺序递补到空出的座位。</p> : null}
        </ConfirmStep>
      ) : null}
      {moves.includes('depart') ? (
        <div>
          <IntentForm intent="depart" label="标记已发车" />
          <p className="field__hint">发车后乘车名单冻结，不能再登记上车、调座或移出。</p>
        </div>
      ) : facts.departHint ? (
        <div className="state-form">
          <button type="button" className="button button--secondary" disabled aria-describedby="depart-hint">
            标记已发车
          </button>
          <p id="depart-hint" className="field__hint">
            {facts.departHint}
          </p>
        </div>
      ) : null}
      {moves.includes('reopen') ? (
        <ConfirmStep summary="重新开放报名" confirm="确定重新开放报名" intent="reopen" secondary>
          <p>座位表作废：已排的车辆、座号和上车登记全部清空，本人已收到的座号不再有效；再次截止时重新排座。已占座和候补的人员保留。</p>
        </ConfirmStep>
      ) : null}
      {cancellable ? (
        <details className="spaced-top" open={errors('cancel', 'reason') ? true : undefined}>
          <summary className="button button--secondary">取消批次</summary>
          <IntentForm intent="cancel" label="确定取消批次">
            <Field
              id={errorAnchor('cancel', 'reason')}
              label="取消原因"
              name="reason"
              hint="已报名的人员会看到这个原因"
              maxLength={200}
              errors={errors('cancel', 'reason')}
            />
          </IntentForm>
        </details>
      ) : null}
    </section>
  )
}

/** A move that needs a second tap: the summary opens the step, which says what will happen, then the confirm button posts. */
function ConfirmStep({
  summary,
  confirm,
  intent,
  secondary,
  children,
}: {
  summary: string
  confirm: string
  intent: BatchMove
  secondary?: boolean
  children: ReactNode
}) {
  return (
    <details className="spaced-top">
      <summary className={secondary ? 'button button--secondary' : 'button'}>{summary}</summary>
      <IntentForm intent={intent} label={confirm}>
        <div className="field__hint">{children}</div>
      </IntentForm>
    </details>
  )
}

export type VehicleRow = { id: number; plate: string; seats: number; planned: number }

/** The batch's buses: plate, seats, seats planned; add and remove while the state allows. */
export function VehicleSection({ vehicles, editable, errors }: { vehicles: VehicleRow[]; editable: boolean; errors: IntentErrors }) {
  const columns: Column<VehicleRow>[] = [
    { header: '车牌号', cell: (v) => <span className="mono">{v.plate}</span> },
    { header: '座位数', cell: (v) => v.seats, num: true },
    { header: '已排座', cell: (v) => v.planned, num: true },
  ]
  if (editable)
    columns.push({
      header: '操作',
      cell: (v) => (
        <IntentForm intent="remove_vehicle" label="移除" secondary>
          <input type="hidden" name="vehicleId" value={v.id} />
        </IntentForm>
      ),
    })
  return (
    <section className="card">
      <h2>车辆</h2>
      <DataTable rows={vehicles} columns={columns} stacked empty="还没有车辆。座位总数是各车座位数之和。" />
      <ErrorText id="vehicle-errors" messages={errors('remove_vehicle', 'vehicleId') ?? errors('remove_vehicle', 'seats')} />
      {editable ? (
        // Keyed by the bus count: a bus added clears the fields; a refusal keeps what was typed.
        <IntentForm key={vehicles.length} intent="add_vehicle" label="添加车辆">
          <Field
            id={errorAnchor('add_vehicle', 'plate')}
            label="车牌号"
            name="plate"
            hint="如 渝D12345"
            autoComplete="off"
            maxLength={12}
            errors={errors('add_vehicle', 'plate')}
          />
          <Field
            id={errorAnchor('add_vehicle', 'seats')}
            label="座位数"
            name="seats"
            inputMode="numeric"
            hint="1–80，不含司机和带队干部"
            errors={errors('add_vehicle', 'seats')}
          />
        </IntentForm>
      ) : null}
    </section>
  )
}

function ErrorText({ id, messages }: { id: string; messages: string[] | undefined }) {
  return messages?.length ? (
    <p id={id} className="field__error" tabIndex={-1}>
      {messages.join('；')}
    </p>
  ) : null
}

export type PersonRow = {
  id: number
  name: string
  idMasked: string
  phoneMasked: string | null
  township: string | null
  plate: string | null
  seatNo: number | null
  waitlistSeq: number | null
  source: 'self' | 'staff'
  boarding: 'boarded' | 'no_show' | null
  arrival: 'arrived' | 'missing' | null
}

/** Seated people (bus and seat once planned) and the waitlist in order; add by ID number, remove with a reason. */
export function PeopleSection({
  seated,
  waitlisted,
  canAdd,
  canRemove,
  canMove,
  vehicles,
  waitlistNote,
  errors,
}: {
  seated: PersonRow[]
  waitlisted: PersonRow[]
  canAdd: boolean
  canRemove: boolean
  canMove: boolean
  vehicles: VehicleRow[]
  /** What happens to the waitlist in the batch's state (closed: it stays in order for cancelled seats). */
  waitlistNote: string
  errors: IntentErrors
}) {
  const person: Column<PersonRow>[] = [
    { header: '姓名', cell: (p) => p.name },
    { header: '身份证号码', label: '身份证', cell: (p) => p.idMasked, className: 'mono' },
    { header: '手机', cell: (p) => p.phoneMasked ?? '—', className: 'mono' },
    { header: '乡镇（街道）', label: '乡镇', cell: (p) => p.township ?? '—' },
    { header: '报名方式', label: '方式', cell: (p) => (p.source === 'self' ? '本人' : '工作人员') },
  ]
  const remove: Column<PersonRow> = {
    header: '操作',
    cell: (p) => (
      <details>
        <summary className="button button--secondary button--small">移出</summary>
        <IntentForm intent="remove_seat" label="确定移出" secondary>
          <input type="hidden" name="seatId" value={p.id} />
          <Field label="移出原因" name="reason" hint="本人会看到" maxLength={200} />
        </IntentForm>
      </details>
    ),
  }
  const move: Column<PersonRow> = {
    header: '调座',
    cell: (p) => (
      <details>
        <summary className="button button--secondary button--small">调座</summary>
        <IntentForm intent="move_seat" label="确定调整" secondary>
          <input type="hidden" name="seatId" value={p.id} />
          <div className="field">
            <label htmlFor={`vehicle-${p.id}`}>车辆</label>
            <select id={`vehicle-${p.id}`} name="vehicleId" defaultValue={vehicles.find((v) => v.plate === p.plate)?.id}>
              {vehicles.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.plate}（{v.seats} 座）
                </option>
              ))}
            </select>
          </div>
          <Field label="座号" name="seatNo" inputMode="numeric" hint="该座有人时两人互换" defaultValue={p.seatNo ?? ''} />
        </IntentForm>
      </details>
    ),
  }
  const seatedColumns: Column<PersonRow>[] = [
    { header: '车辆', cell: (p) => (p.plate ? <span className="mono">{p.plate}</span> : '截止后排座') },
    { header: '座号', cell: (p) => p.seatNo ?? '—', num: true },
    ...person,
    { header: '上车', cell: (p) => (p.boarding ? BOARDING_LABELS[p.boarding] : '—') },
    { header: '到岗', cell: (p) => (p.arrival ? ARRIVAL_LABELS[p.arrival] : '—') },
    ...(canMove ? [move] : []),
    ...(canRemove ? [remove] : []),
  ]
  const waitColumns: Column<PersonRow & { place: number }>[] = [
    { header: '候补顺序', label: '顺序', cell: (p) => p.place, num: true },
    ...person,
    ...(canRemove ? [remove] : []),
  ]
  return (
    <section className="card">
      <h2>乘车人员（{seated.length}）</h2>
      {canAdd ? (
        <IntentForm key={seated.length + waitlisted.length} intent="add_worker" label="添加台账人员">
          <Field
            id={errorAnchor('add_worker', 'idNumber')}
            label="身份证号码"
            name="idNumber"
            hint="本县台账中的人员；座位满了进入候补"
            autoComplete="off"
            errors={errors('add_worker', 'idNumber')}
          />
        </IntentForm>
      ) : null}
      <ErrorText
        id="people-errors"
        messages={errors('remove_seat', 'seatId') ?? errors('remove_seat', 'reason') ?? errors('move_seat', 'seatNo') ?? errors('move_seat', 'vehicleId')}
      />
      <DataTable rows={seated} columns={seatedColumns} stacked empty="还没有人报名。" />
      <h2>候补（{waitlisted.length}）</h2>
      <p className="field__hint">{waitlistNote}</p>
      <DataTable rows={waitlisted.map((p, i) => ({ ...p, place: i + 1 }))} columns={waitColumns} stacked empty="没有候补。" />
    </section>
  )
}
