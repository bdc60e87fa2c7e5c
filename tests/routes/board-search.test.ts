import { and, count, eq, gte, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { employers, searchIndexFormats, vacancies } from '../../db/schema'
import { ensureVacancySearchCurrent, rebuildVacancySearch, storedSearchFormat } from '~/models/vacancy-search.server'
import { loader as boardLoader } from '~/routes/jobs._index'
import { todayInShanghai } from '~/rules/dates'
import { VACANCY_SEARCH_FORMAT } from '~/rules/vacancy-search'
import { db } from '~/utils/db.server'
import { createTestVacancy } from '../factories'
import { callLoader, unwrapData } from '../request'

// Issue 9 §10 (place names find nothing) and §11 (an internal word matches everything), through the board's
// loader on the seeded demo data and on posts made by the factories.

type BoardData = { total: number; jobs: { id: number; title: string; cityName: string; employerName: string }[] }

const WEIFANG = '370700'

async function board(search: string) {
  const result = await callLoader(boardLoader, { path: `/jobs${search}` })
  if (!('value' in result)) throw new Error('the board threw')
  return unwrapData<BoardData>(result.value).data
}

/** Every id the board lists for `q`, across all its pages. */
async function allIds(q: string) {
  const ids: number[] = []
  for (let page = 1; ; page++) {
    const data = await board(`?q=${encodeURIComponent(q)}&page=${page}`)
    ids.push(...data.jobs.map((j) => j.id))
    if (ids.length >= data.total || data.jobs.length === 0) return ids.sort((a, b) => a - b)
  }
}

function allPosts() {
  return db.select({ n: count() }).from(vacancies).get()!.n
}

function openPosts(cityCode?: string) {
  return db
    .select({ id: vacancies.id, employerName: employers.name, title: vacancies.title })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(and(eq(vacancies.status, 'published'), gte(vacancies.validUntil, todayInShanghai()), cityCode ? eq(vacancies.cityCode, cityCode) : undefined))
    .orderBy(vacancies.id)
    .all()
}

test('q=潍坊市 找到潍坊的全部在招岗位 / q=潍坊市 finds every open Weifang post (0 before)', async () => {
  const weifang = openPosts(WEIFANG).map((p) => p.id)
  expect(weifang.length).toBeGreaterThan(15)
  expect(await allIds('潍坊市')).toEqual(weifang)
})

test('q=潍坊 也找到单位名里没有“潍坊”的岗位 / q=潍坊 finds them too, not only by employer name', async () => {
  const weifang = openPosts(WEIFANG)
  const notByName = weifang.filter((p) => !p.employerName.includes('潍坊'))
  expect(notByName.length).toBeGreaterThan(0)
  const found = await allIds('潍坊')
  for (const p of weifang) expect(found).toContain(p.id)
  // Not every open post: other cities' posts stay out.
  expect(found.length).toBeLessThan(openPosts().length)
})

test('区县名带不带“市/区/县”都能找到 / a county or district is found with and without its suffix', async () => {
  // Demo addresses are 山东省潍坊市寿光市 and 山东省潍坊市奎文区 (db/demo/vacancies.ts).
  for (const [a, b] of [
    ['寿光', '寿光市'],
    ['奎文', '奎文区'],
  ]) {
    const withSuffix = await allIds(b)
    expect(withSuffix.length, b).toBeGreaterThan(0)
    expect(withSuffix.length, b).toBeLessThan(openPosts().length)
    expect(await allIds(a), a).toEqual(withSuffix)
  }
})

test('“潍坊 电焊”要两个词都满足 / "潍坊 电焊" means both: a welding post in Weifang, no other', async () => {
  const weifangWeld = createTestVacancy('weifang', { title: '电焊工', address: '奎文区北海路 1 号' }).id
  const dezhouWeld = createTestVacancy('dezhou', { title: '电焊工', address: '德城区天衢路 9 号' }).id
  const weifangOther = createTestVacancy('weifang', { title: '叉车司机', industry: 'logistics', address: '奎文区北海路 2 号' }).id
  const found = await allIds('潍坊 电焊')
  expect(found).toContain(weifangWeld)
  expect(found).not.toContain(dezhouWeld)
  expect(found).not.toContain(weifangOther)
})

test('新发的岗位按工作地点能找到 / a new post is found by the county its address names, even in short form (needs vacancy.server.ts to use the one indexer)', async () => {
  // The address gives the county without its suffix, as people write it; 寿光市 still finds it.
  const id = createTestVacancy('weifang', { title: '大棚种植工', industry: 'agriculture', address: '寿光文家街道蔬菜基地' }).id
  expect(await allIds('寿光市')).toContain(id)
  expect(await allIds('文家街道')).toEqual([id])
  expect(await allIds('潍坊 大棚')).toContain(id)
})

test('q=zzsep 找不到任何岗位 / q=zzsep returns no post (every open post before)', async () => {
  const data = await board('?q=zzsep')
  expect(data.total).toBe(0)
  expect(openPosts().length).toBeGreaterThan(0)
})

test('旧格式的搜索文档在 setup 时重建一次 / setup rebuilds search documents written in an older format, once', async () => {
  // As a database built before this change holds them: the word zzsep between fields, no place names.
  const posts = openPosts()
  db.transaction((tx) => {
    tx.run(sql`delete from vacancy_search`)
    for (const p of posts) tx.run(sql`insert into vacancy_search (rowid, uni, bi) values (${p.id}, '', ${`zzsep ${p.title} zzsep`})`)
    tx.delete(searchIndexFormats).run()
  })
  expect((await board('?q=zzsep')).total).toBe(posts.length)
  expect(storedSearchFormat(db)).toBeNull()

  expect(ensureVacancySearchCurrent(db)).toBe(allPosts())
  expect(storedSearchFormat(db)).toBe(VACANCY_SEARCH_FORMAT)
  expect((await board('?q=zzsep')).total).toBe(0)
  expect(await allIds('潍坊市')).toEqual(openPosts(WEIFANG).map((p) => p.id))
  // Current now: a second setup leaves the index alone.
  expect(ensureVacancySearchCurrent(db)).toBeNull()
  expect(rebuildVacancySearch(db)).toBe(allPosts())
})
