import { and, count, desc, eq, lt } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { vacancies } from '../../db/schema'
import { loader as listLoader } from '~/routes/east.jobs._index'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { createTestVacancy } from '../factories'
import { bureauOf } from '../lookups'
import { context, cookieFor, get } from '../request'

// Issue 10: the bureau's list is read in the order of its own index and counted per state in the index.
// These check that the rows, their order, the tabs' counts and tenancy are exactly what a plain query
// over the table says, whatever the plan.

const ZAOZHUANG = '370400'

/** Every post of the organisation, newest change first, as the list promises, optionally only some. */
function expectedIds(organisationId: number, where?: ReturnType<typeof eq>) {
  return db
    .select({ id: vacancies.id })
    .from(vacancies)
    .where(and(eq(vacancies.organisationId, organisationId), where))
    .orderBy(desc(vacancies.updatedAt), desc(vacancies.id))
    .all()
    .map((r) => r.id)
}

async function allPages(path: string, cookie: string) {
  const ids: number[] = []
  for (let page = 1; ; page++) {
    const list = await listLoader({ request: get(`${path}${path.includes('?') ? '&' : '?'}page=${page}`, cookie), context: context(), params: {} })
    ids.push(...list.rows.map((r) => r.id))
    if (page >= list.pageCount) return { ids, list }
  }
}

test('岗位列表按最近修改排序、各状态计数与逐条查询一致 / the list is newest change first and the tab counts agree with a plain count', async () => {
  const org = bureauOf(ZAOZHUANG).id
  const made = [
    createTestVacancy('zaozhuang', { status: 'draft' }),
    createTestVacancy('zaozhuang', { status: 'expired' }),
    createTestVacancy('zaozhuang', { status: 'expired' }),
    createTestVacancy('zaozhuang', { status: 'closed' }),
    createTestVacancy('zaozhuang', { status: 'filled' }),
    createTestVacancy('zaozhuang'),
    createTestVacancy('zaozhuang'),
  ]
  // Several posts changed in the same millisecond: the id breaks the tie, newest first.
  const sameMoment = new Date(Date.now() - 86_400_000)
  for (const v of made.slice(4)) db.update(vacancies).set({ updatedAt: sameMoment }).where(eq(vacancies.id, v.id)).run()
  // An old post edited now moves to the top.
  db.update(vacancies)
    .set({ updatedAt: new Date(Date.now() + 60_000) })
    .where(eq(vacancies.id, made[0].id))
    .run()

  const cookie = await cookieFor('zaozhuang')
  const { ids, list } = await allPages('/east/jobs', cookie)
  expect(ids).toEqual(expectedIds(org))
  expect(ids[0]).toBe(made[0].id)

  const today = todayInShanghai()
  const plain = (status: (typeof vacancies.$inferSelect)['status']) =>
    db
      .select({ n: count() })
      .from(vacancies)
      .where(and(eq(vacancies.organisationId, org), eq(vacancies.status, status)))
      .get()!.n
  const expired = db
    .select({ n: count() })
    .from(vacancies)
    .where(and(eq(vacancies.organisationId, org), eq(vacancies.status, 'published'), lt(vacancies.validUntil, today)))
    .get()!.n
  expect(expired).toBeGreaterThanOrEqual(2)
  const tabs = Object.fromEntries(list.tabs.map((t) => [t.status ?? 'all', t.count]))
  expect(tabs).toEqual({
    all: expectedIds(org).length,
    draft: plain('draft'),
    published: plain('published') - expired,
    expired,
    closed: plain('closed'),
    filled: plain('filled'),
  })

  for (const status of ['draft', 'published', 'expired', 'closed', 'filled'] as const) {
    const tab = await allPages(`/east/jobs?status=${status}`, cookie)
    expect(tab.list.total, status).toBe(tabs[status])
    const stored = status === 'expired' || status === 'published' ? 'published' : status
    const want = expectedIds(org, eq(vacancies.status, stored)).filter((id) => {
      const row = db.select({ validUntil: vacancies.validUntil }).from(vacancies).where(eq(vacancies.id, id)).get()!
      return status === 'expired' ? row.validUntil < today : status === 'published' ? row.validUntil >= today : true
    })
    expect(tab.ids, status).toEqual(want)
    expect(tab.list.rows.every((r) => r.status === status)).toBe(true)
  }

  // Another bureau's list holds none of these posts.
  const other = await allPages('/east/jobs', await cookieFor('weifang'))
  for (const v of made) expect(other.ids).not.toContain(v.id)
})
