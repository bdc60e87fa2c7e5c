import { sql, type SQL } from 'drizzle-orm'
import { formatDate, formatDateTime } from '~/rules/dates'
import { maskIdNumber } from '~/rules/id-number'
import { maskNumbersInText } from '~/rules/personal-numbers'
import { readPeopleKind, type PeopleKind } from '~/rules/office-people'
import type { Actor } from '~/rules/permissions'
import { addMonths, monthOf, periodRange, type MonthRange } from '~/rules/statistics'
import { CHUNK_SIZE } from '~/utils/chunks.server'
import { db } from '~/utils/db.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { monthInWords, readPeriodParam } from '~/utils/month-filters.server'
import { rideSql } from './rule-sql.server'

// The people behind the dashboards' figures that count each person once (issue 15 §1, §5). The figure and
// the list's length are one count, countPeople below (app/models/statistics.server.ts calls it), so a list is as
// long as its figure:
// - hired: the distinct workers of the office's hire_figures rows in the period (a bureau: hires with its
//   employers; a county: hires of its ledger's people);
// - boarded: the distinct workers with a ride (rules/batch.ts isRide: a seat still held, marked 已上车, on a batch
//   that has left) on the office's batches leaving in the period;
// - arrived: the distinct workers marked 已到岗 in the period, on the office's batches.
// The office's batches: a bureau's are those to its city, a county's its own. A period is Shanghai months
// (`YYYY-MM` or `YYYY-MM/YYYY-MM`), null for all months. One row per person: a bureau sees the name, the masked
// ID number (as its arrival manifests show it: two people of one name told apart, no phone) and the county (of
// the hire's person, or the county whose batch it was); a county the name, the masked ID number and the township.

/** How deep the list goes (100 pages at 20); the count above it stays the figure, the export carries up to EXPORT_CAP. */
export const LIST_CAP = 2_000

/** The most people one export carries. */
export const EXPORT_CAP = 100_000

/** A person of a list, in its order: who, and the batch that placed them there (boarded, arrived; null for hired). */
type PersonKey = { workerId: number; batchId: number | null }

/** Whose people: a bureau (east: hires with its employers, batches to its city) or a county centre (west: its ledger's hires, its own batches). */
export type PeopleScope = { side: 'east' | 'west'; organisationId: number; areaCode: string }

/** The scope of a staff actor's own office (east or west staff). */
export function peopleScopeOf(actor: Actor): PeopleScope {
  if (actor.role !== 'east' && actor.role !== 'west') throw new Error('peopleScopeOf: east or west staff only')
  return { side: actor.role, organisationId: actor.organisationId, areaCode: actor.areaCode }
}

/** The batches of a scope, as `b`: a bureau's are those to its city, a county's its own. */
export function batchesOf(scope: PeopleScope): SQL {
  return scope.side === 'east' ? sql`b.city_code = ${scope.areaCode}` : sql`b.organisation_id = ${scope.organisationId}`
}

/** The months of a period (its first and last `YYYY-MM`), and whether it runs from January within one year. */
function monthsOf(range: MonthRange) {
  const first = range.fromDay.slice(0, 7)
  const last = addMonths(range.toDay.slice(0, 7), -1)
  return { first, last, yearToDate: first !== last && first.endsWith('-01') && first.slice(0, 4) === last.slice(0, 4) }
}

/**
 * The rows of the kind in the period (null: all months), as `from … where …`, no GROUP BY: hired from
 * hire_people_years (`y`, a year to date: the people first hired by the office from January to its last month)
 * or hire_figures (`h`); boarded and arrived from batch_seats `s` and batches `b`. A ride is rideSql's
 * (rules/batch.ts isRide); an arrival is a seat marked 已到岗 in the period.
 */
