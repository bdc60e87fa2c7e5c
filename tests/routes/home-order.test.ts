import { and, eq, inArray } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { auditLog, users } from '../../db/schema'
import { listUnverifiedWorkers } from '~/models/user.server'
import { disableAccount } from '~/models/account-admin.server'
import { listPendingVerifications, rejectAccount } from '~/models/verification.server'
import { loader as adminHome } from '~/routes/admin._index'
import { loader as eastHome } from '~/routes/east._index'
import { loader as westHome } from '~/routes/west._index'
import { writeAudit } from '~/utils/audit.server'
import { db } from '~/utils/db.server'
import { actorFor, createPendingAccount } from '../factories'
import { userOf } from '../lookups'
import { callLoader, cookieFor, dataOf, type DataOf } from '../request'

// The home pages' newest audit entries and the verification queue are read in index order and stop at
// the limit (issue 10); these tests hold them to the order and tenancy they had when they were sorted.

/** Loader value of a call that must not throw. */
function valueOf<T>(result: { thrown: Response } | { value: T }): DataOf<T> {
  if ('thrown' in result) throw new Error(`loader threw ${result.thrown.status}`)
  return dataOf(result.value)
}

/** The newest `limit` audit entry ids of `organisationId` (every organisation's when null), by id, newest first. */
function newestAuditIds(organisationId: number | null, limit: number) {
  const rows = db.select({ id: auditLog.id, organisationId: auditLog.organisationId }).from(auditLog).all()
  return rows
    .filter((r) => organisationId == null || r.organisationId === organisationId)
    .map((r) => r.id)
    .sort((a, b) => b - a)
    .slice(0, limit)
}

test('各端首页的最近操作按记录先后取最新的、只取本单位的，时间相同或倒序也一样 / each home lists its own newest audit entries by id, even with equal or out-of-order times', async () => {
  const kaizhou = actorFor('kaizhou')
  const weifang = actorFor('weifang')
  // Signing in is audited too: every sign-in first, so the entries below are the newest.
  const cookies = { kaizhou: await cookieFor('kaizhou'), weifang: await cookieFor('weifang'), admin: await cookieFor('admin') }
  // Entries with one shared time, and some stamped earlier than entries written before them (clocks of
  // two processes): "newest" is the order they were written in, as it always was.
  const same = new Date('2026-03-01T08:00:00Z')
  const earlier = new Date('2020-01-01T00:00:00Z')
  for (let i = 0; i < 6; i++) {
    for (const actor of [kaizhou, weifang]) {
      db.insert(auditLog)
        .values({
          at: i % 2 ? earlier : same,
          actorUserId: actor.userId,
          organisationId: actor.organisationId,
          action: 'auth.login',
          entity: 'user',
          entityId: String(i),
        })
        .run()
    }
  }
  writeAudit(db, { action: 'system.seed', entity: 'system' })

  const west = valueOf(await callLoader(westHome, { path: '/west', cookie: cookies.kaizhou }))
  expect(west.activity.map((r) => r.id)).toEqual(newestAuditIds(kaizhou.organisationId, 8))
  expect(west.activity.map((r) => r.entityId)).toEqual(['5', '4', '3', '2', '1', '0', ...west.activity.slice(6).map((r) => r.entityId)])
  expect(west.activity[0]).toMatchObject({ actionLabel: '登录', actorName: userOf('kaizhou').displayName })

  const east = valueOf(await callLoader(eastHome, { path: '/east', cookie: cookies.weifang }))
  expect(east.activity.map((r) => r.id)).toEqual(newestAuditIds(weifang.organisationId, 8))

  const admin = valueOf(await callLoader(adminHome, { path: '/admin', cookie: cookies.admin }))
  expect(admin.activity.map((r) => r.id)).toEqual(newestAuditIds(null, 12))
  expect(admin.activity[0]).toMatchObject({ action: 'system.seed', actorName: null })
})

test('待核验队列与首页待核验按注册时间排序，时间相同按账号先后，只含本县仍待决定的 / the queue and the home list order by registration time then id, only this county, only still waiting', async () => {
  const kaizhou = actorFor('kaizhou')
  const made = []
  for (let i = 0; i < 6; i++) made.push((await createPendingAccount('kaizhou', { inLedger: i % 2 === 0 })).user)
  const other = (await createPendingAccount('xiushan')).user
  // Four registrations share one time, before every other; two are no longer waiting.
  const same = new Date('2001-01-01T00:00:00Z')
  db.update(users)
    .set({ createdAt: same })
    .where(inArray(users.id, [...made.slice(0, 5).map((u) => u.id), other.id]))
    .run()
  expect(rejectAccount(kaizhou, made[1].id, { code: 'id_mismatch', text: '' })?.ok).toBe(true)
  expect(disableAccount(kaizhou, made[3].id, { code: 'worker_request', note: null })?.ok).toBe(true)

  // The reference: every waiting worker account of the county, sorted in JavaScript.
  const waiting = db
    .select({ id: users.id, createdAt: users.createdAt, verifiedAt: users.verifiedAt, rejectedAt: users.rejectedAt, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.organisationId, kaizhou.organisationId), eq(users.role, 'worker')))
    .all()
    .filter((u) => u.verifiedAt == null && u.rejectedAt == null && u.disabledAt == null)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)
    .map((u) => u.id)
  expect(waiting.slice(0, 3)).toEqual([made[0].id, made[2].id, made[4].id])

  expect(listPendingVerifications(kaizhou, { limit: 1000, offset: 0 }).map((r) => r.id)).toEqual(waiting)
  expect(listPendingVerifications(kaizhou, { limit: 2, offset: 1 }).map((r) => r.id)).toEqual(waiting.slice(1, 3))
  expect(listUnverifiedWorkers(kaizhou.organisationId, 5).map((r) => r.id)).toEqual([...waiting].reverse().slice(0, 5))
  expect(listPendingVerifications(actorFor('xiushan'), { limit: 1000, offset: 0 }).map((r) => r.id)).toContain(other.id)
  expect(waiting).not.toContain(other.id)
})
