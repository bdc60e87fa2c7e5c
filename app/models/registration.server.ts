import { eq, or } from 'drizzle-orm'
import { users } from '../../db/schema'
import { shortAreaName } from '~/rules/areas'
import { writeAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, type Queryable, writeTransaction } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { hashPassword } from '~/utils/password.server'
import { getOrganisationByArea } from './organisation.server'
import { listPairings } from './pairing.server'
import { recordRegistrationReferral } from './registration-referral.server'
import { reserveAttempt } from './throttle.server'

// Online registration of a worker account (product brief §1): an unverified account with the county's
// employment centre, which then matches it to its ledger (app/models/verification.server.ts).

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

/**
 * The answer to a registration: the new account (`userId`), or `referred` — the ID number already has
 * an account, so nothing is created, the holder's county centre gets a referral with the name and phone
 * typed (and an audit row, no number in it) to call back, and the caller sees the same neutral "已受理"
 * page as anyone (the answer must not confirm to an anonymous caller that a resident is on the
 * programme). A Failure is a field the person can correct (county not offered, phone not usable; 400) or
 * too many attempts from this address in the hour (429, no field).
 */
export type RegistrationResult = Result<{ userId: number } | { referred: string }>

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
    return { ok: true, referred: REGISTRATION_REFERRED }
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
  return failure(PHONE_TAKEN, { field: 'phone' })
}

/**
 * Creates an unverified worker account with the county's employment centre. The attempt is first
 * reserved against the per-address throttle (atomically, before anything is looked up), so the form can
 * neither mass-create accounts nor be used to probe who is registered; every attempt that gets that far
 * counts, taken or not. The unique indexes on users.username and users.id_number are the real guard; the
 * look-up first only gives a quick answer without spending an argon2 hash, and a registration that races
 * past it gets the same answer. Takes the typed fields and the client address; see RegistrationResult.
 */
export async function registerWorker(input: Registration): Promise<RegistrationResult> {
  const centre = findCountyCentre(input.countyCode)
  if (!centre) return failure(NOT_A_PAIRED_COUNTY, { field: 'countyCode' })
  const reservation = reserveAttempt({ scope: 'register', ip: input.ip })
  if (!reservation.ok) {
    writeAudit(db, { action: 'account.register_throttled', entity: 'user', ip: input.ip })
    return failure(REGISTRATION_THROTTLED, { status: 429 })
  }
  const taken = findTakenIdentity(db, input.phone, input.idNumber)
  if (taken) return refuseTaken(taken, input)
  const passwordHash = await hashPassword(input.password)
  try {
    return writeTransaction((tx): RegistrationResult => {
      const { id } = tx
        .insert(users)
        .values({ username: input.phone, passwordHash, role: 'worker', organisationId: centre.id, displayName: input.name, idNumber: input.idNumber })
        .returning({ id: users.id })
        .get()
      writeAudit(tx, { actorUserId: id, organisationId: centre.id, action: 'account.register', entity: 'user', entityId: id, ip: input.ip })
      return { ok: true, userId: id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) {
      const raced = findTakenIdentity(db, input.phone, input.idNumber)
      if (raced) return refuseTaken(raced, input)
    }
    throw error
  }
}