function source(scope: PeopleScope, kind: PeopleKind, range: MonthRange | null): { from: SQL; worker: SQL } {
  if (kind === 'hired') {
    const months = range ? monthsOf(range) : null
    if (months?.yearToDate)
      return {
        from: sql`from hire_people_years y where y.organisation_id = ${scope.organisationId} and y.year = ${months.first.slice(0, 4)} and y.first_month <= ${months.last}`,
        worker: sql`y.worker_id`,
      }
    return {
      from: sql`from hire_figures h where h.organisation_id = ${scope.organisationId}${months ? sql` and h.month >= ${months.first} and h.month <= ${months.last}` : sql``}`,
      worker: sql`h.worker_id`,
    }
  }
  if (kind === 'boarded')
    return {
      from: sql`from batches b join batch_seats s on s.batch_id = b.id
        where ${batchesOf(scope)} and ${rideSql()}${range ? sql` and b.departure_date >= ${range.fromDay} and b.departure_date < ${range.toDay}` : sql``}`,
      worker: sql`s.worker_id`,
    }
  return {
    from: sql`from batch_seats s join batches b on b.id = s.batch_id
      where ${batchesOf(scope)} and s.arrival = 'arrived'${range ? sql` and s.arrival_at >= ${range.from} and s.arrival_at < ${range.to}` : sql``}`,
    worker: sql`s.worker_id`,
  }
}

/**
 * How many distinct people the kind has in the period (null: all months): the dashboard's 录用人数, 乘车 and
 * 到岗确认 (app/models/statistics.server.ts counts them here), and the length of the list behind each.
 */
export function countPeople(scope: PeopleScope, kind: PeopleKind, range: MonthRange | null) {
  const { from, worker } = source(scope, kind, range)
  return db.get<{ n: number }>(sql`select count(distinct ${worker}) as n ${from}`)?.n ?? 0
}

/** The list's length for staff: countPeople of the actor's office over a period (`YYYY-MM` or `YYYY-MM/YYYY-MM`; null: all months). */
export function countOfficePeople(actor: Actor, kind: PeopleKind, period: string | null) {
  return countPeople(peopleScopeOf(actor), kind, rangeOf(period))
}

function rangeOf(period: string | null) {
  if (period === null) return null
  const range = periodRange(period)
  if (!range) throw new Error(`not a period: ${period}`)
  return range
}

/**
 * The people in the list's order, `limit` from `offset`: hired by their first month of the period, newest
 * first; boarded by the latest batch they rode in it (SQLite takes the other columns from the row of max()),
 * arrived by their latest arrival mark.
 */
