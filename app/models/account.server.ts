import crypto from 'node:crypto'
import { and, asc, eq, isNull, like, notExists } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { areas, organisations, users, workers } from '../../db/schema'
import { maskIdNumber } from '~/rules/id-number'
import { generateInitialPassword } from '~/rules/password'
import type { Actor } from '~/rules/permissions'
import { verificationState } from '~/rules/verification'
import { writeActorAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, type Queryable, writeTransaction } from '~/utils/db.server'
import { createOnce, findFormSubmission, type FormOnce } from '~/utils/form-token.server'
import { failure, type Failure, type Result } from '~/utils/mutation.server'
import { hashPassword, verifyPassword } from '~/utils/password.server'
import { destroyAllSessionsOf } from '~/utils/session.server'
import { findOwned } from './query.server'
import { clearAttempts, reserveAttempt, throttleMinutes } from './throttle.server'

// Worker accounts once they exist: assisted registration by county staff (an account opened verified
// for a ledger row) and the worker's own profile. Registration is in ./registration.server.ts, matching
// to the ledger in ./verification.server.ts.

export const CURRENT_PASSWORD_THROTTLED = `核对当前密码的次数过多，请 ${throttleMinutes('current_password')} 分钟后再试`

// ---------------------------------------------------------------------------------------------------
// Assisted registration (代为开通): staff open a verified account for a ledger row

const township = alias(areas, 'township')

const accountWithSameId = (q: Queryable) => q.select({ id: users.id }).from(users).where(eq(users.idNumber, workers.idNumber))

/** Ledger rows of the actor's county with no account at all, by part of the name, at most `limit`; ID numbers masked. */
export function listLedgerRowsWithoutAccount(actor: Actor, nameQuery: string, limit = 20) {
  const q = nameQuery.replace(/[%_\\]/g, '')
  // A query of only wildcard characters searches for nothing, not for everything.
  if (q.trim() === '') return []
  return db
    .select({ id: workers.id, name: workers.name, idNumber: workers.idNumber, birthDate: workers.birthDate, townshipName: township.name })
    .from(workers)
    .innerJoin(township, eq(township.code, workers.townshipCode))
    .where(and(eq(workers.organisationId, actor.organisationId), isNull(workers.userId), like(workers.name, `%${q}%`), notExists(accountWithSameId(db))))
    .orderBy(asc(workers.name), asc(workers.id))
    .limit(limit)
    .all()
    .map(({ idNumber, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) }))
}

export type AssistedAccount = { userId: number; name: string; phone: string; initialPassword: string }

/** A create form sent again: the account its first sending opened; its password was shown then only. */
export type AssistedAccountSentBefore = { userId: number; sentBefore: true }

/**
 * Opens an account for a person already in the actor's county's ledger: verified and linked at once (in
 * one transaction, as confirmAccount does), with a random initial password that the worker must change.
 * The password is returned to be shown once; only its hash is stored, and it is never logged or audited.
 * `once` is the form's token (form-token.server.ts): it is checked and recorded in the account's own write
 * transaction (createOnce), so a second sending — even one racing the first, in another process — opens
 * nothing and returns AssistedAccountSentBefore instead of a refusal. A refusal is a Failure on `workerId` or `phone`.
 */
