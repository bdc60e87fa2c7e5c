import { and, desc, eq } from 'drizzle-orm'
import { areas, employers, employmentRecords, workers } from '../../db/schema'
import type { ArchiveReason } from '~/rules/ledger-archive'
import type { Actor } from '~/rules/permissions'
import { writeActorAudit } from '~/utils/audit.server'
import { db, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { findOwned } from './query.server'

// Ledger housekeeping on one row of the actor's county (issue 11 §2 and §3): archive and restore, and the
// question a hire raises about the row's 就业状态. Every query is scoped by actor.organisationId; null means
// "not this county's row" (→ 404).

/**
 * Archives one of the county's ledger rows with a reason (and the note typed with it, kept on the row,
 * never in the append-only log). The row leaves the list, the county's figure and the search (triggers
 * of migration 0030), keeps its applications and employment records, and is audited
 * (`registry.archive`, the reason code only). A Failure (400) when it is already archived; null when not
 * this county's.
 */
export function archiveWorker(actor: Actor, id: number, { reason, note }: { reason: ArchiveReason; note: string | null }): Result | null {
  return writeTransaction((tx): Result | null => {
    const current = findOwned(tx, workers, actor, id, { archivedAt: workers.archivedAt })
    if (!current) return null
    if (current.archivedAt != null) return failure('此人已经归档')
    tx.update(workers)
      .set({ archivedAt: new Date(), archiveReason: reason, archiveNote: note, archivedByUserId: actor.userId, updatedByUserId: actor.userId })
      .where(eq(workers.id, id))
      .run()
    writeActorAudit(tx, actor, { action: 'registry.archive', entity: 'worker', entityId: id, reason, detail: { withNote: note != null } })
    return { ok: true }
  })
}

/**
 * Restores an archived row of the county to the ledger (list, figure, search again), audited
 * (`registry.restore`, with the reason it had been archived for). A Failure when it is not archived;
 * null when not this county's.
 */
export function restoreWorker(actor: Actor, id: number): Result | null {
  return writeTransaction((tx): Result | null => {
    const current = findOwned(tx, workers, actor, id, { archivedAt: workers.archivedAt, archiveReason: workers.archiveReason })
    if (!current) return null
    if (current.archivedAt == null) return failure('此人不在归档中')
    tx.update(workers)
      .set({ archivedAt: null, archiveReason: null, archiveNote: null, archivedByUserId: null, updatedByUserId: actor.userId })
      .where(eq(workers.id, id))
      .run()
    writeActorAudit(tx, actor, { action: 'registry.restore', entity: 'worker', entityId: id, detail: { wasArchivedFor: current.archiveReason } })
    return { ok: true }
  })
}

/** What a portal hire sets 就业状态 to: the posts are in Shandong, so the person works outside Chongqing. */
export const HIRED_EMPLOYMENT_STATUS = 'out_of_province' as const

function latestHire(q: Queryable, workerId: number) {
  return (
    q
      .select({
        id: employmentRecords.id,
        createdAt: employmentRecords.createdAt,
        startDate: employmentRecords.startDate,
        employerName: employers.name,
        cityName: areas.name,
      })
      .from(employmentRecords)
      .innerJoin(employers, eq(employers.id, employmentRecords.employerId))
      .innerJoin(areas, eq(areas.code, employmentRecords.cityCode))
      .where(eq(employmentRecords.workerId, workerId))
      .orderBy(desc(employmentRecords.createdAt), desc(employmentRecords.id))
      .limit(1)
      .get() ?? null
  )
}

/**
 * The question to put to staff on a ledger row (decision 017): the newest employment record of the
 * person, when it was recorded after staff last answered and the row's 就业状态 is not already 省外务工 —
 * otherwise null. Takes the row as getWorker returns it.
 */
export function employmentQuestion(worker: { id: number; employmentStatus: string; employmentCheckedAt: Date | null; archivedAt: Date | null }) {
  if (worker.archivedAt != null || worker.employmentStatus === HIRED_EMPLOYMENT_STATUS) return null
  const hire = latestHire(db, worker.id)
  if (!hire) return null
  if (worker.employmentCheckedAt != null && hire.createdAt.getTime() <= worker.employmentCheckedAt.getTime()) return null
  return { startDate: hire.startDate, employerName: hire.employerName, cityName: hire.cityName }
}

/**
 * Staff answer the hire question on one of the county's rows: `update` sets 就业状态 to 省外务工 (audited as
 * `registry.update` of employmentStatus, via the hire), `keep` leaves it (audited `registry.employment_kept`);
 * either way the question is not asked again until a later hire. A Failure when there is no question to
 * answer (already answered, archived, no hire); null when not this county's row.
 */
export function answerEmploymentQuestion(actor: Actor, id: number, answer: 'update' | 'keep'): Result | null {
  return writeTransaction((tx): Result | null => {
    const row = findOwned(tx, workers, actor, id, {
      id: workers.id,
      employmentStatus: workers.employmentStatus,
      employmentCheckedAt: workers.employmentCheckedAt,
      archivedAt: workers.archivedAt,
    })
    if (!row) return null
    if (!employmentQuestion(row)) return failure('就业状态已经确认过了')
    const now = new Date()
    if (answer === 'update') {
      tx.update(workers)
        .set({ employmentStatus: HIRED_EMPLOYMENT_STATUS, employmentCheckedAt: now, updatedByUserId: actor.userId })
        .where(and(eq(workers.id, id), eq(workers.organisationId, actor.organisationId)))
        .run()
      writeActorAudit(tx, actor, { action: 'registry.update', entity: 'worker', entityId: id, detail: { fields: ['employmentStatus'], via: 'hire' } })
    } else {
      tx.update(workers).set({ employmentCheckedAt: now, updatedByUserId: actor.userId }).where(eq(workers.id, id)).run()
      writeActorAudit(tx, actor, { action: 'registry.employment_kept', entity: 'worker', entityId: id, detail: { status: row.employmentStatus } })
    }
    return { ok: true }
  })
}
