import { eq, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { ledgerCounts, workers } from '../../db/schema'
import { countWorkers, countWorkersInLedger, listWorkers, updateWorker } from '~/models/worker.server'
import { makeIdNumber } from '~/rules/id-number'
import { interpretRegistrySearch, type RegistryFilters } from '~/rules/registry-search'
import { db } from '~/utils/db.server'
import { action as archiveAction, loader as archiveLoader } from '~/routes/west.workers.$workerId.archive'
import { action as editAction } from '~/routes/west.workers.$workerId.edit'
import { loader as listLoader } from '~/routes/west.workers._index'
import { createLedgerWorker } from '../factories'
import { actorFor, auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { actionAs, callLoader, cookieFor, unwrapData } from '../request'

// Ledger housekeeping (issue 11 §2): archive with a reason, restore; archived rows leave the list, the
// kept figure and the search index, and are found under 已归档; rows outside 16–65 can still be edited.

const none: RegistryFilters = { search: { kind: 'none' } }
const archivedOnly: RegistryFilters = { search: { kind: 'none' }, state: 'archived' }

function archive(username: string, id: number, fields: Record<string, string>) {
  return actionAs(username, archiveAction, { path: `/west/workers/${id}/archive`, fields: { intent: 'archive', ...fields }, params: { workerId: String(id) } })
}

/** The kept figure of every county equals its live rows, and the search index is whole (every row, archived or not). */
function expectFiguresMatchRows() {
  const kept = db.select().from(ledgerCounts).all()
  for (const k of kept) {
    const live = db.$client.prepare('select count(*) as n from workers where organisation_id = ? and archived_at is null').get(k.organisationId) as {
      n: number
    }
    expect(k.workers, `county ${k.organisationId}`).toBe(live.n)
  }
  db.$client.prepare("insert into workers_search (workers_search, rank) values ('integrity-check', 1)").run()
  const indexed = db.$client.prepare('select count(*) as n from workers_search').get() as { n: number }
  const all = db.$client.prepare('select count(*) as n from workers').get() as { n: number }
  expect(indexed.n).toBe(all.n)
}

test('归档后不在列表、人数和查找中，“已归档”里能找到，恢复后回来；两次都记审计 / an archived row leaves the list, the figure and the search, is under 已归档, and comes back on restore; both audited', async () => {
  const kaizhou = actorFor<'west'>('kaizhou')
  const row = createLedgerWorker('kaizhou', { name: '归档测试甲' })
  const before = countWorkersInLedger(kaizhou)
  const byName: RegistryFilters = { search: interpretRegistrySearch('归档测试甲') }
  const byPhone: RegistryFilters = { search: interpretRegistrySearch(row.phone!.slice(3)) }
  expect(listWorkers(kaizhou, byName, { limit: 20, offset: 0 }).map((r) => r.id)).toEqual([row.id])

  const result = await archive('kaizhou', row.id, { reason: 'moved_away', note: '迁往万州' })
  expect('thrown' in result && (await noticeOf(result.thrown)).location).toBe(`/west/workers/${row.id}`)
  expect(countWorkersInLedger(kaizhou)).toBe(before - 1)
  expect(countWorkers(kaizhou, none)).toBe(before - 1)
  expect(listWorkers(kaizhou, none, { limit: 1000, offset: 0 }).map((r) => r.id)).not.toContain(row.id)
  expect(listWorkers(kaizhou, byName, { limit: 20, offset: 0 })).toEqual([])
  expect(countWorkers(kaizhou, byPhone)).toBe(0)
  expect(listWorkers(kaizhou, archivedOnly, { limit: 20, offset: 0 }).map((r) => r.id)).toEqual([row.id])
  expect(countWorkers(kaizhou, { ...archivedOnly, search: interpretRegistrySearch('归档测试甲') })).toBe(1)
  expect(auditOf('registry.archive', row.id)).toHaveLength(1)
  expect(auditOf('registry.archive', row.id)[0]).toMatchObject({ reason: 'moved_away' })
  expect(JSON.stringify(auditOf('registry.archive', row.id))).not.toContain('万州')
  expectFiguresMatchRows()

  // The list page's filter reads ?state=archived.
  const page = unwrapData<{ rows: { id: number }[]; total: number }>(
    await callLoader(listLoader, { path: '/west/workers?state=archived', cookie: await cookieFor('kaizhou') }).then((r) => ('value' in r ? r.value : null)),
  )
  expect(page.data.rows.map((r) => r.id)).toEqual([row.id])

  const restored = await actionAs('kaizhou', archiveAction, {
    path: `/west/workers/${row.id}/archive`,
    fields: { intent: 'restore' },
    params: { workerId: String(row.id) },
  })
  expect('thrown' in restored && (await noticeOf(restored.thrown)).text).toBe('已恢复到台账。')
  expect(countWorkersInLedger(kaizhou)).toBe(before)
  expect(listWorkers(kaizhou, byName, { limit: 20, offset: 0 }).map((r) => r.id)).toEqual([row.id])
  expect(countWorkers(kaizhou, byPhone)).toBe(1)
  expect(db.select().from(workers).where(eq(workers.id, row.id)).get()).toMatchObject({ archivedAt: null, archiveReason: null, archiveNote: null })
  expect(auditOf('registry.restore', row.id)).toHaveLength(1)
  expectFiguresMatchRows()
})

test('原因“其他”不写说明、没有原因或原因乱填：400，字段旁提示，什么都不改 / 其他 without a note, no reason or a made-up one: 400 beside the field, nothing changes', async () => {
  const row = createLedgerWorker('kaizhou')
  for (const [fields, field, message] of [
    [{ reason: 'other', note: '  ' }, 'note', '原因为“其他”时请填写说明'],
    [{}, 'reason', '请选择归档原因'],
    [{ reason: 'gone', note: 'x' }, 'reason', '请选择归档原因'],
    [{ reason: 'duplicate', note: '长'.repeat(201) }, 'note', '说明不能超过 200 个字'],
  ] as const) {
    const result = await archive('kaizhou', row.id, fields)
    const reply = unwrapData<{ error: Record<string, string[]> }>('value' in result ? result.value : null)
    expect(reply.status).toBe(400)
    expect(reply.data.error[field]).toEqual([message])
  }
  expect(db.select().from(workers).where(eq(workers.id, row.id)).get()!.archivedAt).toBeNull()
  expect(auditOf('registry.archive', row.id)).toEqual([])
})

test('别县的台账行：归档页和归档都是 404；已归档的再归档是 400 / another county’s row: 404 for the page and the action; archiving twice is a 400', async () => {
  const row = createLedgerWorker('xiushan')
  const page = await callLoader(archiveLoader, {
    path: `/west/workers/${row.id}/archive`,
    cookie: await cookieFor('kaizhou'),
    params: { workerId: String(row.id) },
  })
  expect('thrown' in page && page.thrown.status).toBe(404)
  const result = await archive('kaizhou', row.id, { reason: 'deceased' })
  expect('thrown' in result && result.thrown.status).toBe(404)
  expect(db.select().from(workers).where(eq(workers.id, row.id)).get()!.archivedAt).toBeNull()

  await archive('xiushan', row.id, { reason: 'deceased' })
  const again = await archive('xiushan', row.id, { reason: 'deceased' })
  expect(unwrapData<{ error: Record<string, string[]> }>('value' in again ? again.value : null)).toMatchObject({
    status: 400,
    data: { error: { '': ['此人已经归档'] } },
  })
  expect(auditOf('registry.archive', row.id)).toHaveLength(1)
})

test('超过 65 岁的人仍能修改并归档；已归档的要先恢复才能改 / a person over 65 can still be edited and archived; an archived row must be restored before editing', async () => {
  const idNumber = makeIdNumber({ areaCode: '500154', birthDate: '1950-06-01', sequence: 733 })
  const row = createLedgerWorker('kaizhou', { idNumber, sex: 'male', birthDate: '1950-06-01' })
  const fields = {
    name: row.name,
    idNumber,
    phone: '',
    township: row.townshipCode,
    village: '',
    householdStatus: row.householdStatus,
    employmentStatus: row.employmentStatus,
    employmentNeed: 'none',
    skillLevel: row.skillLevel,
    skills: '',
    difficulties: '',
    assistanceMeasures: '',
    notes: '已满 76 岁',
  }
  const edited = await actionAs('kaizhou', editAction, { path: `/west/workers/${row.id}/edit`, fields, params: { workerId: String(row.id) } })
  expect('thrown' in edited && (await noticeOf(edited.thrown)).text).toBe('修改已保存。')
  expect(db.select().from(workers).where(eq(workers.id, row.id)).get()).toMatchObject({ notes: '已满 76 岁', employmentNeed: 'none' })

  const archived = await archive('kaizhou', row.id, { reason: 'over_age' })
  expect('thrown' in archived && archived.thrown.status).toBe(302)
  const refused = updateWorker(actorFor('kaizhou'), row.id, { ...row, notes: '改' })
  expect(refused).toMatchObject({ ok: false, message: '此人已归档，请先恢复再修改' })
})

test('删除、迁县、归档、恢复交替之后，台账人数等于在册行数，查找索引一致 / after deletes, moves, archives and restores in any order, each county’s figure equals its live rows and the search index is whole', () => {
  const a = createLedgerWorker('kaizhou')
  const b = createLedgerWorker('kaizhou')
  const c = createLedgerWorker('fengdu')
  const xiushan = actorFor('xiushan').organisationId
  const now = Date.now()
  db.run(sql`update workers set archived_at = ${now}, archive_reason = 'duplicate' where id in (${a.id}, ${c.id})`)
  expectFiguresMatchRows()
  db.run(sql`update workers set organisation_id = ${xiushan} where id in (${a.id}, ${b.id})`)
  expectFiguresMatchRows()
  db.run(sql`update workers set name = '改名后', phone = null where id in (${a.id}, ${b.id})`)
  expectFiguresMatchRows()
  db.run(sql`update workers set archived_at = null where id = ${a.id}`)
  db.run(sql`update workers set archived_at = ${now} where id = ${b.id}`)
  expectFiguresMatchRows()
  db.run(sql`delete from workers where id in (${b.id}, ${c.id})`)
  expectFiguresMatchRows()
})
