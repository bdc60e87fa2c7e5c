import type { FormEvent, ReactNode } from 'react'
import type { BoardingMark } from '~/rules/batch'
import { boardingLabel, conflictText, type BoardingRow } from '~/rules/boarding'
import type { Conflict } from '~/utils/boarding-queue'

// The escort's boarding list (登记上车, issue 12 §6) on a 360 px phone: one card per person by bus and seat,
// with big 已上车 / 未到 buttons. Each card is its own small form, so the list works without JavaScript
// (the page answers with a redirect back to the card); with it, the page's queue takes the tap instead
// (utils/boarding-queue.ts). Also the hand-ticked paper entry: one form with a radio per person.

/** One person as the list shows them. */
export type ListRow = BoardingRow

/** The rows grouped by bus, in order; before the seat plan one group without a plate. */
function byBus(rows: ListRow[]) {
  const groups = new Map<string, ListRow[]>()
  for (const r of rows) groups.set(r.plate ?? '', [...(groups.get(r.plate ?? '') ?? []), r])
  return [...groups.entries()]
}

function timeOf(at: number | null) {
  return at == null ? '' : new Date(at).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' })
}

/** The figures line: 已上车 x / 未到 y / 未标 z，共 n 人. */
export function BoardingFigures({ rows, shown }: { rows: ListRow[]; shown: (r: ListRow) => BoardingMark | null }) {
  const marks = rows.map(shown)
  const boarded = marks.filter((m) => m === 'boarded').length
  const noShow = marks.filter((m) => m === 'no_show').length
  return (
    <p className="boarding-figures" aria-live="polite">
      <span className="boarding-figures__boarded">已上车 {boarded}</span> / <span className="boarding-figures__no-show">未到 {noShow}</span> /{' '}
      <span>未标 {rows.length - boarded - noShow}</span> <span className="muted">· 共 {rows.length} 人</span>
    </p>
  )
}

type RowProps = {
  row: ListRow
  mark: BoardingMark | null
  pending: boolean
  conflict: Conflict | null
  renderId: string
  editable: boolean
  onTick: ((seatId: number, mark: BoardingMark | null) => void) | null
  onKeepSystem: (seatId: number) => void
}

function PersonCard({ row, mark, pending, conflict, renderId, editable, onTick, onKeepSystem }: RowProps) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    if (!onTick) return
    event.preventDefault()
    const pressed = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    const value = pressed?.value
    onTick(row.seatId, value === 'boarded' || value === 'no_show' ? value : null)
  }
  return (
    <li id={`seat-${row.seatId}`} className={`boarding-card${mark ? ` boarding-card--${mark}` : ''}`}>
      <div className="boarding-card__who">
        <span className="boarding-card__seat" aria-label={row.seatNo == null ? undefined : `${row.seatNo} 号座`}>
          {row.seatNo ?? '—'}
        </span>
        <div className="boarding-card__text">
          <strong className="boarding-card__name">{row.name}</strong> <span className="mono small muted">{row.idTail}</span>
          <br />
          <span className="small">
            {row.township ?? '—'}
            {row.phone ? (
              <>
                {' · '}
                <a className="mono" href={`tel:${row.phone}`}>
                  {row.phone}
                </a>
              </>
            ) : null}
          </span>
        </div>
        <span className={`boarding-card__mark boarding-card__mark--${mark ?? 'none'}`}>
          {boardingLabel(mark)}
          {pending ? <small className="boarding-card__pending">待发送</small> : null}
        </span>
      </div>
      {conflict ? (
        <div className="boarding-card__conflict" role="alert">
          <p>
            {conflictText(conflict.phone, conflict.system.mark, conflict.system.by)}
            {conflict.system.at ? `（${timeOf(conflict.system.at)}）` : ''}
          </p>
          <div className="boarding-card__choices">
            <button type="button" className="button button--small" onClick={() => onTick?.(row.seatId, conflict.phone)}>
              以手机为准：{boardingLabel(conflict.phone)}
            </button>
            <button type="button" className="button button--small button--secondary" onClick={() => onKeepSystem(row.seatId)}>
              以系统为准：{boardingLabel(conflict.system.mark)}
            </button>
          </div>
        </div>
      ) : null}
      {editable ? (
        <form method="post" className="boarding-card__buttons" onSubmit={submit}>
          <input type="hidden" name="intent" value="mark" />
          <input type="hidden" name="renderId" value={renderId} />
          <input type="hidden" name="seatId" value={row.seatId} />
          <input type="hidden" name="base" value={mark ?? 'none'} />
          <button type="submit" name="mark" value="boarded" className="boarding-button boarding-button--boarded" aria-pressed={mark === 'boarded'}>
            已上车
          </button>
          <button type="submit" name="mark" value="no_show" className="boarding-button boarding-button--no-show" aria-pressed={mark === 'no_show'}>
            未到
          </button>
          {mark ? (
            <button type="submit" name="mark" value="none" className="boarding-button boarding-button--clear" aria-label={`清除 ${row.name} 的登记`}>
              清除
            </button>
          ) : null}
        </form>
      ) : null}
    </li>
  )
}

/** The list by bus: a heading per bus and a card per person. `cardProps` gives each card its shown mark, queue and conflict state. */
export function BoardingCards({ rows, card }: { rows: ListRow[]; card: (row: ListRow) => Omit<RowProps, 'row'> }) {
  if (rows.length === 0) return <p className="muted">还没有已占座的人员。</p>
  return (
    <>
      {byBus(rows).map(([plate, group]) => (
        <section key={plate} className="boarding-bus" aria-label={plate ? `车辆 ${plate}` : '预排名单'}>
          <h2 className="boarding-bus__title">
            {plate ? `车辆 ${plate}` : '未排座（按报名顺序）'} <span className="muted small">{group.length} 人</span>
          </h2>
          <ul className="boarding-list">
            {group.map((row) => (
              <PersonCard key={row.seatId} row={row} {...card(row)} />
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}

/** The hand-ticked paper manifest entered afterwards (按纸质名单补录): a radio per person, saved at once. */
export function PaperEntry({ rows, renderId, error }: { rows: ListRow[]; renderId: string; error: ReactNode }) {
  return (
    <form method="post" className="boarding-paper">
      <input type="hidden" name="intent" value="paper" />
      <input type="hidden" name="renderId" value={renderId} />
      {error}
      {byBus(rows).map(([plate, group]) => (
        <fieldset key={plate} className="plain-fieldset boarding-bus">
          <legend className="boarding-bus__title">{plate ? `车辆 ${plate}` : '未排座（按报名顺序）'}</legend>
          <ul className="boarding-list">
            {group.map((row) => (
              <li key={row.seatId} className="boarding-paper__row">
                <input type="hidden" name={`base-${row.seatId}`} value={row.mark ?? 'none'} />
                <span className="boarding-card__seat">{row.seatNo ?? '—'}</span>
                <strong>{row.name}</strong>
                <span className="boarding-paper__choices" role="radiogroup" aria-label={`${row.name} 的登记`}>
                  {(['boarded', 'no_show', 'none'] as const).map((v) => (
                    <label key={v} className="boarding-paper__choice">
                      <input type="radio" name={`mark-${row.seatId}`} value={v} defaultChecked={(row.mark ?? 'none') === v} />
                      {boardingLabel(v === 'none' ? null : v)}
                    </label>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
      <div className="actions">
        <button type="submit" className="button">
          保存补录
        </button>
      </div>
    </form>
  )
}
