import { and, eq, inArray } from 'drizzle-orm'
import { workers } from '../../db/schema'
import type { Actor } from '~/rules/permissions'
import type { RecommendOutcome } from '~/rules/recommend'
import { writeTransaction } from '~/utils/db.server'
import type { Failure, Result } from '~/utils/mutation.server'
import { recommendWorker } from './application.server'

// Recommending several ledger workers to a post in one submission (issue 11 §4). Each person is put
// forward by recommendWorker — one application row and one audit entry each, the unique index
// applications_vacancy_worker_uq keeping a person to one row per post — all in one write transaction, so
// a submission is recorded whole or not at all. A replayed POST finds everyone already applied and adds
// nothing.

/** Thrown inside the transaction to roll back what this submission wrote when the post refuses it. */
class Refused extends Error {
  constructor(readonly answer: Failure | null) {
    super('recommend refused')
  }
}

/**
 * County staff (the actor) recommend the picked ledger workers (ids, distinct, at most
 * RECOMMEND_AT_ONCE_MAX — the route checks) to a post open to their county, with one note for all.
 * Returns the outcome: who was recommended, who was skipped (already applied, archived ledger row) and how
 * many ids are not rows of the actor's ledger (never named). Null (→ 404) when none of the ids is the
 * actor's or the post is missing, a draft or not for this county; a Failure (400) when the post has
 * stopped taking applications — then nothing is written.
 */
export function recommendWorkers(actor: Actor, vacancyId: number, workerIds: number[], note: string | null): Result<RecommendOutcome & { id: number }> | null {
  try {
    return writeTransaction((tx) => {
      const own = tx
        .select({ id: workers.id, name: workers.name, archivedAt: workers.archivedAt })
        .from(workers)
        .where(and(eq(workers.organisationId, actor.organisationId), inArray(workers.id, workerIds)))
        .all()
      if (own.length === 0) return null
      const byId = new Map(own.map((w) => [w.id, w]))
      const outcome: RecommendOutcome = { recommended: [], skipped: [], notOwn: workerIds.length - own.length }
      for (const id of workerIds) {
        const w = byId.get(id)
        if (!w) continue
        if (w.archivedAt != null) {
          outcome.skipped.push({ id, name: w.name, reason: 'archived' })
          continue
        }
        const result = recommendWorker(actor, vacancyId, id, note)
        if (!result || !result.ok) throw new Refused(result)
        if (result.existing) outcome.skipped.push({ id, name: w.name, reason: 'applied' })
        else outcome.recommended.push({ id: result.id, name: w.name })
      }
      // The first application made (0 when none): what a form token would record.
      return { ok: true as const, id: outcome.recommended[0]?.id ?? 0, ...outcome }
    })
  } catch (e) {
    if (e instanceof Refused) return e.answer
    throw e
  }
}
