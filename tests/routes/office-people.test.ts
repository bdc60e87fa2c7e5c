import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { countOfficePeople, listOfficePeople, listOfficePeopleForExport } from '~/models/office-people.server'
import { computeStatistics, type StatisticsScope } from '~/models/statistics.server'
import { PEOPLE_KINDS } from '~/rules/office-people'
import { loader as eastPeople } from '~/routes/east.people._index'
import { loader as eastPeopleExport } from '~/routes/east.people.export[.xlsx]'
import { loader as westPeople } from '~/routes/west.people._index'
import { loader as westPeopleExport } from '~/routes/west.people.export[.xlsx]'
import { db } from '~/utils/db.server'
import { actorFor } from '../lookups'
import { readExport } from '../month-lists'
import { plansOf } from '../query-plans'
import { callLoader, cookieFor } from '../request'

// The people behind the dashboards' per-person figures (issue 15 §1, §5): /east/people and /west/people, one
// row per person, each side's own only, numbers masked, and a hostile kind or period never an error.

async function value<T>(run: Promise<{ value: T } | { thrown: Response }>) {
  const r = await run
  if (!('value' in r)) throw new Error(`thrown ${r.thrown.status}`)
  return r.value
}

async function thrown(run: Promise<{ value: unknown } | { thrown: Response }>) {
  const r = await run
  if (!('thrown' in r)) throw new Error('not thrown')
  return r.thrown
}

const PERIODS = ['2026-11', '2026-01/2026-11', null] as const

describe("只给本方工作人员 / each side's staff only", () => {
  test.each([
    ['east', eastPeople, '/east/people', 'kaizhou'],
    ['east export', eastPeopleExport, '/east/people/export.xlsx', 'kaizhou'],
    ['west', westPeople, '/west/people', 'weifang'],
    ['west export', westPeopleExport, '/west/people/export.xlsx', 'dezhou'],
  ] as const)('%s', async (_, loader, path, other) => {
    const anonymous = await thrown(callLoader(loader as typeof eastPeople, { path: `${path}?kind=hired` }))
    expect([302, 303]).toContain(anonymous.status)
    const wrong = await thrown(callLoader(loader as typeof eastPeople, { path: `${path}?kind=hired`, cookie: await cookieFor(other) }))
    expect(wrong.status).toBe(403)
    // A download shows the refusal's text as it is: in Chinese (it was a bare English "Forbidden").
    expect(await wrong.text()).toContain('无权查看')
    const worker = await thrown(callLoader(loader as typeof eastPeople, { path: `${path}?kind=hired`, cookie: await cookieFor('13996000001') }))
    expect(worker.status).not.toBe(200)
  })
})

/** Every row of a list, page by page (the demo's lists are under LIST_CAP). */
async function allRows(loader: typeof eastPeople | typeof westPeople, path: string, cookie: string) {
  const first = await value(callLoader(loader as typeof eastPeople, { path, cookie }))
  const rows = [...first.rows]
  for (let page = 2; page <= first.pageCount; page++)
    rows.push(...(await value(callLoader(loader as typeof eastPeople, { path: `${path}&page=${page}`, cookie }))).rows)
  return { total: first.total, rows }
}

describe('一人一行，行数等于人数 / one row a person, as many as the count', () => {
  test.each(['weifang', 'kaizhou'] as const)('%s', async (username) => {
    const side = username === 'weifang' ? 'east' : 'west'
    const loader = side === 'east' ? eastPeople : westPeople
    const cookie = await cookieFor(username)
    let counted = 0
    for (const kind of PEOPLE_KINDS)
      for (const period of PERIODS) {
        const { total, rows } = await allRows(loader, `/${side}/people?kind=${kind}${period ? `&month=${period}` : ''}`, cookie)
        expect(rows.length, `${kind} ${period}`).toBe(total)
        expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
        if (total > 0) counted += 1
      }
    expect(counted).toBeGreaterThanOrEqual(3)
  })
})

