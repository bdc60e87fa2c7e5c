import { sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { countCountyMonth, shanghaiMonth } from '~/models/county-outcomes.server'
import { loader as homeLoader } from '~/routes/west._index'
import { loader as listLoader } from '~/routes/west.applications._index'
import { db } from '~/utils/db.server'
import { createTestApplication, createTestVacancy } from '../factories'
import { actorFor } from '../lookups'
import { callLoader, cookieFor, dataOf, type DataOf } from '../request'

// The applications of the county's people (/west/applications, issue 11 §3): the list the home's 本月报名
// figure counts, by Asia/Shanghai month, township and status.

async function view<T>(loaderFn: Parameters<typeof callLoader<T>>[0], username: string, path: string): Promise<DataOf<T>> {
  const r = await callLoader(loaderFn, { path, cookie: await cookieFor(username) })
  if (!('value' in r)) throw new Error(`${path} did not answer: ${r.thrown.status}`)
  return dataOf(r.value)
}

/** Every row of the list at `path`, page by page. */
async function allRows(username: string, path: string) {
  const first = await view(listLoader, username, path)
  const rows = [...first.rows]
  for (let page = 2; page <= first.pageCount; page++)
    rows.push(...(await view(listLoader, username, `${path}${path.includes('?') ? '&' : '?'}page=${page}`)).rows)
  return { first, rows }
}

/** The plain query: the ids of the county's applications in a Shanghai month (and more conditions), newest first. */
function reference(organisationId: number, month: string, where = '', ...params: unknown[]) {
  return (
    db.$client
      .prepare(
        `select a.id from applications a join workers w on w.id = a.worker_id
         where w.organisation_id = ? and strftime('%Y-%m', a.created_at / 1000, 'unixepoch', '+8 hours') = ? ${where}
         order by a.created_at desc, a.id desc`,
      )
      .all(organisationId, month, ...params) as { id: number }[]
  ).map((r) => r.id)
}

test('首页“本月报名”等于列表的条数；只有本县的人，号码打码，链接到台账和岗位 / the home’s 本月报名 equals the list’s row count; only the county’s people, masked, linked to the ledger row and the post', async () => {
  const kaizhou = actorFor('kaizhou')
  const post = createTestVacancy('weifang')
  const mine = [await createTestApplication(post.id), await createTestApplication(post.id, { by: 'recommended' }), await createTestApplication(post.id)]
  const theirs = await createTestApplication(createTestVacancy('dezhou').id, { centre: 'xiushan' })

  const home = await view(homeLoader, 'kaizhou', '/west')
  const month = shanghaiMonth()
  expect(home.month.month).toBe(month)
  const { first, rows } = await allRows('kaizhou', '/west/applications')
  expect(first.filters.month).toBe(month)
  expect(rows).toHaveLength(home.month.applications)
  expect(first.total).toBe(home.month.applications)
  expect(rows.map((r) => r.id)).toEqual(reference(kaizhou.organisationId, month))
  for (const { application } of mine) expect(rows.map((r) => r.id)).toContain(application.id)
  expect(rows.map((r) => r.id)).not.toContain(theirs.application.id)

  const row = rows.find((r) => r.id === mine[1].application.id)!
  expect(row).toMatchObject({
    workerId: mine[1].worker.id,
    vacancyId: post.id,
    title: post.title,
    bureau: '潍坊市人社局',
    status: 'submitted',
    recommended: true,
  })
  expect(row.idNumber).not.toBe(mine[1].worker.idNumber)
  expect(row.idNumber).toMatch(/^\d{3}\*{11}/)
  expect(JSON.stringify(rows)).not.toContain(mine[1].worker.idNumber)
})

test('按北京时间分月：1 日 07:30 的报名属于当月，前一天 23:30 的属于上月，与首页计数一致 / months are Shanghai months: 07:30 on the 1st belongs to that month, 23:30 the day before to the last', async () => {
  const kaizhou = actorFor('kaizhou')
  const post = createTestVacancy('weifang')
  const early = await createTestApplication(post.id)
  const late = await createTestApplication(post.id)
  // 07:30 on 1 March 2026 in Shanghai is 23:30 UTC on 28 February; 23:30 on 28 February in Shanghai is 15:30 UTC.
  db.run(sql`update applications set created_at = ${Date.UTC(2026, 1, 28, 23, 30)} where id = ${early.application.id}`)
  db.run(sql`update applications set created_at = ${Date.UTC(2026, 1, 28, 15, 30)} where id = ${late.application.id}`)

  const march = await allRows('kaizhou', '/west/applications?month=2026-03')
  expect(march.rows.map((r) => r.id)).toContain(early.application.id)
  expect(march.rows.map((r) => r.id)).not.toContain(late.application.id)
  expect(march.rows.find((r) => r.id === early.application.id)!.on).toBe('2026-03-01')
  expect(march.rows).toHaveLength(countCountyMonth(kaizhou, '2026-03').applications)
  const february = await allRows('kaizhou', '/west/applications?month=2026-02')
  expect(february.rows.map((r) => r.id)).toContain(late.application.id)
  expect(february.rows.map((r) => r.id)).not.toContain(early.application.id)
  expect(february.rows).toHaveLength(countCountyMonth(kaizhou, '2026-02').applications)
  expect(february.first.total).toBe(countCountyMonth(kaizhou, '2026-02').applications)
})

test('按乡镇和状态筛选与逐条查询一致；别县的乡镇和看不懂的值被忽略 / township and status filters agree with the plain query; another county’s township and bad values are dropped', async () => {
  const kaizhou = actorFor('kaizhou')
  const post = createTestVacancy('weifang')
  const a = await createTestApplication(post.id)
  const b = await createTestApplication(post.id, { by: 'recommended' })
  db.run(sql`update applications set status = 'contacted' where id = ${b.application.id}`)
  const month = shanghaiMonth()
  const township = a.worker.townshipCode

  for (const [query, where, params] of [
    [`township=${township}`, 'and w.township_code = ?', [township]],
    ['status=contacted', 'and a.status = ?', ['contacted']],
    ['status=submitted', 'and a.status = ?', ['submitted']],
    [`township=${township}&status=submitted`, 'and w.township_code = ? and a.status = ?', [township, 'submitted']],
  ] as const) {
    const expected = reference(kaizhou.organisationId, month, where, ...params)
    const { first, rows } = await allRows('kaizhou', `/west/applications?${query}`)
    expect(first.total, query).toBe(expected.length)
    expect(first.capped, query).toBe(false)
    expect(
      rows.map((r) => r.id),
      query,
    ).toEqual(expected)
  }
  const contacted = await allRows('kaizhou', '/west/applications?status=contacted')
  expect(contacted.rows.map((r) => r.id)).toContain(b.application.id)
  expect(contacted.rows.map((r) => r.id)).not.toContain(a.application.id)

  // 秀山's township, a made-up status and a bad month are dropped: this month's full list.
  const xiushanTownship = (db.$client.prepare("select code from areas where parent_code = '500241' and level = 'township' limit 1").get() as { code: string })
    .code
  const dropped = await view(listLoader, 'kaizhou', `/west/applications?township=${xiushanTownship}&status=lost&month=2026-13`)
  expect(dropped.filters).toEqual({ month, township: null, status: null })
  expect(dropped.total).toBe(countCountyMonth(kaizhou).applications)
})

test('只有区县中心能看：人社局和务工人员被拒 / only a county centre may open the list', async () => {
  for (const username of ['weifang', 'admin']) {
    const r = await callLoader(listLoader, { path: '/west/applications', cookie: await cookieFor(username) })
    expect('thrown' in r && r.thrown.status, username).not.toBe(false)
    expect('value' in r, username).toBe(false)
  }
})
