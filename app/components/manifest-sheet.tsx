import type { ReactNode } from 'react'
import { ARRIVAL_LABELS, BATCH_STATE, BOARDING_LABELS, type BatchState } from '~/rules/batch'
import { batchTitle } from '~/rules/batch-title'
import type { ManifestRow } from '~/rules/manifest'

// The manifest (乘车名单, issue 12 §5) as printed: one section per bus, each an A4 page (app/styles/manifest.css)
// with its own header — batch, departure, pickup point, escort, plate — and its people in seat order, with
// a blank 上车 column to tick by hand. Before the seat plan, one 预排 list in booking order without seats.
// The county's page and the receiving bureau's page both print it; the bureau's adds its own marks.
// On a phone's screen (not on paper) each person is a card — tick, seat, name, masked numbers, marks — so
// nothing is scrolled out of sight at 360 px; the hand-tick column is for paper only.

/** A row as the page receives it: the manifest's row (app/rules/manifest.ts), its bus given by its section. */
export type SheetRow = Omit<ManifestRow, 'vehicleId'>

/** What every bus's header repeats about the batch. */
export type SheetBatch = {
  id: number
  state: BatchState
  departureDate: string
  departureTime: string
  pickupName: string
  pickupAddress: string
  escortName: string
  escortPhone: string
  cityName: string
  countyName: string
  employers: string[]
}

/** The marks column: the escort's boarding and, once recorded, the bureau's arrival (— when neither). */
function marksOf(r: SheetRow) {
  const marks = [r.boarding ? BOARDING_LABELS[r.boarding] : null, r.arrival ? ARRIVAL_LABELS[r.arrival] : null].filter(Boolean)
  return marks.length > 0 ? marks.join(' · ') : '—'
}

/** The extras a page adds to every row: a first cell (the bureau's tick box) and a note after the marks. */
export type SheetExtras = { cell?: (r: SheetRow) => ReactNode; note?: (r: SheetRow) => string | null }

function SheetHead({ batch, bus, count, full }: { batch: SheetBatch; bus: string; count: string; full: boolean }) {
  return (
    <header>
      <h2>
        乘车名单 · {batchTitle(batch)} · {bus}
      </h2>
      <div className="manifest__head small">
        <p>
          发车：{batch.departureDate} {batch.departureTime} · {BATCH_STATE[batch.state].label}
        </p>
        <p>
          上车地点：{batch.pickupName}（{batch.pickupAddress}）
        </p>
        <p>
          带队干部：{batch.escortName} <span className="mono">{batch.escortPhone}</span>
        </p>
        <p>用人单位：{batch.employers.length > 0 ? batch.employers.join('、') : '—'}</p>
        <p>
          {count} · {full ? <strong>含完整号码，用后销毁</strong> : '身份证号码和手机号码已打码'}
        </p>
      </div>
    </header>
  )
}

/**
 * One bus's (or the 预排 list's) table. `lead` labels the first column: 座位 or 顺序. `marks`: whether the
 * 登记 column is there (decided for the whole batch, so every bus prints the same columns). `extras` adds
 * the bureau's tick box cell and a note after the marks.
 */
function SheetTable({ rows, lead, marks, extras }: { rows: SheetRow[]; lead: '座位' | '顺序'; marks: boolean; extras: SheetExtras }) {
  const { cell, note } = extras
  return (
    <div className="table-wrap">
      <table className={cell ? 'manifest__table manifest__table--select' : 'manifest__table'}>
        <thead>
          <tr>
            {cell ? (
              <th scope="col" className="manifest__select">
                选择
              </th>
            ) : null}
            <th scope="col" className="num">
              {lead}
            </th>
            <th scope="col">姓名</th>
            <th scope="col">性别</th>
            <th scope="col">身份证号码</th>
            <th scope="col">手机号码</th>
            <th scope="col">乡镇（街道）</th>
            <th scope="col">用人单位</th>
            {marks ? <th scope="col">登记</th> : null}
            <th scope="col" className="manifest__tick">
              上车
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const why = note?.(r) ?? null
            return (
              <tr key={r.seatId}>
                {cell ? <td className="manifest__select">{cell(r)}</td> : null}
                <td className="num manifest__lead" data-label={lead}>
                  {lead === '座位' ? r.seatNo : r.order}
                </td>
                <td className="manifest__name">{r.name}</td>
                <td className="manifest__sex">{r.sex}</td>
                <td className="mono manifest__id">{r.idNumber}</td>
                <td className="mono manifest__phone">{r.phone ?? '—'}</td>
                <td className="manifest__township">{r.township ?? '—'}</td>
                <td className="wrap manifest__employer">{r.employer ?? '—'}</td>
                {marks ? (
                  <td className="manifest__marks">
                    {marksOf(r)}
                    {why ? <span className="manifest__why">（{why}）</span> : null}
                  </td>
                ) : null}
                <td className="manifest__tick" />
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

/**
 * The manifest's pages. Takes the batch header, the buses (plate, seats, rows in seat order) or, before
 * the plan, the `preplan` rows in booking order (labelled 预排), whether the numbers are full, and `extras`
 * — the receiving bureau's tick box cell at the start of each row and a note after a row's marks. The 登记
 * column is on every bus once anyone of the batch has a mark, or whenever the page adds a tick box.
 */
export function ManifestSheet({
  batch,
  buses,
  preplan,
  full,
  extras = {},
}: {
  batch: SheetBatch
  buses: { vehicleId: number; plate: string; seats: number; rows: SheetRow[] }[]
  preplan: SheetRow[] | null
  full: boolean
  extras?: SheetExtras
}) {
  const everyone = preplan ?? buses.flatMap((b) => b.rows)
  const marks = extras.cell != null || everyone.some((r) => r.boarding || r.arrival)
  if (preplan) {
    return (
      <div className="manifest">
        <section className="manifest__bus" aria-label="预排名单">
          <SheetHead batch={batch} bus="预排（按报名顺序，未排座）" count={`已占座 ${preplan.length} 人`} full={full} />
          {preplan.length > 0 ? <SheetTable rows={preplan} lead="顺序" marks={marks} extras={extras} /> : <p className="muted">还没有人占座。</p>}
        </section>
      </div>
    )
  }
  return (
    <div className="manifest">
      {buses.map((bus) => (
        <section key={bus.vehicleId} className="manifest__bus" aria-label={`车辆 ${bus.plate}`}>
          <SheetHead batch={batch} bus={bus.plate} count={`${bus.rows.length} / ${bus.seats} 座`} full={full} />
          {bus.rows.length > 0 ? <SheetTable rows={bus.rows} lead="座位" marks={marks} extras={extras} /> : <p className="muted">此车没有乘车人员。</p>}
        </section>
      ))}
    </div>
  )
}