describe("别的区县、别的城市的人不在名单里 / another county's or city's person is absent", () => {
  test("区县只看到本县台账的人 / a county sees its own ledger's people only", () => {
    const kaizhou = actorFor('kaizhou')
    for (const kind of PEOPLE_KINDS) {
      const rows = listOfficePeople(kaizhou, kind, null, { limit: 2_000, offset: 0 })
      const ids = rows.map((r) => r.workerId)
      if (ids.length === 0) continue
      const foreign = db.get<{ n: number }>(
        sql`select count(*) as n from workers where id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}) and organisation_id <> ${kaizhou.organisationId}`,
      )
      expect(foreign?.n, kind).toBe(0)
      // fengdu's people are not kaizhou's.
      const fengdu = new Set(listOfficePeople(actorFor('fengdu'), kind, null, { limit: 2_000, offset: 0 }).map((r) => r.workerId))
      expect(
        ids.filter((id) => fengdu.has(id)),
        kind,
      ).toEqual([])
    }
  })

  test("人社局只看到开往本市的车次和本局单位的录用 / a bureau sees batches to its city and its employers' hires only", () => {
    const weifang = actorFor('weifang')
    for (const kind of ['boarded', 'arrived'] as const)
      for (const r of listOfficePeople(weifang, kind, null, { limit: 2_000, offset: 0 })) {
        const city = db.get<{ city: string }>(sql`select city_code as city from batches where id = ${r.batchId}`)
        expect(city?.city, `${kind} ${r.workerId}`).toBe(weifang.areaCode)
      }
    for (const r of listOfficePeople(weifang, 'hired', null, { limit: 2_000, offset: 0 })) {
      const own = db.get<{ n: number }>(
        sql`select count(*) as n from employment_records e join employers m on m.id = e.employer_id where e.worker_id = ${r.workerId} and m.organisation_id = ${weifang.organisationId}`,
      )
      expect(own?.n).toBeGreaterThan(0)
    }
    // Dezhou's count is its own, not weifang's.
    const dezhou = actorFor('dezhou')
    expect(countOfficePeople(dezhou, 'hired', null)).toBe(
      db.get<{ n: number }>(sql`select count(distinct worker_id) as n from hire_figures where organisation_id = ${dezhou.organisationId}`)?.n,
    )
  })
})

const FULL_ID = /\d{17}[\dX]/
const PHONE = /1[3-9]\d{9}/

describe('号码遮挡 / numbers masked', () => {
  test("区县的名单和导出：身份证号遮挡 / the county's list and export show masked ID numbers", async () => {
    const cookie = await cookieFor('kaizhou')
    for (const kind of PEOPLE_KINDS) {
      const page = await value(callLoader(westPeople, { path: `/west/people?kind=${kind}`, cookie }))
      expect(JSON.stringify(page)).not.toMatch(FULL_ID)
      expect(JSON.stringify(page)).not.toMatch(PHONE)
      for (const r of page.rows) expect(r.idNumber).toMatch(/^.{3}\*{11}.{4}$/)
      const file = await readExport(await value(callLoader(westPeopleExport, { path: `/west/people/export.xlsx?kind=${kind}&month=2026-01/2026-11`, cookie })))
      expect(file.headers).toContain('身份证号码')
      expect(file.title).toContain('开州')
      expect(file.title).toContain('2026年1月至11月')
      expect(JSON.stringify(file.rows)).not.toMatch(FULL_ID)
      expect(file.rows.length).toBe(countOfficePeople(actorFor('kaizhou'), kind, '2026-01/2026-11'))
    }
  })

  test("人社局的名单和导出：身份证号遮挡，没有电话 / the bureau's list and export show masked ID numbers and no phone", async () => {
    const cookie = await cookieFor('weifang')
    for (const kind of PEOPLE_KINDS) {
      const page = await value(callLoader(eastPeople, { path: `/east/people?kind=${kind}`, cookie }))
      expect(JSON.stringify(page)).not.toMatch(FULL_ID)
      expect(JSON.stringify(page)).not.toMatch(PHONE)
      for (const r of page.rows) expect(r.idNumber).toMatch(/^.{3}\*{11}.{4}$/)
      const file = await readExport(await value(callLoader(eastPeopleExport, { path: `/east/people/export.xlsx?kind=${kind}&month=2026-11`, cookie })))
      expect(file.title).toContain('潍坊')
      expect(file.title).toContain('名单')
      expect(file.title).toContain('2026年11月')
      expect(file.headers).toContain('身份证号码')
      expect(file.headers).not.toContain('手机号码')
      expect(JSON.stringify(file.rows)).not.toMatch(FULL_ID)
      expect(JSON.stringify(file.rows)).not.toMatch(PHONE)
      expect(file.rows.length).toBe(countOfficePeople(actorFor('weifang'), kind, '2026-11'))
    }
    // The export is read in chunks; the whole list comes out once.
    const all = [...listOfficePeopleForExport(actorFor('weifang'), 'hired', null)]
    expect(all.length).toBe(countOfficePeople(actorFor('weifang'), 'hired', null))
  })
})

