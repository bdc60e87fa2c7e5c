import { describe, expect, test } from 'vitest'
import { loader as arrivalLoader } from '~/routes/east.arrivals.$batchId'
import { loader as exportLoader } from '~/routes/east.arrivals.$batchId.export[.xlsx]'
import { markArrivals } from '~/models/arrival.server'
import { monthDay } from '~/rules/batch-title'
import { actorFor } from '../factories'
import { batchWithPeople } from '../factories-batches-h9'
import { createTestBatch, seatsOf } from '../factories-batches'
import { downloadName, readExport } from '../month-lists'
import { callLoader, cookieFor } from '../request'

// The receiving bureau's manifest as xlsx (/east/arrivals/:batchId/export.xlsx, issue 15 §3): the page's people
// bus by bus with the escort's and the bureau's marks, numbers masked exactly as the page shows them, the
// standard title row (city, list, the batch's departure day as the range, the batch as the filter); another
// city's batch or a draft is a 404, and only east staff get it.

const HEADERS = ['车辆', '座位号', '报名顺序', '姓名', '性别', '身份证号码', '手机号码', '乡镇（街道）', '用人单位', '上车', '到岗']

async function download(batchId: number, username = 'weifang') {
  return callLoader(exportLoader, { path: `/east/arrivals/${batchId}/export.xlsx`, cookie: await cookieFor(username), params: { batchId: String(batchId) } })
}

async function pageRows(batchId: number) {
  const page = await callLoader(arrivalLoader, { path: `/east/arrivals/${batchId}`, cookie: await cookieFor('weifang'), params: { batchId: String(batchId) } })
  if (!('value' in page)) throw new Error('page refused')
  return page.value.preplan ?? page.value.buses.flatMap((b) => b.rows)
}

describe('到岗名单导出 / the arrival manifest export', () => {
  test('发车后的批次：按车按座，含到岗标记，号码与页面一样打码，标题写明城市、批次和发车日期 / a departed batch by bus and seat with the arrival marks, numbers masked as on the page, the title naming city, batch and departure day', async () => {
    const { batch, people, employer } = batchWithPeople('kaizhou', { names: ['导出甲', '导出乙', '𠮷导出'], state: 'departed' })
    const seats = seatsOf(batch.id)
    const first = seats.find((s) => s.workerId === people[0].id)!
    const marked = markArrivals(actorFor('weifang'), batch.id, [first.id], 'arrived')
    expect(marked).toMatchObject({ ok: true })

    const response = await download(batch.id)
    if (!('value' in response)) throw new Error(`export refused: ${response.thrown.status}`)
    expect(response.value.headers.get('Content-Type')).toContain('spreadsheetml')
    const name = downloadName(response.value)
    expect(name).toMatch(new RegExp(`^潍坊市-到岗名单-${monthDay(batch.departureDate)} 开州区→潍坊市-${batch.departureDate}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`))
    const sheet = await readExport(response.value)
    expect(sheet.title).toMatch(
      new RegExp(
        `^潍坊市到岗名单 · 日期范围：${batch.departureDate} · 筛选条件：${monthDay(batch.departureDate)} 开州区→潍坊市 · 导出于 \\d{4}-\\d{2}-\\d{2}$`,
      ),
    )
    expect(sheet.headers).toEqual(HEADERS)
    expect(sheet.rows).toHaveLength(3)
    // Seat order on the bus; the page shows the same people in the same order.
    const page = await pageRows(batch.id)
    expect(sheet.rows.map((r) => r[3])).toEqual(page.map((r) => r.name))
    expect(sheet.rows.map((r) => Number(r[1]))).toEqual(page.map((r) => r.seatNo))
    // The numbers are the page's masked ones, never more.
    expect(sheet.rows.map((r) => [r[5], r[6]])).toEqual(page.map((r) => [r.idNumber, r.phone ?? '']))
    for (const p of people) {
      const text = JSON.stringify(sheet.rows)
      expect(text).not.toContain(p.idNumber)
      if (p.phone) expect(text).not.toContain(p.phone)
    }
    expect(sheet.rows.every((r) => r[5].includes('*'))).toBe(true)
    const byName = new Map(sheet.rows.map((r) => [r[3], r]))
    expect(byName.get('导出甲')![10]).toBe('已到岗')
    expect(byName.get('导出乙')![10]).toBe('')
    expect(byName.get('𠮷导出')![8]).toBe(employer.name)
    expect(sheet.rows.every((r) => r[0] !== '预排' && r[0] !== '')).toBe(true)
  })

  test('开放报名的批次：预排名单按报名顺序 / an open batch: the 预排 list in booking order', async () => {
    const { batch } = batchWithPeople('kaizhou', { names: ['预排甲', '预排乙'], state: 'open' })
    const response = await download(batch.id)
    if (!('value' in response)) throw new Error('export refused')
    expect(downloadName(response.value)).toContain('-预排-')
    const sheet = await readExport(response.value)
    expect(sheet.rows.map((r) => [r[0], r[2], r[3]])).toEqual([
      ['预排', '1', '预排甲'],
      ['预排', '2', '预排乙'],
    ])
  })

  test('其他城市的批次、草稿是 404，西部、务工人员、管理员不能导出 / another city’s batch or a draft is a 404; west staff, workers and the admin are refused', async () => {
    const { batch } = batchWithPeople('kaizhou', { names: ['外局甲'], state: 'closed' })
    const { batch: draft } = createTestBatch('kaizhou', { state: 'draft' })
    expect(await download(batch.id, 'dezhou')).toMatchObject({ thrown: { status: 404 } })
    expect(await download(draft.id)).toMatchObject({ thrown: { status: 404 } })
    expect(await download(999_999_999)).toMatchObject({ thrown: { status: 404 } })
    for (const username of ['kaizhou', 'admin', '13996000001']) {
      const refused = await download(batch.id, username)
      expect('thrown' in refused, username).toBe(true)
      if ('thrown' in refused) expect(refused.thrown.headers.get('Content-Type') ?? '', username).not.toContain('spreadsheetml')
    }
    // Without a session: to the login page.
    const anonymous = await callLoader(exportLoader, { path: `/east/arrivals/${batch.id}/export.xlsx`, params: { batchId: String(batch.id) } })
    expect('thrown' in anonymous && [302, 303].includes(anonymous.thrown.status)).toBe(true)
  })
})
