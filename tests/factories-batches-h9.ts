import { eq } from 'drizzle-orm'
import { batches, employmentRecords, type SelectBatch } from '../db/schema'
import { moveBatch } from '~/models/batch.server'
import { bookSeat } from '~/models/seat.server'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { actorFor, createLedgerWorker, createTestEmployer } from './factories'
import { createTestBatch } from './factories-batches'

// Factories for the manifest and the receiving side (issue 12 §5, §7), built on tests/factories-batches.ts
// through the real models as the demo staff (kaizhou's paired bureau is weifang).

function must<T extends { ok: boolean }>(result: T | null, what: string): Extract<T, { ok: true }> {
  if (!result) throw new Error(`${what}: not found (null)`)
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result)}`)
  return result as Extract<T, { ok: true }>
}

/** How far a batch made by batchWithPeople goes: open (预排), closed (seat plan), or departed today. */
export type PeopleBatchState = 'open' | 'closed' | 'departed'

/**
 * A batch of `centre`'s county with buses of `seats`, an employer of `bureau` (weifang by default), and
 * `names.length` ledger people booked by staff in that order (names as given, e.g. 𠮷 and 䶮), then moved
 * to `state` (departed batches leave today). Returns the batch as stored, its bus ids, the people's ledger
 * rows in booking order and the employer.
 */
export function batchWithPeople(
  centre = 'kaizhou',
  {
    names = ['张三', '李四', '王五'],
    seats = [45],
    state = 'closed',
    bureau = 'weifang',
  }: { names?: string[]; seats?: number[]; state?: PeopleBatchState; bureau?: string } = {},
) {
  const actor = actorFor(centre)
  const employer = createTestEmployer(bureau)
  const today = state === 'departed'
  const { batch, vehicleIds } = createTestBatch(centre, {
    seats,
    state: 'open',
    employerIds: [employer.id],
    ...(today ? { departureDate: todayInShanghai() } : {}),
  })
  const people = names.map((name) => createLedgerWorker(centre, { name }))
  for (const p of people) must(bookSeat(actor, batch.id, { workerId: p.id }), 'bookSeat')
  if (state !== 'open') must(moveBatch(actor, batch.id, 'close'), 'moveBatch close')
  if (state === 'departed') must(moveBatch(actor, batch.id, 'depart'), 'moveBatch depart')
  return { batch: storedBatch(batch.id), vehicleIds, people, employer }
}

/** The batch row as stored now. */
export function storedBatch(id: number): SelectBatch {
  return db.select().from(batches).where(eq(batches.id, id)).get()!
}

/** An employment record of a ledger row with `employerId` (in the employer's city), starting today. Returns its id. */
export function hireFor(workerId: number, employerId: number, cityCode: string) {
  return db.insert(employmentRecords).values({ workerId, employerId, cityCode, startDate: todayInShanghai() }).returning({ id: employmentRecords.id }).get().id
}