describe('不合法的参数被忽略，从不报错 / a hostile kind or period is dropped, never a 500', () => {
  const HOSTILE = ["hired'--", 'HIRED', '', 'boarded;drop table workers', '<script>', '%00', 'arrived/../hired', '１']
  test.each([
    ['weifang', eastPeople, '/east/people'],
    ['kaizhou', westPeople, '/west/people'],
  ] as const)('%s', async (username, loader, path) => {
    const cookie = await cookieFor(username)
    for (const kind of HOSTILE) {
      const page = await value(callLoader(loader as typeof eastPeople, { path: `${path}?kind=${encodeURIComponent(kind)}&month=2026-11`, cookie }))
      expect(page.kind).toBe('hired')
      expect(page.month).toBe('2026-11')
    }
    for (const month of ['2026-13', '2026-11/2026-01', "2026-11'--", '1000-01/2026-01', 'x'.repeat(5000), '２０２６-１１']) {
      const page = await value(callLoader(loader as typeof eastPeople, { path: `${path}?kind=arrived&month=${encodeURIComponent(month)}`, cookie }))
      expect(page.month).toBeNull()
      expect(page.kind).toBe('arrived')
    }
    const deep = await value(callLoader(loader as typeof eastPeople, { path: `${path}?kind=boarded&page=999999`, cookie }))
    expect(deep.page).toBeLessThanOrEqual(Math.max(1, deep.pageCount))
  })
})

/** Every row of kaizhou's /west/people at `path`, in the county page's shape. */
async function westRows(path: string) {
  const { total, rows } = await allRows(westPeople, path, await cookieFor('kaizhou'))
  return { total, rows: rows as unknown as { workerId: number | null; idNumber: string | null; township: string }[] }
}

