import { redirect, type AppLoadContext } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { organisations, users, type Role } from '../../db/schema'
import { clearAttempts, reserveAttempt, THROTTLES } from '~/models/throttle.server'
import { HOME_OF, landingAfterLogin, loginRedirectFor } from '~/rules/landing'
import { normalizeLoginName } from '~/rules/login-name'
import type { Actor } from '~/rules/permissions'
import { writeAudit } from './audit.server'
import { db, writeTransaction } from './db.server'
import { verifyAgainstDummy, verifyPassword } from './password.server'
import { createSession, destroySession, getSessionUserId } from './session.server'


export type SessionUser = {
  id: number
  role: Role
  username: string
  displayName: string
  verified: boolean
  organisation: { id: number; kind: string; name: string; shortName: string; areaCode: string }
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const userId = await getSessionUserId(request)
  if (userId == null) return null
  const row = db
    .select({
      id: users.id,
      role: users.role,
      username: users.username,
      displayName: users.displayName,
      verifiedAt: users.verifiedAt,
      organisation: {
        id: organisations.id,
        kind: organisations.kind,
        name: organisations.name,
        shortName: organisations.shortName,
        areaCode: organisations.areaCode,
      },
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId))
    .get()
  if (!row) return null
  const { verifiedAt, ...rest } = row
  return { ...rest, verified: row.role !== 'worker' || verifiedAt != null }
}

/**
 * What every loader and action of a signed-in page calls first: requireUser, then the one Actor that
 * every model call takes (rules/permissions.ts). Takes the loader/action arguments (the request, and the
 * load context for the client address) and the role or roles allowed. Returns `{ user, actor }`;
 * throws the redirect to /login for an anonymous visitor and a 403 for another role.
 */
export async function requireActor<R extends Role>(
  { request, context }: { request: Request; context: AppLoadContext },
  { role }: { role: R | readonly R[] },
): Promise<{ user: SessionUser & { role: R }; actor: Actor & { role: R } }> {
  const user = await requireUser(request, { role })
  return { user, actor: actorOf(user, context) }
}

/** The Actor of a signed-in user, with the client address from the load context. */
export function actorOf<R extends Role>(user: SessionUser & { role: R }, context: AppLoadContext): Actor & { role: R } {
  return { userId: user.id, role: user.role, organisationId: user.organisation.id, areaCode: user.organisation.areaCode, ip: context.clientIp ?? null }
}

/**
 * Every loader and action calls this itself. Anonymous → /login?redirectTo=…; signed in with
 * another role → 403. Tenant checks on records are the model's job (a foreign record is a 404).
 */
export async function requireUser<R extends Role>(request: Request, { role }: { role: R | readonly R[] }) {
  const user = await getUser(request)
  if (!user) {
    throw redirect(loginRedirectFor(request.url))
  }
  const allowed: readonly Role[] = Array.isArray(role) ? role : [role]
  if (!allowed.includes(user.role)) {
    throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' })
  }
  return user as SessionUser & { role: R }
}

// Throttling (OWASP ASVS V6.3): per typed account name and per client address, in a rolling window
// (app/models/throttle.server.ts holds the limits and counts them atomically).
export const THROTTLE_WINDOW_MS = THROTTLES.login.windowMs
export const MAX_FAILURES_PER_ACCOUNT = THROTTLES.login.perKey ?? 0
export const MAX_FAILURES_PER_IP = THROTTLES.login.perAddress ?? 0

export type LoginResult =
  | { ok: true; setCookie: string; location: string }
  | { ok: false; reason: 'invalid' | 'throttled' }

/**
 * Signs a user in. The attempt is reserved (counted and recorded in one BEGIN IMMEDIATE transaction)
 * before the password is checked, so a burst of parallel guesses gets at most the limit checked and the
 * rest `throttled`. On success the account's attempts are cleared and a session is made — only after
 * the landing (a safe same-origin path from `redirectTo`, or the role's home) is settled, so no session
 * row is left behind by a response that cannot carry its cookie.
 *
 * @returns `{ ok: true, setCookie, location }` for the redirect, or why not (the same `invalid` for an
 *   unknown name, a wrong password and a disabled account)
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

  const valid = user && !user.disabledAt ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password)
  if (!valid || !user) {
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
    return { ok: false, reason: 'invalid' }
  }

  const location = landingAfterLogin(user.role, redirectTo)
  const setCookie = await createSession({ userId: user.id, role: user.role, ip, userAgent })
  writeTransaction((tx) => {
    tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id)).run()
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


export { HOME_OF }

/**
 * For what only a verified worker may do (apply, book a seat, claim a subsidy; product brief §1):
 * requireUser as a worker, then 403 with a Chinese explanation while the county has not matched the
 * account to its ledger.
 */
export async function requireVerifiedWorker(request: Request) {
  const user = await requireUser(request, { role: 'worker' })
  if (!user.verified) {
    throw new Response('您的账号还没有通过户籍所在区县就业和人才中心的核验。核验通过后才能办理此项业务，请在“我的”页面查看核验进度。', {
      status: 403,
      statusText: 'Forbidden',
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  return user
}