export async function createAssistedAccount(actor: Actor, input: { workerId: number; phone: string }): Promise<Result<AssistedAccount>>
export async function createAssistedAccount(
  actor: Actor,
  input: { workerId: number; phone: string },
  once: FormOnce | null,
): Promise<Result<AssistedAccount | AssistedAccountSentBefore>>
export async function createAssistedAccount(
  actor: Actor,
  input: { workerId: number; phone: string },
  once: FormOnce | null = null,
): Promise<Result<AssistedAccount | AssistedAccountSentBefore>> {
  const notFound = failure('请在查找结果中选择一位尚未开通账号的人员', { field: 'workerId' })
  const phoneTaken = failure('该手机号已被其他账号使用', { field: 'phone' })
  const sentBefore = () => {
    const userId = once ? findFormSubmission(once) : null
    return userId == null ? null : { ok: true as const, userId, sentBefore: true as const }
  }
  if (db.select({ id: users.id }).from(users).where(eq(users.username, input.phone)).get()) return sentBefore() ?? phoneTaken
  const earlier = sentBefore()
  if (earlier) return earlier
  const initialPassword = generateInitialPassword(crypto.randomInt)
  const passwordHash = await hashPassword(initialPassword)
  try {
    // After the hash, under the write lock: a sending that lost the race finds the token here.
    const created = createOnce(once, () => {
      const made = writeTransaction((tx): Result<AssistedAccount> => {
        const row = findOwned(tx, workers, actor, input.workerId, { id: workers.id, name: workers.name, idNumber: workers.idNumber, userId: workers.userId })
        if (!row || row.userId != null) return notFound
        const existing = tx.select({ organisationId: users.organisationId }).from(users).where(eq(users.idNumber, row.idNumber)).get()
        if (existing) {
          const message =
            existing.organisationId === actor.organisationId
              ? '此人已自行注册账号，请到“账号核验”中核验该账号'
              : '此人已在其他区县注册账号，请与该区县就业和人才中心核实'
          return failure(message, { field: 'workerId' })
        }
        const { id } = tx
          .insert(users)
          .values({
            username: input.phone,
            passwordHash,
            role: 'worker',
            organisationId: actor.organisationId,
            displayName: row.name,
            idNumber: row.idNumber,
            verifiedAt: new Date(),
            mustChangePassword: true,
          })
          .returning({ id: users.id })
          .get()
        tx.update(workers).set({ userId: id, updatedByUserId: actor.userId }).where(eq(workers.id, row.id)).run()
        writeActorAudit(tx, actor, {
          action: 'account.assisted_create',
          entity: 'user',
          entityId: id,
          detail: { workerId: row.id },
        })
        return { ok: true, userId: id, name: row.name, phone: input.phone, initialPassword }
      })
      return made.ok ? { ...made, id: made.userId } : made
    })!
    if (!created.ok) return created
    if ('replayed' in created) return { ok: true, userId: created.id, sentBefore: true }
    const { id: _id, ...account } = created
    return account
  } catch (error) {
    if (isUniqueViolation(error)) {
      if (db.select({ id: users.id }).from(users).where(eq(users.username, input.phone)).get()) return sentBefore() ?? phoneTaken
      return sentBefore() ?? notFound
    }
    throw error
  }
}

// ---------------------------------------------------------------------------------------------------
// The worker's own profile

/**
 * The signed-in worker's own account (the actor's), with its county centre and `state` (verified,
 * rejected or waiting, rules/verification.ts); there is no way to ask for anyone else's. Null when the
 * actor is not a worker account.
 */
export function getOwnProfile(actor: Actor) {
  const row = db
    .select({
      id: users.id,
      name: users.displayName,
      phone: users.username,
      idNumber: users.idNumber,
      organisationId: users.organisationId,
      verifiedAt: users.verifiedAt,
      rejectedAt: users.rejectedAt,
      rejectionReason: users.rejectionReason,
      mustChangePassword: users.mustChangePassword,
      createdAt: users.createdAt,
      centreName: organisations.name,
      centrePhone: organisations.contactPhone,
      centreAddress: organisations.address,
      countyName: areas.name,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .innerJoin(areas, eq(areas.code, organisations.areaCode))
    .where(and(eq(users.id, actor.userId), eq(users.role, 'worker')))
    .get()
  return row ? { ...row, state: verificationState(row) } : null
}

/**
 * Checks the "current password" of the worker's own account, throttled per account (a stolen session
 * must not become a password oracle): the attempt is reserved atomically before argon2 runs, every
 * failure and every refusal is audited, and the right password clears the account's attempts — unless
 * `keepCounted`, for a change that can still be refused after it (a phone number already in use, which
 * must not become an unthrottled "is this number registered" oracle).
 * Null when the password is right; otherwise the Failure on `currentPassword` (status 429 when throttled).
 */
async function checkCurrentPassword(
  actor: Actor,
  currentPassword: string,
  purpose: 'phone' | 'password',
  { keepCounted = false } = {},
): Promise<Failure | null> {
  const key = String(actor.userId)
  const audit = (action: string, reason: string) =>
    writeActorAudit(db, actor, {
      action,
      entity: 'user',
      entityId: actor.userId,
      reason,
      detail: { purpose },
    })
  const reservation = reserveAttempt({ scope: 'current_password', key, ip: actor.ip })
  if (!reservation.ok) {
    audit('auth.current_password_throttled', 'too_many_attempts')
    return failure(CURRENT_PASSWORD_THROTTLED, { field: 'currentPassword', status: 429 })
  }
  const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId)).get()
  if (!row || !(await verifyPassword(row.passwordHash, currentPassword))) {
    audit('auth.current_password_failed', 'wrong_password')
    return failure('当前密码不正确', { field: 'currentPassword' })
  }
  if (!keepCounted) clearAttempts(db, { scope: 'current_password', key })
  return null
}

