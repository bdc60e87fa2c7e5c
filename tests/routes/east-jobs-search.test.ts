import { eq, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { applications, vacancies } from '../../db/schema'
import { withdrawApplication } from '~/models/application.server'
import { loader as listLoader } from '~/routes/east.jobs._index'
import { db } from '~/utils/db.server'
import { createTestApplication, createTestEmployer, createTestVacancy } from '../factories'
import { actorFor } from '../lookups'
import { callLoader, cookieFor } from '../request'

// The bureau's post list (/east/jobs, issue 11 §7): a search box over its own posts in every state, and
// each post's applications read from the kept county_application_counts.

async function list(username: string, path: string) {
  const r = await callLoader(listLoader, { path, cookie: await cookieFor(username) })
  if (!('value' in r)) throw new Error(`the list did not answer: ${r.thrown.status}`)
  return r.value
}

test('搜索按岗位名称和单位名称缩小列表，包括草稿和已关闭的，别的局的岗位不出现 / the search narrows the list by title and employer, drafts and closed posts included, never another bureau’s', async () => {
  const word = `琢玉${Date.now() % 100000}`
  const draft = createTestVacancy('weifang', { status: 'draft', title: `${word}雕刻工` })
  const closed = createTestVacancy('weifang', { status: 'closed', title: `${word}抛光工` })
  const byEmployer = createTestVacancy('weifang', { employerId: createTestEmployer('weifang', { name: `潍坊${word}工艺品有限公司` }).id })
  const other = createTestVacancy('dezhou', { title: `${word}雕刻工` })
  createTestVacancy('weifang', { title: '与搜索无关的岗位' })

  const found = await list('weifang', `/east/jobs?q=${encodeURIComponent(word)}`)
  expect(found.q).toBe(word)
  expect(new Set(found.rows.map((r) => r.id))).toEqual(new Set([draft.id, closed.id, byEmployer.id]))
  expect(found.total).toBe(3)
  expect(found.rows.map((r) => r.id)).not.toContain(other.id)
  // The tabs count what the search finds, and keep it in their links.
  expect(Object.fromEntries(found.tabs.map((t) => [t.label, t.count]))).toMatchObject({ 全部: 3, 草稿: 1, 招聘中: 1, 已关闭: 1, 已招满: 0 })
  expect(found.tabs.every((t) => t.to.includes(`q=${encodeURIComponent(word)}`))).toBe(true)

  const drafts = await list('weifang', `/east/jobs?status=draft&q=${encodeURIComponent(word)}`)
  expect(drafts.rows.map((r) => r.id)).toEqual([draft.id])
  expect(drafts.total).toBe(1)

  // Two words must both occur; text with nothing searchable in it finds nothing, never everything.
  const both = await list('weifang', `/east/jobs?q=${encodeURIComponent(`${word} 抛光`)}`)
  expect(both.rows.map((r) => r.id)).toEqual([closed.id])
  const nothing = await list('weifang', `/east/jobs?q=${encodeURIComponent('%%% ——')}`)
  expect(nothing.total).toBe(0)
  expect(nothing.rows).toEqual([])

  // Dezhou's search finds its own post only.
  const theirs = await list('dezhou', `/east/jobs?q=${encodeURIComponent(word)}`)
  expect(theirs.rows.map((r) => r.id)).toEqual([other.id])

  // Without a search the tabs are the kept figures again.
  const all = await list('weifang', '/east/jobs')
  expect(all.q).toBe('')
  const own = db
    .select({ n: sql<number>`count(*)` })
    .from(vacancies)
    .where(eq(vacancies.organisationId, actorFor('weifang').organisationId))
    .get()!.n
  expect(all.total).toBe(own)
  expect(all.tabs[0].count).toBe(own)
})

test('每个岗位的报名数等于保存的计数，也等于逐条统计的报名 / each post’s applicant count equals the kept counts and the applications themselves', async () => {
  const word = `报名计数${Date.now() % 100000}`
  const busy = createTestVacancy('weifang', { title: `${word}甲` })
  const quiet = createTestVacancy('weifang', { title: `${word}乙` })
  await createTestApplication(busy.id)
  await createTestApplication(busy.id, { by: 'recommended' })
  // A withdrawn application still counts, as on the post's applicants page (报名人员 total).
  const { application, user } = await createTestApplication(busy.id)
  expect(withdrawApplication(actorFor(user!.username), application.id)).toMatchObject({ ok: true })

  const found = await list('weifang', `/east/jobs?q=${encodeURIComponent(word)}`)
  const byId = new Map(found.rows.map((r) => [r.id, r.applications]))
  const counted = (id: number) =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(applications)
      .where(eq(applications.vacancyId, id))
      .get()!.n
  const kept = (id: number) =>
    db.$client.prepare('select coalesce(sum(n), 0) as n from county_application_counts where vacancy_id = ?').get(id) as { n: number }
  expect(byId.get(busy.id)).toBe(3)
  expect(byId.get(busy.id)).toBe(counted(busy.id))
  expect(byId.get(busy.id)).toBe(kept(busy.id).n)
  expect(byId.get(quiet.id)).toBe(0)

  // Every row of a full page agrees with the applications it counts.
  const page = await list('weifang', '/east/jobs')
  for (const r of page.rows) expect(r.applications, `post ${r.id}`).toBe(counted(r.id))
})
