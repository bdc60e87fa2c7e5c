import { expect, test } from 'vitest'
import { countWorkers, countWorkersInLedger, listWorkers, listWorkersForExport } from '~/models/worker.server'
import type { RegistryFilters } from '~/rules/registry-search'
import { interpretRegistrySearch } from '~/rules/registry-search'
import { db } from '~/utils/db.server'
import { createLedgerWorker, createWorkerAccount } from '../factories'
import { actorFor } from '../lookups'

// The ledger list reads its page through per-filter indexes, a deferred join and a kept county count
// (issue 10). These tests hold it to the plain query it replaced: the same rows in the same order on every
// page, the same totals, and never a row of another county.

/** The list as it was first written: every matching row of the county, newest change first, in plain SQL. */
function reference(organisationId: number, where: string, params: unknown[]): number[] {
  return db.$client
    .prepare(`select id from workers where organisation_id = ? ${where} order by updated_at desc, id desc`)
    .all(organisationId, ...params)
    .map((r) => (r as { id: number }).id)
}

/** Every page of listWorkers, `size` rows at a time, joined. */
function allPages(actor: ReturnType<typeof actorFor>, filters: RegistryFilters, size: number) {
  const ids: number[] = []
  for (let offset = 0; ; offset += size) {
    const rows = listWorkers(actor, filters, { limit: size, offset })
    ids.push(...rows.map((r) => r.id))
    if (rows.length < size) return ids
  }
}

test('每种筛选和查找，每一页的人和顺序都与逐条查询一致，总数一致 / for every filter and search, every page holds the same people in the same order as the plain query, and the totals agree', async () => {
  const kaizhou = actorFor<'west'>('kaizhou')
  const made = [
    createLedgerWorker('kaizhou', { name: '郁一', householdStatus: 'monitored', employmentStatus: 'in_city', employmentNeed: 'local' }),
    createLedgerWorker('kaizhou', { name: '郁二', employmentNeed: 'training' }),
    createLedgerWorker('kaizhou', { name: '陶郁', householdStatus: 'other', phone: null }),
    createLedgerWorker('kaizhou', { name: '欧阳郁文', employmentStatus: 'in_county' }),
    ...Array.from({ length: 12 }, (_, i) =>
      createLedgerWorker('kaizhou', {
        name: `表${i}`,
        employmentStatus: i % 2 ? 'unemployed' : 'self_employed',
        householdStatus: i % 3 ? 'alleviated' : 'other',
      }),
    ),
  ]
  const linked = [(await createWorkerAccount('kaizhou', { name: '郁连' })).worker, (await createWorkerAccount('kaizhou')).worker]
  // The same name in another county must never come back to Kaizhou.
  const foreign = createLedgerWorker('xiushan', { name: '郁一', phone: made[0].phone!.replace(/^199/, '198') })
  // Rows changed in the same millisecond are ordered by id, as before.
  const tied = [...made.slice(3, 9), linked[0]].map((w) => w.id)
  db.$client.prepare(`update workers set updated_at = 1700000000000 where id in (${tied.join(',')})`).run()

  const t = made[0]
  const cases: [string, RegistryFilters, string, unknown[]][] = [
    ['none', { search: { kind: 'none' } }, '', []],
    ['township', { township: t.townshipCode, search: { kind: 'none' } }, 'and township_code = ?', [t.townshipCode]],
    ['household', { household: 'other', search: { kind: 'none' } }, 'and household_status = ?', ['other']],
    ['employmentStatus', { employmentStatus: 'unemployed', search: { kind: 'none' } }, 'and employment_status = ?', ['unemployed']],
    ['employmentNeed', { employmentNeed: 'local', search: { kind: 'none' } }, 'and employment_need = ?', ['local']],
    ['linked', { account: 'linked', search: { kind: 'none' } }, 'and user_id is not null', []],
    ['not linked', { account: 'none', search: { kind: 'none' } }, 'and user_id is null', []],
    ['name', { search: interpretRegistrySearch('郁') }, 'and name like ?', ['%郁%']],
    ['name of three characters', { search: interpretRegistrySearch('阳郁文') }, 'and name like ?', ['%阳郁文%']],
    ['name and linked', { account: 'linked', search: interpretRegistrySearch('郁') }, 'and name like ? and user_id is not null', ['%郁%']],
    [
      'phone part',
      { search: interpretRegistrySearch(t.phone!.slice(3, 9)) },
      'and (phone like ? or id_number like ?)',
      [`%${t.phone!.slice(3, 9)}%`, `%${t.phone!.slice(3, 9)}`],
    ],
    [
      'id tail',
      { search: interpretRegistrySearch(t.idNumber.slice(-4)) },
      'and (phone like ? or id_number like ?)',
      [`%${t.idNumber.slice(-4)}%`, `%${t.idNumber.slice(-4)}`],
    ],
    ['whole id', { search: interpretRegistrySearch(t.idNumber) }, 'and id_number = ?', [t.idNumber]],
    [
      'township, need and status',
      { township: t.townshipCode, employmentNeed: 'to_shandong', employmentStatus: 'unemployed', search: { kind: 'none' } },
      'and township_code = ? and employment_need = ? and employment_status = ?',
      [t.townshipCode, 'to_shandong', 'unemployed'],
    ],
  ]
  for (const [label, filters, where, params] of cases) {
    const expected = reference(kaizhou.organisationId, where, params)
    expect(expected.length, `${label} has rows to compare`).toBeGreaterThan(0)
    expect(countWorkers(kaizhou, filters), label).toBe(expected.length)
    for (const size of [7, 20]) expect(allPages(kaizhou, filters, size), `${label}, pages of ${size}`).toEqual(expected)
    expect(allPages(kaizhou, filters, 7), label).not.toContain(foreign.id)
  }
  // The search cases above found what they were built to find.
  expect(allPages(kaizhou, { search: interpretRegistrySearch('郁') }, 20)).toEqual(expect.arrayContaining([made[0].id, made[1].id, made[2].id, linked[0].id]))
  expect(allPages(kaizhou, { search: interpretRegistrySearch(t.idNumber.slice(-4)) }, 20)).toContain(t.id)
  expect(allPages(kaizhou, { search: interpretRegistrySearch('阳郁文') }, 20)).toEqual([made[3].id])
  // A page past the end is empty, not another county's rows.
  expect(listWorkers(kaizhou, { search: { kind: 'none' } }, { limit: 20, offset: 1_000_000 })).toEqual([])
})

