import { eq } from 'drizzle-orm'
import { travelCompanions, travelDemands, workers } from '../db/schema'
import { pairedCityOf } from '~/models/batch.server'
import { registerDemand } from '~/models/travel-demand.server'
import { addDays, todayInShanghai } from '~/rules/dates'
import type { DemandValues } from '~/rules/travel-demand'
import { db } from '~/utils/db.server'
import { actorFor, createLedgerWorker } from './factories'

// Factories for travel demand (issue 12 §1), made through the real model as the demo county staff.

/** What the demand form sends (strings), for `centre`'s pair, leaving 10 to 20 days from today. */
export function demandFields(centre = 'kaizhou', overrides: Record<string, string> = {}): Record<string, string> {
  return {
    earliestDate: addDays(todayInShanghai(), 10),
    latestDate: addDays(todayInShanghai(), 20),
    cityCode: pairedCityOf(actorFor(centre))!,
    employerId: '',
    pickupTownshipCode: '',
    companions: '',
    note: '',
    ...overrides,
  }
}

/**
 * An open demand registered by `centre`'s staff (registerDemand with the ID number) for `workerId`'s
 * ledger row, or for a new ledger row of the county. `values` replace the model's values (days, city,
 * companions…). Returns the stored demand row.
 */
export function createTestDemand(centre = 'kaizhou', { workerId, ...values }: Partial<DemandValues> & { workerId?: number } = {}) {
  const worker = workerId ? db.select().from(workers).where(eq(workers.id, workerId)).get() : createLedgerWorker(centre)
  if (!worker) throw new Error(`no ledger row ${workerId}`)
  const made = registerDemand(
    actorFor(centre),
    {
      earliestDate: addDays(todayInShanghai(), 10),
      latestDate: addDays(todayInShanghai(), 20),
      cityCode: pairedCityOf(actorFor(centre))!,
      employerId: null,
      vacancyId: null,
      pickupTownshipCode: null,
      companions: [],
      note: null,
      ...values,
    },
    { idNumber: worker.idNumber },
  )
  if (!made.ok) throw new Error(`registerDemand: ${made.message}`)
  return db.select().from(travelDemands).where(eq(travelDemands.id, made.id)).get()!
}

/** The companion rows of a demand, by worker id. */
export function companionsOfDemand(demandId: number) {
  return db.select().from(travelCompanions).where(eq(travelCompanions.demandId, demandId)).orderBy(travelCompanions.workerId).all()
}

/** A demand row as stored now. */
export function demandRow(id: number) {
  return db.select().from(travelDemands).where(eq(travelDemands.id, id)).get()!
}
