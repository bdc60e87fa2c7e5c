import { and, eq, inArray, ne, or } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { subsidyClaims, subsidyFiles, subsidyFlags, subsidyTickets, workers, type ClaimFlagKind } from '../../db/schema'
import { flagText, type FlagText } from '~/rules/claim-flag-text'
import type { Queryable } from '~/utils/db.server'
import { hammingDistance } from '~/utils/image.server'

// Duplicates as evidence for the reviewer (issue 13 §5, decision 025): a claim's ticket numbers, files and
// photos are compared with those of every other claim that left the draft stage, in every county, and each
// match is written both ways in subsidy_flags, so the other claim's reviewer sees it too. A flag is a reason
// to look, never a decision: the reviewer compares the two and decides.

/** Photos whose perceptual hashes differ in at most this many of 64 bits are flagged as near-identical. */
export const PHOTO_DISTANCE_LIMIT = 8

const otherClaims = alias(subsidyClaims, 'other_claims')
const otherTickets = alias(subsidyTickets, 'other_tickets')

/**
 * The band values that find a photo whose hash differs from `band` (16 bits) in at most one bit: the band
 * itself and its 16 one-bit neighbours. Searching all four bands with these finds every hash within
 * distance 7 (eight differing bits spread two per band is the first pattern it can miss) and most at 8.
 */
function bandProbes(band: number) {
  return [band, ...Array.from({ length: 16 }, (_, bit) => band ^ (1 << bit))]
}

type Match = { kind: ClaimFlagKind; ticketId: number | null; otherClaimId: number; otherTicketId: number | null; distance: number | null }

/** This claim's matches in other non-draft claims: same ticket number, same file, near-identical photo. */
function findMatches(tx: Queryable, claimId: number): Match[] {
  const matches: Match[] = []
  const tickets = tx
    .select({ id: subsidyTickets.id, ticketNumber: subsidyTickets.ticketNumber })
    .from(subsidyTickets)
    .where(eq(subsidyTickets.claimId, claimId))
    .all()
    .filter((t) => t.ticketNumber.trim() !== '')
  if (tickets.length > 0) {
    const same = tx
      .select({ id: subsidyTickets.id, claimId: subsidyTickets.claimId, ticketNumber: subsidyTickets.ticketNumber })
      .from(subsidyTickets)
      .innerJoin(otherClaims, eq(otherClaims.id, subsidyTickets.claimId))
      .where(
        and(
          inArray(
            subsidyTickets.ticketNumber,
            tickets.map((t) => t.ticketNumber),
          ),
          ne(subsidyTickets.claimId, claimId),
          ne(otherClaims.state, 'draft'),
        ),
      )
      .all()
    for (const other of same) {
      for (const own of tickets.filter((t) => t.ticketNumber === other.ticketNumber)) {
        matches.push({ kind: 'ticket_number', ticketId: own.id, otherClaimId: other.claimId, otherTicketId: other.id, distance: null })
      }
    }
  }

  const files = tx.select().from(subsidyFiles).where(eq(subsidyFiles.claimId, claimId)).all()
  const otherFile = { claimId: subsidyFiles.claimId, ticketId: subsidyFiles.ticketId, sha256: subsidyFiles.sha256, photoHash: subsidyFiles.photoHash }
  const notThisOrDraft = and(ne(subsidyFiles.claimId, claimId), ne(otherClaims.state, 'draft'))
  for (const file of files) {
    const sameBytes = tx
      .select(otherFile)
      .from(subsidyFiles)
      .innerJoin(otherClaims, eq(otherClaims.id, subsidyFiles.claimId))
      .where(and(eq(subsidyFiles.sha256, file.sha256), notThisOrDraft))
      .all()
    for (const other of sameBytes) {
      matches.push({ kind: 'file_hash', ticketId: file.ticketId, otherClaimId: other.claimId, otherTicketId: other.ticketId, distance: null })
    }
    if (file.photoHash == null || file.band0 == null || file.band1 == null || file.band2 == null || file.band3 == null) continue
    // Each band is an indexed column: SQLite answers the OR of the four IN lists from the four indexes.
    const near = tx
      .select(otherFile)
      .from(subsidyFiles)
      .innerJoin(otherClaims, eq(otherClaims.id, subsidyFiles.claimId))
      .where(
        and(
          or(
            inArray(subsidyFiles.band0, bandProbes(file.band0)),
            inArray(subsidyFiles.band1, bandProbes(file.band1)),
            inArray(subsidyFiles.band2, bandProbes(file.band2)),
            inArray(subsidyFiles.band3, bandProbes(file.band3)),
          ),
          notThisOrDraft,
        ),
      )
      .all()
    for (const other of near) {
      if (other.photoHash == null || other.sha256 === file.sha256) continue
      const distance = hammingDistance(file.photoHash, other.photoHash)
      if (distance <= PHOTO_DISTANCE_LIMIT) {
        matches.push({ kind: 'photo_hash', ticketId: file.ticketId, otherClaimId: other.claimId, otherTicketId: other.ticketId, distance })
      }
    }
  }
  return matches
}

