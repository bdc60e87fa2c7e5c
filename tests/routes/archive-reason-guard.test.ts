import { expect, test } from 'vitest'
import { ARCHIVE_REASONS } from '~/rules/ledger-archive-enums'
import { db } from '~/utils/db.server'
import { createLedgerWorker, freshIdNumber } from '../factories'

// Issue 11 review: workers.archive_reason is guarded by two triggers (migration 0044) that stand for a CHECK.
// db/schema/enums.test.ts reads their definition; here the database itself is asked: every code of
// ARCHIVE_REASONS (and none) is taken, anything else is refused on insert and on update, by plain SQL that
// no application check stands in front of, and nothing of the refused write is left behind.

const BAD_REASONS = ['gone', '', 'Moved_away', ' other', 'other ', 'deceased;', '迁出']
const REFUSED = /CHECK constraint failed: workers_archive_reason_check/

const run = (sqlText: string, ...params: unknown[]) => db.$client.prepare(sqlText).run(...params)
const reasonOf = (id: number) => (db.$client.prepare('select archive_reason from workers where id = ?').pluck().get(id) as string | null) ?? null
const ledgerSize = () => db.$client.prepare('select count(*) from workers').pluck().get() as number

/** An INSERT copying ledger row `id` under a new ID number with this archive reason (every other column as it is). */
function copyRowWithReason(id: number, reason: string | null) {
  const columns = (db.$client.prepare('select name from pragma_table_info(?)').pluck().all('workers') as string[]).filter(
    (c) => !['id', 'id_number', 'archive_reason', 'user_id'].includes(c),
  )
  const list = columns.map((c) => `"${c}"`).join(', ')
  return run(`insert into workers (id_number, archive_reason, ${list}) select ?, ?, ${list} from workers where id = ?`, freshIdNumber('500154'), reason, id)
}

test('台账退出原因只能是规定的代码：数据库拒绝其他值 / the database refuses an archive reason outside ARCHIVE_REASONS on insert and update, and takes each listed code', () => {
  const row = createLedgerWorker('kaizhou')

  for (const reason of ARCHIVE_REASONS) {
    run('update workers set archived_at = ?, archive_reason = ? where id = ?', Date.now(), reason, row.id)
    expect(reasonOf(row.id), reason).toBe(reason)
    const copied = copyRowWithReason(row.id, reason)
    expect(reasonOf(Number(copied.lastInsertRowid)), reason).toBe(reason)
  }
  run('update workers set archived_at = null, archive_reason = null where id = ?', row.id)
  expect(reasonOf(row.id)).toBeNull()
  expect(reasonOf(Number(copyRowWithReason(row.id, null).lastInsertRowid))).toBeNull()

  run('update workers set archived_at = ?, archive_reason = ? where id = ?', Date.now(), 'duplicate', row.id)
  for (const reason of BAD_REASONS) {
    const size = ledgerSize()
    expect(() => run('update workers set archive_reason = ? where id = ?', reason, row.id), `update to ${JSON.stringify(reason)}`).toThrow(REFUSED)
    // The refused update changed nothing, not even the other columns of the same statement.
    expect(() => run('update workers set notes = ?, archive_reason = ? where id = ?', '改过', reason, row.id)).toThrow(REFUSED)
    expect(reasonOf(row.id)).toBe('duplicate')
    expect(db.$client.prepare('select notes from workers where id = ?').pluck().get(row.id)).not.toBe('改过')
    expect(() => copyRowWithReason(row.id, reason), `insert with ${JSON.stringify(reason)}`).toThrow(REFUSED)
    expect(ledgerSize(), 'no row inserted').toBe(size)
  }
})
