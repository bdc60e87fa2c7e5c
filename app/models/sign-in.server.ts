import { eq } from 'drizzle-orm'
import { users } from '../../db/schema'
import { landingAfterLogin } from '~/rules/landing'
import { normalizeLoginName } from '~/rules/login-name'
import { writeAudit } from '~/utils/audit.server'
import { getUser, STAFF_PASSWORD_PATH } from '~/utils/auth.server'
import { db, writeTransaction } from '~/utils/db.server'
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from '~/utils/password.server'
import { isPasswordBusy, passwordWorkIsFull } from '~/utils/password-work.server'
import { createSession, destroySession } from '~/utils/session.server'
import { clearAttempts, reserveAttempt, THROTTLES } from './throttle.server'

// Signing in and out: the throttled password check, the session, and the audit trail of both.

// Throttling (OWASP ASVS V6.3): per typed account name and per client address, in a rolling window
// (app/models/throttle.server.ts holds the limits and counts them atomically).
export const THROTTLE_WINDOW_MS = THROTTLES.login.windowMs
export const MAX_FAILURES_PER_ACCOUNT = THROTTLES.login.perKey ?? 0
export const MAX_FAILURES_PER_IP = THROTTLES.login.perAddress ?? 0

/**
 * `disabled` is set (with reason `invalid`) only when the password was right but the account is disabled:
 * the person gets a clear message (DISABLED_ACCOUNT) without anyone who does not know the password
 * learning that the account exists.
 */
export type LoginResult = { ok: true; setCookie: string; location: string } | { ok: false; reason: 'invalid' | 'throttled' | 'busy'; disabled?: true }

/** What someone who typed the right password of a disabled account is told (issue 11 §6). */
export const DISABLED_ACCOUNT = '此账号已停用，不能登录。工作人员请联系平台管理员，务工人员请联系户籍所在区县的就业和人才中心。'

/**
 * Signs a user in. The attempt is reserved (counted and recorded in one BEGIN IMMEDIATE transaction)
 * before the password is checked, so a burst of parallel guesses gets at most the limit checked and the
 * rest `throttled`. On success the account's attempts are cleared and a session is made — only after
 * the landing (a safe same-origin path from `redirectTo`, or the role's home) is settled, so no session
 * row is left behind by a response that cannot carry its cookie.
 *
 * When the server's password queue is full (utils/password-work.server.ts, issue 10 §3) the answer is
 * `busy` before anything is counted; one that fills while this attempt waits is `busy` too, its
 * reservation counted like any unfinished attempt.
 *
 * @returns `{ ok: true, setCookie, location }` for the redirect, or why not (the same `invalid` for an
 *   unknown name, a wrong password and a disabled account — `disabled` added only when the password was
 *   right; `busy`: try again in a moment). A staff account holding a password the operator set lands on
 *   STAFF_PASSWORD_PATH.
 */
export async function login({
  username,
  password,
  redirectTo,
  ip,
  userAgent,
}: {
  username: string
  password: string
  redirectTo?: string | null
  ip: string
  userAgent: string | null
}): Promise<LoginResult> {
  if (passwordWorkIsFull()) return { ok: false, reason: 'busy' }
  const loginName = normalizeLoginName(username)
  const user = db.select().from(users).where(eq(users.username, loginName)).get()

  const reservation = reserveAttempt({ scope: 'login', key: loginName, ip })
  if (!reservation.ok) {
    writeAudit(db, {
      actorUserId: user?.id,
      organisationId: user?.organisationId,
      action: 'auth.login_throttled',
      entity: 'user',
      entityId: user?.id,
      reason: reservation.limitedBy === 'key' ? 'account' : 'address',
      ip,
    })
    return { ok: false, reason: 'throttled' }
  }

  let valid: boolean
  try {
    valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password)
  } catch (error) {
    if (isPasswordBusy(error)) return { ok: false, reason: 'busy' }
    throw error
  }
  if (!valid || !user || user.disabledAt) {
    // The reserved attempt stays counted: it was a failure.
    writeAudit(db, {
      actorUserId: user?.id,
      organisationId: user?.organisationId,
      action: 'auth.login_failed',
      entity: 'user',
      entityId: user?.id,
      reason: !user ? 'unknown_user' : user.disabledAt ? 'disabled' : 'wrong_password',
      ip,
    })
    return valid && user?.disabledAt ? { ok: false, reason: 'invalid', disabled: true } : { ok: false, reason: 'invalid' }
  }

  // A staff member holding a password the operator set goes to the password form first.
  const location = user.mustChangePassword && user.role !== 'worker' ? STAFF_PASSWORD_PATH : landingAfterLogin(user.role, redirectTo)
  const setCookie = await createSession({ userId: user.id, role: user.role, ip, userAgent })
  // A hash made with weaker argon2 parameters than today's is replaced while the password is at hand,
  // so stronger parameters reach every account at its next sign-in.
  // Busy now, it is done at a later sign-in.
  const rehashed = needsRehash(user.passwordHash) ? await rehashUnlessBusy(password) : null
  writeTransaction((tx) => {
    tx.update(users)
      .set({ lastLoginAt: new Date(), ...(rehashed ? { passwordHash: rehashed } : {}) })
      .where(eq(users.id, user.id))
      .run()
    // A successful sign-in clears the account's attempts, not the address's others.
    clearAttempts(tx, { scope: 'login', key: loginName })
    writeAudit(tx, {
      actorUserId: user.id,
      organisationId: user.organisationId,
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      ip,
    })
  })
  return { ok: true, setCookie, location }
}

/** A new hash of `password` with today's parameters, or null when the password queue is full. */
async function rehashUnlessBusy(password: string) {
  try {
    return await hashPassword(password)
  } catch (error) {
    if (isPasswordBusy(error)) return null
    throw error
  }
}

export async function logout(request: Request, ip: string | null) {
  const user = await getUser(request)
  const setCookie = await destroySession(request)
  if (user) {
    writeAudit(db, {
      actorUserId: user.id,
      organisationId: user.organisation.id,
      action: 'auth.logout',
      entity: 'user',
      entityId: user.id,
      ip,
    })
  }
  return setCookie
}
