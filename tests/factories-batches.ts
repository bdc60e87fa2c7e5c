import { eq } from 'drizzle-orm'
import { batchSeats, batches } from '../db/schema'
import { addVehicle, createBatch, moveBatch, pairedCityOf, type BatchValues } from '~/models/batch.server'
import type { BatchState } from '~/rules/batch'
import { addDays, todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { actorFor } from './factories'

// Factories for issue 12's batches and seats (decision 020), built through the real models as the demo staff.

function must<T extends { ok: boolean }>(result: T | null, what: string): Extract<T, { ok: true }> {
  if (!result) throw new Error(`${what}: not found (null)`)
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result)}`)
  return result as Extract<T, { ok: true }>
}

/** What the batch form sends for `centre`'s county: the paired city, leaving in 10 days at 07:30. */
export function batchValues(centre = 'kaizhou', overrides: Partial<BatchValues> = {}): BatchValues {
  return {
    cityCode: pairedCityOf(actorFor(centre))!,
    pickupName: '汉丰街道汽车站',
    pickupAddress: '开州区汉丰街道滨湖路 1 号',
    pickupLat: 31.16,
    pickupLng: 108.39,
    departureDate: addDays(todayInShanghai(), 10),
    departureTime: '07:30',
    notes: null,
    escortName: '李干部',
    escortPhone: '13800001111',
    employerIds: [],
    ...overrides,
  }
}

/**
 * A batch of `centre`'s county made by createBatch, with a bus of each of `seats` (plates 渝D10001, …) added by
 * addVehicle, and moved to `state` (open by default; closed goes through open). Returns the stored batch and its bus ids.
 */
export function createTestBatch(
  centre = 'kaizhou',
  { seats = [45], state = 'open', ...overrides }: Partial<BatchValues> & { seats?: number[]; state?: Extract<BatchState, 'draft' | 'open' | 'closed'> } = {},
) {
  const actor = actorFor(centre)
  const { id } = must(createBatch(actor, batchValues(centre, overrides)), 'createBatch')
  const vehicleIds = seats.map((n, i) => must(addVehicle(actor, id, { plate: `渝D${10001 + i}`, seats: n }), 'addVehicle').id)
  if (state !== 'draft') must(moveBatch(actor, id, 'open'), 'moveBatch open')
  if (state === 'closed') must(moveBatch(actor, id, 'close'), 'moveBatch close')
  return { batch: db.select().from(batches).where(eq(batches.id, id)).get()!, vehicleIds }
}

/** The seat rows of a batch in id order. */
export function seatsOf(batchId: number) {
  return db.select().from(batchSeats).where(eq(batchSeats.batchId, batchId)).orderBy(batchSeats.id).all()
}
