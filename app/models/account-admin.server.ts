import crypto from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { formSubmissions, users, workers } from '../../db/schema'
import { describeDisableReason, type DisableReasonCode, ID_TAIL_MISMATCH, identityMismatch, PHONE_TAIL_MISMATCH, withoutTail } from '~/rules/account-admin'
import { generateInitialPassword } from '~/rules/password'
import type { Actor } from '~/rules/permissions'
import { verificationState } from '~/rules/verification'
import { writeActorAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, type Queryable, writeTransaction } from '~/utils/db.server'
import type { FormOnce } from '~/utils/form-token.server'
import { failure, type Failure, type Result } from '~/utils/mutation.server'
import { hashPassword } from '~/utils/password.server'
import { destroyAllSessionsOf } from '~/utils/session.server'
import { workerAccountsOf } from './rule-sql.server'
import { clearAttempts, reserveAttempt, throttleMinutes } from './throttle.server'

// County staff look after the accounts of their own county's workers (issue 9 §1): a worker who forgot the
// password comes to the centre with the ID card; staff check identity (ID and phone tails), reset the
// password to a one-time one shown once, change the phone, disable or re-enable. Every function takes the
// actor first and answers null for an account that is not a worker account of the actor's county — the
// route's 404, the same as a missing one. Every change is audited in its own transaction.

export const IDENTITY_THROTTLED = `核对身份的次数过多，请 ${throttleMinutes('identity_check')} 分钟后再试，或请本人带身份证原件到中心当面办理`

const accountOf = (actor: Actor, userId: number) => and(eq(users.id, userId), workerAccountsOf(actor.organisationId))

const accountFields = {
  id: users.id,
  name: users.displayName,
  phone: users.username,
  idNumber: users.idNumber,
  verifiedAt: users.verifiedAt,
  rejectedAt: users.rejectedAt,
  mustChangePassword: users.mustChangePassword,
  disabledAt: users.disabledAt,
  disabledReason: users.disabledReason,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
}

function findAccount(q: Queryable, actor: Actor, userId: number) {
  return q.select(accountFields).from(users).where(accountOf(actor, userId)).get() ?? null
}

/**
 * A worker account of the actor's county as staff see it on its page: name, phone and ID number with their
 * tails hidden (withoutTail),
 * verification state, whether it must change its password, whether (and why) it is disabled, the last
 * sign-in, and the linked ledger row's id (null when not linked). Null when not the actor's county's.
 */
export function getAccountForStaff(actor: Actor, userId: number) {
  const row = findAccount(db, actor, userId)
  if (!row) return null
  const ledger = db
    .select({ id: workers.id })
    .from(workers)
    .where(and(eq(workers.userId, row.id), eq(workers.organisationId, actor.organisationId)))
    .get()
  const { phone, idNumber, ...rest } = row
  return {
    ...rest,
    // Heads only: the tails are what the worker must say at the counter (issue 9 §1).
    phoneMasked: withoutTail(phone, 3),
    idNumberMasked: idNumber ? withoutTail(idNumber, 6) : null,
    state: verificationState(row),
    ledgerWorkerId: ledger?.id ?? null,
  }
}

type IdentityTyped = { idTail: string; phoneTail?: string | null }

/**
 * Checks the tails staff typed against the account, counted by the `identity_check` throttle per account
 * and per address before anything is compared, so the form cannot be used to guess a person's numbers.
 * A mismatch is audited (`account.identity_check_failed`, with the field, never the digits). Returns
 * null when both match, else the Failure beside the field (429 when throttled). The attempt stays
 * counted; the caller clears it with the change it makes.
 */
function checkIdentity(actor: Actor, account: { id: number; idNumber: string | null; phone: string }, typed: IdentityTyped, purpose: string): Failure | null {
  const audit = (action: string, reason: string) => writeActorAudit(db, actor, { action, entity: 'user', entityId: account.id, reason, detail: { purpose } })
  const reservation = reserveAttempt({ scope: 'identity_check', key: String(account.id), ip: actor.ip })
  if (!reservation.ok) {
    audit('account.identity_check_throttled', reservation.limitedBy === 'key' ? 'account' : 'address')
    return failure(IDENTITY_THROTTLED, { field: 'idTail', status: 429 })
  }
  const mismatch = identityMismatch(account, typed)
  if (!mismatch) return null
  audit('account.identity_check_failed', mismatch === 'idTail' ? 'id_tail' : 'phone_tail')
  return failure(mismatch === 'idTail' ? ID_TAIL_MISMATCH : PHONE_TAIL_MISMATCH, { field: mismatch })
}

const DISABLED_FIRST = failure('此账号已停用，请先启用再办理', { status: 409 })
const RESENT = '此表单已经提交过。请返回账号页面重新办理。'

/**
 * Resets a forgotten password once staff have checked identity (the last four characters of the ID
 * number and the last four digits of the phone, both required to match): a new random one-time password
 * (rules/password.ts generateInitialPassword) is stored only as its hash, the account must change it at
 * the next sign-in, every session of the account is ended, and `account.password_reset` is audited — all
 * in one transaction. `once` is the reset form's token (kind 'account', the account's id recorded with it):
 * the same form sent again resets nothing and returns `oneTimePassword: null`. Returns the one-time password
 * to be shown once (never logged), a Failure on
 * `idTail` / `phoneTail` (429 when throttled, 409 when disabled), or null when not the actor's county's.
 */
