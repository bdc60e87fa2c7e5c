import crypto from 'node:crypto'
import { and, asc, count, desc, eq, isNotNull, isNull, like, ne, notExists, or } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { areas, organisations, users, workers } from '../../db/schema'
import { shortAreaName } from '~/rules/areas'
import { maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import { generateInitialPassword } from '~/rules/password'
import { writeAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, type Queryable, writeTransaction } from '~/utils/db.server'
import { hashPassword, verifyPassword } from '~/utils/password.server'
import { destroyAllSessionsOf } from '~/utils/session.server'
import { getOrganisationByArea } from './organisation.server'
import { listPairings } from './pairing.server'
import { recordRegistrationReferral } from './registration-referral.server'
import { clearAttempts, reserveAttempt, throttleMinutes } from './throttle.server'
import type { Actor } from './worker.server'

// Worker accounts: online registration, matching to the county ledger (核验), assisted registration by
// staff, and the worker's own profile. Every query of staff is scoped by the actor's organisation.

// Said the same way whoever holds the number: it does not say whose account it is, and is counted by
// the registration throttle like every other attempt (the phone is the login name, so refusing a taken
// one cannot be avoided without a code sent to the phone).
export const PHONE_TAKEN = '该手机号无法用于注册，如已注册请直接登录，或联系区县就业和人才中心'
export const NOT_A_PAIRED_COUNTY = '请选择列表中的区县'
/**
 * What a registration whose ID number already has an account is told (issue 7 §6): no field, no number,
 * the same words whichever county holds it. It is true: the holder's centre sees the name and phone typed
 * (app/models/registration-referral.server.ts) on its verification page.
 */
export const REGISTRATION_REFERRED = '已受理。户籍所在区县就业和人才中心会按您留的手机号与您联系；也可以带上身份证到中心办理。'
export const REGISTRATION_THROTTLED = '此网络的注册次数过多，请一小时后再试，或到区县就业和人才中心办理。'
export const CURRENT_PASSWORD_THROTTLED = `核对当前密码的次数过多，请 ${throttleMinutes('current_password')} 分钟后再试`

type Failure<F extends string> = { ok: false; field: F; message: string; status?: 400 | 429 }

// ---------------------------------------------------------------------------------------------------
// Registration

/** Counties a labourer can register with: the Chongqing side of every pairing, by short name. */
export function listRegistrationCounties() {
  return listPairings().map((p) => ({ code: p.countyCode, name: shortAreaName(p.countyName) }))
}

function findCountyCentre(countyCode: string) {
  if (!listPairings().some((p) => p.countyCode === countyCode)) return null
  return getOrganisationByArea(countyCode, 'centre') ?? null
}

/** Which of a phone (login name) and an ID number already has an account, with that account. */
function findTakenIdentity(q: Queryable, phone: string, idNumber: string) {
  const rows = q
    .select({ id: users.id, organisationId: users.organisationId, username: users.username, idNumber: users.idNumber })
    .from(users)
    .where(or(eq(users.username, phone), eq(users.idNumber, idNumber)))
    .all()
  const byPhone = rows.find((r) => r.username === phone)
  if (byPhone) return { taken: 'phone' as const, holder: byPhone }
  const byId = rows.find((r) => r.idNumber === idNumber)
  if (byId) return { taken: 'idNumber' as const, holder: byId }
  return null
}

export type Registration = { name: string; idNumber: string; phone: string; countyCode: string; password: string; ip: string | null }

export type RegistrationResult =
  | { ok: true; userId: number }
  /** A field the person can correct (county not offered, phone not usable), for a 400. */
  | { ok: false; outcome: 'invalid'; field: 'phone' | 'countyCode'; message: string }
  /** Too many attempts from this address in the hour, for a 429. */
  | { ok: false; outcome: 'throttled'; message: string }
  /**
   * The ID number already has an account: nothing is created, the holder's county centre gets a referral
   * with the name and phone typed (and an audit row, no number in it) to call back, and the caller sees the
   * same neutral "已受理" page as anyone — the answer must not confirm to an anonymous caller that a
   * resident is on the programme.
   */
  | { ok: false; outcome: 'referred'; message: string }

/**
 * Answers a registration that hit a taken phone or ID number, audited for the holder's county. A taken ID
 * number leaves a referral with the holder's centre (not the county chosen on the form), so that centre
 * can call the person back as the answer promises.
 */
function refuseTaken(found: NonNullable<ReturnType<typeof findTakenIdentity>>, input: Registration): RegistrationResult {
  const { holder } = found
  if (found.taken === 'idNumber') {
    recordRegistrationReferral({
      organisationId: holder.organisationId,
      userId: holder.id,
      name: input.name,
      phone: input.phone,
      countyCode: input.countyCode,
      ip: input.ip,
    })
    return { ok: false, outcome: 'referred', message: REGISTRATION_REFERRED }
  }
  writeAudit(db, {
    organisationId: holder.organisationId,
    action: 'account.register_refused',
    entity: 'user',
    entityId: holder.id,
    reason: 'phone_taken',
    detail: { countyCode: input.countyCode },
    ip: input.ip,
  })
  return { ok: false, outcome: 'invalid', field: 'phone', message: PHONE_TAKEN }
}

/**
 * Creates an unverified worker account with the county's employment centre. The attempt is first
 * reserved against the per-address throttle (atomically, before anything is looked up), so the form can
 * neither mass-create accounts nor be used to probe who is registered; every attempt that gets that far
 * counts, taken or not. The unique indexes on users.username and users.id_number are the real guard; the
 * look-up first only gives a quick answer without spending an argon2 hash, and a registration that races
 * past it gets the same answer.
 */
export async function registerWorker(input: Registration): Promise<RegistrationResult> {
  const centre = findCountyCentre(input.countyCode)
  if (!centre) return { ok: false, outcome: 'invalid', field: 'countyCode', message: NOT_A_PAIRED_COUNTY }
  const reservation = reserveAttempt({ scope: 'register', ip: input.ip })
  if (!reservation.ok) {
    writeAudit(db, { action: 'account.register_throttled', entity: 'user', ip: input.ip })
    return { ok: false, outcome: 'throttled', message: REGISTRATION_THROTTLED }
  }
  const taken = findTakenIdentity(db, input.phone, input.idNumber)
  if (taken) return refuseTaken(taken, input)
  const passwordHash = await hashPassword(input.password)
  try {
    return writeTransaction((tx) => {
      const { id } = tx
        .insert(users)
        .values({ username: input.phone, passwordHash, role: 'worker', organisationId: centre.id, displayName: input.name, idNumber: input.idNumber })
        .returning({ id: users.id })
        .get()
      writeAudit(tx, { actorUserId: id, organisationId: centre.id, action: 'account.register', entity: 'user', entityId: id, ip: input.ip })
      return { ok: true as const, userId: id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) {
      const raced = findTakenIdentity(db, input.phone, input.idNumber)
      if (raced) return refuseTaken(raced, input)
    }
    throw error
  }
}

// ---------------------------------------------------------------------------------------------------
// Verification (核验): match an account to this county's ledger row with the same ID number

export type ProposalStatus = 'match' | 'name_mismatch' | 'missing' | 'linked_elsewhere'

function proposalStatus(accountId: number, accountName: string, row: { name: string; userId: number | null } | null): ProposalStatus {
  if (!row) return 'missing'
  if (row.userId != null && row.userId !== accountId) return 'linked_elsewhere'
  return row.name === accountName ? 'match' : 'name_mismatch'
}

const workerAccount = (organisationId: number) => and(eq(users.organisationId, organisationId), eq(users.role, 'worker'))

/** This county's registrations waiting for a decision, oldest first, each with its proposed ledger row. */
export function listPendingVerifications(organisationId: number, limit = 200) {
  const where = and(workerAccount(organisationId), isNull(users.verifiedAt), isNull(users.rejectedAt), isNull(users.disabledAt))
  const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0
  const rows = db
    .select({
      id: users.id,
      name: users.displayName,
      phone: users.username,
      idNumber: users.idNumber,
      createdAt: users.createdAt,
      ledgerId: workers.id,
      ledgerName: workers.name,
      ledgerUserId: workers.userId,
    })
    .from(users)
    .leftJoin(workers, and(eq(workers.idNumber, users.idNumber), eq(workers.organisationId, organisationId)))
    .where(where)
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(limit)
    .all()
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      phoneMasked: maskMobile(r.phone),
      idNumberMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
      createdAt: r.createdAt,
      ledgerName: r.ledgerName,
      status: proposalStatus(r.id, r.name, r.ledgerId == null ? null : { name: r.ledgerName!, userId: r.ledgerUserId }),
    })),
  }
}

