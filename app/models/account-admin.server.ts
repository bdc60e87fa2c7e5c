import crypto from 'node:crypto'
import { and, desc, eq, isNull, ne } from 'drizzle-orm'
import { formSubmissions, organisations, users, workers } from '../../db/schema'
import {
  describeDisableReason,
  DISABLE_REASONS,
  ID_TAIL_MISMATCH,
  identityMismatch,
  LAST_ADMIN,
  PHONE_TAIL_MISMATCH,
  STAFF_DISABLE_REASONS,
  STAFF_ROLE_OF_KIND,
  withoutTail,
} from '~/rules/account-admin'
import { maskMobile } from '~/rules/mobile'
import { generateInitialPassword } from '~/rules/password'
import { can, type Actor } from '~/rules/permissions'
import { verificationState } from '~/rules/verification'
import { writeActorAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, type Queryable, writeTransaction } from '~/utils/db.server'
import { createOnce, findFormSubmission, type FormOnce } from '~/utils/form-token.server'
import { failure, type Failure, type Result } from '~/utils/mutation.server'
import { hashPassword } from '~/utils/password.server'
import { destroyAllSessionsOf } from '~/utils/session.server'
import { countRows } from './query.server'
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
export function disableAccount(actor: Actor, userId: number, reason: { code: keyof typeof DISABLE_REASONS; note: string | null }): Result | null {
  return writeTransaction((tx): Result | null => {
    const account = findAccount(tx, actor, userId)
    if (!account) return null
    if (!account.disabledAt) writeDisable(tx, actor, userId, reason.code, describeDisableReason(DISABLE_REASONS, reason.code, reason.note))
    return { ok: true }
  })
}

/** Re-enables a disabled worker account: it can sign in again with its password. Audited (`account.enable`); a no-op on an enabled one. Null when not the actor's county's. */
export function enableAccount(actor: Actor, userId: number): Result | null {
  return writeTransaction((tx): Result | null => {
    const account = findAccount(tx, actor, userId)
    if (!account) return null
    if (account.disabledAt) writeEnable(tx, actor, userId)
    return { ok: true }
  })
}

/**
 * Disables an enabled account inside the caller's write transaction (staff's and the operator's alike): the
 * reason text kept on the account for its page, every session ended at once (security.md 3), and
 * `account.disable` audited with the reason code. The caller has checked the account is theirs to disable.
 */
function writeDisable(tx: Queryable, actor: Actor, userId: number, reasonCode: string, reasonText: string) {
  tx.update(users).set({ disabledAt: new Date(), disabledReason: reasonText }).where(eq(users.id, userId)).run()
  destroyAllSessionsOf(userId)
  writeActorAudit(tx, actor, { action: 'account.disable', entity: 'user', entityId: userId, reason: reasonCode })
}

/** Re-enables a disabled account inside the caller's write transaction: the reason cleared, `account.enable` audited. */
function writeEnable(tx: Queryable, actor: Actor, userId: number) {
  tx.update(users).set({ disabledAt: null, disabledReason: null }).where(eq(users.id, userId)).run()
  writeActorAudit(tx, actor, { action: 'account.enable', entity: 'user', entityId: userId })
}

// ——— Staff accounts and any account's state, for the platform operator (issue 11 §6) ———
// The operator creates staff accounts for an organisation (role from its kind), resets a staff member's
// forgotten password to a one-time one that must be changed at the next sign-in, and disables or re-enables
// any account. Each function answers null when the actor is not the platform operator or the account does
// not exist (the route's 404). Every change is audited in its own transaction.

const isOperator = (actor: Actor) => can(actor, 'administer:platform')

/** What the operator sees of any account, on the organisation's list and the account's page alike. */
const operatorFields = {
  id: users.id,
  username: users.username,
  name: users.displayName,
  role: users.role,
  contactPhone: users.contactPhone,
  mustChangePassword: users.mustChangePassword,
  disabledAt: users.disabledAt,
  lastLoginAt: users.lastLoginAt,
}

/** The staff accounts of one organisation, newest first, for the operator's organisation page (at most 200). Null when not the operator. */
export function listStaffOfOrganisation(actor: Actor, organisationId: number) {
  if (!isOperator(actor)) return null
  return db
    .select(operatorFields)
    .from(users)
    .where(and(eq(users.organisationId, organisationId), ne(users.role, 'worker')))
    .orderBy(desc(users.id))
    .limit(200)
    .all()
}

/**
 * Any account as the operator sees it: login name (a worker's phone with its middle hidden), name, role,
 * organisation, contact phone (staff), whether it must change its password, whether (and why) it is
 * disabled, the last sign-in. Null when not the operator or no such account.
 */
export function getAccountForAdmin(actor: Actor, userId: number) {
  if (!isOperator(actor)) return null
  const row = db
    .select({
      ...operatorFields,
      disabledReason: users.disabledReason,
      createdAt: users.createdAt,
      organisationId: organisations.id,
      organisationName: organisations.name,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId))
    .get()
  if (!row) return null
  return { ...row, username: row.role === 'worker' ? maskMobile(row.username) : row.username }
}

/**
 * Creates a staff account in an organisation: the role follows the organisation's kind (STAFF_ROLE_OF_KIND),
 * the password is a one-time one (generateInitialPassword) stored only as its hash, and must be changed at
 * the first sign-in. Audited (`account.staff_create`, no phone in the trail). `once` is the form's token: a
 * sending after the first (even one racing it) creates nothing and returns the first account's id with
 * `oneTimePassword: null`. Returns the account's id and the one-time password to show once, a Failure on
 * `username` when the name is taken (users_username_uq), or null when not the operator or no such organisation.
 */