export async function resetPasswordByStaff(
  actor: Actor,
  userId: number,
  typed: { idTail: string; phoneTail: string },
  once: FormOnce | null = null,
): Promise<Result<{ oneTimePassword: string | null; name: string }> | null> {
  const account = findAccount(db, actor, userId)
  if (!account) return null
  if (account.disabledAt) return DISABLED_FIRST
  const refused = checkIdentity(actor, account, typed, 'password_reset')
  if (refused) return refused
  const oneTimePassword = generateInitialPassword(crypto.randomInt)
  const passwordHash = await hashPassword(oneTimePassword)
  return writeTransaction((tx) => {
    const now = findAccount(tx, actor, userId)
    if (!now) return null
    if (now.disabledAt) return DISABLED_FIRST
    // The same reset form sent again (a refresh that re-posts it, a double click) resets nothing: the password
    // already handed to the worker stays valid, and no second one is shown (oneTimePassword null).
    if (once) {
      const earlier = tx.select().from(formSubmissions).where(eq(formSubmissions.token, once.token)).get()
      if (earlier)
        return earlier.userId === once.userId && earlier.entityId === userId
          ? { ok: true as const, oneTimePassword: null, name: now.name }
          : failure(RESENT, { status: 409 })
      tx.insert(formSubmissions).values({ token: once.token, userId: once.userId, entityKind: once.kind, entityId: userId }).run()
    }
    tx.update(users).set({ passwordHash, mustChangePassword: true }).where(eq(users.id, userId)).run()
    destroyAllSessionsOf(userId)
    clearAttempts(tx, { scope: 'identity_check', key: String(userId) })
    // A forgotten password also leaves sign-in attempts counted; the worker signs in right after this.
    clearAttempts(tx, { scope: 'login', key: now.phone })
    writeActorAudit(tx, actor, { action: 'account.password_reset', entity: 'user', entityId: userId, detail: { identityChecked: ['idTail', 'phoneTail'] } })
    return { ok: true as const, oneTimePassword, name: now.name }
  })
}

/**
 * Changes a worker's phone — which is also the login name — after staff checked the ID number's last four
 * characters (a worker who lost the old number cannot be asked for it). The phone is unique among all
 * accounts (users_username_uq): a taken one is a Failure on `phone`. Sessions stay; audited
 * (`account.phone_change`, no number in the trail). Null when not the actor's county's.
 */
export function changePhoneByStaff(actor: Actor, userId: number, input: { idTail: string; phone: string }): Result | null {
  const account = findAccount(db, actor, userId)
  if (!account) return null
  if (account.disabledAt) return DISABLED_FIRST
  if (account.phone === input.phone) return failure('新手机号与现在的手机号相同', { field: 'phone' })
  const refused = checkIdentity(actor, account, { idTail: input.idTail }, 'phone_change')
  if (refused) return refused
  const taken = failure('该手机号已被其他账号使用，请核实后再填', { field: 'phone' })
  try {
    return writeTransaction((tx): Result | null => {
      if (!findAccount(tx, actor, userId)) return null
      const holder = tx.select({ id: users.id }).from(users).where(eq(users.username, input.phone)).get()
      if (holder) return taken
      tx.update(users).set({ username: input.phone }).where(eq(users.id, userId)).run()
      clearAttempts(tx, { scope: 'identity_check', key: String(userId) })
      writeActorAudit(tx, actor, { action: 'account.phone_change', entity: 'user', entityId: userId, detail: { fields: ['phone'] } })
      return { ok: true }
    })
  } catch (error) {
    // Another account took the number between the check and the write: the database's unique index answers.
    if (isUniqueViolation(error)) return taken
    throw error
  }
}

/**
 * Disables a worker account for a reason (the code is audited, the label and note are kept on the
 * account for staff): it can no longer sign in and every session ends at once (security.md 3). Disabling
 * a disabled account is a no-op success. Null when not the actor's county's.
 */
export function disableAccount(actor: Actor, userId: number, reason: { code: DisableReasonCode; note: string | null }): Result | null {
  return writeTransaction((tx): Result | null => {
    const account = findAccount(tx, actor, userId)
    if (!account) return null
    if (account.disabledAt) return { ok: true }
    tx.update(users)
      .set({ disabledAt: new Date(), disabledReason: describeDisableReason(reason.code, reason.note) })
      .where(eq(users.id, userId))
      .run()
    destroyAllSessionsOf(userId)
    writeActorAudit(tx, actor, { action: 'account.disable', entity: 'user', entityId: userId, reason: reason.code })
    return { ok: true }
  })
}

/** Re-enables a disabled worker account: it can sign in again with its password. Audited (`account.enable`); a no-op on an enabled one. Null when not the actor's county's. */
export function enableAccount(actor: Actor, userId: number): Result | null {
  return writeTransaction((tx): Result | null => {
    const account = findAccount(tx, actor, userId)
    if (!account) return null
    if (!account.disabledAt) return { ok: true }
    tx.update(users).set({ disabledAt: null, disabledReason: null }).where(eq(users.id, userId)).run()
    writeActorAudit(tx, actor, { action: 'account.enable', entity: 'user', entityId: userId })
    return { ok: true }
  })
}
