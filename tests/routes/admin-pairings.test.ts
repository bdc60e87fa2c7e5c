import { count, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { auditLog, pairings } from '../../db/schema'
import { action, loader } from '~/routes/admin.pairings'
import { PAIRING_TAKEN } from '~/rules/organisation-admin'
import { db } from '~/utils/db.server'
import { actionAs, callLoader, cookieFor, unwrapData } from '../request'

// Issue 11 §6 follow-up: the new-pair form offers only the counties with no pairing; a city that already
// receives a county stays choosable (a city may take more than one) but is listed apart, naming its counties.

test('新建结对只列出未结对的区县，已对口的城市单列并注明 / the form offers only unpaired counties, and lists paired cities apart with their counties', async () => {
  const r = await callLoader(loader, { path: '/admin/pairings', cookie: await cookieFor('admin') })
  const { choices } = (r as { value: Awaited<ReturnType<typeof loader>> }).value
  const counties = choices.counties.map((c) => c.code)
  for (const paired of ['500154', '500241', '500230']) expect(counties).not.toContain(paired)
  expect(counties).toContain('500238') // 巫溪县
  expect(choices.freeCities.map((c) => c.code)).not.toContain('370700')
  expect(choices.freeCities.map((c) => c.code)).toContain('370900') // 泰安市
  expect(choices.pairedCities).toEqual(
    expect.arrayContaining([
      { code: '370700', name: '潍坊市', counties: '开州区' },
      { code: '371400', name: '德州市', counties: '秀山县' },
    ]),
  )
})

test('已结对的区县再提交：区县旁 400，不写结对也不写审计，数据库也拒绝 / posting a paired county is a 400 beside the county, writes nothing, and the database refuses it too', async () => {
  const pairs = () => db.select({ n: count() }).from(pairings).get()!.n
  const audits = () => db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'pairing.create')).get()!.n
  const [before, auditBefore] = [pairs(), audits()]
  const r = await actionAs('admin', action, { path: '/admin/pairings', fields: { countyCode: '500154', cityCode: '370900', sinceYear: '2025' } })
  const reply = unwrapData<{ error: Record<string, string[]> }>((r as { value: unknown }).value)
  expect(reply.status).toBe(400)
  expect(reply.data.error.countyCode).toEqual([PAIRING_TAKEN])
  expect([pairs(), audits()]).toEqual([before, auditBefore])
  expect(() => db.insert(pairings).values({ countyCode: '500241', cityCode: '370900', sinceYear: 2025 }).run()).toThrow(/UNIQUE/)
})