/** Registrations this county turned down and that are still unverified, newest first. */
export function listRejectedRegistrations(organisationId: number, limit = 20) {
  return db
    .select({ id: users.id, name: users.displayName, phone: users.username, rejectedAt: users.rejectedAt, reason: users.rejectionReason })
    .from(users)
    .where(and(workerAccount(organisationId), isNull(users.verifiedAt), isNotNull(users.rejectedAt), isNull(users.disabledAt)))
    .orderBy(desc(users.rejectedAt), desc(users.id))
    .limit(limit)
    .all()
    .map(({ phone, ...r }) => ({ ...r, phoneMasked: maskMobile(phone) }))
}

const township = alias(areas, 'township')
const village = alias(areas, 'village')

/**
 * One registration of this county with its proposal, or null — another county's account is "not
 * found" exactly like a missing one. Personal numbers are masked; matching is done on the full values.
 */
export function getVerification(organisationId: number, userId: number) {
  const account = db
    .select({
      id: users.id,
      name: users.displayName,
      phone: users.username,
      idNumber: users.idNumber,
      createdAt: users.createdAt,
      verifiedAt: users.verifiedAt,
      rejectedAt: users.rejectedAt,
      rejectionReason: users.rejectionReason,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(and(eq(users.id, userId), workerAccount(organisationId)))
    .get()
  if (!account) return null
  // A verified account shows the row it is linked to; otherwise the row with the same ID number.
  const rowCondition = account.verifiedAt
    ? eq(workers.userId, account.id)
    : account.idNumber
      ? eq(workers.idNumber, account.idNumber)
      : null
  const row = rowCondition
    ? db
        .select({
          id: workers.id,
          name: workers.name,
          idNumber: workers.idNumber,
          phone: workers.phone,
          sex: workers.sex,
          birthDate: workers.birthDate,
          householdStatus: workers.householdStatus,
          townshipName: township.name,
          villageName: village.name,
          userId: workers.userId,
        })
        .from(workers)
        .innerJoin(township, eq(township.code, workers.townshipCode))
        .leftJoin(village, eq(village.code, workers.villageCode))
        .where(and(rowCondition, eq(workers.organisationId, organisationId)))
        .get()
    : undefined
  // Only the county's name is told when another county holds the number, so staff know whom to ask.
  const elsewhere =
    !row && account.idNumber
      ? db
          .select({ countyName: areas.name })
          .from(workers)
          .innerJoin(organisations, eq(organisations.id, workers.organisationId))
          .innerJoin(areas, eq(areas.code, organisations.areaCode))
          .where(and(eq(workers.idNumber, account.idNumber), ne(workers.organisationId, organisationId)))
          .get()
      : undefined
  return {
    account: {
      id: account.id,
      name: account.name,
      phoneMasked: maskMobile(account.phone),
      idNumberMasked: account.idNumber ? maskIdNumber(account.idNumber) : null,
      createdAt: account.createdAt,
      verifiedAt: account.verifiedAt,
      rejectedAt: account.rejectedAt,
      rejectionReason: account.rejectionReason,
      disabled: account.disabledAt != null,
    },
    proposal: row
      ? {
          id: row.id,
          name: row.name,
          idNumberMasked: maskIdNumber(row.idNumber),
          idNumberMatches: row.idNumber === account.idNumber,
          phoneMasked: row.phone ? maskMobile(row.phone) : null,
          phoneMatches: row.phone === account.phone,
          sex: row.sex,
          birthDate: row.birthDate,
          householdStatus: row.householdStatus,
          townshipName: row.townshipName,
          villageName: row.villageName,
        }
      : null,
    status: proposalStatus(account.id, account.name, row ?? null),
    elsewhereCountyName: elsewhere ? shortAreaName(elsewhere.countyName) : null,
  }
}

export type VerificationDecision = { ok: true } | { ok: false; message: string }

/**
 * Confirms a registration: the account becomes verified and this county's ledger row with the same ID
 * number points at it. Check and write in one BEGIN IMMEDIATE transaction, so two clerks confirming at
 * once cannot link one row twice. Null when the account is not this county's.
 */
export function confirmAccount(actor: Actor, userId: number): VerificationDecision | null {
  return writeTransaction((tx) => {
    const account = tx
      .select({ id: users.id, name: users.displayName, idNumber: users.idNumber, verifiedAt: users.verifiedAt, disabledAt: users.disabledAt })
      .from(users)
      .where(and(eq(users.id, userId), workerAccount(actor.organisationId)))
      .get()
    if (!account) return null
    // A second click on the same button gives the first click's result.
    if (account.verifiedAt) return { ok: true }
    if (account.disabledAt) return { ok: false, message: '此账号已停用，不能核验' }
    const row = account.idNumber
      ? tx
          .select({ id: workers.id, name: workers.name, userId: workers.userId })
          .from(workers)
          .where(and(eq(workers.idNumber, account.idNumber), eq(workers.organisationId, actor.organisationId)))
          .get()
      : undefined
    if (!row) return { ok: false, message: '本县台账中没有此身份证号码，请先在台账中添加此人，再来核验' }
    if (row.userId != null && row.userId !== account.id) return { ok: false, message: '该台账记录已关联其他账号，不能重复关联' }
    const linkedElsewhere = tx
      .select({ id: workers.id })
      .from(workers)
      .where(and(eq(workers.userId, account.id), ne(workers.id, row.id)))
      .get()
    if (linkedElsewhere) return { ok: false, message: '此账号已关联其他台账记录' }
    tx.update(users).set({ verifiedAt: new Date(), rejectedAt: null, rejectionReason: null }).where(eq(users.id, account.id)).run()
    tx.update(workers).set({ userId: account.id, updatedByUserId: actor.userId }).where(eq(workers.id, row.id)).run()
    writeAudit(tx, {
      actorUserId: actor.userId,
      organisationId: actor.organisationId,
      action: 'account.verify',
      entity: 'user',
      entityId: account.id,
      detail: { workerId: row.id, nameMatches: row.name === account.name },
      ip: actor.ip,
    })
    return { ok: true }
  })
}

/** Turns a registration down with the reason the worker will read. Null when not this county's. */
export function rejectAccount(actor: Actor, userId: number, reason: { code: string; text: string }): VerificationDecision | null {
  return writeTransaction((tx) => {
    const account = tx
      .select({ id: users.id, verifiedAt: users.verifiedAt, rejectedAt: users.rejectedAt, rejectionReason: users.rejectionReason, disabledAt: users.disabledAt })
      .from(users)
      .where(and(eq(users.id, userId), workerAccount(actor.organisationId)))
      .get()
    if (!account) return null
    // The same refusals as confirmAccount: a disabled account is no longer anyone's to decide on.
    if (account.disabledAt) return { ok: false, message: '此账号已停用，不能退回' }
    if (account.verifiedAt) return { ok: false, message: '此账号已通过核验，不能退回' }
    if (account.rejectedAt && account.rejectionReason === reason.text) return { ok: true }
    tx.update(users).set({ rejectedAt: new Date(), rejectionReason: reason.text }).where(eq(users.id, account.id)).run()
    writeAudit(tx, {
      actorUserId: actor.userId,
      organisationId: actor.organisationId,
      action: 'account.reject',
      entity: 'user',
      entityId: account.id,
      // The code only: a free-text note may name people or numbers.
      reason: reason.code,
      ip: actor.ip,
    })
    return { ok: true }
  })
}

// ---------------------------------------------------------------------------------------------------
// Assisted registration (代为开通): staff open a verified account for a ledger row

const accountWithSameId = (q: Queryable) =>
  q.select({ id: users.id }).from(users).where(eq(users.idNumber, workers.idNumber))

/** Ledger rows of this county with no account at all, by part of the name. */
export function listLedgerRowsWithoutAccount(organisationId: number, nameQuery: string, limit = 20) {
  const q = nameQuery.replace(/[%_\\]/g, '')
  return db
    .select({ id: workers.id, name: workers.name, idNumber: workers.idNumber, birthDate: workers.birthDate, townshipName: township.name })
    .from(workers)
    .innerJoin(township, eq(township.code, workers.townshipCode))
    .where(and(eq(workers.organisationId, organisationId), isNull(workers.userId), like(workers.name, `%${q}%`), notExists(accountWithSameId(db))))
    .orderBy(asc(workers.name), asc(workers.id))
    .limit(limit)
    .all()
    .map(({ idNumber, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) }))
}

export type AssistedAccount = { ok: true; userId: number; name: string; phone: string; initialPassword: string }

/**
 * Opens an account for a person already in this county's ledger: verified and linked at once, with a
 * random initial password that the worker must change. The password is returned to be shown once; only
 * its hash is stored, and it is never logged or audited.
 */
export async function createAssistedAccount(actor: Actor, input: { workerId: number; phone: string }): Promise<AssistedAccount | Failure<'workerId' | 'phone'>> {
  const notFound = { ok: false as const, field: 'workerId' as const, message: '请在查找结果中选择一位尚未开通账号的人员' }
  const phoneTaken = { ok: false as const, field: 'phone' as const, message: '该手机号已被其他账号使用' }
  if (db.select({ id: users.id }).from(users).where(eq(users.username, input.phone)).get()) return phoneTaken
  const initialPassword = generateInitialPassword(crypto.randomInt)
  const passwordHash = await hashPassword(initialPassword)
  try {
    return writeTransaction((tx) => {
      const row = tx
        .select({ id: workers.id, name: workers.name, idNumber: workers.idNumber, userId: workers.userId })
        .from(workers)
        .where(and(eq(workers.id, input.workerId), eq(workers.organisationId, actor.organisationId)))
        .get()
      if (!row || row.userId != null) return notFound
      const existing = tx.select({ organisationId: users.organisationId }).from(users).where(eq(users.idNumber, row.idNumber)).get()
      if (existing) {
        const message =
          existing.organisationId === actor.organisationId
            ? '此人已自行注册账号，请到“账号核验”中核验该账号'
            : '此人已在其他区县注册账号，请与该区县就业和人才中心核实'
        return { ok: false as const, field: 'workerId' as const, message }
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
      writeAudit(tx, {
        actorUserId: actor.userId,
        organisationId: actor.organisationId,
        action: 'account.assisted_create',
        entity: 'user',
        entityId: id,
        detail: { workerId: row.id },
        ip: actor.ip,
      })
      return { ok: true as const, userId: id, name: row.name, phone: input.phone, initialPassword }
    })
  } catch (error) {
    if (isUniqueViolation(error)) {
      if (db.select({ id: users.id }).from(users).where(eq(users.username, input.phone)).get()) return phoneTaken
      return notFound
    }
    throw error
  }
}

// ---------------------------------------------------------------------------------------------------
// The worker's own profile

/** The signed-in worker's own account; there is no way to ask for anyone else's. */
export function getOwnProfile(userId: number) {
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
    .where(and(eq(users.id, userId), eq(users.role, 'worker')))
    .get()
  return row ?? null
}

type OwnAccount = { id: number; organisationId: number }

const WRONG_CURRENT_PASSWORD = { ok: false as const, field: 'currentPassword' as const, message: '当前密码不正确' }

/**
 * Checks the "current password" of the worker's own account, throttled per account (a stolen session
 * must not become a password oracle): the attempt is reserved atomically before argon2 runs, every
 * failure and every refusal is audited, and the right password clears the account's attempts.
 * Null when the password is right; otherwise the field failure (status 429 when throttled).
 */
async function checkCurrentPassword(account: OwnAccount, currentPassword: string, ip: string | null, purpose: 'phone' | 'password'): Promise<Failure<'currentPassword'> | null> {
  const key = String(account.id)
  const audit = (action: string, reason: string) =>
    writeAudit(db, { actorUserId: account.id, organisationId: account.organisationId, action, entity: 'user', entityId: account.id, reason, detail: { purpose }, ip })
  const reservation = reserveAttempt({ scope: 'current_password', key, ip })
  if (!reservation.ok) {
    audit('auth.current_password_throttled', 'too_many_attempts')
    return { ok: false, field: 'currentPassword', message: CURRENT_PASSWORD_THROTTLED, status: 429 }
  }
  const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, account.id)).get()
  if (!row || !(await verifyPassword(row.passwordHash, currentPassword))) {
    audit('auth.current_password_failed', 'wrong_password')
    return WRONG_CURRENT_PASSWORD
  }
  clearAttempts(db, { scope: 'current_password', key })
  return null
}

