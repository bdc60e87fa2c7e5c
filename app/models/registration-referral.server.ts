import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm'
import { registrationReferrals, users, workers } from '../../db/schema'
import { maskMobile } from '~/rules/mobile'
import type { Actor } from '~/rules/permissions'
import { isVerifiedWorker } from '~/rules/verification'
import { writeActorAudit, writeAudit } from '~/utils/audit.server'
import { db, type Queryable, writeTransaction } from '~/utils/db.server'
import type { Result } from '~/utils/mutation.server'
import { countRows, findOwned } from './query.server'

// Registration referrals (注册受理): a registration whose ID number already has an account creates no
// account; the caller is told that the county centre will call back (issue 7 §6), and this is the list
// that makes it true. Each referral belongs to the centre of the existing account, whichever county was
// chosen on the form, and every query is scoped by it: another county's referral is "not found".

export type NewReferral = {
  /** The centre of the account that holds the typed ID number. */
  organisationId: number
  /** That account. */
  userId: number
  /** Name and normalised mobile number as typed at registration. */
  name: string
  phone: string
  /** The county chosen on the form (kept in the audit detail only, it is not personal). */
  countyCode: string
  ip: string | null
}

/**
 * Keeps a referral for the holder's county and writes the `account.register_conflict` audit row (no
 * number, no name) in the same transaction. A second registration with the same account and phone while
 * the first is still open adds no row (partial unique index, ON CONFLICT DO NOTHING) and is audited as a
 * repeat of it. Returns the referral's id and whether this call created it. Runs in its own BEGIN
 * IMMEDIATE transaction; throws only on a database failure.
 */
export function recordRegistrationReferral(input: NewReferral): { referralId: number; created: boolean } {
  return writeTransaction((tx) => {
    const inserted = tx
      .insert(registrationReferrals)
      .values({ organisationId: input.organisationId, userId: input.userId, name: input.name, phone: input.phone })
      .onConflictDoNothing()
      .returning({ id: registrationReferrals.id })
      .get()
    const referralId = inserted?.id ?? findOpenReferral(tx, input.userId, input.phone)
    writeAudit(tx, {
      organisationId: input.organisationId,
      action: 'account.register_conflict',
      entity: 'user',
      entityId: input.userId,
      reason: 'id_number_taken',
      detail: { countyCode: input.countyCode, referralId, repeated: inserted == null },
      ip: input.ip,
    })
    return { referralId, created: inserted != null }
  })
}

function findOpenReferral(q: Queryable, userId: number, phone: string) {
  const row = q
    .select({ id: registrationReferrals.id })
    .from(registrationReferrals)
    .where(and(eq(registrationReferrals.userId, userId), eq(registrationReferrals.phone, phone), isNull(registrationReferrals.handledAt)))
    .get()
  // The insert gave way to exactly this row inside the same transaction, so it exists.
  if (!row) throw new Error('registration referral vanished inside its transaction')
  return row.id
}

const openOf = (organisationId: number) => and(eq(registrationReferrals.organisationId, organisationId), isNull(registrationReferrals.handledAt))

/** How many referrals of the actor's centre are waiting for a call back. */
export function countOpenReferrals(actor: Actor) {
  return countRows(db, registrationReferrals, openOf(actor.organisationId))
}

/**
 * The actor's centre's open referrals, oldest first (first come, first called), at most `limit`, with the
 * total. Phones are masked, the caller's and the account's; the account is given when it is still this
 * county's, with its ledger row when it has one, so staff can open the record to act on.
 */
