import { redirect, type AppLoadContext } from '@remix-run/node'
import { and, eq, gt, sql } from 'drizzle-orm'
import { organisations, sessions, users, type Role } from '../../db/schema'
import { HOME_OF, loginRedirectFor } from '~/rules/landing'
import type { Actor } from '~/rules/permissions'
import { isVerifiedWorker } from '~/rules/verification'
import { db } from './db.server'
import { hashToken, readSessionToken } from './session.server'

export type SessionUser = {
  id: number
  role: Role
  username: string
  displayName: string
  verified: boolean
  /** A worker whose password staff set (assisted opening, reset) must choose a new one before anything else. */
  mustChangePassword: boolean
  organisation: { id: number; kind: string; name: string; shortName: string; areaCode: string }
}

// The signed-in user of a request: the session, its user and the organisation in one prepared statement
// (prepared once per process), live sessions of enabled users only (security.md 3: a disabled account's
// sessions end at once).
const userOfSession = db
  .select({
    id: users.id,
    role: users.role,
    username: users.username,
    displayName: users.displayName,
    verifiedAt: users.verifiedAt,
    disabledAt: users.disabledAt,
    mustChangePassword: users.mustChangePassword,
    organisation: {
      id: organisations.id,
      kind: organisations.kind,
      name: organisations.name,
      shortName: organisations.shortName,
      areaCode: organisations.areaCode,
    },
  })
  .from(sessions)
  .innerJoin(users, eq(users.id, sessions.userId))
  .innerJoin(organisations, eq(organisations.id, users.organisationId))
  .where(and(eq(sessions.id, sql.placeholder('sessionId')), gt(sessions.expiresAt, sql.placeholder('nowMs'))))
  .prepare()

async function lookUpUser(cookieHeader: string): Promise<SessionUser | null> {
  const token = await readSessionToken(cookieHeader)
  if (!token) return null
  const row = userOfSession.get({ sessionId: hashToken(token), nowMs: Date.now() })
  if (!row || row.disabledAt) return null
  const { verifiedAt, disabledAt: _disabledAt, ...rest } = row
  return { ...rest, verified: row.role !== 'worker' || isVerifiedWorker({ verifiedAt }) }
}

/** Look-ups under way, by Cookie header: the root's and the page's loaders of one request share one. */
const inFlight = new Map<string, Promise<SessionUser | null>>()

/**
 * The signed-in user of `request`, or null (no cookie, a forged or expired one, a disabled account).
 * Every loader of a page asks, so a look-up for the same Cookie header that is still under way is
 * shared rather than repeated; each answer is read at the moment it is asked, never kept afterwards.
 */
export function getUser(request: Request): Promise<SessionUser | null> {
  const cookieHeader = request.headers.get('Cookie')
  if (!cookieHeader) return Promise.resolve(null)
  let lookUp = inFlight.get(cookieHeader)
  if (!lookUp) {
    lookUp = lookUpUser(cookieHeader).finally(() => inFlight.delete(cookieHeader))
    inFlight.set(cookieHeader, lookUp)
  }
  return lookUp
}

/**
 * What every loader and action of a signed-in page calls first: requireUser, then the one Actor that
 * every model call takes (rules/permissions.ts). Takes the loader/action arguments (the request, and the
 * load context for the client address) and the role or roles allowed. Returns `{ user, actor }`;
 * throws the redirect to /login for an anonymous visitor and a 403 for another role.
 */
export async function requireActor<R extends Role>(
  { request, context }: { request: Request; context: AppLoadContext },
  { role, passwordChange = false }: { role: R | readonly R[]; passwordChange?: boolean },
): Promise<{ user: SessionUser & { role: R }; actor: Actor & { role: R } }> {
  const user = await requireUser(request, { role, passwordChange })
  return { user, actor: actorOf(user, context) }
}

/** Where a worker whose password was set by staff is sent until they choose their own (issue 9 §1). */
export const PASSWORD_CHANGE_PATH = '/me/profile'

/** Where staff whose password the platform operator reset are sent until they choose their own (issue 11 §6). */
export const STAFF_PASSWORD_PATH = '/staff/password'

/** The page holding the password form for a role: the worker's profile, or the staff password page. */
export function passwordChangePathOf(role: Role) {
  return role === 'worker' ? PASSWORD_CHANGE_PATH : STAFF_PASSWORD_PATH
}

/** True for a path (with or without Remix's `.data` suffix) that holds a password form, for the root loader. */
export function isPasswordChangePath(pathname: string) {
  const path = pathname.replace(/\.data$/, '')
  return path === PASSWORD_CHANGE_PATH || path === STAFF_PASSWORD_PATH
}

/**
 * The signed-in user of a page anyone may open (null when signed out), for loaders that show a signed-in
 * visitor more. Anyone holding a password someone else set (a worker's set by county staff, issue 9 §1; a
 * staff member's reset by the platform operator, issue 11 §6) is redirected to their password form instead, so no page's data — not even a `.data` request naming one route — reaches them before they choose
 * their own; `passwordChange: true` only for the page that holds that form.
 */
export async function getViewer(request: Request, { passwordChange = false } = {}) {
  const user = await getUser(request)
  if (user?.mustChangePassword && !passwordChange) throw redirect(passwordChangePathOf(user.role))
  return user
}

/** The Actor of a signed-in user, with the client address from the load context. */
export function actorOf<R extends Role>(user: SessionUser & { role: R }, context: AppLoadContext): Actor & { role: R } {
  return { userId: user.id, role: user.role, organisationId: user.organisation.id, areaCode: user.organisation.areaCode, ip: context.clientIp ?? null }
}

/**
 * Every loader and action calls this itself. Anonymous → /login?redirectTo=…; signed in with
 * another role → 403. Tenant checks on records are the model's job (a foreign record is a 404).
 * An account that must change its password (a worker's set by staff, issue 9 §1; a staff member's reset
 * by the platform operator, issue 11 §6) is redirected to its password form from every page and every action — only the page that holds
 * that form says `passwordChange: true`. Sign-out and assets do not come through here.
 */
export async function requireUser<R extends Role>(request: Request, { role, passwordChange = false }: { role: R | readonly R[]; passwordChange?: boolean }) {
  const user = await getUser(request)
  if (!user) {
    throw redirect(loginRedirectFor(request.url))
  }
  if (user.mustChangePassword && !passwordChange) {
    throw redirect(passwordChangePathOf(user.role))
  }
  const allowed: readonly Role[] = Array.isArray(role) ? role : [role]
  if (!allowed.includes(user.role)) {
    // In Chinese, as the page's error boundary says it: a download (a resource route) shows this text as it is.
    throw new Response('当前账号无权查看此页面。每一方只能看到本单位的数据。', {
      status: 403,
      statusText: 'Forbidden',
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  return user as SessionUser & { role: R }
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
