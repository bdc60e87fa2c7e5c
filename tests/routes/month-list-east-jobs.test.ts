import { eq, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { vacancies } from '../../db/schema'
import { loader as listLoader } from '~/routes/east.jobs._index'
import { loader as exportLoader } from '~/routes/east.jobs.export[.xlsx]'
import { db } from '~/utils/db.server'
import { createTestVacancy } from '../factories'
import { bureauOf } from '../lookups'
import { DEC_FIRST_0000, MONTH, NOV_FIRST_0730, NOV_LAST_2359, OCT_LAST_2359, downloadName, readExport } from '../month-lists'
import { callLoader, cookieFor } from '../request'

// /east/jobs?published=YYYY-MM is the list the bureau's 发布岗位 figure links to (issue 15 §5): the bureau's
// posts published in that Shanghai month, in every state today, as many as the figure counts.

function publishedAt(id: number, at: Date) {
  db.update(vacancies).set({ publishedAt: at }).where(eq(vacancies.id, id)).run()
}

/** The figure's rule, as the contract states it: the bureau's posts with published_at in the Shanghai month. */
function figure(organisationId: number, month: string) {
  return db.get<{ n: number }>(
    sql`select count(*) as n from vacancies where organisation_id = ${organisationId}
        and strftime('%Y-%m', published_at / 1000, 'unixepoch', '+8 hours') = ${month}`,
  ).n
}

async function list(path: string, user = 'weifang') {
  const result = await callLoader(listLoader, { path, cookie: await cookieFor(user) })
  if (!('value' in result)) throw new Error(`${path} answered ${result.thrown.status}`)
  return result.value
}

/** Every row of a list, page after page. */
async function allRows(path: string, user = 'weifang') {
  const first = await list(path, user)
  const rows = [...first.rows]
  for (let page = 2; page <= first.pageCount; page++) rows.push(...(await list(`${path}&page=${page}`, user)).rows)
  expect(rows).toHaveLength(first.total)
  return rows
}

test('发布月份：本月发布的本局岗位（各种状态），上海时间的月界，外局不计 / published=M lists the bureau’s posts published in the Shanghai month in every state; the boundary is Shanghai time; another bureau’s never count', async () => {
  const weifang = bureauOf('370700').id
  const before = (await list(`/east/jobs?published=${MONTH}`)).total
  expect(before).toBe(figure(weifang, MONTH))

  // Hand-counted: four of weifang's posts published in November (Shanghai), one in each state it can be in now.
  const early = createTestVacancy('weifang', { title: '月界核对专员' })
  publishedAt(early.id, NOV_FIRST_0730)
  const closed = createTestVacancy('weifang', { status: 'closed' })
  publishedAt(closed.id, NOV_LAST_2359)
  const filled = createTestVacancy('weifang', { status: 'filled' })
  publishedAt(filled.id, NOV_FIRST_0730)
  const expired = createTestVacancy('weifang', { status: 'expired' })
  publishedAt(expired.id, NOV_FIRST_0730)
  // Not November: 23:59 on 31 October and midnight on 1 December in Shanghai, a draft never published, another bureau's.
  const october = createTestVacancy('weifang')
  publishedAt(october.id, OCT_LAST_2359)
  const december = createTestVacancy('weifang')
  publishedAt(december.id, DEC_FIRST_0000)
  const draft = createTestVacancy('weifang', { status: 'draft' })
  const dezhou = createTestVacancy('dezhou')
  publishedAt(dezhou.id, NOV_FIRST_0730)

  const page = await list(`/east/jobs?published=${MONTH}`)
  expect(page.total).toBe(before + 4)
  expect(page.total).toBe(figure(weifang, MONTH))
  const mine = [early.id, closed.id, filled.id, expired.id]
  const ids = (await allRows(`/east/jobs?published=${MONTH}`)).map((r) => r.id)
  expect(ids).toEqual(expect.arrayContaining(mine))
  for (const id of [october.id, december.id, draft.id, dezhou.id]) expect(ids).not.toContain(id)
  // Newest publication first: the post of 23:59 on the 30th leads.
  expect(page.rows[0].id).toBe(closed.id)
  expect((await allRows(`/east/jobs?published=${MONTH}`)).find((r) => r.id === early.id)!.publishedOn).toBe('2026-11-01')
  // The tabs count the month's posts by state today, and keep the month in their links.
  const tabs = Object.fromEntries(page.tabs.map((t) => [t.status ?? 'all', t.count]))
  expect(tabs.all).toBe(page.total)
  expect(tabs.closed + tabs.filled + tabs.expired + tabs.published + tabs.draft).toBe(page.total)
  expect(page.tabs.every((t) => t.to.includes(`published=${MONTH}`))).toBe(true)
  const closedTab = await list(`/east/jobs?published=${MONTH}&status=closed`)
  expect(closedTab.total).toBe(tabs.closed)
  expect(closedTab.rows.map((r) => r.id)).toContain(closed.id)
  expect(closedTab.rows.every((r) => r.status === 'closed')).toBe(true)
  // October has the 23:59 post; dezhou's list never has weifang's.
  expect((await allRows('/east/jobs?published=2026-10')).map((r) => r.id)).toContain(october.id)
  const theirs = (await allRows(`/east/jobs?published=${MONTH}`, 'dezhou')).map((r) => r.id)
  expect(theirs).toContain(dezhou.id)
  for (const id of mine) expect(theirs).not.toContain(id)

  // The search works together with the month.
  const searched = await list(`/east/jobs?published=${MONTH}&q=${encodeURIComponent('月界核对')}`)
  expect(searched.rows.map((r) => r.id)).toEqual([early.id])
  expect(searched.total).toBe(1)

  // The export carries the same rows.
  expect(page.exportTo).toBe(`/east/jobs/export.xlsx?published=${MONTH}`)
  const response = await callLoader(exportLoader, { path: page.exportTo, cookie: await cookieFor('weifang') })
  if (!('value' in response)) throw new Error('export refused')
  expect(downloadName(response.value)).toMatch(/^潍坊市-岗位-2026年11月发布-\d{4}-\d{2}-\d{2}\.xlsx$/)
  const sheet = await readExport(response.value)
  expect(sheet.rows).toHaveLength(page.total)
  expect(sheet.rows.map((r) => r[0])).toEqual(expect.arrayContaining([early.title, closed.title, filled.title, expired.title]))
  expect(sheet.rows.map((r) => r[0])).not.toContain(october.title)
})

test('月份参数不合法时忽略，不报错 / a month that does not parse is dropped, never a 500', async () => {
  const all = await list('/east/jobs')
  for (const bad of ['2026-13', '2026-1', 'abc', '2026-11-01', '%E0%A4%A', '２０２６-１１']) {
    const page = await list(`/east/jobs?published=${bad}`)
    expect(page.published, bad).toBeNull()
    expect(page.total, bad).toBe(all.total)
  }
})
