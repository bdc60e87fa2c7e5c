import crypto from 'node:crypto'
import { redirect } from '@remix-run/node'
import { and, count, eq, gt, lt } from 'drizzle-orm'
import { loginFailures, organisations, users, type Role } from '../../db/schema'
import { HOME_OF } from '~/rules/landing'
import { normalizeLoginName } from '~/rules/login-name'
import { writeAudit } from './audit.server'
import { db } from './db.server'
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
 * Every loader and action calls this itself. Anonymous → /login?redirectTo=…; signed in with
 * another role → 403. Tenant checks on records are the model's job (a foreign record is a 404).
 */
export async function requireUser<R extends Role>(request: Request, { role }: { role: R | readonly R[] }) {
  const user = await getUser(request)
  if (!user) {
    const url = new URL(request.url)
    const back = url.pathname.replace(/\.data$/, '') + url.search
    throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`)
  }
  const allowed: readonly Role[] = Array.isArray(role) ? role : [role]
  if (!allowed.includes(user.role)) {
    throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' })
  }
  return user as SessionUser & { role: R }
}

// Throttling (OWASP ASVS V6.3): per typed account name and per client address, in a rolling window.
export const THROTTLE_WINDOW_MS = 15 * 60_000
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_IP = 30

function accountKeyOf(loginName: string) {
  return crypto.createHash('sha256').update(`login:${loginName}`).digest('hex')
}

function isThrottled(accountKey: string, ip: string, now: Date) {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS)
  const byAccount = db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.accountKey, accountKey), gt(loginFailures.at, since)))
    .get()
  const byIp = db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.ip, ip), gt(loginFailures.at, since)))
    .get()
  return (byAccount?.n ?? 0) >= MAX_FAILURES_PER_ACCOUNT || (byIp?.n ?? 0) >= MAX_FAILURES_PER_IP
}

export type LoginResult =
  | { ok: true; setCookie: string; role: Role }
  | { ok: false; reason: 'invalid' | 'throttled' }

export async function login({
  username,
  password,
  ip,
  userAgent,
}: {
  username: string
  password: string
  ip: string
  userAgent: string | null
}): Promise<LoginResult> {
  const loginName = normalizeLoginName(username)
  const accountKey = accountKeyOf(loginName)
  const now = new Date()
  const user = db.select().from(users).where(eq(users.username, loginName)).get()

  if (isThrottled(accountKey, ip, now)) {
    writeAudit(db, {
      actorUserId: user?.id,
      organisationId: user?.organisationId,
      action: 'auth.login_throttled',
      entity: 'user',
      entityId: user?.id,
      ip,
    })
    return { ok: false, reason: 'throttled' }
  }

  const valid = user && !user.disabledAt ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password)
  if (!valid || !user) {
    db.transaction((tx) => {
      tx.insert(loginFailures).values({ accountKey, ip, at: now }).run()
      tx.delete(loginFailures)
        .where(lt(loginFailures.at, new Date(now.getTime() - THROTTLE_WINDOW_MS)))
        .run()
      writeAudit(tx, {
        actorUserId: user?.id,
        organisationId: user?.organisationId,
        action: 'auth.login_failed',
        entity: 'user',
        entityId: user?.id,
        reason: !user ? 'unknown_user' : user.disabledAt ? 'disabled' : 'wrong_password',
        ip,
      })
    })
    return { ok: false, reason: 'invalid' }
  }

  const setCookie = await createSession({ userId: user.id, role: user.role, ip, userAgent })
  db.transaction((tx) => {
    tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id)).run()
    // A successful sign-in clears the account's failures, not the address's.
    tx.delete(loginFailures).where(eq(loginFailures.accountKey, accountKey)).run()
    writeAudit(tx, {
      actorUserId: user.id,
      organisationId: user.organisationId,
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      ip,
    })
  })
  return { ok: true, setCookie, role: user.role }
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
