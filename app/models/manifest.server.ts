import { and, asc, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { areas, batchEmployers, batchSeats, batchVehicles, batches, employers, organisations, type SelectBatch, workers } from '../../db/schema'
import type { BatchState } from '~/rules/batch'
import type { ManifestRow } from '~/rules/manifest'

export type { ManifestRow }
import { isManifestFullReason } from '~/rules/manifest'
import { maskNumbers } from '~/rules/masked-numbers'
import type { Actor } from '~/rules/permissions'
import { SEX_LABELS } from '~/rules/registry'
import { writeActorAudit } from '~/utils/audit.server'
import { db, writeTransaction } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { findOwned } from './query.server'

// The manifest (乘车名单, issue 12 §5): a batch's seated people bus by bus in seat order once the seat
// plan exists (the batch closed), or in booking order labelled 预排 before it. ID numbers and phones are
// masked; the full numbers are a disclosure chosen for a listed purpose (rules/manifest.ts) and audited (manifest.view_full /
// manifest.export_full), as the ledger's 完整信息 export is. The county reads its own batches here; the
// receiving bureau reads the masked manifest through models/arrival.server.ts.

/** The most people a manifest lists: a batch's seated rows (80-seat buses, a handful of them). */
export const MANIFEST_MAX_ROWS = 1000

/** The states in which the seat plan exists, so the manifest is by bus and seat. */
const PLANNED: readonly BatchState[] = ['closed', 'departed', 'arrived']

/** One bus of a planned manifest: plate, seats and its people in seat order. */
export type ManifestBus = { vehicleId: number; plate: string; seats: number; rows: ManifestRow[] }

/** A batch's manifest: the batch, its city and employers, and its people by bus (planned) or in booking order (预排). */
export type Manifest = {
  batch: SelectBatch
  cityName: string
  /** The sending county's name (its centre's area). */
  countyName: string
  employers: string[]
  planned: boolean
  full: boolean
  buses: ManifestBus[]
  /** Before the plan: every seated person in booking order, no seat numbers. */
  preplan: ManifestRow[]
  total: number
}

/**
 * The manifest of `batch` (already scoped by the caller). Takes the batch row and whether to carry full
 * numbers; returns the Manifest. Reads the seated rows once (≤ MANIFEST_MAX_ROWS) with their ledger row,
 * township and destination employer. Never writes.
 */
export function readManifest(batch: SelectBatch, { full = false }: { full?: boolean } = {}): Manifest {
  const cityName = db.select({ name: areas.name }).from(areas).where(eq(areas.code, batch.cityCode)).get()?.name ?? batch.cityCode
  const countyName =
    db
      .select({ name: areas.name })
      .from(organisations)
      .innerJoin(areas, eq(areas.code, organisations.areaCode))
      .where(eq(organisations.id, batch.organisationId))
      .get()?.name ?? ''
  const employerNames = db
    .select({ name: employers.name })
    .from(batchEmployers)
    .innerJoin(employers, eq(employers.id, batchEmployers.employerId))
    .where(eq(batchEmployers.batchId, batch.id))
    .orderBy(asc(employers.name))
    .all()
    .map((e) => e.name)
  const vehicles = db.select().from(batchVehicles).where(eq(batchVehicles.batchId, batch.id)).orderBy(asc(batchVehicles.id)).all()
  const township = alias(areas, 'township')
  // The demand's employer, else the latest hire of this worker by one of the batch's employers.
  const employer = sql<string | null>`coalesce(
    (select e.name from travel_demands d join employers e on e.id = d.employer_id where d.id = ${batchSeats.demandId}),
    (select e.name from employment_records r
       join batch_employers be on be.employer_id = r.employer_id and be.batch_id = ${batchSeats.batchId}
       join employers e on e.id = r.employer_id
     where r.worker_id = ${batchSeats.workerId} order by r.start_date desc limit 1))`
  const people = db
    .select({
      seatId: batchSeats.id,
      vehicleId: batchSeats.vehicleId,
      seatNo: batchSeats.seatNo,
      name: workers.name,
      sex: workers.sex,
      idNumber: workers.idNumber,
      phone: workers.phone,
      township: township.name,
      employer,
      boarding: batchSeats.boarding,
      arrival: batchSeats.arrival,
      employmentRecordId: batchSeats.employmentRecordId,
    })
    .from(batchSeats)
    .innerJoin(workers, eq(workers.id, batchSeats.workerId))
    .leftJoin(township, eq(township.code, workers.townshipCode))
    .where(and(eq(batchSeats.batchId, batch.id), eq(batchSeats.status, 'seated')))
    .orderBy(asc(batchSeats.id))
    .limit(MANIFEST_MAX_ROWS)
    .all()
  const onlyEmployer = employerNames.length === 1 ? employerNames[0] : null
  const rows: ManifestRow[] = people.map(({ employmentRecordId, sex, employer: e, ...p }, i) => ({
    ...(full ? p : maskNumbers(p)),
    order: i + 1,
    sex: SEX_LABELS[sex],
    employer: e ?? onlyEmployer,
    linked: employmentRecordId != null,
  }))
  const planned = PLANNED.includes(batch.state) && rows.some((r) => r.vehicleId != null)
  const buses = planned
    ? vehicles.map((v) => ({
        vehicleId: v.id,
        plate: v.plate,
        seats: v.seats,
        rows: rows.filter((r) => r.vehicleId === v.id).sort((a, b) => (a.seatNo ?? 0) - (b.seatNo ?? 0)),
      }))
    : []
  return { batch, cityName, countyName, employers: employerNames, planned, full, buses, preplan: planned ? [] : rows, total: rows.length }
}

/** The masked manifest of a batch of the actor's county; null when it is not the county's (→ 404). */
export function manifestForCounty(actor: Actor, batchId: number): Manifest | null {
  const batch = findOwned(db, batches, actor, batchId)
  return batch ? readManifest(batch) : null
}

/**
 * The full-number manifest of a batch of the actor's county, a disclosure (security.md): refused unless
 * `reason` is one of MANIFEST_FULL_REASONS (field `reason`), else audited as `how`
 * (`manifest.view_full` for the page, `manifest.export_full` for the xlsx) with the reason code and the
 * row count. Null when the batch is not the county's (→ 404).
 */
export function fullManifestForCounty(
  actor: Actor,
  batchId: number,
  { reason, how }: { reason: unknown; how: 'manifest.view_full' | 'manifest.export_full' },
): Result<{ manifest: Manifest }> | null {
  const batch = findOwned(db, batches, actor, batchId)
  if (!batch) return null
  if (!isManifestFullReason(reason)) return failure('请选择查看完整号码的用途，将记录在操作记录中', { field: 'reason' })
  return writeTransaction((tx) => {
    const manifest = readManifest(batch, { full: true })
    writeActorAudit(tx, actor, { action: how, entity: 'batch', entityId: batchId, reason, detail: { rows: manifest.total } })
    return { ok: true as const, manifest }
  })
}

/** The manifest's rows in print order: bus by bus in seat order once planned, else the 预排 booking order. */
export function manifestRowsInOrder(manifest: Manifest): (ManifestRow & { plate: string | null })[] {
  if (!manifest.planned) return manifest.preplan.map((r) => ({ ...r, plate: null }))
  return manifest.buses.flatMap((b) => b.rows.map((r) => ({ ...r, plate: b.plate })))
}

/**
 * What the manifest's pages print (components/manifest-sheet.tsx): the header every bus repeats, the
 * buses once planned, the 预排 list before (null once planned), whether numbers are full, the count.
 */
export function manifestView(m: Manifest) {
  const b = m.batch
  return {
    batch: {
      id: b.id,
      state: b.state,
      departureDate: b.departureDate,
      departureTime: b.departureTime,
      pickupName: b.pickupName,
      pickupAddress: b.pickupAddress,
      escortName: b.escortName,
      escortPhone: b.escortPhone,
      cityName: m.cityName,
      countyName: m.countyName,
      employers: m.employers,
    },
    buses: m.buses,
    preplan: m.planned ? null : m.preplan,
    full: m.full,
    total: m.total,
  }
}
