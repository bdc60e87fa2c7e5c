import { eq, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { applications, countyMonthCounts, employmentRecords, workers } from '../../db/schema'
import { moveApplication, undoDecision } from '~/models/hire.server'
import { countCountyHires, countCountyMonth, listCountyHires, listCountyHiresForExport, shanghaiMonth } from '~/models/county-outcomes.server'
import { db } from '~/utils/db.server'
import { action as employmentAction } from '~/routes/west.workers.$workerId.employment'
import { loader as workerLoader } from '~/routes/west.workers.$workerId._index'
import { loader as homeLoader } from '~/routes/west._index'
import { loader as hiresLoader } from '~/routes/west.hires._index'
import { postWithContacted } from '../factories-hire'
import { actorFor, auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { actionAs, callLoader, cookieFor, unwrapData } from '../request'

// Outcomes for the county (issue 11 §3): its people's hires as a list and an export, this month's
// applications and hires on its home (county_month_counts, kept by triggers), and the 就业状态 question a
// hire raises on the ledger row (decision 017).

/** county_month_counts against the plain join, for every county and month. */
function expectMonthCountsMatchRows() {
  const month = (col: string) => `strftime('%Y-%m', ${col} / 1000, 'unixepoch', '+8 hours')`
  const plain = db.$client
    .prepare(
      `select organisation_id as organisationId, month, sum(a) as applications, sum(h) as hires from (
         select w.organisation_id, ${month('a.created_at')} as month, 1 as a, 0 as h from applications a join workers w on w.id = a.worker_id
         union all
         select w.organisation_id, ${month('e.created_at')}, 0, 1 from employment_records e join workers w on w.id = e.worker_id
       ) group by organisation_id, month order by 1, 2`,
    )
    .all()
  const kept = db
    .select()
    .from(countyMonthCounts)
    .where(sql`${countyMonthCounts.applications} > 0 or ${countyMonthCounts.hires} > 0`)
    .orderBy(countyMonthCounts.organisationId, countyMonthCounts.month)
    .all()
  expect(kept).toEqual(plain)
}

async function hireOne(bureau: 'weifang' | 'dezhou' = 'weifang') {
  const { post, ids } = await postWithContacted(bureau, 1)
  expect(moveApplication(actorFor(bureau), ids[0], 'hired', { startDate: '2026-12-10' })).toMatchObject({ ok: true })
  const application = db.select().from(applications).where(eq(applications.id, ids[0])).get()!
  return { post, application, worker: db.select().from(workers).where(eq(workers.id, application.workerId)).get()! }
}

test('本月报名和录用的计数等于逐条统计：报名、录用、撤销、删除、迁县之后都一致 / the monthly figures equal the rows after applying, hiring, undoing, deleting and moving county', async () => {
  const kaizhou = actorFor('kaizhou')
  const before = countCountyMonth(kaizhou)
  const { application, worker } = await hireOne()
  expect(countCountyMonth(kaizhou)).toEqual({ month: shanghaiMonth(), applications: before.applications + 1, hires: before.hires + 1 })
  expectMonthCountsMatchRows()

  expect(undoDecision(actorFor('weifang'), application.id, '录错了')).toMatchObject({ ok: true })
  expect(countCountyMonth(kaizhou).hires).toBe(before.hires)
  expectMonthCountsMatchRows()

  await hireOne()
  db.run(sql`update applications set created_at = created_at - ${40 * 86_400_000} where id = ${application.id}`)
  expectMonthCountsMatchRows()
  db.run(sql`update workers set organisation_id = ${actorFor('fengdu').organisationId} where id = ${worker.id}`)
  expectMonthCountsMatchRows()
  db.run(sql`delete from applications where id = ${application.id}`)
  expectMonthCountsMatchRows()

  const home = unwrapData<{ month: { applications: number; hires: number } }>(
    await callLoader(homeLoader, { path: '/west', cookie: await cookieFor('kaizhou') }).then((r) => ('value' in r ? r.value : null)),
  )
  expect(home.data.month).toMatchObject(countCountyMonth(kaizhou))
})

test('录用人员列表：只有本县的人，号码打码，按乡镇、城市、单位、月份筛选与逐条查询一致 / the hires list holds only the county’s people, masked, and each filter agrees with the plain query', async () => {
  const kaizhou = actorFor('kaizhou')
  const mine = await hireOne('weifang')
  const theirs = await hireOne('dezhou')
  const cookie = await cookieFor('kaizhou')
  const page = unwrapData<{ rows: { id: number; idNumber: string; name: string }[]; total: number }>(
    await callLoader(hiresLoader, { path: '/west/hires', cookie }).then((r) => ('value' in r ? r.value : null)),
  )
  const record = db.select().from(employmentRecords).where(eq(employmentRecords.applicationId, mine.application.id)).get()!
  expect(page.data.rows.map((r) => r.id)).toContain(record.id)
  expect(page.data.rows.map((r) => r.idNumber)).not.toContain(mine.worker.idNumber)
  expect(page.data.rows.find((r) => r.id === record.id)!.idNumber).toMatch(/\*/)
  const theirRecord = db.select().from(employmentRecords).where(eq(employmentRecords.applicationId, theirs.application.id)).get()!
  expect(page.data.rows.map((r) => r.id)).not.toContain(theirRecord.id)

  const reference = (where: string, ...params: unknown[]) =>
    (
      db.$client
        .prepare(
          `select e.id from employment_records e join workers w on w.id = e.worker_id join employers m on m.id = e.employer_id
           where w.organisation_id = ? ${where} order by e.created_at desc, e.id desc`,
        )
        .all(kaizhou.organisationId, ...params) as { id: number }[]
    ).map((r) => r.id)
  const month = shanghaiMonth(record.createdAt)
  const employerName = db.$client.prepare('select name from employers where id = ?').get(record.employerId) as { name: string }
  for (const [filters, where, params] of [
    [{}, '', []],
    [{ township: mine.worker.townshipCode }, 'and w.township_code = ?', [mine.worker.townshipCode]],
    [{ city: '370700' }, 'and e.city_code = ?', ['370700']],
    [{ city: '371400' }, 'and e.city_code = ?', ['371400']],
    [{ employer: employerName.name.slice(2, 8) }, 'and m.name like ?', [`%${employerName.name.slice(2, 8)}%`]],
    [{ month }, `and strftime('%Y-%m', e.created_at / 1000, 'unixepoch', '+8 hours') = ?`, [month]],
    [{ month: '2020-01' }, `and strftime('%Y-%m', e.created_at / 1000, 'unixepoch', '+8 hours') = ?`, ['2020-01']],
  ] as const) {
    const expected = reference(where, ...params)
    expect(countCountyHires(kaizhou, filters), JSON.stringify(filters)).toBe(expected.length)
    expect(listCountyHires(kaizhou, filters, { limit: 100, offset: 0 }).map((r) => r.id)).toEqual(expected)
  }
  const pageTwo = listCountyHires(kaizhou, {}, { limit: 1, offset: 1 }).map((r) => r.id)
  expect(pageTwo).toEqual(reference('').slice(1, 2))
})

test('导出：默认打码；完整信息才有号码并记审计（只记行数和用了哪些条件） / the export is masked; the full one carries the numbers and is audited with the row count and filter names only', async () => {
  const kaizhou = actorFor('kaizhou')
  const { worker } = await hireOne()
  const masked = [...listCountyHiresForExport(kaizhou, {}, { full: false })]
  expect(masked.map((r) => r.idNumber)).not.toContain(worker.idNumber)
  const full = [...listCountyHiresForExport(kaizhou, { township: worker.townshipCode }, { full: true })]
  expect(full.map((r) => r.idNumber)).toContain(worker.idNumber)
  const audit = db.$client.prepare("select detail from audit_log where action = 'hire.export_full' order by id desc limit 1").get() as { detail: string }
  expect(JSON.parse(audit.detail)).toEqual({ rows: full.length, filters: ['township'] })
  expect(audit.detail).not.toContain(worker.townshipCode)
})

test('录用之后台账行提示确认就业状态：更新或保持都记审计，之后不再问，再次录用会再问 / after a hire the row asks about 就业状态; update or keep are audited, then it stops asking until the next hire', async () => {
  const { worker } = await hireOne()
  const cookie = await cookieFor('kaizhou')
  const params = { workerId: String(worker.id) }
  const view = async () =>
    unwrapData<{ question: unknown; employed: unknown[]; applied: unknown[] }>(
      await callLoader(workerLoader, { path: `/west/workers/${worker.id}`, cookie, params }).then((r) => ('value' in r ? r.value : null)),
    ).data
  const first = await view()
  expect(first.question).toMatchObject({ startDate: '2026-12-10' })
  expect(first.employed).toHaveLength(1)
  expect(first.applied).toEqual([expect.objectContaining({ status: 'hired' })])

  const answered = await actionAs('kaizhou', employmentAction, { path: `/west/workers/${worker.id}/employment`, fields: { intent: 'update' }, params })
  expect('thrown' in answered && (await noticeOf(answered.thrown)).text).toBe('就业状态已更新为“省外务工”。')
  expect(db.select().from(workers).where(eq(workers.id, worker.id)).get()!.employmentStatus).toBe('out_of_province')
  expect(auditOf('registry.update', worker.id).at(-1)!.detail).toEqual({ fields: ['employmentStatus'], via: 'hire' })
  expect((await view()).question).toBeNull()

  // Staff set it back by hand (the person came home): not asked again for the same hire.
  db.run(sql`update workers set employment_status = 'unemployed' where id = ${worker.id}`)
  expect((await view()).question).toBeNull()

  const other = await actionAs('xiushan', employmentAction, { path: `/west/workers/${worker.id}/employment`, fields: { intent: 'keep' }, params })
  expect('thrown' in other && other.thrown.status).toBe(404)
})

test('录用后选择“保持不变”：记审计，状态不变，不再提示 / answering keep leaves the status, is audited and stops the question', async () => {
  const { worker } = await hireOne()
  const params = { workerId: String(worker.id) }
  const kept = await actionAs('kaizhou', employmentAction, { path: `/west/workers/${worker.id}/employment`, fields: { intent: 'keep' }, params })
  expect('thrown' in kept && (await noticeOf(kept.thrown)).text).toBe('已确认，就业状态保持不变。')
  expect(db.select().from(workers).where(eq(workers.id, worker.id)).get()!.employmentStatus).toBe('unemployed')
  expect(auditOf('registry.employment_kept', worker.id)).toHaveLength(1)
  const again = await actionAs('kaizhou', employmentAction, { path: `/west/workers/${worker.id}/employment`, fields: { intent: 'keep' }, params })
  expect('thrown' in again && (await noticeOf(again.thrown)).text).toBe('就业状态已经确认过了')
  expect(auditOf('registry.employment_kept', worker.id)).toHaveLength(1)
})
