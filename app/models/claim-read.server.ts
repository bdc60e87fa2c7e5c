import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm'
import {
  areas,
  employers,
  employmentRecords,
  subsidyClaimEvents,
  subsidyClaims,
  subsidyFiles,
  subsidyTickets,
  users,
  workers,
  type SelectSubsidyClaim,
} from '../../db/schema'
import type { Actor } from '~/rules/permissions'
import { countsForYear } from '~/rules/subsidy-states'
import { db, type Queryable } from '~/utils/db.server'

// The worker's side of the transport subsidy (跨省一次性交通补助, issue 13 §3, §8), reads: their ledger row, their
// claims, one claim with its tickets and files, and any claim's timeline (which S4's and S5's pages show too).
// A claim that is not the signed-in worker's answers null, which the routes turn into a 404.

/** The ledger row of the worker signed in as `actor` (linked account, their county), with the account's verification; null otherwise. */
export function ownLedgerRow(q: Queryable, actor: Actor) {
  if (actor.role !== 'worker') return null
  return (
    q
      .select({ worker: workers, verifiedAt: users.verifiedAt })
      .from(workers)
      .innerJoin(users, eq(users.id, workers.userId))
      .where(and(eq(workers.userId, actor.userId), eq(workers.organisationId, actor.organisationId)))
      .get() ?? null
  )
}

/** Claim `claimId` if it is the signed-in worker's own (their ledger row, their county); null otherwise. */
export function ownClaim(q: Queryable, actor: Actor, claimId: number): SelectSubsidyClaim | null {
  const own = ownLedgerRow(q, actor)
  if (!own) return null
  return (
    q
      .select()
      .from(subsidyClaims)
      .where(and(eq(subsidyClaims.id, claimId), eq(subsidyClaims.workerId, own.worker.id), eq(subsidyClaims.organisationId, actor.organisationId)))
      .get() ?? null
  )
}

/**
 * Every claim of the signed-in worker, newest first (issue 13 §8): id, year, state, expected and approved
 * amounts in fen, the claim it tops up, when it was submitted (ms) and whether it is a flat-amount claim.
 * Empty for anyone else.
 */
export function claimsOfWorker(actor: Actor) {
  const own = ownLedgerRow(db, actor)
  if (!own) return []
  return db
    .select({
      id: subsidyClaims.id,
      year: subsidyClaims.year,
      state: subsidyClaims.state,
      flat: subsidyClaims.flat,
      expectedFen: subsidyClaims.expectedFen,
      approvedFen: subsidyClaims.approvedFen,
      topUpOfClaimId: subsidyClaims.topUpOfClaimId,
      submittedAt: subsidyClaims.submittedAt,
      createdAt: subsidyClaims.createdAt,
    })
    .from(subsidyClaims)
    .where(and(eq(subsidyClaims.workerId, own.worker.id), eq(subsidyClaims.organisationId, actor.organisationId)))
    .orderBy(desc(subsidyClaims.createdAt), desc(subsidyClaims.id))
    .all()
}

/**
 * The worker's claim that counts for `year` (issue 13 §2, once a year: submitted … paid, not a draft, not
 * rejected, not a top-up), with the states of the top-ups filed after it; null when there is none.
 */
export function countingClaimOf(q: Queryable, workerId: number, year: number) {
  const claim = q
    .select({ id: subsidyClaims.id, state: subsidyClaims.state, flat: subsidyClaims.flat, year: subsidyClaims.year })
    .from(subsidyClaims)
    .where(and(eq(subsidyClaims.workerId, workerId), eq(subsidyClaims.year, year), isNull(subsidyClaims.topUpOfClaimId)))
    .orderBy(desc(subsidyClaims.id))
    .all()
    .find((c) => countsForYear(c.state))
  if (!claim) return null
  const topUpStates = q
    .select({ state: subsidyClaims.state })
    .from(subsidyClaims)
    .where(eq(subsidyClaims.topUpOfClaimId, claim.id))
    .all()
    .map((c) => c.state)
  return { ...claim, topUpStates }
}

