import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { employers, vacancies } from '../../db/schema'
import { countPublicVacancies, listPublicVacancies, pagePublicVacancies, searchPublicVacancies } from '~/models/vacancy-board.server'
import type { BoardFilters } from '~/utils/board-query.server'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { paginate } from '~/utils/page'
import { createTestVacancy } from '../factories'

// Issue 10 §3: the board's count rides along with a text search's page (`count(*) over ()`), one query
// instead of two. The page, the total and the clamping must be exactly what count + list gave.

const none: BoardFilters = { q: '', city: null, industry: null, minSalary: null, meals: false, housing: false, sort: 'newest' }

const CASES: BoardFilters[] = [
  none,
  { ...none, q: '焊工' },
  { ...none, q: '普工', city: '370700' },
  { ...none, q: '焊工', sort: 'salary', meals: true },
  { ...none, city: '370700', sort: 'salary' },
  { ...none, q: '没有这样的岗位名称' },
]

test('一次查询的页面和总数与分开查询完全相同，越界的页给最后一页 / the one-query page and total equal count + list, and a page past the end shows the last', () => {
  for (let i = 0; i < 25; i++) createTestVacancy('weifang', { title: `电焊工${i}`, providesMeals: i % 2 === 0 })
  for (const filters of CASES) {
    const total = countPublicVacancies(filters)
    for (const page of [1, 2, 3, 99]) {
      const expected = paginate({ page, pageSize: 5, total, rows: (limit, offset) => listPublicVacancies(filters, { limit, offset }) })
      expect(pagePublicVacancies(filters, { page, pageSize: 5 }), `${JSON.stringify(filters)} page ${page}`).toEqual(expected)
    }
  }
  expect(countPublicVacancies({ ...none, q: '焊工' })).toBeGreaterThanOrEqual(25)

  // Held to plain SQL as well, not only to the model's own list: open posts in the board's order.
  const today = todayInShanghai()
  const plain = (where: string, order: string, params: unknown[]) =>
    (
      db.$client.prepare(`select id from vacancies where status = 'published' and valid_until >= ? ${where} order by ${order}`).all(today, ...params) as {
        id: number
      }[]
    ).map((r) => r.id)
  const browse = plain('', 'published_at desc, id desc', [])
  const bySalary = plain('and city_code = ?', 'salary_max_fen desc, id desc', ['370700'])
  for (const [filters, expected] of [
    [none, browse],
    [{ ...none, city: '370700', sort: 'salary' }, bySalary],
  ] as const) {
    const pages = [1, 2, 3].flatMap((page) => pagePublicVacancies(filters, { page, pageSize: 5 }).rows.map((r) => r.id))
    expect(pages, JSON.stringify(filters)).toEqual(expected.slice(0, 15))
  }
  // A text search's pages never repeat or skip a post: pages 1…n together are the whole count, each once.
  const welding = { ...none, q: '焊工' }
  const weldingTotal = countPublicVacancies(welding)
  const all = Array.from({ length: Math.ceil(weldingTotal / 5) }, (_, i) =>
    pagePublicVacancies(welding, { page: i + 1, pageSize: 5 }).rows.map((r) => r.id),
  ).flat()
  expect(new Set(all).size).toBe(weldingTotal)
  expect(all.length).toBe(weldingTotal)
})

test('接口：越界的页是空的，总数照旧 / the feed: a page past the end is empty and still carries the total', () => {
  createTestVacancy('weifang', { title: '电焊工' })
  for (const filters of CASES) {
    const total = countPublicVacancies(filters)
    expect(searchPublicVacancies({ ...filters, page: 1, pageSize: 3 })).toEqual({ total, rows: listPublicVacancies(filters, { limit: 3, offset: 0 }) })
    expect(searchPublicVacancies({ ...filters, page: 9999, pageSize: 3 })).toEqual({ total, rows: [] })
  }
})

test('公开数据一变，版本号就加一；与公开页面无关的改动不加 / the public version counter moves with every public change and not with private ones', () => {
  const version = () => db.$client.prepare('select version from public_board_version where id = 1').pluck().get() as number
  let last = version()
  const post = createTestVacancy('weifang')
  expect(version()).toBeGreaterThan(last)
  last = version()
  db.update(vacancies).set({ status: 'closed' }).where(eq(vacancies.id, post.id)).run()
  expect(version()).toBeGreaterThan(last)
  last = version()
  db.update(employers).set({ contactPhone: '05360000000' }).where(eq(employers.id, post.employerId)).run()
  expect(version()).toBe(last)
  db.update(employers).set({ name: '改名后的公司' }).where(eq(employers.id, post.employerId)).run()
  expect(version()).toBeGreaterThan(last)
})