describe('数字与名单在边界情况下仍一致 / figure and list agree at the edges', () => {
  /** A kaizhou person who rode one of the county's departed batches, and that batch's month. */
  function aRide() {
    const kaizhou = actorFor('kaizhou')
    const ride = db.get<{ seatId: number; workerId: number; month: string }>(
      sql`select s.id as seatId, s.worker_id as workerId, substr(b.departure_date, 1, 7) as month from batch_seats s join batches b on b.id = s.batch_id
          where b.organisation_id = ${kaizhou.organisationId} and s.status = 'seated' and s.boarding = 'boarded' and b.state in ('departed', 'arrived')
            and (select count(*) from batch_seats o join batches ob on ob.id = o.batch_id where o.worker_id = s.worker_id and o.boarding = 'boarded'
                 and substr(ob.departure_date, 1, 7) = substr(b.departure_date, 1, 7)) = 1
          limit 1`,
    )
    if (!ride) throw new Error('the demo has no ride to use')
    return { kaizhou, ...ride }
  }

  test('上车后被移出的座位不算乘车：数字、名单和导出一起少一人 / a seat removed after its 已上车 tick is no ride: figure, list and export each lose that person', async () => {
    // The review (session 13): endSeat keeps boarding = 'boarded' on a removed seat, and 乘车 still counted it.
    const { kaizhou, seatId, workerId, month } = aRide()
    const west: StatisticsScope = { side: 'west', organisationId: kaizhou.organisationId, areaCode: kaizhou.areaCode }
    const before = computeStatistics(west, month).monthFigures.transported
    expect(countOfficePeople(kaizhou, 'boarded', month)).toBe(before)
    db.run(sql`update batch_seats set status = 'removed', vehicle_id = null, seat_no = null where id = ${seatId}`)
    const after = computeStatistics(west, month).monthFigures.transported
    expect(after).toBe(before - 1)
    expect(countOfficePeople(kaizhou, 'boarded', month)).toBe(after)
    const { total, rows } = await westRows(`/west/people?kind=boarded&month=${month}`)
    expect(total).toBe(after)
    expect(rows).toHaveLength(after)
    expect(rows.some((r) => r.workerId === workerId)).toBe(false)
  })

  test('乘车后台账转到别县的人仍在本县名单上，标为已转出、不显示号码：行数等于数字 / a rider whose ledger row moved to another county stays on the list as 已转出, numberless: rows equal the figure', async () => {
    // The review (session 13): the rows left out a person the count held, so a page came up one short.
    const { kaizhou, workerId, month } = aRide()
    db.run(sql`update workers set organisation_id = ${actorFor('fengdu').organisationId} where id = ${workerId}`)
    const west: StatisticsScope = { side: 'west', organisationId: kaizhou.organisationId, areaCode: kaizhou.areaCode }
    const figure = computeStatistics(west, month).monthFigures.transported
    const { total, rows } = await westRows(`/west/people?kind=boarded&month=${month}`)
    expect(total).toBe(figure)
    expect(rows).toHaveLength(figure)
    const moved = rows.filter((r) => r.township === '已转出本县')
    expect(moved).toHaveLength(1)
    expect(moved[0]).toMatchObject({ workerId: null, idNumber: null })
    const file = await readExport(
      await value(callLoader(westPeopleExport, { path: `/west/people/export.xlsx?kind=boarded&month=${month}`, cookie: await cookieFor('kaizhou') })),
    )
    expect(file.rows).toHaveLength(figure)
    // The bureau the batch went to (Weifang, Kaizhou's pair) sees the rider under the county whose batch it was,
    // 开州区, not under the county the ledger row moved to.
    const seen = listOfficePeople(actorFor('weifang'), 'boarded', month, { limit: 2_000, offset: 0 }).filter((r) => r.workerId === workerId)
    expect(seen.map((r) => r.place)).toEqual(['开州区'])
  })
})

describe('读得有界 / bounded reads', () => {
  test.each(['kaizhou', 'weifang'] as const)(
    '%s：到岗确认按车次读本期的到岗记录，不读车次的每个座位 / arrivals read each batch’s arrivals of the period, not every seat',
    async (username) => {
      const actor = actorFor(username)
      const plans = await plansOf(
        () => Promise.resolve(PERIODS.map((period) => countOfficePeople(actor, 'arrived', period))),
        (text) => text.includes('arrival'),
      )
      expect(plans).toHaveLength(2) // with a period (one month or several: one text) and without
      for (const { source, plan } of plans)
        expect(plan.join(' | '), source).toMatch(
          /SEARCH s USING (COVERING )?INDEX batch_seats_arrived_idx \(batch_id=\?( AND arrival_at>\? AND arrival_at<\?)?\)/,
        )
    },
  )
})
