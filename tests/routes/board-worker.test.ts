import { and, count, eq, gte } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { vacancies, vacancyTargets } from '../../db/schema'
import { loader as boardLoader } from '~/routes/jobs._index'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { createTestVacancy, createWorkerAccount } from '../factories'
import { callLoader, cookieFor, unwrapData } from '../request'

// Issue 9 §12: a signed-in worker sees first the posts they can apply to (their county's pairing), with one
// tap to all of them and the count of each; and the pay filter does what its words say.

type BoardData = {
  total: number
  scope: 'mine' | 'all'
  scopes: { counts: { mine: number; all: number }; mine: string; all: string } | null
  jobs: { id: number; notForYourCounty: boolean; salary: string }[]
}

async function board(search: string, cookie?: string) {
  const result = await callLoader(boardLoader, { path: `/jobs${search}`, cookie })
  if (!('value' in result)) throw new Error('the board threw')
  return unwrapData<BoardData>(result.value).data
}

const open = () => and(eq(vacancies.status, 'published'), gte(vacancies.validUntil, todayInShanghai()))

function openCount(countyCode?: string) {
  const q = db.select({ n: count() }).from(vacancies)
  if (!countyCode) return q.where(open()).get()!.n
  return q
    .innerJoin(vacancyTargets, eq(vacancyTargets.vacancyId, vacancies.id))
    .where(and(open(), eq(vacancyTargets.countyCode, countyCode)))
    .get()!.n
}

async function kaizhouWorker() {
  const { user } = await createWorkerAccount('kaizhou')
  return cookieFor(user.username)
}

test('登录的务工人员先看到自己能报名的岗位，一点就看全部，两个数都有 / a signed-in worker first sees the posts they can apply to, with one link to all and both counts', async () => {
  const cookie = await kaizhouWorker()
  const mine = await board('', cookie)
  expect(mine.scope).toBe('mine')
  expect(mine.scopes!.counts).toEqual({ mine: openCount('500154'), all: openCount() })
  expect(mine.scopes!.counts.mine).toBeLessThan(mine.scopes!.counts.all)
  expect(mine.total).toBe(mine.scopes!.counts.mine)
  expect(mine.jobs.every((j) => !j.notForYourCounty)).toBe(true)
  expect(mine.scopes!.all).toBe('/jobs?scope=all')

  const all = await board('?scope=all', cookie)
  expect(all.scope).toBe('all')
  expect(all.total).toBe(openCount())
  expect(all.jobs.some((j) => j.notForYourCounty)).toBe(true)
  expect(all.scopes!.mine).toBe('/jobs')
})

test('切换范围时保留搜索和筛选，回到第一页 / switching lists keeps the search and filters and starts at page 1', async () => {
  const cookie = await kaizhouWorker()
  const data = await board('?q=工&meals=1&page=2', cookie)
  expect(data.scopes!.all).toBe('/jobs?q=%E5%B7%A5&meals=1&scope=all')
  expect(data.scopes!.counts.all).toBeGreaterThanOrEqual(data.scopes!.counts.mine)
  const all = await board('?q=工&meals=1&scope=all', cookie)
  expect(all.total).toBe(data.scopes!.counts.all)
  expect(all.scopes!.mine).toBe('/jobs?q=%E5%B7%A5&meals=1')
})

test('没登录或不是务工人员：一直是全部岗位，scope 参数无效 / signed out, the board lists every open post and ignores scope', async () => {
  for (const search of ['', '?scope=mine', '?scope=all', '?scope=nope']) {
    const data = await board(search)
    expect(data.scopes).toBeNull()
    expect(data.scope).toBe('all')
    expect(data.total).toBe(openCount())
  }
})

test('“月薪最高可达 X”按工资范围上限筛：工人要的是能挣到 X 的岗位 / "pay can reach X" filters on the top of the range — a worker looking for X a month wants every post that can pay it (label and chip: tests/e2e/board-phone.test.ts)', async () => {
  const reaches = createTestVacancy('weifang', { title: '装配工', salaryMin: 4000, salaryMax: 6500 }).id
  const bottom = createTestVacancy('weifang', { title: '装配工', salaryMin: 6000, salaryMax: 7000 }).id
  const below = createTestVacancy('weifang', { title: '装配工', salaryMin: 4000, salaryMax: 5500 }).id
  const ids: number[] = []
  const first = await board('?q=装配工&minSalary=6000&scope=all')
  for (let page = 1; page <= Math.ceil(first.total / 20); page++)
    ids.push(...(await board(`?q=装配工&minSalary=6000&scope=all&page=${page}`)).jobs.map((j) => j.id))
  expect(ids).toContain(reaches)
  expect(ids).toContain(bottom)
  expect(ids).not.toContain(below)
})
