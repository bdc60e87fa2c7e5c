import { expect, test } from 'vitest'
import { countWorkers, listWorkers } from '~/models/worker.server'
import { interpretRegistrySearch } from '~/rules/registry-search'
import { db } from '~/utils/db.server'
import { createLedgerWorker } from '../factories'
import { actorFor } from '../lookups'

// The ledger's trigram index holds every county's rows. A run of digits that most rows contain (every
// Chongqing ID starts 500…, phones 13x) would read much of the province through it before the county is
// applied; past 4,000 hits the search reads the county's own rows instead. Either way the rows must be
// exactly the plain LIKE's, and never another county's.

test('很多外县人都含有的数字：结果与逐条查询一致，不含外县 / digits most rows of other counties contain: the same rows as the plain query, none of another county', () => {
  const kaizhou = actorFor<'west'>('kaizhou')
  const mine = [createLedgerWorker('kaizhou', { phone: '17770001234' }), createLedgerWorker('kaizhou', { phone: '13977700000' })]
  // 4,100 rows of 秀山 whose phones all contain 777: more hits than the index is read for.
  const template = createLedgerWorker('xiushan')
  const columns = (db.$client.prepare('select name from pragma_table_info(?)').all('workers') as { name: string }[])
    .map((c) => c.name)
    .filter((name) => name !== 'id')
  const copies = columns.map((name) => (name === 'id_number' ? `printf('50024119900101%04d', n)` : name === 'phone' ? `printf('1777%07d', n)` : name))
  db.$client
    .prepare(
      `with recursive seq(n) as (select 1 union all select n + 1 from seq where n < 4100)
       insert into workers (${columns.join(', ')}) select ${copies.join(', ')} from seq, workers where workers.id = ?`,
    )
    .run(template.id)

  const search = interpretRegistrySearch('777')
  const expected = (
    db.$client
      .prepare(`select id from workers where organisation_id = ? and (phone like '%777%' or id_number like '%777') order by updated_at desc, id desc`)
      .all(kaizhou.organisationId) as { id: number }[]
  ).map((r) => r.id)
  expect(expected).toEqual(expect.arrayContaining(mine.map((w) => w.id)))
  expect(countWorkers(kaizhou, { search })).toBe(expected.length)
  const page = listWorkers(kaizhou, { search }, { limit: 20, offset: 0 }).map((r) => r.id)
  expect(page).toEqual(expected.slice(0, 20))
  // The same search in 秀山 finds its 4,100 copies and the template's own phone if it matches.
  const xiushan = actorFor<'west'>('xiushan')
  expect(countWorkers(xiushan, { search })).toBeGreaterThanOrEqual(4100)
})
