import crypto from 'node:crypto'
import { and, eq, gt, lte } from 'drizzle-orm'
import { attempts } from '../../db/schema'
import type { ThrottleScope } from '~/rules/account-enums'
import { type Queryable, writeTransaction } from '~/utils/db.server'
import { countRows } from './query.server'

// Throttles (OWASP ASVS V6.3; security.md §8): every guess at a password and every registration is
// counted BEFORE the expensive or revealing part runs. The count and the new attempt row are written in
// one BEGIN IMMEDIATE transaction, so neither parallel requests in this process (which all reach the
// check before the first argon2 finishes) nor other processes on the same SQLite file can slip past it.
// The database is the only source of truth: no counter lives in memory.

export type { ThrottleScope }

export type ThrottlePolicy = {
  /** The rolling window, in milliseconds. */
  windowMs: number
  /** Attempts per key (a typed login name, an account) in the window; null = not counted by key. */
  perKey: number | null
  /** Attempts per client address in the window; null = not counted by address. */
  perAddress: number | null
}

export const THROTTLES: Record<ThrottleScope, ThrottlePolicy> = {
  // Per typed name and per address. A success clears the name's attempts, so a right password after a
  // few typos still works.
  login: { windowMs: 15 * 60_000, perKey: 5, perAddress: 30 },
  // Per address only; generous, because a village's phones often share one carrier-NAT address. Every
  // attempt that reaches the identity check counts, successful or not ("taken" answers included), so
  // the form cannot be used to probe who is registered.
  register: { windowMs: 60 * 60_000, perKey: null, perAddress: 30 },
  // "Current password" on the worker's own profile: a stolen session must not become a password oracle.
  current_password: { windowMs: 15 * 60_000, perKey: 5, perAddress: null },
  // County staff typing a worker's ID and phone tails before a password reset or a phone change (issue 9
  // §1): per account, so the form cannot be used to guess one person's numbers four digits at a time, and
  // per address, so one office cannot sweep many accounts. Generous enough for a clerk's typos.
  identity_check: { windowMs: 60 * 60_000, perKey: 5, perAddress: 60 },
}

/** Whole minutes of a scope's window, for messages ("请 15 分钟后再试"). */
export function throttleMinutes(scope: ThrottleScope) {
  return Math.round(THROTTLES[scope].windowMs / 60_000)
}

/** The stored form of a key: a SHA-256 of scope and key, so no typed phone number is kept in clear. */
export function throttleKeyHash(scope: ThrottleScope, key: string) {
  return crypto.createHash('sha256').update(`${scope}:${key}`).digest('hex')
}

export type Reservation = { ok: true; attemptId: number } | { ok: false; limitedBy: 'key' | 'address' }

/**
 * Counts the key's and the address's attempts of this scope in the policy's window and, when both are
 * under their limits, records this attempt — atomically (BEGIN IMMEDIATE). Call it before checking the
 * password or creating anything; a `{ ok: false }` answer means the caller must stop and answer 429.
 * Rows older than the window are removed on the way.
 *
 * @param scope which throttle (see THROTTLES)
 * @param key what is guessed at: the normalised login name, an account id; omitted for address-only scopes
 * @param ip the client address (context.clientIp)
 * @param now the clock, for tests
 * @returns `{ ok: true, attemptId }` when the attempt may go ahead, else which limit was hit
 */
export function reserveAttempt({
  scope,
  key,
  ip,
  now = new Date(),
}: {
  scope: ThrottleScope
  key?: string | null
  ip: string | null
  now?: Date
}): Reservation {
  const policy = THROTTLES[scope]
  const since = new Date(now.getTime() - policy.windowMs)
  const keyHash = key == null ? null : throttleKeyHash(scope, key)
  const address = ip || 'unknown'
  return writeTransaction((tx) => {
    tx.delete(attempts)
      .where(and(eq(attempts.scope, scope), lte(attempts.at, since)))
      .run()
    if (policy.perKey != null && keyHash != null) {
      const byKey = countRows(tx, attempts, and(eq(attempts.scope, scope), eq(attempts.keyHash, keyHash), gt(attempts.at, since)))
      if (byKey >= policy.perKey) return { ok: false as const, limitedBy: 'key' as const }
    }
    if (policy.perAddress != null) {
      const byAddress = countRows(tx, attempts, and(eq(attempts.scope, scope), eq(attempts.ip, address), gt(attempts.at, since)))
      if (byAddress >= policy.perAddress) return { ok: false as const, limitedBy: 'address' as const }
    }
    const { id } = tx.insert(attempts).values({ scope, keyHash, ip: address, at: now }).returning({ id: attempts.id }).get()
    return { ok: true as const, attemptId: id }
  })
}

/**
 * Forgets every attempt of a key in a scope — after the right password, so earlier typos do not count
 * against the next sign-in. The address's count of other keys is untouched. Runs on `q`, so the caller
 * can put it in the same transaction as the success it records.
 */
export function clearAttempts(q: Queryable, { scope, key }: { scope: ThrottleScope; key: string }) {
  q.delete(attempts)
    .where(and(eq(attempts.scope, scope), eq(attempts.keyHash, throttleKeyHash(scope, key))))
    .run()
}
