import crypto from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { and, eq, gt, lt } from 'drizzle-orm'
import { sessions, users, type Role } from '../../db/schema'
import { db } from './db.server'
import { env } from './env.server'

// Staff work on shared office PCs: a working day. Workers sign in from their own phone on a weak
// network and should not have to type the password every time: thirty days.
const SESSION_LIFETIME_MS: Record<Role, number> = {
  admin: 8 * 3600_000,
  east: 12 * 3600_000,
  west: 12 * 3600_000,
  worker: 30 * 24 * 3600_000,
}

export const sessionCookie = createCookie('__session', {
  httpOnly: true,
  sameSite: 'lax',
  secure: env.isProduction,
  path: '/',
  secrets: env.sessionSecrets,
})

/** The stored id of a session: the SHA-256 of its random token, so the table never holds a usable token. */
export function hashToken(token: string) {
  return crypto.createHash('sha256').update(token).digest('base64url')
}

export async function createSession({ userId, role, ip, userAgent }: { userId: number; role: Role; ip: string | null; userAgent: string | null }) {
  const token = crypto.randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS[role])
  db.insert(sessions)
    .values({ id: hashToken(token), userId, expiresAt, ip, userAgent: userAgent?.slice(0, 300) ?? null })
    .run()
  // Clear out what has expired while we are here, so the table does not grow without end.
  db.delete(sessions).where(lt(sessions.expiresAt, new Date())).run()
  return sessionCookie.serialize(token, { expires: expiresAt })
}

/** The session token of a Cookie header (signature checked), or null when there is none or it is forged. */
export async function readSessionToken(cookieHeader: string | null) {
  const value: unknown = await sessionCookie.parse(cookieHeader)
  return typeof value === 'string' && value.length > 0 ? value : null
}

function readToken(request: Request) {
  return readSessionToken(request.headers.get('Cookie'))
}

/** The live session's user id, or null when there is no valid, unexpired session of an enabled user. */
export async function getSessionUserId(request: Request) {
  const token = await readToken(request)
  if (!token) return null
  const row = db
    .select({ userId: sessions.userId, disabledAt: users.disabledAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, hashToken(token)), gt(sessions.expiresAt, new Date())))
    .get()
  if (!row || row.disabledAt) return null
  return row.userId
}

export async function destroySession(request: Request) {
  const token = await readToken(request)
  if (token)
    db.delete(sessions)
      .where(eq(sessions.id, hashToken(token)))
      .run()
  return sessionCookie.serialize('', { expires: new Date(0), maxAge: 0 })
}

/** Ends every session of a user at once (account disabled, password changed). */
export function destroyAllSessionsOf(userId: number) {
  db.delete(sessions).where(eq(sessions.userId, userId)).run()
}
