import { and, asc, count, eq } from 'drizzle-orm'
import { auditLog } from '../db/schema'
import { db } from '~/utils/db.server'

// Audit rows by client address, for the throttle tests that count what a burst left behind. Rows by
// record or by account are in tests/lookups.ts (auditOf, auditBy).

/** The condition for audit rows of `action` and from client address `ip`, each only when given. */
function matching(action: string | undefined, ip: string | undefined) {
  return and(action === undefined ? undefined : eq(auditLog.action, action), ip === undefined ? undefined : eq(auditLog.ip, ip))
}

/** How many audit rows there are of `action` (e.g. 'auth.login_failed'), only those from client address `ip` when given. */
export function auditCount(action: string, { ip }: { ip?: string } = {}) {
  return db.select({ n: count() }).from(auditLog).where(matching(action, ip)).get()!.n
}

/** The audit rows written for requests from client address `ip`, only those of `action` when given, oldest first. */
export function auditFromIp(ip: string, action?: string) {
  return db.select().from(auditLog).where(matching(action, ip)).orderBy(asc(auditLog.id)).all()
}
