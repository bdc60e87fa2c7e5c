import { eq, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { vacancies } from '../../db/schema'
import { loader as listLoader } from '~/routes/west.jobs._index'
import { db } from '~/utils/db.server'
import { createTestVacancy } from '../factories'
import { actorFor } from '../lookups'
import { DEC_FIRST_0000, MONTH, NOV_FIRST_0730, NOV_LAST_2359, OCT_LAST_2359 } from '../month-lists'
import { callLoader, cookieFor } from '../request'

// /west/jobs?published=YYYY-MM is the list the county's 发布岗位 figure links to (issue 15 §5): the posts open
// to the county (vacancy_targets) published in that Shanghai month, in every state today — where the page
// without it lists the open posts only.

function publishedAt(id: number, at: Date) {
  db.update(vacancies).set({ publishedAt: at }).where(eq(vacancies.id, id)).run()
}

/** The figure's rule, as the contract states it: posts whose targets include the county, published_at in the month. */
function figure(countyCode: string, month: string) {
  return db.get<{ n: number }>(
    sql`select count(*) as n from vacancy_targets t join vacancies v on v.id = t.vacancy_id
        where t.county_code = ${countyCode} and strftime('%Y-%m', v.published_at / 1000, 'unixepoch', '+8 hours') = ${month}`,
  ).n
}

async function list(path: string, user = 'kaizhou') {
  const result = await callLoader(listLoader, { path, cookie: await cookieFor(user) })
  if (!('value' in result)) throw new Error(`${path} answered ${result.thrown.status}`)
  return result.value
}

async function allRows(path: string, user = 'kaizhou') {
  const first = await list(path, user)
  const rows = [...first.rows]
  for (let page = 2; page <= first.pageCount; page++) rows.push(...(await list(`${path}&page=${page}`, user)).rows)
  expect(rows).toHaveLength(first.total)
  return rows
}

test('发布月份：面向本县、当月发布的岗位，含已关闭和已招满的；上海时间月界；别的县的不计 / published=M lists the posts open to the county published in the Shanghai month in every state; another county’s never count', async () => {
  const kaizhou = actorFor('kaizhou').areaCode
  const before = (await list(`/west/jobs?published=${MONTH}`)).total
  expect(before).toBe(figure(kaizhou, MONTH))

  // Hand-counted: four of weifang's posts for 开州 published in November (Shanghai), in four states today.
  const open = createTestVacancy('weifang', { title: '月界核对西部岗', industry: 'logistics' })
  publishedAt(open.id, NOV_FIRST_0730)
  const closed = createTestVacancy('weifang', { status: 'closed' })
  publishedAt(closed.id, NOV_LAST_2359)
  const filled = createTestVacancy('weifang', { status: 'filled' })
  publishedAt(filled.id, NOV_FIRST_0730)
  const expired = createTestVacancy('weifang', { status: 'expired' })
  publishedAt(expired.id, NOV_FIRST_0730)
  // Not November (Shanghai), never published, or open to 秀山 (dezhou's pair) only.
  const october = createTestVacancy('weifang')
  publishedAt(october.id, OCT_LAST_2359)
  const december = createTestVacancy('weifang')
  publishedAt(december.id, DEC_FIRST_0000)
  const draft = createTestVacancy('weifang', { status: 'draft' })
  const xiushan = createTestVacancy('dezhou')
  publishedAt(xiushan.id, NOV_FIRST_0730)

  const page = await list(`/west/jobs?published=${MONTH}`)
  expect(page.total).toBe(before + 4)
  expect(page.total).toBe(figure(kaizhou, MONTH))
  const rows = await allRows(`/west/jobs?published=${MONTH}`)
  const ids = rows.map((r) => r.id)
  expect(ids).toEqual(expect.arrayContaining([open.id, closed.id, filled.id, expired.id]))
  for (const id of [october.id, december.id, draft.id, xiushan.id]) expect(ids).not.toContain(id)
  expect(Object.fromEntries(rows.filter((r) => [open.id, closed.id, filled.id, expired.id].includes(r.id)).map((r) => [r.id, r.status]))).toEqual({
    [open.id]: 'published',
    [closed.id]: 'closed',
    [filled.id]: 'filled',
    [expired.id]: 'expired',
  })
  expect(rows[0].id).toBe(closed.id)
  expect(rows.find((r) => r.id === open.id)!.publishedOn).toBe('2026-11-01')
  expect((await allRows('/west/jobs?published=2026-10')).map((r) => r.id)).toContain(october.id)
  // 秀山's list has dezhou's post and none of weifang's.
  const theirs = (await allRows(`/west/jobs?published=${MONTH}`, 'xiushan')).map((r) => r.id)
  expect(theirs).toContain(xiushan.id)
  expect(theirs).not.toContain(open.id)

  // The board's filters work inside the month.
  const searched = await list(`/west/jobs?published=${MONTH}&q=${encodeURIComponent('月界核对')}`)
  expect(searched.rows.map((r) => r.id)).toEqual([open.id])
  const logistics = await allRows(`/west/jobs?published=${MONTH}&industry=logistics`)
  expect(logistics.map((r) => r.id)).toContain(open.id)
  expect(logistics.every((r) => r.industry === '物流运输')).toBe(true)

  // Without the month the page is the board: open posts only.
  const board = await allRows('/west/jobs?sort=newest')
  expect(board.map((r) => r.id)).not.toContain(closed.id)
  expect(board.every((r) => r.status === 'published')).toBe(true)
})

test('月份参数不合法时忽略，不报错 / a month that does not parse is dropped, never a 500', async () => {
  const board = await list('/west/jobs')
  for (const bad of ['2026-00', '1800-01', 'x', '2026-11-31']) {
    const page = await list(`/west/jobs?published=${bad}`)
    expect(page.filters.published, bad).toBeNull()
    expect(page.total, bad).toBe(board.total)
  }
})
