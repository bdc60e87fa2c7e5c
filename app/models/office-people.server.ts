import { sql, type SQL } from 'drizzle-orm'
import { maskIdNumber } from '~/rules/id-number'
import type { PeopleKind } from '~/rules/office-people'
import type { Actor } from '~/rules/permissions'
import { periodRange } from '~/rules/statistics'
import { CHUNK_SIZE } from '~/utils/chunks.server'
import { db } from '~/utils/db.server'

// The people behind the dashboards' figures that count each person once (issue 15 §1, §5), as
// app/models/statistics.server.ts peopleFigures counts them, so a list is as long as its figure:
// - hired: the distinct workers of the office's hire_figures rows in the period (a bureau: hires with its
//   employers; a county: hires of its ledger's people);
// - boarded: the distinct workers marked 已上车 on the office's departed or arrived batches leaving in the period;
// - arrived: the distinct workers marked 已到岗 in the period, on the office's batches.
// The office's batches: a bureau's are those to its city, a county's its own. A period is Shanghai months
// (`YYYY-MM` or `YYYY-MM/YYYY-MM`), null for all months. One row per person: a bureau sees the name and the
// county, as /east/hires (no ID number, no phone); a county the name, the masked ID number and the township.

/** How deep the list goes (100 pages at 20); the count above it stays the figure, the export carries up to EXPORT_CAP. */
export const LIST_CAP = 2_000

/** The most people one export carries. */
export const EXPORT_CAP = 100_000

/** A person of a list, in its order: who, and the batch that placed them there (boarded, arrived; null for hired). */
type PersonKey = { workerId: number; batchId: number | null }

function batchesOf(actor: Actor): SQL {
  return actor.role === 'east' ? sql`b.city_code = ${actor.areaCode}` : sql`b.organisation_id = ${actor.organisationId}`
}

/** The rows of the kind in the period (no GROUP BY): `s`/`b` for seats and batches, `h` for hire_figures. */
function source(actor: Actor, kind: PeopleKind, period: string | null): SQL {
  const range = period ? periodRange(period) : null
  if (period && !range) throw new Error(`not a period: ${period}`)
  if (kind === 'hired')
    return sql`from hire_figures h where h.organisation_id = ${actor.organisationId}${range ? sql` and h.month >= ${range.first} and h.month <= ${range.last}` : sql``}`
  if (kind === 'boarded')
    return sql`from batches b join batch_seats s on s.batch_id = b.id
      where ${batchesOf(actor)} and b.state in ('departed', 'arrived') and s.boarding = 'boarded'${
        range ? sql` and b.departure_date >= ${range.fromDay} and b.departure_date < ${range.toDay}` : sql``
      }`
  return sql`from batch_seats s join batches b on b.id = s.batch_id
    where ${batchesOf(actor)} and s.arrival = 'arrived'${range ? sql` and s.arrival_at >= ${range.from} and s.arrival_at < ${range.to}` : sql``}`
}

/** How many distinct people the list has: the dashboard's figure for the period (null: all months). */
export function countOfficePeople(actor: Actor, kind: PeopleKind, period: string | null) {
  const worker = kind === 'hired' ? sql`h.worker_id` : sql`s.worker_id`
  return db.get<{ n: number }>(sql`select count(distinct ${worker}) as n ${source(actor, kind, period)}`)?.n ?? 0
}

/**
 * The people in the list's order, `limit` from `offset`: hired by their first month of the period, newest
 * first; boarded by the latest batch they rode in it (SQLite takes the other columns from the row of max()),
 * arrived by their latest arrival mark.
 */
function personKeys(actor: Actor, kind: PeopleKind, period: string | null, limit: number, offset: number): PersonKey[] {
  const from = source(actor, kind, period)
  const q =
    kind === 'hired'
      ? sql`select h.worker_id as workerId, null as batchId, min(h.month) as k ${from} group by h.worker_id order by k desc, workerId desc`
      : kind === 'boarded'
        ? sql`select s.worker_id as workerId, b.id as batchId, max(b.departure_date || ' ' || b.departure_time || printf('%012d', b.id)) as k ${from}
              group by s.worker_id order by k desc, workerId desc`
        : sql`select s.worker_id as workerId, b.id as batchId, max(s.arrival_at) as k ${from} group by s.worker_id order by k desc, workerId desc`
  return db.all<PersonKey>(sql`${q} limit ${limit} offset ${offset}`)
}

type PersonRow = {
  workerId: number
  name: string
  idNumber: string
  place: string
  hiredAt: number | null
  employerName: string | null
  batchId: number | null
  departureDate: string | null
  departureTime: string | null
  route: string | null
  at: number | null
}

/** One person of a list: numbers masked (a bureau's row carries none), the place (county or township), the hire or the batch and its moment. */
export type OfficePerson = Omit<PersonRow, 'idNumber'> & { idNumberMasked: string | null }