export function listOpenReferrals(actor: Actor, limit = 100) {
  const organisationId = actor.organisationId
  const total = countOpenReferrals(actor)
  const rows = db
    .select({
      id: registrationReferrals.id,
      createdAt: registrationReferrals.createdAt,
      name: registrationReferrals.name,
      phone: registrationReferrals.phone,
      accountId: users.id,
      accountName: users.displayName,
      accountPhone: users.username,
      accountVerifiedAt: users.verifiedAt,
      accountDisabledAt: users.disabledAt,
      workerId: workers.id,
    })
    .from(registrationReferrals)
    .leftJoin(users, and(eq(users.id, registrationReferrals.userId), eq(users.organisationId, organisationId), eq(users.role, 'worker')))
    .leftJoin(workers, and(eq(workers.userId, users.id), eq(workers.organisationId, organisationId)))
    .where(openOf(organisationId))
    .orderBy(asc(registrationReferrals.createdAt), asc(registrationReferrals.id))
    .limit(limit)
    .all()
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      name: r.name,
      phoneMasked: maskMobile(r.phone),
      account:
        r.accountId == null
          ? null
          : {
              id: r.accountId,
              name: r.accountName!,
              phoneMasked: maskMobile(r.accountPhone!),
              verified: isVerifiedWorker({ verifiedAt: r.accountVerifiedAt }),
              disabled: r.accountDisabledAt != null,
              workerId: r.workerId,
            },
    })),
  }
}

/** The actor's centre's referrals handled most recently, newest first, at most `limit`, with the note (masked phones). */
export function listHandledReferrals(actor: Actor, limit = 10) {
  return db
    .select({
      id: registrationReferrals.id,
      name: registrationReferrals.name,
      phone: registrationReferrals.phone,
      handledAt: registrationReferrals.handledAt,
      handlingNote: registrationReferrals.handlingNote,
      handledByName: users.displayName,
    })
    .from(registrationReferrals)
    .leftJoin(users, eq(users.id, registrationReferrals.handledByUserId))
    .where(and(eq(registrationReferrals.organisationId, actor.organisationId), isNotNull(registrationReferrals.handledAt)))
    .orderBy(desc(registrationReferrals.handledAt), desc(registrationReferrals.id))
    .limit(limit)
    .all()
    .map(({ phone, handledAt, ...r }) => ({ ...r, handledAt: handledAt!, phoneMasked: maskMobile(phone) }))
}

/** Whether a referral is the actor's centre's (open or handled); another county's answers like a missing one. */
export function isReferralOfCentre(actor: Actor, referralId: number) {
  return findOwned(db, registrationReferrals, actor, referralId, { id: registrationReferrals.id }) != null
}

/**
 * The full phone number typed with this centre's referral, for staff to call back; every look is audited
 * (`referral.reveal`, detail `{ field: 'phone' }`, no number) in the same transaction, as on the ledger.
 * Null when the referral is not this centre's.
 */
export function revealReferralPhone(actor: Actor, referralId: number): string | null {
  return writeTransaction((tx) => {
    const row = findOwned(tx, registrationReferrals, actor, referralId, { phone: registrationReferrals.phone })
    if (!row) return null
    writeActorAudit(tx, actor, {
      action: 'referral.reveal',
      entity: 'registration_referral',
      entityId: referralId,
      detail: { field: 'phone' },
    })
    return row.phone
  })
}

/**
 * Closes this centre's referral: handled now, by the actor, with an optional note (kept on the row, not in
 * the audit log, since free text may name people or numbers). Audited as `referral.handle`. A referral
 * already handled gives the first handling's result and writes nothing. Null when not this centre's.
 */
export function handleReferral(actor: Actor, referralId: number, note: string | null): Result | null {
  return writeTransaction((tx): Result | null => {
    const row = findOwned(tx, registrationReferrals, actor, referralId, { handledAt: registrationReferrals.handledAt })
    if (!row) return null
    if (row.handledAt) return { ok: true }
    tx.update(registrationReferrals)
      .set({ handledAt: new Date(), handledByUserId: actor.userId, handlingNote: note })
      .where(eq(registrationReferrals.id, referralId))
      .run()
    writeActorAudit(tx, actor, {
      action: 'referral.handle',
      entity: 'registration_referral',
      entityId: referralId,
      detail: { withNote: note != null },
    })
    return { ok: true }
  })
}
