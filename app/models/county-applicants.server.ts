import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { applications, areas, countyApplicationCounts, workers } from '../../db/schema'
import type { Actor } from '~/rules/permissions'
import { maskMobile } from '~/rules/mobile'
import { db } from '~/utils/db.server'

// A county's view of the applications to its partner city's posts: how many of its people applied to
// each post, and who (product brief §2, issue 9 §12). Counts come from county_application_counts, kept by
// triggers on applications (migration 0025), so no page joins every application with its ledger row
// (issue 10). Recommending is recommendWorker in ./application.server.ts.

const township = alias(areas, 'township')

/**
 * The newest `limit` people from the actor's county who have applied to a post (by themselves or
 * recommended), masked, newest first, so staff do not recommend the same person twice and can see how far
 * each one has got. Withdrawn applications are left out: the person may be recommended again
 * (recommendWorker reopens the row). A popular post's thousands are counted with
 * countCountyApplicantsOfVacancy, not listed (issue 10); whether a given person has applied is
 * appliedWorkerIds.
 */
export function listCountyApplicantsOfVacancy(actor: Actor, vacancyId: number, { limit }: { limit: number }) {
  return (
    db
      .select({
        id: applications.id,
        workerId: workers.id,
        name: workers.name,
        phone: workers.phone,
        townshipName: township.name,
        source: applications.source,
        status: applications.status,
        createdAt: applications.createdAt,
      })
      .from(applications)
      .innerJoin(workers, eq(workers.id, applications.workerId))
      .innerJoin(township, eq(township.code, workers.townshipCode))
      // Walks the post's applications newest first (applications_vacancy_idx) and stops at `limit`; the unary
      // + keeps SQLite from walking the county's whole ledger instead.
      .where(and(eq(applications.vacancyId, vacancyId), sql`+${workers.organisationId} = ${actor.organisationId}`, ne(applications.status, 'withdrawn')))
      .orderBy(desc(applications.id))
      .limit(limit)
      .all()
      .map(({ phone, ...rest }) => ({ ...rest, phoneMasked: phone ? maskMobile(phone) : null }))
  )
}

/**
 * How many people from the actor's county have applied to a post and not withdrawn (the count behind
 * listCountyApplicantsOfVacancy), from the kept county_application_counts.
 */
export function countCountyApplicantsOfVacancy(actor: Actor, vacancyId: number): number {
  const row = db
    .select({ n: sql<number | null>`sum(${countyApplicationCounts.n})` })
    .from(countyApplicationCounts)
    .where(
      and(
        eq(countyApplicationCounts.vacancyId, vacancyId),
        eq(countyApplicationCounts.organisationId, actor.organisationId),
        ne(countyApplicationCounts.status, 'withdrawn'),
      ),
    )
    .get()
  return row?.n ?? 0
}

/**
 * Which of the given ledger rows of the actor's county have applied to a post and not withdrawn (the
 * candidates on one page of the recommend list), read by the (post, person) key for those ids only.
 */
export function appliedWorkerIds(actor: Actor, vacancyId: number, workerIds: number[]): Set<number> {
  if (workerIds.length === 0) return new Set()
  const rows = db
    .select({ workerId: applications.workerId })
    .from(applications)
    .innerJoin(workers, eq(workers.id, applications.workerId))
    .where(
      and(
        eq(applications.vacancyId, vacancyId),
        inArray(applications.workerId, workerIds),
        // By the (post, person) key; the unary + keeps SQLite from walking the county's ledger instead.
        sql`+${workers.organisationId} = ${actor.organisationId}`,
        ne(applications.status, 'withdrawn'),
      ),
    )
    .all()
  return new Set(rows.map((r) => r.workerId))
}

/**
 * How many of the actor's county's people have applied to each of the given posts (in any status,
 * withdrawn included), from the kept county_application_counts: a map from post id to count, posts
 * without any left out.
 */
export function countCountyApplicantsByVacancy(actor: Actor, vacancyIds: number[]) {
  if (vacancyIds.length === 0) return new Map<number, number>()
  const rows = db
    .select({ vacancyId: countyApplicationCounts.vacancyId, n: sql<number>`sum(${countyApplicationCounts.n})` })
    .from(countyApplicationCounts)
    .where(and(inArray(countyApplicationCounts.vacancyId, vacancyIds), eq(countyApplicationCounts.organisationId, actor.organisationId)))
    .groupBy(countyApplicationCounts.vacancyId)
    .all()
  return new Map(rows.filter((r) => r.n > 0).map((r) => [r.vacancyId, r.n]))
}
