import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { countOfficePeople, listOfficePeople, listOfficePeopleForExport } from '~/models/office-people.server'
import { PEOPLE_KINDS } from '~/rules/office-people'
import { loader as eastPeople } from '~/routes/east.people._index'
import { loader as eastPeopleExport } from '~/routes/east.people.export[.xlsx]'
import { loader as westPeople } from '~/routes/west.people._index'
import { loader as westPeopleExport } from '~/routes/west.people.export[.xlsx]'
import { db } from '~/utils/db.server'
import { actorFor } from '../lookups'
import { readExport } from '../month-lists'
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
    expect(wrong.status).not.toBe(200)
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

  test("人社局的名单和导出：没有身份证号和电话 / the bureau's list and export carry no ID number or phone", async () => {
    const cookie = await cookieFor('weifang')
    for (const kind of PEOPLE_KINDS) {
      const page = await value(callLoader(eastPeople, { path: `/east/people?kind=${kind}`, cookie }))
      expect(JSON.stringify(page)).not.toMatch(FULL_ID)
      expect(JSON.stringify(page)).not.toMatch(PHONE)
      const file = await readExport(await value(callLoader(eastPeopleExport, { path: `/east/people/export.xlsx?kind=${kind}&month=2026-11`, cookie })))
      expect(file.title).toContain('潍坊')
      expect(file.title).toContain('名单')
      expect(file.title).toContain('2026年11月')
      expect(file.headers).not.toContain('身份证号码')
      expect(JSON.stringify(file.rows)).not.toMatch(/\d{6,}/)
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
