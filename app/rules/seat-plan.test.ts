import fc from 'fast-check'
import { expect, test } from 'vitest'
import { companionGroups, planSeats, type PlanTraveller, type PlanVehicle, type SeatAssignment } from './seat-plan'

// Issue 12 §4: when a batch closes, buses and seat numbers are assigned; companions and workers from the same
// village sit together. Properties over random buses and travellers (fast-check).

const vehiclesArb = fc
  .array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 5 })
  .map((seats) => seats.map((n, i) => ({ id: 100 + i * 7, seats: n })))

/** Buses and at most their capacity of travellers, with villages from a small set and groups from a smaller one. */
const planArb = vehiclesArb.chain((vehicles) => {
  const capacity = vehicles.reduce((s, v) => s + v.seats, 0)
  return fc
    .uniqueArray(
      fc.record({
        id: fc.integer({ min: 1, max: 100_000 }),
        village: fc.option(fc.constantFrom('500154101001', '500154101002', '500154102001', '500154103005'), { freq: 5 }),
        township: fc.option(fc.constantFrom('500154101', '500154102', '500154103'), { freq: 5 }),
        group: fc.option(fc.constantFrom('g1', 'g2', 'g3', 'g4', 'g5', 'g6'), { freq: 2 }),
      }),
      { selector: (t) => t.id, maxLength: capacity },
    )
    .map((travellers): { vehicles: PlanVehicle[]; travellers: PlanTraveller[] } => ({ vehicles, travellers }))
})

function seatsByGroup(plan: SeatAssignment[], travellers: readonly PlanTraveller[]) {
  const groups = new Map<string, SeatAssignment[]>()
  const groupOf = new Map(travellers.map((t) => [t.id, t.group]))
  for (const a of plan) {
    const g = groupOf.get(a.id)
    if (g != null) groups.set(g, [...(groups.get(g) ?? []), a])
  }
  return groups
}

const consecutive = (seats: SeatAssignment[]) => {
  const numbers = seats.map((s) => s.seatNo).sort((a, b) => a - b)
  return numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1)
}

test('每人恰好一个座位，一个座位只给一人，座号不超过车的座位数 / every traveller gets exactly one seat, no seat twice, numbers within the bus (§4)', () => {
  fc.assert(
    fc.property(planArb, ({ vehicles, travellers }) => {
      const plan = planSeats(vehicles, travellers)
      expect(plan.map((a) => a.id)).toEqual(travellers.map((t) => t.id).sort((a, b) => a - b))
      const seats = new Map(vehicles.map((v) => [v.id, v.seats]))
      for (const a of plan) {
        expect(a.seatNo).toBeGreaterThanOrEqual(1)
        expect(a.seatNo).toBeLessThanOrEqual(seats.get(a.vehicleId)!)
      }
      expect(new Set(plan.map((a) => `${a.vehicleId}/${a.seatNo}`)).size).toBe(plan.length)
    }),
    { numRuns: 300 },
  )
})

test('同样的人和车，不论顺序，得到同样的座位表 / the same travellers and buses in any order give the same plan (deterministic)', () => {
  fc.assert(
    fc.property(
      planArb.chain((p) =>
        fc.tuple(
          fc.constant(p),
          fc.shuffledSubarray(p.travellers, { minLength: p.travellers.length }),
          fc.shuffledSubarray(p.vehicles, { minLength: p.vehicles.length }),
        ),
      ),
      ([{ vehicles, travellers }, shuffled, shuffledVehicles]) => {
        expect(planSeats(shuffledVehicles, shuffled)).toEqual(planSeats(vehicles, travellers))
      },
    ),
    { numRuns: 200 },
  )
})

