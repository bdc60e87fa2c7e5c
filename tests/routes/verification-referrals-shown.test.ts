import { and, asc, eq, isNull } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { registrationReferrals } from '../../db/schema'
import { loader as queueLoader } from '~/routes/west.verifications._index'
import { db } from '~/utils/db.server'
import { actorFor, createWorkerAccount } from '../factories'
import { callLoader, cookieFor, unwrapData } from '../request'

// Issue 10: the verification queue renders at most 20 open referrals (two forms each), oldest first, and
// says how many wait in all, instead of up to 100 on every view of the county's heaviest page.

test('核验页一次显示最早的 20 条注册受理，并给出总数 / the queue shows the 20 oldest open referrals and the total', async () => {
  const kaizhou = actorFor('kaizhou')
  const holder = await createWorkerAccount('kaizhou')
  const start = Date.now() - 86_400_000
  for (let i = 0; i < 25; i++) {
    db.insert(registrationReferrals)
      .values({
        organisationId: kaizhou.organisationId,
        userId: holder.user.id,
        name: `来电${i}`,
        phone: `177${String(880000 + i).padStart(8, '0')}`,
        createdAt: new Date(start + i * 60_000),
      })
      .run()
  }
  const open = db
    .select({ id: registrationReferrals.id })
    .from(registrationReferrals)
    .where(and(eq(registrationReferrals.organisationId, kaizhou.organisationId), isNull(registrationReferrals.handledAt)))
    .orderBy(asc(registrationReferrals.createdAt), asc(registrationReferrals.id))
    .all()
  expect(open.length).toBeGreaterThanOrEqual(26)
  const result = await callLoader(queueLoader, { path: '/west/verifications', cookie: await cookieFor('kaizhou') })
  const data = unwrapData((result as { value: unknown }).value).data as { referrals: { total: number; rows: { id: number }[] } }
  expect(data.referrals.total).toBe(open.length)
  expect(data.referrals.rows.map((r) => r.id)).toEqual(open.slice(0, 20).map((r) => r.id))
})