/** One flag per kind, ticket and other ticket (several photos of one ticket give one flag), the closest photo kept. */
function distinct(matches: Match[]) {
  const kept = new Map<string, Match>()
  for (const m of matches) {
    const key = `${m.kind}|${m.ticketId}|${m.otherClaimId}|${m.otherTicketId}`
    const seen = kept.get(key)
    if (!seen || (m.distance ?? 0) < (seen.distance ?? 0)) kept.set(key, m)
  }
  return [...kept.values()]
}

/**
 * Flags a claim's duplicates (issue 13 §5) against every other claim of any county that is not a draft: the
 * same ticket number, the same file (sha256 of the upload), or a photo whose perceptual hash is within
 * PHOTO_DISTANCE_LIMIT bits (found through the four indexed 16-bit bands, each probed with its one-bit
 * neighbours: every pair within distance 7 is found, and a pair at 8 unless its differing bits fall two in
 * each band). Each match is written on both claims; the claim's earlier flags are replaced, so a claim
 * corrected and submitted again is judged afresh. Synchronous: call it inside the submitting write
 * transaction. Takes the transaction and the claim id; returns how many matches this claim has.
 */
export function flagDuplicates(tx: Queryable, claimId: number): number {
  tx.delete(subsidyFlags)
    .where(or(eq(subsidyFlags.claimId, claimId), eq(subsidyFlags.otherClaimId, claimId)))
    .run()
  const matches = distinct(findMatches(tx, claimId))
  for (const m of matches) {
    const rows = [
      { claimId, ticketId: m.ticketId, kind: m.kind, otherClaimId: m.otherClaimId, otherTicketId: m.otherTicketId, distance: m.distance },
      { claimId: m.otherClaimId, ticketId: m.otherTicketId, kind: m.kind, otherClaimId: claimId, otherTicketId: m.ticketId, distance: m.distance },
    ]
    tx.insert(subsidyFlags).values(rows).onConflictDoNothing().run()
  }
  return matches.length
}

/** A flag as a reviewer sees it. `other` is null when the viewer may not know whose claim it is. */
export type ClaimFlagView = {
  id: number
  kind: ClaimFlagKind
  ticketId: number | null
  otherTicketId: number | null
  /** Hamming distance of a photo match (0–64); null for the other kinds. */
  distance: number | null
  /** The other claim, named only to staff of its own county. */
  other: { claimId: number; workerName: string; state: string } | null
  /** How to name the other claim on screen: the worker's name and claim number, or "另一区县的申请". */
  otherLabel: string
  /** The flag as a clerk reads it (rules/claim-flag-text.ts): what was found and, for a photo, the detail. */
  text: FlagText
}

/**
 * The flags of a claim for a reviewer (issue 13 §5): each with the other claim's id, its worker's name and
 * state when the viewer is staff of that claim's county (`viewerOrganisationId`), otherwise only
 * "另一区县的申请". Pass null for a viewer who may name no one (the worker themselves: the other claim is
 * someone else's). Takes a connection or transaction; returns the flags, oldest first.
 */
export function flagsOfClaim(tx: Queryable, claimId: number, viewerOrganisationId: number | null): ClaimFlagView[] {
  const rows = tx
    .select({
      id: subsidyFlags.id,
      kind: subsidyFlags.kind,
      ticketId: subsidyFlags.ticketId,
      otherTicketId: subsidyFlags.otherTicketId,
      distance: subsidyFlags.distance,
      otherClaimId: subsidyFlags.otherClaimId,
      otherOrganisationId: otherClaims.organisationId,
      otherState: otherClaims.state,
      otherWorkerName: workers.name,
      otherTicketPosition: otherTickets.position,
    })
    .from(subsidyFlags)
    .innerJoin(otherClaims, eq(otherClaims.id, subsidyFlags.otherClaimId))
    .leftJoin(otherTickets, eq(otherTickets.id, subsidyFlags.otherTicketId))
    .innerJoin(workers, eq(workers.id, otherClaims.workerId))
    .where(eq(subsidyFlags.claimId, claimId))
    .orderBy(subsidyFlags.id)
    .all()
  return rows.map((r) => {
    const named = viewerOrganisationId != null && r.otherOrganisationId === viewerOrganisationId
    const otherLabel = named ? `${r.otherWorkerName}的申请（第 ${r.otherClaimId} 号）` : viewerOrganisationId == null ? '另一份申请' : '另一区县的申请'
    return {
      id: r.id,
      kind: r.kind,
      ticketId: r.ticketId,
      otherTicketId: r.otherTicketId,
      distance: r.distance,
      other: named ? { claimId: r.otherClaimId, workerName: r.otherWorkerName, state: r.otherState } : null,
      otherLabel,
      text: flagText({ kind: r.kind, otherLabel, otherTicketPosition: r.otherTicketPosition, distance: r.distance }),
    }
  })
}
