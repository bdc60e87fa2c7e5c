import { and, asc, count, desc, eq, gte, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import {
  applications,
  areas,
  batches,
  employers,
  employmentRecords,
  organisations,
  pairings,
  travelCompanions,
  travelDemands,
  users,
  vacancies,
  workers,
  type DemandState,
  type SelectTravelDemand,
} from '../../db/schema'
import { addDays, todayInShanghai } from '~/rules/dates'
import { maskPersonName } from '~/rules/person-name'
import { maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import type { Actor } from '~/rules/permissions'
import { demandDatesRefusal, demandWeek, LIVE_DEMAND_STATES, type CompanionKey, type DemandValues } from '~/rules/travel-demand'
import { writeActorAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { countRows, findOwned } from './query.server'

// Travel demand (出行需求登记, issue 12 §1, decision 020): a verified worker, or county staff for a ledger row
// of their county, registers when and where they want to go, naming companions (ledger workers of the same
// county) who confirm. County staff see the open demand by week and destination and make a batch from it
// (createBatch links the rows, app/models/batch.server.ts); opening the batch tells the invited workers
// (batch.server's writeInvitedNotices). This module imports no other model that writes, so seat.server may
// import markDemandBooked without a cycle.
// One live (open or invited) demand per worker is the partial unique index travel_demands_worker_live_uq.
// Every change is one write transaction with its audit row.

const LIVE = [...LIVE_DEMAND_STATES]

/** The worker's own ledger row (linked, verified, enabled account, row not archived), or the refusal. */
function ownLedgerRow(tx: Queryable, actor: Actor): Result<{ worker: typeof workers.$inferSelect }> {
  const row = tx
    .select({ worker: workers, verifiedAt: users.verifiedAt, disabledAt: users.disabledAt })
    .from(users)
    .innerJoin(workers, eq(workers.userId, users.id))
    .where(and(eq(users.id, actor.userId), eq(workers.organisationId, actor.organisationId)))
    .get()
  if (!row || row.verifiedAt == null) return failure('账号核验通过后才能登记出行需求', { status: 403 })
  if (row.disabledAt != null) return failure('账号已停用', { status: 403 })
  if (row.worker.archivedAt != null) return failure('台账信息已归档，请联系区县就业和人才中心', { status: 403 })
  return { ok: true, worker: row.worker }
}

/** The ledger row of the worker signed in as `actor`, or null (not linked, or not of their county). */
function ledgerRowOf(q: Queryable, actor: Actor) {
  if (actor.role !== 'worker') return null
  return (
    q
      .select()
      .from(workers)
      .where(and(eq(workers.userId, actor.userId), eq(workers.organisationId, actor.organisationId)))
      .get() ?? null
  )
}

/** The destination cities the actor's county's pairing allows (pairings rows of the county), code order. */
export function demandCities(q: Queryable, actor: Actor) {
  return q
    .select({ code: areas.code, name: areas.name, bureauId: organisations.id })
    .from(pairings)
    .innerJoin(areas, eq(areas.code, pairings.cityCode))
    .innerJoin(organisations, and(eq(organisations.areaCode, pairings.cityCode), eq(organisations.kind, 'bureau')))
    .where(eq(pairings.countyCode, actor.areaCode))
    .orderBy(asc(areas.code))
    .all()
}

/** The posts the worker was hired for (their employment records that came from an application): id, title, employer. */
function hiredPosts(q: Queryable, workerId: number) {
  return q
    .select({ vacancyId: vacancies.id, title: vacancies.title, employerId: employmentRecords.employerId, employerName: employers.name })
    .from(employmentRecords)
    .innerJoin(applications, eq(applications.id, employmentRecords.applicationId))
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .innerJoin(employers, eq(employers.id, employmentRecords.employerId))
    .where(eq(employmentRecords.workerId, workerId))
    .orderBy(desc(employmentRecords.startDate))
    .limit(20)
    .all()
}

/**
 * What the demand form offers the actor's county: the pair's cities (the first is the default), the
 * employers of each city's bureau (not archived, name order, at most 100 a city), the county's townships
 * and, for a worker, the posts they were hired for. Read-only.
 */
export function demandFormChoices(actor: Actor) {
  const cities = demandCities(db, actor)
  const employerRows = db
    .select({ id: employers.id, name: employers.name, bureauId: employers.organisationId })
    .from(employers)
    .where(and(inArray(employers.organisationId, cities.map((c) => c.bureauId).concat(-1)), isNull(employers.archivedAt)))
    .orderBy(asc(employers.name))
    .limit(100 * Math.max(cities.length, 1))
    .all()
  const townships = db
    .select({ code: areas.code, name: areas.name })
    .from(areas)
    .where(and(eq(areas.parentCode, actor.areaCode), eq(areas.level, 'township')))
    .orderBy(asc(areas.code))
    .all()
  const own = ledgerRowOf(db, actor)
  return {
    cities: cities.map((c) => ({ code: c.code, name: c.name })),
    employers: employerRows.map((e) => ({ id: e.id, name: e.name, cityCode: cities.find((c) => c.bureauId === e.bureauId)?.code ?? '' })),
    townships,
    hiredPosts: own ? hiredPosts(db, own.id) : [],
    ownTownshipCode: own?.townshipCode ?? null,
  }
}

/** The ledger rows of the actor's county the companions name (not archived, not `selfId`), or the refusal beside `companions`. */
function companionRows(tx: Queryable, actor: Actor, keys: CompanionKey[], selfId: number): Result<{ ids: number[] }> {
  const ids: number[] = []
  for (const key of keys) {
    const shown = key.by === 'phone' ? maskMobile(key.value) : maskIdNumber(key.value)
    const rows = tx
      .select({ id: workers.id })
      .from(workers)
      .where(
        and(
          eq(workers.organisationId, actor.organisationId),
          isNull(workers.archivedAt),
          key.by === 'phone' ? eq(workers.phone, key.value) : eq(workers.idNumber, key.value),
        ),
      )
      .limit(2)
      .all()
    if (rows.length === 0) return failure(`同行人 ${shown} 不在本区县的台账中，请核对，或请同行人先到乡镇登记`, { field: 'companions' })
    if (rows.length > 1) return failure(`手机号 ${shown} 对应台账中的多人，请改填同行人的身份证号码`, { field: 'companions' })
    if (rows[0].id === selfId) return failure('同行人不用填本人', { field: 'companions' })
    if (!ids.includes(rows[0].id)) ids.push(rows[0].id)
  }
  return { ok: true, ids }
}

/** Why `values` cannot be stored for ledger row `worker`, or the checked values (the township defaults to the worker's). */
function checkDemand(
  tx: Queryable,
  actor: Actor,
  worker: typeof workers.$inferSelect,
  values: DemandValues,
): Result<{ row: Omit<typeof travelDemands.$inferInsert, 'organisationId' | 'workerId'>; companionIds: number[] }> {
  const dates = demandDatesRefusal(values.earliestDate, values.latestDate, todayInShanghai())
  if (dates) return failure(dates.message, { field: dates.field })
  const city = demandCities(tx, actor).find((c) => c.code === values.cityCode)
  if (!city) return failure('请选择对口协作城市', { field: 'cityCode' })
  let employerId = values.employerId
  if (employerId != null) {
    const employer = tx
      .select({ id: employers.id })
      .from(employers)
      .where(and(eq(employers.id, employerId), eq(employers.organisationId, city.bureauId), isNull(employers.archivedAt)))
      .get()
    if (!employer) return failure('用人单位须是目的地城市人社局登记的单位', { field: 'employerId' })
  }
  if (values.vacancyId != null) {
    const post = hiredPosts(tx, worker.id).find((p) => p.vacancyId === values.vacancyId)
    if (!post) return failure('只能选择本人已被录用的岗位', { field: 'vacancyId' })
    employerId ??= post.employerId
  }
  const townshipCode = values.pickupTownshipCode ?? worker.townshipCode
  const township = tx
    .select({ code: areas.code })
    .from(areas)
    .where(and(eq(areas.code, townshipCode), eq(areas.parentCode, actor.areaCode), eq(areas.level, 'township')))
    .get()
  if (!township) return failure('上车乡镇（街道）须是本区县的', { field: 'pickupTownshipCode' })
  const companions = companionRows(tx, actor, values.companions, worker.id)
  if (!companions.ok) return companions
  return {
    ok: true,
    companionIds: companions.ids,
    row: {
      earliestDate: values.earliestDate,
      latestDate: values.latestDate,
      cityCode: city.code,
      employerId,
      vacancyId: values.vacancyId,
      pickupTownshipCode: townshipCode,
      note: values.note,
    },
  }
}

const LIVE_TAKEN = '已有一份待安排的出行需求；要改，请先撤回原来的那份'

/**
 * Registers a travel demand (issue 12 §1). A worker registers their own (a verified, enabled account
 * linked to a ledger row of the county, not archived); west staff register for the live ledger row of
 * their county with `idNumber` (normalised). Checked: the days (demandDatesRefusal), a city of the county's
 * pairing, an employer of that city's bureau, a post the worker was hired for (its employer then fills the
 * employer), a township of the county (the worker's own by default), companions who are live ledger rows
 * of the county (each invited, unconfirmed). Refused beside its field, 403 for a worker who may not, 409
 * when the worker already has a live demand (index travel_demands_worker_live_uq). Audited `demand.create`.
 * Returns the new demand's id.
 */
export function registerDemand(actor: Actor, values: DemandValues, { idNumber = null }: { idNumber?: string | null } = {}): Result<{ id: number }> {
  if (actor.role !== 'worker' && actor.role !== 'west') return failure('无权进行此操作', { status: 403 })
  try {
    return writeTransaction((tx) => {
      let worker: typeof workers.$inferSelect
      if (actor.role === 'worker') {
        const own = ownLedgerRow(tx, actor)
        if (!own.ok) return own
        worker = own.worker
      } else {
        const row = idNumber
          ? tx
              .select()
              .from(workers)
              .where(and(eq(workers.idNumber, idNumber), eq(workers.organisationId, actor.organisationId), isNull(workers.archivedAt)))
              .get()
          : undefined
        if (!row) return failure('本区县台账中没有此身份证号码（或已归档）', { field: 'idNumber' })
        worker = row
      }
      if (countRows(tx, travelDemands, and(eq(travelDemands.workerId, worker.id), inArray(travelDemands.state, LIVE))) > 0)
        return failure(actor.role === 'worker' ? `您${LIVE_TAKEN}` : `此人${LIVE_TAKEN}`, { status: 409 })
      const checked = checkDemand(tx, actor, worker, values)
      if (!checked.ok) return checked
      const { id } = tx
        .insert(travelDemands)
        .values({
          ...checked.row,
          organisationId: actor.organisationId,
          workerId: worker.id,
          userId: actor.role === 'worker' ? actor.userId : null,
          createdByUserId: actor.userId,
        })
        .returning({ id: travelDemands.id })
        .get()
      for (const workerId of checked.companionIds) tx.insert(travelCompanions).values({ demandId: id, workerId }).run()
      writeActorAudit(tx, actor, {
        action: 'demand.create',
        entity: 'travel_demand',
        entityId: id,
        detail: { workerId: worker.id, cityCode: checked.row.cityCode, earliestDate: values.earliestDate, companions: checked.companionIds.length },
      })
      return { ok: true as const, id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return failure(actor.role === 'worker' ? `您${LIVE_TAKEN}` : `此人${LIVE_TAKEN}`, { status: 409 })
    throw error
  }
}

/** A demand the actor may act on: the worker's own (their ledger row's), or one of staff's county. */
function ownDemand(tx: Queryable, actor: Actor, demandId: number): SelectTravelDemand | null {
  if (actor.role === 'west') return findOwned(tx, travelDemands, actor, demandId)
  const own = ledgerRowOf(tx, actor)
  if (!own) return null
  return (
    tx
      .select()
      .from(travelDemands)
      .where(and(eq(travelDemands.id, demandId), eq(travelDemands.workerId, own.id)))
      .get() ?? null
  )
}

/**
 * Withdraws a live (open or invited) demand: the worker their own, or staff one of their county. A seat
 * already booked is not touched (that is /me/trips). Null when not the actor's (→ 404); 409 when it is
 * no longer live. Audited `demand.withdraw`.
 */
export function withdrawDemand(actor: Actor, demandId: number): Result | null {
  return writeTransaction((tx) => {
    const demand = ownDemand(tx, actor, demandId)
    if (!demand) return null
    if (demand.state !== 'open' && demand.state !== 'invited') return failure('这份出行需求已不能撤回', { status: 409 })
    tx.update(travelDemands).set({ state: 'withdrawn' }).where(eq(travelDemands.id, demandId)).run()
    writeActorAudit(tx, actor, { action: 'demand.withdraw', entity: 'travel_demand', entityId: demandId, detail: { from: demand.state } })
    return { ok: true as const }
  })
}

/**
 * A companion's answer to being named on a live demand (issue 12 §1: companions must confirm): `confirm`
 * sets confirmed_at, `decline` takes them off the demand. A worker answers for themself; west staff may
 * confirm (only) for `workerId`, a ledger row of their county without an account, who told them in person.
 * Null when the worker is not named on that demand of the actor's county (→ 404); 409 when the demand is
 * no longer live. Audited `demand.companion_confirm` / `demand.companion_decline`.
 */
export function answerCompanion(
  actor: Actor,
  demandId: number,
  answer: 'confirm' | 'decline',
  { workerId = null }: { workerId?: number | null } = {},
): Result | null {
  return writeTransaction((tx) => {
    const companionId = actor.role === 'worker' ? (ledgerRowOf(tx, actor)?.id ?? null) : actor.role === 'west' && answer === 'confirm' ? workerId : null
    if (companionId == null) return null
    const row = tx
      .select({ demand: travelDemands, confirmedAt: travelCompanions.confirmedAt, userId: workers.userId })
      .from(travelCompanions)
      .innerJoin(travelDemands, eq(travelDemands.id, travelCompanions.demandId))
      .innerJoin(workers, eq(workers.id, travelCompanions.workerId))
      .where(and(eq(travelCompanions.demandId, demandId), eq(travelCompanions.workerId, companionId), eq(travelDemands.organisationId, actor.organisationId)))
      .get()
    if (!row) return null
    if (actor.role === 'west' && row.userId != null) return failure('此人有账号，请本人在“我的行程”确认', { status: 403 })
    if (row.demand.state !== 'open' && row.demand.state !== 'invited') return failure('这份出行需求已结束', { status: 409 })
    const where = and(eq(travelCompanions.demandId, demandId), eq(travelCompanions.workerId, companionId))
    if (answer === 'confirm') tx.update(travelCompanions).set({ confirmedAt: new Date() }).where(where).run()
    else tx.delete(travelCompanions).where(where).run()
    writeActorAudit(tx, actor, {
      action: answer === 'confirm' ? 'demand.companion_confirm' : 'demand.companion_decline',
      entity: 'travel_demand',
      entityId: demandId,
      detail: { workerId: companionId, onBehalf: actor.role === 'west' },
    })
    return { ok: true as const }
  })
}

const township = alias(areas, 'township')
const city = alias(areas, 'city')

/** Names of each demand's companions with whether they confirmed and have an account (for staff to confirm for). */
function companionsOf(q: Queryable, demandIds: number[]) {
  if (demandIds.length === 0) return new Map<number, { workerId: number; name: string; confirmed: boolean; hasAccount: boolean }[]>()
  const rows = q
    .select({
      demandId: travelCompanions.demandId,
      workerId: workers.id,
      name: workers.name,
      confirmedAt: travelCompanions.confirmedAt,
      userId: workers.userId,
    })
    .from(travelCompanions)
    .innerJoin(workers, eq(workers.id, travelCompanions.workerId))
    .where(inArray(travelCompanions.demandId, demandIds))
    .orderBy(asc(travelCompanions.createdAt), asc(workers.id))
    .all()
  const out = new Map<number, { workerId: number; name: string; confirmed: boolean; hasAccount: boolean }[]>()
  for (const r of rows) {
    const list = out.get(r.demandId) ?? []
    list.push({ workerId: r.workerId, name: r.name, confirmed: r.confirmedAt != null, hasAccount: r.userId != null })
    out.set(r.demandId, list)
  }
  return out
}

/**
 * The worker's own demand page (/me/trips/demand): their demands, newest first (at most 10; the live one
 * first), each with city, employer, township, batch and companions; and the live demands of others that
 * name them as a companion, with whether they confirmed. Empty for an account without a ledger row.
 */
export function listOwnDemand(actor: Actor) {
  const own = ledgerRowOf(db, actor)
  if (!own) return { demands: [], invitations: [] }
  const demands = db
    .select({
      id: travelDemands.id,
      state: travelDemands.state,
      earliestDate: travelDemands.earliestDate,
      latestDate: travelDemands.latestDate,
      cityName: city.name,
      employerName: employers.name,
      townshipName: township.name,
      batchId: travelDemands.batchId,
      batchDate: batches.departureDate,
      batchState: batches.state,
    })
    .from(travelDemands)
    .innerJoin(city, eq(city.code, travelDemands.cityCode))
    .leftJoin(employers, eq(employers.id, travelDemands.employerId))
    .leftJoin(township, eq(township.code, travelDemands.pickupTownshipCode))
    .leftJoin(batches, eq(batches.id, travelDemands.batchId))
    .where(eq(travelDemands.workerId, own.id))
    .orderBy(sql`${travelDemands.state} in ('open', 'invited') desc`, desc(travelDemands.id))
    .limit(10)
    .all()
  const companions = companionsOf(
    db,
    demands.map((d) => d.id),
  )
  const owner = alias(workers, 'owner')
  const invitations = db
    .select({
      demandId: travelDemands.id,
      ownerName: owner.name,
      earliestDate: travelDemands.earliestDate,
      latestDate: travelDemands.latestDate,
      cityName: city.name,
      confirmedAt: travelCompanions.confirmedAt,
    })
    .from(travelCompanions)
    .innerJoin(travelDemands, eq(travelDemands.id, travelCompanions.demandId))
    .innerJoin(owner, eq(owner.id, travelDemands.workerId))
    .innerJoin(city, eq(city.code, travelDemands.cityCode))
    .where(and(eq(travelCompanions.workerId, own.id), inArray(travelDemands.state, LIVE)))
    .orderBy(asc(travelDemands.earliestDate))
    .all()
  return {
    // A companion's name shows once they have confirmed: before, a phone or ID number typed by anyone must not
    // turn into the name of the person it belongs to (issue12-attack), so it is masked.
    demands: demands.map((d) => ({
      ...d,
      companions: (companions.get(d.id) ?? []).map(({ name, confirmed }) => ({ name: confirmed ? name : maskPersonName(name), confirmed })),
    })),
    invitations: invitations.map(({ confirmedAt, ...i }) => ({ ...i, confirmed: confirmedAt != null })),
  }
}

/** The county list's filters: a week (its Monday), destination city, pickup township, state (live ones when null). */
export type DemandFilters = { week: string | null; cityCode: string | null; townshipCode: string | null; state: DemandState | null }

function countyDemandWhere(actor: Actor, f: DemandFilters): SQL {
  return and(
    eq(travelDemands.organisationId, actor.organisationId),
    f.state ? eq(travelDemands.state, f.state) : inArray(travelDemands.state, LIVE),
    f.week ? and(gte(travelDemands.earliestDate, f.week), lte(travelDemands.earliestDate, addDays(f.week, 6))) : undefined,
    f.cityCode ? eq(travelDemands.cityCode, f.cityCode) : undefined,
    f.townshipCode ? eq(travelDemands.pickupTownshipCode, f.townshipCode) : undefined,
  )!
}

const confirmedCompanions = sql<number>`(select count(*) from ${travelCompanions} c where c.demand_id = ${travelDemands.id} and c.confirmed_at is not null)`

/** How many demands match the county list's filters. */
export function countCountyDemand(actor: Actor, filters: DemandFilters) {
  return countRows(db, travelDemands, countyDemandWhere(actor, filters))
}

/**
 * The county list's counts by week of the earliest day and destination (over every matching demand, not
 * only the page): for each `week.key|cityCode`, the demands and the people (each demand's worker and its
 * confirmed companions).
 */
export function countyDemandCounts(actor: Actor, filters: DemandFilters) {
  const rows = db
    .select({
      earliestDate: travelDemands.earliestDate,
      cityCode: travelDemands.cityCode,
      demands: count(),
      people: sql<number>`sum(1 + ${confirmedCompanions})`,
    })
    .from(travelDemands)
    .where(countyDemandWhere(actor, filters))
    .groupBy(travelDemands.earliestDate, travelDemands.cityCode)
    .all()
  const out = new Map<string, { demands: number; people: number }>()
  for (const r of rows) {
    const key = `${weekKeyOf(r.earliestDate)}|${r.cityCode}`
    const sum = out.get(key) ?? { demands: 0, people: 0 }
    out.set(key, { demands: sum.demands + r.demands, people: sum.people + Number(r.people) })
  }
  return out
}

/** The Monday (`YYYY-MM-DD`) of the week a demand's earliest day falls in; the label is not needed for a key. */
const weekKeyOf = (date: string) => demandWeek(date, date).key

/**
 * The weeks the county list's week filter offers: only those with demand under the other filters
 * (destination, township, state; the week filter itself left out), earliest first, each with its Monday
 * (`YYYY-MM-DD`) and how many demands start in it. Issue 12 §1 (demand grouped by week).
 */
export function countyDemandWeeks(actor: Actor, filters: DemandFilters): { key: string; demands: number }[] {
  const rows = db
    .select({ earliestDate: travelDemands.earliestDate, demands: count() })
    .from(travelDemands)
    .where(countyDemandWhere(actor, { ...filters, week: null }))
    .groupBy(travelDemands.earliestDate)
    .orderBy(asc(travelDemands.earliestDate))
    .all()
  const weeks = new Map<string, number>()
  for (const r of rows) weeks.set(weekKeyOf(r.earliestDate), (weeks.get(weekKeyOf(r.earliestDate)) ?? 0) + r.demands)
  return [...weeks.entries()].map(([key, demands]) => ({ key, demands }))
}

/**
 * A page of the county's demand, earliest day first, then destination: the worker's name, masked ID
 * number, pickup township, days, city, employer, state, batch and companions.
 */
export function listCountyDemand(actor: Actor, filters: DemandFilters, { limit, offset }: { limit: number; offset: number }) {
  const rows = db
    .select({
      id: travelDemands.id,
      state: travelDemands.state,
      earliestDate: travelDemands.earliestDate,
      latestDate: travelDemands.latestDate,
      cityCode: travelDemands.cityCode,
      cityName: city.name,
      employerName: employers.name,
      townshipName: township.name,
      batchId: travelDemands.batchId,
      name: workers.name,
      idNumber: workers.idNumber,
      byStaff: isNull(travelDemands.userId),
    })
    .from(travelDemands)
    .innerJoin(workers, eq(workers.id, travelDemands.workerId))
    .innerJoin(city, eq(city.code, travelDemands.cityCode))
    .leftJoin(employers, eq(employers.id, travelDemands.employerId))
    .leftJoin(township, eq(township.code, travelDemands.pickupTownshipCode))
    .where(countyDemandWhere(actor, filters))
    .orderBy(asc(travelDemands.earliestDate), asc(travelDemands.cityCode), asc(travelDemands.id))
    .limit(limit)
    .offset(offset)
    .all()
  const companions = companionsOf(
    db,
    rows.map((r) => r.id),
  )
  return rows.map(({ idNumber, byStaff, ...r }) => ({
    ...r,
    byStaff: Boolean(byStaff),
    idMasked: maskIdNumber(idNumber),
    companions: companions.get(r.id) ?? [],
  }))
}

/** The destination cities and townships the county's demand list filters by. */
export function demandFilterChoices(actor: Actor) {
  const { cities, townships } = demandFormChoices(actor)
  return { cities, townships }
}

/**
 * The chosen demands for a new batch (/west/batches/new?demand=…), read for the form: each of the actor's
 * county, still open. A Failure when any is not (another county's and a missing one read alike), so the
 * page never offers half of them.
 */
export function demandForBatch(q: Queryable, actor: Actor, demandIds: number[]): Result<{ rows: (SelectTravelDemand & { name: string })[] }> {
  if (actor.role !== 'west') return failure('无权进行此操作', { status: 403 })
  const rows = q
    .select({ demand: travelDemands, name: workers.name })
    .from(travelDemands)
    .innerJoin(workers, eq(workers.id, travelDemands.workerId))
    .where(and(inArray(travelDemands.id, demandIds.concat(-1)), eq(travelDemands.organisationId, actor.organisationId)))
    .orderBy(asc(travelDemands.earliestDate), asc(travelDemands.id))
    .all()
  if (rows.length !== new Set(demandIds).size) return failure('所选需求中有的不存在或不属于本区县，请回到出行需求列表重新选择')
  const taken = rows.find((r) => r.demand.state !== 'open')
  if (taken) return failure(`${taken.name}的需求${taken.demand.state === 'withdrawn' ? '已撤回' : '已编入其他批次'}，请回到出行需求列表重新选择`)
  return { ok: true, rows: rows.map((r) => ({ ...r.demand, name: r.name })) }
}

/**
 * Links open demands of the actor's county to a new batch inside the caller's write transaction (the one
 * that created the batch): each becomes `invited` with the batch's id, audited `demand.invite`. The
 * rows are checked first (demandForBatch) and must go to the batch's city; on a Failure nothing is
 * written, and the caller returns it before inserting anything, so a batch is never half-linked.
 */
export function checkDemandForBatch(tx: Queryable, actor: Actor, demandIds: number[], cityCode: string): Result<{ ids: number[] }> {
  const chosen = demandForBatch(tx, actor, demandIds)
  if (!chosen.ok) return chosen
  if (chosen.rows.some((r) => r.cityCode !== cityCode)) return failure('所选需求的目的地与批次的目的地城市不同', { field: 'cityCode' })
  return { ok: true, ids: chosen.rows.map((r) => r.id) }
}

/** Marks checked demands (checkDemandForBatch) invited to `batchId`, audited `demand.invite` each; inside the caller's transaction. */
export function inviteDemand(tx: Queryable, actor: Actor, batchId: number, demandIds: number[]) {
  for (const id of demandIds) {
    tx.update(travelDemands).set({ state: 'invited', batchId }).where(eq(travelDemands.id, id)).run()
    writeActorAudit(tx, actor, { action: 'demand.invite', entity: 'travel_demand', entityId: id, detail: { batchId } })
  }
}

/**
 * When a batch is cancelled — or, with `workerId`, when that worker's seat on it ends (cancelled by them or
 * removed by staff: they still need a bus) — its invited or booked demand goes back to open (batch cleared),
 * audited `demand.reopen` each; or, when the worker has meanwhile registered another live demand (one live
 * demand per worker), to withdrawn. Inside the caller's transaction.
 */
export function reopenDemandOfBatch(tx: Queryable, actor: Actor, batchId: number, { workerId = null }: { workerId?: number | null } = {}) {
  const rows = tx
    .select({ id: travelDemands.id, workerId: travelDemands.workerId, state: travelDemands.state })
    .from(travelDemands)
    .where(
      and(
        eq(travelDemands.batchId, batchId),
        inArray(travelDemands.state, ['invited', 'booked']),
        workerId == null ? undefined : eq(travelDemands.workerId, workerId),
      ),
    )
    .all()
  for (const row of rows) {
    const other =
      countRows(tx, travelDemands, and(eq(travelDemands.workerId, row.workerId), inArray(travelDemands.state, LIVE), ne(travelDemands.id, row.id))) > 0
    const to = other ? 'withdrawn' : 'open'
    tx.update(travelDemands).set({ state: to, batchId: null }).where(eq(travelDemands.id, row.id)).run()
    writeActorAudit(tx, actor, { action: 'demand.reopen', entity: 'travel_demand', entityId: row.id, detail: { batchId, from: row.state, to } })
  }
}

/**
 * When a worker invited to `batchId` books a seat on it (bookSeat, in its transaction `tx`): their invited
 * demand becomes `booked`, audited `demand.book` by `actor`. A no-op when the worker has no demand invited
 * to that batch. Returns whether a demand was marked.
 */
export function markDemandBooked(tx: Queryable, { workerId, batchId, actor }: { workerId: number; batchId: number; actor: Actor }) {
  const demand = tx
    .select({ id: travelDemands.id })
    .from(travelDemands)
    .where(and(eq(travelDemands.workerId, workerId), eq(travelDemands.batchId, batchId), eq(travelDemands.state, 'invited')))
    .get()
  if (!demand) return false
  tx.update(travelDemands).set({ state: 'booked' }).where(eq(travelDemands.id, demand.id)).run()
  writeActorAudit(tx, actor, { action: 'demand.book', entity: 'travel_demand', entityId: demand.id, detail: { batchId } })
  return true
}

/**
 * The chosen demands a new batch starts from (/west/batches/new?demand=…), for the form: each an open demand
 * of the actor's county (else the Failure of demandForBatch), with the worker's name and the pickup
 * township's name, earliest day first.
 */
export function listChosenDemand(actor: Actor, demandIds: number[]) {
  const chosen = demandForBatch(db, actor, demandIds)
  if (!chosen.ok) return chosen
  const codes = [...new Set(chosen.rows.map((r) => r.pickupTownshipCode).filter((c): c is string => c != null))]
  const names = new Map(
    db
      .select({ code: areas.code, name: areas.name })
      .from(areas)
      .where(inArray(areas.code, codes.concat('')))
      .all()
      .map((a) => [a.code, a.name]),
  )
  return { ok: true as const, rows: chosen.rows.map((r) => ({ ...r, townshipName: r.pickupTownshipCode ? (names.get(r.pickupTownshipCode) ?? null) : null })) }
}