/** A claim's tickets in the order the form numbers them (第 n 张): outbound first, then as added. */
export function ticketsOfClaim(q: Queryable, claimId: number) {
  return q
    .select()
    .from(subsidyTickets)
    .where(eq(subsidyTickets.claimId, claimId))
    .orderBy(sql`case ${subsidyTickets.direction} when 'outbound' then 0 else 1 end`, asc(subsidyTickets.position))
    .all()
}

/** A claim's files (no stored names: those stay on the server), for the links `/claims/files/<id>`. */
export function claimFileList(q: Queryable, claimId: number) {
  return q
    .select({
      id: subsidyFiles.id,
      ticketId: subsidyFiles.ticketId,
      purpose: subsidyFiles.purpose,
      kind: subsidyFiles.kind,
      originalName: subsidyFiles.originalName,
      bytes: subsidyFiles.bytes,
    })
    .from(subsidyFiles)
    .where(eq(subsidyFiles.claimId, claimId))
    .orderBy(asc(subsidyFiles.id))
    .all()
}

/** The worker's portal employment records (newest first): id, employer, city code and name, start day. */
export function employmentChoices(q: Queryable, workerId: number) {
  return q
    .select({
      id: employmentRecords.id,
      employerName: employers.name,
      cityCode: employmentRecords.cityCode,
      cityName: areas.name,
      startDate: employmentRecords.startDate,
    })
    .from(employmentRecords)
    .innerJoin(employers, eq(employers.id, employmentRecords.employerId))
    .innerJoin(areas, eq(areas.code, employmentRecords.cityCode))
    .where(eq(employmentRecords.workerId, workerId))
    .orderBy(desc(employmentRecords.startDate))
    .limit(20)
    .all()
}

/** Whose side a timeline event was done by, as the worker reads it: never a staff member's name (issue 13 §8). */
export type ClaimEventSide = 'self' | 'centre' | 'system'

/** The Chinese of each side. */
export const CLAIM_EVENT_SIDE_LABELS = { self: '本人', centre: '县就业中心', system: '系统' } as const satisfies Record<ClaimEventSide, string>

/**
 * A claim's timeline (issue 13 §6, §8), oldest first: each event's id, when (ms), from and to state, whose
 * side did it (the claim's worker → `self`, staff → `centre`, nobody → `system`; `assisted` when staff
 * filed it for the worker), the reason code and the message. Read-only; the caller has already checked
 * the viewer may see the claim.
 */
export function claimTimeline(q: Queryable, claimId: number) {
  const claim = q.select({ userId: subsidyClaims.userId }).from(subsidyClaims).where(eq(subsidyClaims.id, claimId)).get()
  const rows = q
    .select({
      id: subsidyClaimEvents.id,
      at: subsidyClaimEvents.createdAt,
      fromState: subsidyClaimEvents.fromState,
      toState: subsidyClaimEvents.toState,
      actorUserId: subsidyClaimEvents.actorUserId,
      actorRole: users.role,
      reason: subsidyClaimEvents.reason,
      message: subsidyClaimEvents.message,
    })
    .from(subsidyClaimEvents)
    .leftJoin(users, eq(users.id, subsidyClaimEvents.actorUserId))
    .where(eq(subsidyClaimEvents.claimId, claimId))
    .orderBy(asc(subsidyClaimEvents.createdAt), asc(subsidyClaimEvents.id))
    .all()
  return rows.map(({ actorUserId, actorRole, ...e }) => {
    const side: ClaimEventSide = actorUserId == null ? 'system' : actorRole === 'worker' ? 'self' : 'centre'
    return { ...e, at: e.at.getTime(), side, assisted: side === 'centre' && e.fromState == null && claim?.userId == null }
  })
}

export type ClaimTimelineEvent = ReturnType<typeof claimTimeline>[number]

/** The files of some tickets, grouped by ticket id. */
export function filesByTicket(files: ReturnType<typeof claimFileList>) {
  const map = new Map<number, typeof files>()
  for (const f of files) {
    if (f.ticketId == null) continue
    map.set(f.ticketId, [...(map.get(f.ticketId) ?? []), f])
  }
  return map
}
