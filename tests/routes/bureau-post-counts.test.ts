import { count, eq, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { bureauPostCounts, vacancies } from '../../db/schema'
import { countVacanciesByStatus, deleteDraftVacancy, moveVacancy } from '~/models/vacancy.server'
import { effectiveStatus } from '~/rules/vacancy'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { actorFor, createTestVacancy } from '../factories'

// The bureau's post list reads its tab counts from the kept bureau_post_counts and bureau_open_posts
// (migration 0036), never by counting posts; they must equal what counting the posts says.

/** The tab counts by reading every post of the bureau, as the list did before the kept counts. */
function countedFromPosts(organisationId: number) {
  const today = todayInShanghai()
  const counts = { draft: 0, published: 0, expired: 0, closed: 0, filled: 0, all: 0 }
  const rows = db
    .select({ status: vacancies.status, validUntil: vacancies.validUntil })
    .from(vacancies)
    .where(eq(vacancies.organisationId, organisationId))
    .all()
  for (const r of rows) {
    counts[effectiveStatus(r.status, r.validUntil, today)] += 1
    counts.all += 1
  }
  return counts
}

/** Every kept row differs from a count of the posts by (bureau, status): none may. */
function keptRowsOffByCount() {
  return db.all(sql`
    select k.organisation_id, k.status, k.posts, coalesce(v.n, 0) as n from ${bureauPostCounts} k
    left join (select organisation_id, status, count(*) as n from ${vacancies} group by organisation_id, status) v
      on v.organisation_id = k.organisation_id and v.status = k.status
    where k.posts <> coalesce(v.n, 0)
    union all
    select organisation_id, status, null, count(*) from ${vacancies} v
    where not exists (select 1 from ${bureauPostCounts} k where k.organisation_id = v.organisation_id and k.status = v.status)
    group by organisation_id, status`)
}

test('岗位列表各状态数与逐条数岗位一致 / the list tabs’ counts equal counting the posts, through create, move, expire and delete', () => {
  const actor = actorFor('weifang')
  const before = countVacanciesByStatus(actor)
  expect(before).toEqual(countedFromPosts(actor.organisationId))

  const draft = createTestVacancy('weifang', { status: 'draft' })
  const open = createTestVacancy('weifang')
  const expired = createTestVacancy('weifang', { status: 'expired' })
  const closing = createTestVacancy('weifang')
  expect(moveVacancy(actor, closing.id, 'closed')).toEqual({ ok: true })
  const deleted = createTestVacancy('weifang', { status: 'draft' })
  expect(deleteDraftVacancy(actor, deleted.id)).toEqual({ ok: true })

  const after = countVacanciesByStatus(actor)
  expect(after).toEqual(countedFromPosts(actor.organisationId))
  expect(after).toEqual({
    draft: before.draft + 1,
    published: before.published + 1,
    expired: before.expired + 1,
    closed: before.closed + 1,
    filled: before.filled,
    all: before.all + 4,
  })
  expect([draft, open, expired].every((v) => v.id > 0)).toBe(true)
  // Another bureau's posts are never in this bureau's counts.
  const dezhou = actorFor('dezhou')
  expect(countVacanciesByStatus(dezhou)).toEqual(countedFromPosts(dezhou.organisationId))
  expect(keptRowsOffByCount()).toEqual([])
  expect(
    db
      .select({ n: count() })
      .from(bureauPostCounts)
      .where(sql`${bureauPostCounts.posts} < 0`)
      .get()!.n,
  ).toBe(0)
})