test('同行人同车时座号相连；富余座位足够时同行人从不分开 / companions on one bus sit in consecutive seats, and are never split while the spare seats allow (§4)', () => {
  fc.assert(
    fc.property(planArb, ({ vehicles, travellers }) => {
      const plan = planSeats(vehicles, travellers)
      const groups = seatsByGroup(plan, travellers)
      for (const seats of groups.values()) {
        const byBus = new Map<number, SeatAssignment[]>()
        for (const s of seats) byBus.set(s.vehicleId, [...(byBus.get(s.vehicleId) ?? []), s])
        for (const onBus of byBus.values()) expect(consecutive(onBus)).toBe(true)
      }
      const largestGroup = Math.max(0, ...[...groups.values()].map((g) => g.length))
      const spare = vehicles.reduce((s, v) => s + v.seats, 0) - travellers.length
      const largestBus = Math.max(...vehicles.map((v) => v.seats))
      if (spare >= vehicles.length * (largestGroup - 1) && largestGroup <= largestBus) {
        for (const seats of groups.values()) expect(new Set(seats.map((s) => s.vehicleId)).size).toBe(1)
      }
    }),
    { numRuns: 300 },
  )
})

test('每个村的人数不超过最小的车、村数不多于车数时，同村人同一辆车 / people of one village ride one bus when each village fits the smallest bus and there are no more villages than buses (§4)', () => {
  const arb = fc
    .tuple(fc.array(fc.integer({ min: 5, max: 50 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }), fc.nat())
    .chain(([seats, villageCount, seed]) => {
      const vehicles: PlanVehicle[] = seats.map((n, i) => ({ id: i + 1, seats: n }))
      const villages = Math.min(villageCount, vehicles.length)
      const perVillage = Math.min(...seats)
      return fc.array(fc.integer({ min: 0, max: perVillage }), { minLength: villages, maxLength: villages }).map((sizes) => {
        let id = seed % 1000
        const travellers: PlanTraveller[] = sizes.flatMap((n, v) =>
          Array.from({ length: n }, (_, k) => ({ id: ++id * 3, village: `V${v}`, township: null, group: k < 3 && v === 0 ? 'pair' : null })),
        )
        return { vehicles, travellers }
      })
    })
  fc.assert(
    fc.property(arb, ({ vehicles, travellers }) => {
      const plan = planSeats(vehicles, travellers)
      const villageOf = new Map(travellers.map((t) => [t.id, t.village]))
      const buses = new Map<string, Set<number>>()
      for (const a of plan) buses.set(villageOf.get(a.id)!, (buses.get(villageOf.get(a.id)!) ?? new Set()).add(a.vehicleId))
      for (const set of buses.values()) expect(set.size).toBe(1)
    }),
    { numRuns: 300 },
  )
})

test('例子：一对同行人和两个村分在两辆车上 / an example: a pair of companions and two villages on two buses', () => {
  const vehicles = [
    { id: 1, seats: 4 },
    { id: 2, seats: 3 },
  ]
  const travellers: PlanTraveller[] = [
    { id: 10, village: 'A', township: 'T', group: null },
    { id: 11, village: 'B', township: 'T', group: 'g' },
    { id: 12, village: 'A', township: 'T', group: null },
    { id: 13, village: 'B', township: 'T', group: null },
    { id: 14, village: 'A', township: 'T', group: 'g' },
    { id: 15, village: 'A', township: 'T', group: null },
  ]
  // The pair 11+14 rides with its first member's village (B): A = 10, 12, 15 fits bus 2 exactly, B = the pair then 13 on bus 1.
  expect(planSeats(vehicles, travellers)).toEqual([
    { id: 10, vehicleId: 2, seatNo: 1 },
    { id: 11, vehicleId: 1, seatNo: 1 },
    { id: 12, vehicleId: 2, seatNo: 2 },
    { id: 13, vehicleId: 1, seatNo: 3 },
    { id: 14, vehicleId: 1, seatNo: 2 },
    { id: 15, vehicleId: 2, seatNo: 3 },
  ])
  expect(() => planSeats([{ id: 1, seats: 1 }], travellers)).toThrow('6 travellers for 1 seats')
})

test('同行关系传递成组 / companions linked through others form one group', () => {
  const groups = companionGroups([
    [5, 9],
    [9, 2],
    [7, 8],
  ])
  expect(Object.fromEntries(groups)).toEqual({ 2: '2', 5: '2', 9: '2', 7: '7', 8: '7' })
})