export async function createStaffAccount(
  actor: Actor,
  organisationId: number,
  input: { username: string; displayName: string; contactPhone: string },
  once: FormOnce | null = null,
): Promise<Result<{ userId: number; oneTimePassword: string | null }> | null> {
  if (!isOperator(actor)) return null
  const org = db.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, organisationId)).get()
  if (!org) return null
  const taken = failure('这个用户名已被使用，请换一个', { field: 'username' })
  const earlier = once ? findFormSubmission(once) : null
  if (earlier != null) return { ok: true as const, userId: earlier, oneTimePassword: null }
  if (db.select({ id: users.id }).from(users).where(eq(users.username, input.username)).get()) return taken
  const oneTimePassword = generateInitialPassword(crypto.randomInt)
  const passwordHash = await hashPassword(oneTimePassword)
  const role = STAFF_ROLE_OF_KIND[org.kind]
  try {
    // The form's token is checked and recorded in the same write transaction as the account, after the hash:
    // a second sending racing the first (a double click) finds it and gets no password, never a second account.
    const created = createOnce(once, () => {
      const userId = db
        .insert(users)
        .values({ ...input, role, organisationId, passwordHash, mustChangePassword: true })
        .returning({ id: users.id })
        .get().id
      writeActorAudit(db, actor, { action: 'account.staff_create', entity: 'user', entityId: userId, detail: { role, organisationId } })
      return { ok: true as const, id: userId }
    })
    if (!created?.ok) return created
    return { ok: true as const, userId: created.id, oneTimePassword: 'replayed' in created ? null : oneTimePassword }
  } catch (error) {
    if (isUniqueViolation(error)) return taken
    throw error
  }
}

function findStaff(q: Queryable, userId: number) {
  return q
    .select({ id: users.id, name: users.displayName, username: users.username, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.id, userId), ne(users.role, 'worker')))
    .get()
}

/**
 * Resets a staff member's forgotten password (staff ask the operator; workers go to their county centre,
 * which checks identity): a new one-time password, stored as its hash, must be changed at the next sign-in;
 * every session of the account ends; audited (`account.staff_password_reset`). `once` is the form's token:
 * sent again it resets nothing and returns `oneTimePassword: null`. A disabled account is a 409 Failure.
 * Null when not the operator or not a staff account.
 */
export async function resetStaffPassword(
  actor: Actor,
  userId: number,
  once: FormOnce | null = null,
): Promise<Result<{ oneTimePassword: string | null; name: string; username: string }> | null> {
  if (!isOperator(actor) || !findStaff(db, userId)) return null
  const oneTimePassword = generateInitialPassword(crypto.randomInt)
  const passwordHash = await hashPassword(oneTimePassword)
  return writeTransaction((tx) => {
    const staff = findStaff(tx, userId)
    if (!staff) return null
    if (staff.disabledAt) return DISABLED_FIRST
    if (once) {
      const earlier = tx.select().from(formSubmissions).where(eq(formSubmissions.token, once.token)).get()
      if (earlier)
        return earlier.userId === once.userId && earlier.entityId === userId
          ? { ok: true as const, oneTimePassword: null, name: staff.name, username: staff.username }
          : failure(RESENT, { status: 409 })
      tx.insert(formSubmissions).values({ token: once.token, userId: once.userId, entityKind: once.kind, entityId: userId }).run()
    }
    tx.update(users).set({ passwordHash, mustChangePassword: true }).where(eq(users.id, userId)).run()
    destroyAllSessionsOf(userId)
    clearAttempts(tx, { scope: 'login', key: staff.username })
    writeActorAudit(tx, actor, { action: 'account.staff_password_reset', entity: 'user', entityId: userId })
    return { ok: true as const, oneTimePassword, name: staff.name, username: staff.username }
  })
}

/**
 * Disables any account for a reason: it cannot sign in and every session ends at once (security.md 3).
 * The operator cannot disable their own account, nor the last enabled admin account (409). Audited
 * (`account.disable`, the reason code); a disabled one is a no-op success. Null when not the operator or no such account.
 */
export function disableAccountByAdmin(actor: Actor, userId: number, reason: { code: keyof typeof STAFF_DISABLE_REASONS; note: string | null }): Result | null {
  if (!isOperator(actor)) return null
  return writeTransaction((tx): Result | null => {
    const account = tx.select({ role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).get()
    if (!account) return null
    if (account.disabledAt) return { ok: true }
    if (userId === actor.userId) return failure('不能停用自己正在使用的账号', { status: 409 })
    if (account.role === 'admin') {
      const others = countRows(tx, users, and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, userId)))
      if (others === 0) return failure(LAST_ADMIN, { status: 409 })
    }
    writeDisable(tx, actor, userId, reason.code, describeDisableReason(STAFF_DISABLE_REASONS, reason.code, reason.note))
    return { ok: true }
  })
}

/** Re-enables any disabled account (it signs in with its password again). Audited (`account.enable`); a no-op on an enabled one. Null when not the operator or no such account. */
export function enableAccountByAdmin(actor: Actor, userId: number): Result | null {
  if (!isOperator(actor)) return null
  return writeTransaction((tx): Result | null => {
    const account = tx.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).get()
    if (!account) return null
    if (account.disabledAt) writeEnable(tx, actor, userId)
    return { ok: true }
  })
}