/** Audits a change the worker made to their own account: `account.profile_update` with the field names, never the values. */
function auditOwnUpdate(tx: Queryable, actor: Actor, fields: string[]) {
  writeActorAudit(tx, actor, { action: 'account.profile_update', entity: 'user', entityId: actor.userId, detail: { fields } })
}

/**
 * Changes the worker's own phone number, which is also the login name, after the current password;
 * audited (`account.profile_update`). A refusal is a Failure on `phone` or `currentPassword`.
 */
export async function changeOwnPhone(actor: Actor, input: { phone: string; currentPassword: string }): Promise<Result> {
  // The attempt stays counted until the change goes through: each "already in use" answer costs one of
  // the account's current-password attempts and is audited.
  const refused = await checkCurrentPassword(actor, input.currentPassword, 'phone', { keepCounted: true })
  if (refused) return refused
  const phoneTaken = failure('该手机号已被其他账号使用', { field: 'phone' })
  const refuseTaken = (q: Queryable) => {
    writeActorAudit(q, actor, {
      action: 'account.phone_change_refused',
      entity: 'user',
      entityId: actor.userId,
      reason: 'phone_taken',
    })
    return phoneTaken
  }
  try {
    return writeTransaction((tx): Result => {
      const holder = tx.select({ id: users.id }).from(users).where(eq(users.username, input.phone)).get()
      if (holder && holder.id !== actor.userId) return refuseTaken(tx)
      clearAttempts(tx, { scope: 'current_password', key: String(actor.userId) })
      if (holder) return failure('新手机号与现在的手机号相同', { field: 'phone' })
      tx.update(users).set({ username: input.phone }).where(eq(users.id, actor.userId)).run()
      auditOwnUpdate(tx, actor, ['phone'])
      return { ok: true }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return refuseTaken(db)
    throw error
  }
}

/**
 * Sets a new password after the current one, clears "must change" and ends every session of the
 * account — a thief holding an old session is thrown out. The caller opens a fresh session for the
 * person who just changed it. Audited (`account.password_change`). A refusal is a Failure on `currentPassword`, or on `password` when the new
 * one is the current one typed again.
 */
export async function changeOwnPassword(actor: Actor, input: { currentPassword: string; password: string }): Promise<Result> {
  // Compares two typed values only, so it says nothing about the stored password: a one-time password set
  // by staff must really be replaced.
  if (input.password === input.currentPassword) return failure('新密码不能与当前密码相同', { field: 'password' })
  const refused = await checkCurrentPassword(actor, input.currentPassword, 'password')
  if (refused) return refused
  const passwordHash = await hashPassword(input.password)
  writeTransaction((tx) => {
    tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, actor.userId)).run()
    destroyAllSessionsOf(actor.userId)
    // Its own action (label 修改密码), not `account.profile_update`: the trail must say a password changed.
    writeActorAudit(tx, actor, { action: 'account.password_change', entity: 'user', entityId: actor.userId })
  })
  return { ok: true }
}