function personKeys(actor: Actor, kind: PeopleKind, period: string | null, limit: number, offset: number): PersonKey[] {
  const range = rangeOf(period)
  const { from } = source(peopleScopeOf(actor), kind, range)
  const order = sql`order by k desc, workerId desc limit ${limit} offset ${offset}`
  if (kind === 'hired')
    return db.all<PersonKey>(
      range && monthsOf(range).yearToDate
        ? // One row a person already, with the first month of the year: the range of hire_people_years_first_idx.
          sql`select y.worker_id as workerId, null as batchId, y.first_month as k ${from} ${order}`
        : sql`select h.worker_id as workerId, null as batchId, min(h.month) as k ${from} group by h.worker_id ${order}`,
    )
  return db.all<PersonKey>(
    kind === 'boarded'
      ? sql`select s.worker_id as workerId, b.id as batchId, max(b.departure_date || ' ' || b.departure_time || printf('%012d', b.id)) as k ${from}
            group by s.worker_id ${order}`
      : sql`select s.worker_id as workerId, b.id as batchId, max(s.arrival_at) as k ${from} group by s.worker_id ${order}`,
  )
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

/** One person of a list: the ID number masked (none for a county's moved-away rider), the place (county or township), the hire or the batch and its moment. */
export type OfficePerson = Omit<PersonRow, 'idNumber'> & { idNumberMasked: string | null; movedAway: boolean }

/**
 * The people of `keys` with what the list shows of them, in the keys' order. A county's person whose ledger row
 * has since moved to another county stays on the county's list of its own batches (the count holds them), marked
 * `movedAway`, without an ID number or township: that row is no longer the county's to show.
 */
function readPeople(actor: Actor, kind: PeopleKind, period: string | null, keys: PersonKey[]): OfficePerson[] {
  if (keys.length === 0) return []
  const scope = peopleScopeOf(actor)
  const ids = sql.join(
    keys.map((k) => sql`${k.workerId}`),
    sql`, `,
  )
  const east = actor.role === 'east'
  // A bureau sees the person's county; a county its people's township.
  const people = db.all<{ workerId: number; name: string; idNumber: string; place: string; organisationId: number }>(
    east
      ? sql`select w.id as workerId, w.name, w.id_number as idNumber, a.name as place, w.organisation_id as organisationId
            from workers w join organisations o on o.id = w.organisation_id join areas a on a.code = o.area_code where w.id in (${ids})`
      : sql`select w.id as workerId, w.name, w.id_number as idNumber, a.name as place, w.organisation_id as organisationId
            from workers w join areas a on a.code = w.township_code where w.id in (${ids})`,
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
  const batches = new Map<number, { departureDate: string; departureTime: string; route: string; countyName: string }>()
  if (batchIds.length > 0)
    for (const b of db.all<{ id: number; departureDate: string; departureTime: string; route: string; countyName: string }>(
      sql`select b.id, b.departure_date as departureDate, b.departure_time as departureTime, b.pickup_name || ' → ' || c.name as route,
            county.name as countyName
          from batches b join areas c on c.code = b.city_code join organisations o on o.id = b.organisation_id join areas county on county.code = o.area_code
          where b.id in (${sql.join(
            batchIds.map((id) => sql`${id}`),
            sql`, `,
          )}) and ${batchesOf(scope)}`,
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
          )}) and ${kind === 'boarded' ? sql`s.status = 'seated' and s.boarding = 'boarded'` : sql`s.arrival = 'arrived'`}`,
    ))
      seats.set(`${s.workerId}:${s.batchId}`, s.at)
  }
  return keys.flatMap((k) => {
    const p = byWorker.get(k.workerId)
    if (!p) return []
    const hire = hires.get(k.workerId)
    const batch = k.batchId == null ? undefined : batches.get(k.batchId)
    const movedAway = !east && p.organisationId !== actor.organisationId
    return [
      {
        workerId: p.workerId,
        name: p.name,
        movedAway,
        idNumberMasked: movedAway ? null : maskIdNumber(p.idNumber),
        // A bureau's rider or arrival is placed by the county whose batch it was: where the person's ledger row
        // is now (it may have moved since) is no business of the bureau's.
        place: movedAway ? '已转出本县' : east && batch ? batch.countyName : p.place,
        hiredAt: hire?.at ?? null,
        employerName: hire?.employerName ?? null,
        batchId: batch ? k.batchId : null,
        departureDate: batch?.departureDate ?? null,
        departureTime: batch?.departureTime ?? null,
        // The pickup point is typed text: numbers in it are masked like every other typed text shown or exported.
        route: batch ? maskNumbersInText(batch.route) : null,
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

/** How many a page of a people list shows. */
const PAGE_SIZE = 20

/**
 * One page of the actor's people list for the URL's search (?kind= hired|boarded|arrived, anything else hired;
 * ?month= a period, dropped when it does not parse: all months; ?page=): the kind, the period and its words, the
 * count (the dashboard's figure), whether the page list and the export are cut, and the page's people. Both
 * sides' pages read it; each shows its own columns.
 */
export function officePeoplePage(actor: Actor, search: URLSearchParams) {
  const kind = readPeopleKind(search.get('kind'))
  const month = readPeriodParam(search)
  const total = countOfficePeople(actor, kind, month)
  const list = paginateSearch(search, PAGE_SIZE, {
    total: Math.min(total, LIST_CAP),
    // Never more than are left: a short last page must not walk the office's rows to their end.
    rows: (limit, offset) => listOfficePeople(actor, kind, month, { limit: Math.min(limit, total - offset), offset }),
  })
  return {
    kind,
    month,
    monthLabel: month === null ? '全部月份' : month === monthOf() ? '本月' : monthInWords(month),
    ...pageInfo(list),
    total,
    cut: total > LIST_CAP,
    cap: LIST_CAP,
    exportCut: total > EXPORT_CAP,
    exportCap: EXPORT_CAP.toLocaleString('en-US'),
    people: list.rows,
    offset: (list.page - 1) * PAGE_SIZE,
  }
}

/** What a list row shows of a person's hire or batch, as text (Shanghai dates): the part both sides' pages share. */
export function personEvent(r: OfficePerson) {
  return {
    hiredOn: r.hiredAt == null ? null : formatDate(r.hiredAt),
    employerName: r.employerName,
    batchId: r.batchId,
    departure: r.departureDate ? `${r.departureDate} ${r.departureTime}` : null,
    route: r.route,
    at: r.at == null ? null : formatDateTime(r.at),
  }
}
