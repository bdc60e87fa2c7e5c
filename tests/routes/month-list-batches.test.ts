import { eq, sql, type SQL } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { batches } from '../../db/schema'
import { loader as arrivalLoader } from '~/routes/east.arrivals.$batchId'
import { loader as arrivalsLoader } from '~/routes/east.arrivals._index'
import { loader as arrivalsExport } from '~/routes/east.arrivals.export[.xlsx]'
import { loader as batchesLoader } from '~/routes/west.batches._index'
import { loader as batchesExport } from '~/routes/west.batches.export[.xlsx]'
import type { BatchState } from '~/rules/batch'
import { db } from '~/utils/db.server'
import { createTestBatch } from '../factories-batches'
import { actorFor } from '../lookups'
import { MONTH, downloadName, readExport } from '../month-lists'
import { callLoader, cookieFor } from '../request'

// /west/batches?month=M and /east/arrivals?month=M are the lists the dashboards' 包车批次 figures link to
// (issue 15 §5): batches in state departed or arrived whose departure day (a Shanghai day) is in the month —
// the county's own (batches.organisation_id), or those heading to the bureau's city (batches.city_code).

function batchAt(centre: string, state: BatchState, departureDate: string) {
  const { batch } = createTestBatch(centre, { state: 'open' })
  db.update(batches)
    .set({ state, departureDate, cancelReason: state === 'cancelled' ? '天气原因' : null })
    .where(eq(batches.id, batch.id))
    .run()
  return batch.id
}

/** The figure's rule over the table: left (departed or arrived) with a departure day in the month. */
function figure(scope: SQL, month: string) {
  return db.get<{ n: number }>(
    sql`select count(*) as n from batches where ${scope} and state in ('departed', 'arrived') and substr(departure_date, 1, 7) = ${month}`,
  ).n
}

async function west(path: string, user = 'kaizhou') {
  const result = await callLoader(batchesLoader, { path, cookie: await cookieFor(user) })
  if (!('value' in result)) throw new Error(`${path} answered ${result.thrown.status}`)
  return result.value
}

async function east(path: string, user = 'weifang') {
  const result = await callLoader(arrivalsLoader, { path, cookie: await cookieFor(user) })
  if (!('value' in result)) throw new Error(`${path} answered ${result.thrown.status}`)
  return result.value
}

test('发车月份：已发车和已抵达、发车日期在当月的批次，县里按本县、东部按开往本市；外县外市不计 / month=M lists the batches that left in the month, the county’s own and those bound for the bureau’s city; others never count', async () => {
  const kaizhou = actorFor('kaizhou')
  const weifang = actorFor('weifang')
  const westScope = sql`organisation_id = ${kaizhou.organisationId}`
  const eastScope = sql`city_code = ${weifang.areaCode}`
  const before = { west: (await west(`/west/batches?month=${MONTH}`)).total, east: (await east(`/east/arrivals?month=${MONTH}`)).total }
  expect(before.west).toBe(figure(westScope, MONTH))
  expect(before.east).toBe(figure(eastScope, MONTH))

  // Hand-counted: two of 开州's batches to 潍坊 left in November.
  const left = batchAt('kaizhou', 'departed', '2026-11-01')
  const arrived = batchAt('kaizhou', 'arrived', '2026-11-30')
  // Not counted: still open or cancelled though dated in November, left on 31 October or 1 December, or 秀山's to 德州.
  const open = batchAt('kaizhou', 'open', '2026-11-15')
  const cancelled = batchAt('kaizhou', 'cancelled', '2026-11-10')
  const october = batchAt('kaizhou', 'departed', '2026-10-31')
  const december = batchAt('kaizhou', 'arrived', '2026-12-01')
  const xiushan = batchAt('xiushan', 'departed', '2026-11-05')
  const ours = [left, arrived, open, cancelled, october, december, xiushan]

  const countyList = await west(`/west/batches?month=${MONTH}`)
  expect(countyList.total).toBe(before.west + 2)
  expect(countyList.total).toBe(figure(westScope, MONTH))
  expect(countyList.rows.map((r) => r.id).filter((id) => ours.includes(id))).toEqual([arrived, left])
  const bureauList = await east(`/east/arrivals?month=${MONTH}`)
  expect(bureauList.total).toBe(before.east + 2)
  expect(bureauList.total).toBe(figure(eastScope, MONTH))
  expect(bureauList.rows.map((r) => r.id).filter((id) => ours.includes(id))).toEqual([arrived, left])
  // 秀山 and 德州 see 秀山's batch, never 开州's; a batch to 德州 is a 404 on 潍坊's arrivals.
  expect((await west(`/west/batches?month=${MONTH}`, 'xiushan')).rows.map((r) => r.id).filter((id) => ours.includes(id))).toEqual([xiushan])
  expect((await east(`/east/arrivals?month=${MONTH}`, 'dezhou')).rows.map((r) => r.id).filter((id) => ours.includes(id))).toEqual([xiushan])
  const foreign = await callLoader(arrivalLoader, {
    path: `/east/arrivals/${xiushan}`,
    cookie: await cookieFor('weifang'),
    params: { batchId: String(xiushan) },
  })
  expect('thrown' in foreign && foreign.thrown.status).toBe(404)

  // The state filter narrows the month: 已发车 alone is `left`; 报名中 finds none (only batches that left count).
  expect((await west(`/west/batches?month=${MONTH}&state=departed`)).rows.map((r) => r.id).filter((id) => ours.includes(id))).toEqual([left])
  expect((await west(`/west/batches?month=${MONTH}&state=open`)).rows.map((r) => r.id).filter((id) => ours.includes(id))).toEqual([])
  // Without a month: every state, as before.
  expect((await west('/west/batches?state=open')).rows.map((r) => r.id)).toContain(open)

  // The exports hold the list's rows, the month in their names.
  for (const [loader, path, user, total, name] of [
    [batchesExport, `/west/batches/export.xlsx?month=${MONTH}`, 'kaizhou', countyList.total, /^开州区-包车批次-2026年11月发车-/],
    [arrivalsExport, `/east/arrivals/export.xlsx?month=${MONTH}`, 'weifang', bureauList.total, /^潍坊市-到岗接收批次-2026年11月发车-/],
  ] as const) {
    const response = await callLoader(loader, { path, cookie: await cookieFor(user) })
    if (!('value' in response)) throw new Error(`${path} refused`)
    expect(downloadName(response.value)).toMatch(name)
    const sheet = await readExport(response.value)
    expect(sheet.rows, path).toHaveLength(total)
    expect(sheet.rows.map((r) => r[0]).filter((d) => d.startsWith('2026-11')).length).toBe(total)
  }
  expect(countyList.exportParams).toEqual([['month', MONTH]])
  expect(bureauList.exportParams).toEqual([['month', MONTH]])
})

test('月份参数不合法时忽略，不报错 / a month that does not parse is dropped, never a 500', async () => {
  const all = await west('/west/batches')
  const arrivals = await east('/east/arrivals')
  for (const bad of ['2026-13', 'x', '2026-1', '2026-11-01']) {
    expect((await west(`/west/batches?month=${bad}`)).total, bad).toBe(all.total)
    expect((await east(`/east/arrivals?month=${bad}`)).total, bad).toBe(arrivals.total)
  }
})