/** Changes the worker's phone number, which is also the login name. */
export async function changeOwnPhone(
  account: OwnAccount,
  input: { phone: string; currentPassword: string; ip: string | null },
): Promise<{ ok: true } | Failure<'phone' | 'currentPassword'>> {
  const refused = await checkCurrentPassword(account, input.currentPassword, input.ip, 'phone')
  if (refused) return refused
  const phoneTaken = { ok: false as const, field: 'phone' as const, message: '该手机号已被其他账号使用' }
  try {
    return writeTransaction((tx) => {
      const holder = tx.select({ id: users.id }).from(users).where(eq(users.username, input.phone)).get()
      if (holder?.id === account.id) return { ok: false as const, field: 'phone' as const, message: '新手机号与现在的手机号相同' }
      if (holder) return phoneTaken
      tx.update(users).set({ username: input.phone }).where(eq(users.id, account.id)).run()
      writeAudit(tx, {
        actorUserId: account.id,
        organisationId: account.organisationId,
        action: 'account.profile_update',
        entity: 'user',
        entityId: account.id,
        detail: { fields: ['phone'] },
        ip: input.ip,
      })
      return { ok: true as const }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return phoneTaken
    throw error
  }
}

/**
 * Sets a new password, clears "must change" and ends every session of the account — a thief holding an
 * old session is thrown out. The caller opens a fresh session for the person who just changed it.
 */
export async function changeOwnPassword(
  account: OwnAccount,
  input: { currentPassword: string; password: string; ip: string | null },
): Promise<{ ok: true } | Failure<'currentPassword'>> {
  const refused = await checkCurrentPassword(account, input.currentPassword, input.ip, 'password')
  if (refused) return refused
  const passwordHash = await hashPassword(input.password)
  writeTransaction((tx) => {
    tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, account.id)).run()
    destroyAllSessionsOf(account.id)
    writeAudit(tx, {
      actorUserId: account.id,
      organisationId: account.organisationId,
      action: 'account.profile_update',
      entity: 'user',
      entityId: account.id,
      detail: { fields: ['password'] },
      ip: input.ip,
    })
  })
  return { ok: true }
}