test('县台账人数由触发器维护：新增、删除、换县之后都与逐条计数一致 / the kept ledger size follows every insert, delete and move between counties', () => {
  const kaizhou = actorFor<'west'>('kaizhou')
  const xiushan = actorFor<'west'>('xiushan')
  const counted = (organisationId: number) =>
    (db.$client.prepare('select count(*) as n from workers where organisation_id = ?').get(organisationId) as { n: number }).n
  const agree = () => {
    for (const actor of [kaizhou, xiushan]) {
      expect(countWorkersInLedger(actor)).toBe(counted(actor.organisationId))
      expect(countWorkers(actor, { search: { kind: 'none' } })).toBe(counted(actor.organisationId))
    }
  }
  agree()
  const before = countWorkersInLedger(kaizhou)
  const a = createLedgerWorker('kaizhou')
  const b = createLedgerWorker('kaizhou')
  expect(countWorkersInLedger(kaizhou)).toBe(before + 2)
  agree()
  db.$client.prepare('delete from workers where id = ?').run(a.id)
  agree()
  db.$client.prepare('update workers set organisation_id = ? where id = ?').run(xiushan.organisationId, b.id)
  expect(countWorkersInLedger(kaizhou)).toBe(before)
  agree()
  // An update that keeps the county changes nothing.
  db.$client.prepare("update workers set notes = 'x', organisation_id = organisation_id where id = ?").run(b.id)
  agree()
})

test('查找索引随台账的新增、修改和删除而更新 / the search index follows every insert, edit and delete of the ledger', () => {
  const kaizhou = actorFor<'west'>('kaizhou')
  const found = (q: string) => listWorkers(kaizhou, { search: interpretRegistrySearch(q) }, { limit: 20, offset: 0 }).map((r) => r.id)
  const row = createLedgerWorker('kaizhou', { name: '司马查询' })
  expect(found(row.phone!.slice(-5))).toContain(row.id)
  expect(found('司马查询')).toEqual([row.id])
  const newPhone = row.phone!.replace(/^199/, '197')
  db.$client.prepare('update workers set phone = ?, name = ? where id = ?').run(newPhone, '司马改名', row.id)
  expect(found(row.phone!)).not.toContain(row.id)
  expect(found('司马查询')).toEqual([])
  expect(found(newPhone)).toEqual([row.id])
  expect(found('司马改名')).toEqual([row.id])
  db.$client.prepare('delete from workers where id = ?').run(row.id)
  expect(found(newPhone)).toEqual([])
  expect(found('司马改名')).toEqual([])
  // The index is whole: FTS5's own check compares it with the ledger.
  db.$client.exec("insert into workers_search (workers_search) values ('integrity-check')")
})

test('导出的人和顺序（按乡镇，再按登记先后）与逐条查询一致，不含外县 / the export holds the same people in the same order (by township, then as added) as the plain query, and no other county', () => {
  const kaizhou = actorFor<'west'>('kaizhou')
  const second = db.$client.prepare("select code from areas where parent_code = '500154' and level = 'township' order by code limit 1 offset 1").get() as {
    code: string
  }
  const rows = [
    createLedgerWorker('kaizhou', { name: '导出甲', townshipCode: second.code }),
    createLedgerWorker('kaizhou', { name: '导出乙' }),
    createLedgerWorker('kaizhou', { name: '导出丙', townshipCode: second.code, employmentNeed: 'local' }),
  ]
  const foreign = createLedgerWorker('xiushan', { name: '导出甲' })
  const exported = (filters: RegistryFilters) => [...listWorkersForExport(kaizhou, filters, { full: false })]
  const order = (where: string, params: unknown[]) =>
    db.$client
      .prepare(`select id from workers where organisation_id = ? ${where} order by township_code, id`)
      .all(kaizhou.organisationId, ...params)
      .map((r) => (r as { id: number }).id)
  expect(exported({ search: { kind: 'none' } }).map((r) => r.id)).toEqual(order('', []))
  expect(exported({ township: second.code, search: { kind: 'none' } }).map((r) => r.id)).toEqual(order('and township_code = ?', [second.code]))
  expect(exported({ employmentNeed: 'local', search: interpretRegistrySearch('导出') }).map((r) => r.id)).toEqual([rows[2].id])
  const byName = exported({ search: interpretRegistrySearch('导出') })
  expect(byName.map((r) => r.id)).toEqual(order('and name like ?', ['%导出%']))
  expect(byName.map((r) => r.id)).not.toContain(foreign.id)
  // Masked unless full.
  expect(byName[0].idNumber).toMatch(/\*{11}/)
})