/** The people of `keys` with what the list shows of them, in the keys' order; a person not the office's to see is left out. */
function readPeople(actor: Actor, kind: PeopleKind, period: string | null, keys: PersonKey[]): OfficePerson[] {
  if (keys.length === 0) return []
  const ids = sql.join(
    keys.map((k) => sql`${k.workerId}`),
    sql`, `,
  )
  const east = actor.role === 'east'
  // A bureau sees the person's county; a county its own people only, with their township.
  const people = db.all<{ workerId: number; name: string; idNumber: string; place: string }>(
    east
      ? sql`select w.id as workerId, w.name, w.id_number as idNumber, a.name as place
            from workers w join organisations o on o.id = w.organisation_id join areas a on a.code = o.area_code where w.id in (${ids})`
      : sql`select w.id as workerId, w.name, w.id_number as idNumber, a.name as place
            from workers w join areas a on a.code = w.township_code where w.id in (${ids}) and w.organisation_id = ${actor.organisationId}`,
  )
  const byWorker = new Map(people.map((p) => [p.workerId, p]))
  const hires = new Map<number, { at: number; employerName: string }>()
  if (kind === 'hired') {
    const range = period ? periodRange(period) : null
    // The first hire of the period that made the person the office's: a bureau's employers, or any for a county's person.
    for (const r of db.all<{ workerId: number; at: number; employerName: string }>(
      sql`select r.worker_id as workerId, min(r.created_at) as at, e.name as employerName
          from employment_records r join employers e on e.id = r.employer_id
          where r.worker_id in (${ids})${east ? sql` and e.organisation_id = ${actor.organisationId}` : sql``}${
            range ? sql` and r.created_at >= ${range.from} and r.created_at < ${range.to}` : sql``
          } group by r.worker_id`,
    ))
      hires.set(r.workerId, r)
  }
  const batchIds = [...new Set(keys.flatMap((k) => (k.batchId == null ? [] : [k.batchId])))]
  const batches = new Map<number, { departureDate: string; departureTime: string; route: string }>()
  if (batchIds.length > 0)
    for (const b of db.all<{ id: number; departureDate: string; departureTime: string; route: string }>(
      sql`select b.id, b.departure_date as departureDate, b.departure_time as departureTime, b.pickup_name || ' → ' || c.name as route
          from batches b join areas c on c.code = b.city_code where b.id in (${sql.join(
            batchIds.map((id) => sql`${id}`),
            sql`, `,
          )}) and ${batchesOf(actor)}`,
    ))
      batches.set(b.id, b)
  const seats = new Map<string, number | null>()
  if (kind !== 'hired' && batchIds.length > 0) {
    const column = kind === 'boarded' ? sql`s.boarding_at` : sql`s.arrival_at`
    for (const s of db.all<{ workerId: number; batchId: number; at: number | null }>(
      sql`select s.worker_id as workerId, s.batch_id as batchId, ${column} as at from batch_seats s
          where s.worker_id in (${ids}) and s.batch_id in (${sql.join(
            batchIds.map((id) => sql`${id}`),
            sql`, `,
          )}) and ${kind === 'boarded' ? sql`s.boarding = 'boarded'` : sql`s.arrival = 'arrived'`}`,
    ))
      seats.set(`${s.workerId}:${s.batchId}`, s.at)
  }
  return keys.flatMap((k) => {
    const p = byWorker.get(k.workerId)
    if (!p) return []
    const hire = hires.get(k.workerId)
    const batch = k.batchId == null ? undefined : batches.get(k.batchId)
    return [
      {
        workerId: p.workerId,
        name: p.name,
        idNumberMasked: east ? null : maskIdNumber(p.idNumber),
        place: p.place,
        hiredAt: hire?.at ?? null,
        employerName: hire?.employerName ?? null,
        batchId: batch ? k.batchId : null,
        departureDate: batch?.departureDate ?? null,
        departureTime: batch?.departureTime ?? null,
        route: batch?.route ?? null,
        at: k.batchId == null ? null : (seats.get(`${k.workerId}:${k.batchId}`) ?? null),
      },
    ]
  })
}

/** `limit` people of the list from `offset` (for paginate, which clamps the page first; the page count stops at LIST_CAP). */
export function listOfficePeople(actor: Actor, kind: PeopleKind, period: string | null, { limit, offset }: { limit: number; offset: number }) {
  return readPeople(actor, kind, period, personKeys(actor, kind, period, limit, offset))
}

/**
 * Every person of the list (at most EXPORT_CAP) for the xlsx export: the list's order read once (two numbers
 * a person), then CHUNK_SIZE people at a time, so no step holds the server for long.
 */
export function* listOfficePeopleForExport(actor: Actor, kind: PeopleKind, period: string | null): Generator<OfficePerson> {
  const keys = personKeys(actor, kind, period, EXPORT_CAP, 0)
  for (let start = 0; start < keys.length; start += CHUNK_SIZE) yield* readPeople(actor, kind, period, keys.slice(start, start + CHUNK_SIZE))
}
