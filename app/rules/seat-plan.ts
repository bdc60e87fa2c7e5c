// The seat plan of a batch (issue 12 §4, decision 020): when a batch closes, every seated traveller gets one
// bus and seat number. Companions sit together (one bus, adjacent numbers) and people of one village ride
// one bus where the buses allow it. Pure and deterministic: the same travellers and buses, in any order,
// give the same plan. Property-tested in seat-plan.test.ts.

/** A bus of the batch: its id and its number of seats. */
export type PlanVehicle = { id: number; seats: number }

/**
 * A seated traveller: an id (the seat row's), their village and township codes (either may be unknown)
 * and their companion group's key (null when travelling alone); see companionGroups.
 */
export type PlanTraveller = { id: number; village: string | null; township: string | null; group: string | null }

/** One traveller's place: bus and seat number (1 … the bus's seats). */
export type SeatAssignment = { id: number; vehicleId: number; seatNo: number }

type Unit = { ids: number[]; cluster: string }
type Bus = { id: number; seats: number; units: Unit[]; free: number }

/**
 * Assigns every traveller exactly one seat; no seat is given twice and no number exceeds its bus's seats.
 * Takes the buses and the travellers; returns the assignments ordered by traveller id. Throws when there
 * are more travellers than seats or an id appears twice (the database's capacity triggers prevent the
 * first; either is a bug in the caller).
 *
 * How: a companion group is one unit (split into bus-sized pieces only when larger than the largest bus);
 * a village's units form a cluster (by village code, else township). Clusters are placed largest first,
 * each whole on the bus it fits most tightly; a cluster that fits no bus is placed unit by unit, on a bus
 * already carrying its village when one has room, else on the bus with most room. A unit is split only
 * when no bus has room for it, so no group is split while the buses' spare seats exceed buses × (largest
 * group − 1), and villages that each fit the smallest bus, no more of them than buses, ride one bus each.
 * Within a bus, seats are numbered unit after unit, by village, so a group's numbers are consecutive.
 */
export function planSeats(vehicles: readonly PlanVehicle[], travellers: readonly PlanTraveller[]): SeatAssignment[] {
  const capacity = vehicles.reduce((sum, v) => sum + v.seats, 0)
  if (travellers.length > capacity) throw new Error(`seat plan: ${travellers.length} travellers for ${capacity} seats`)
  if (new Set(travellers.map((t) => t.id)).size !== travellers.length) throw new Error('seat plan: a traveller id appears twice')
  const buses: Bus[] = [...vehicles].sort((a, b) => a.id - b.id).map((v) => ({ id: v.id, seats: v.seats, units: [], free: v.seats }))
  const largestBus = Math.max(0, ...buses.map((b) => b.seats))
  for (const cluster of clustersOf(travellers, largestBus)) placeCluster(buses, cluster)
  const out: SeatAssignment[] = []
  for (const bus of buses) {
    let seatNo = 0
    const ordered = [...bus.units].sort((a, b) => compareKeys(a.cluster, b.cluster) || a.ids[0] - b.ids[0])
    for (const unit of ordered) for (const id of unit.ids) out.push({ id, vehicleId: bus.id, seatNo: ++seatNo })
  }
  return out.sort((a, b) => a.id - b.id)
}

function compareKeys(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The village clusters, largest first (then by key): each a list of units, groups first (largest first), then people alone. */
function clustersOf(travellers: readonly PlanTraveller[], largestBus: number): Unit[][] {
  const sorted = [...travellers].sort((a, b) => a.id - b.id)
  const groups = new Map<string, PlanTraveller[]>()
  const units: Unit[] = []
  for (const t of sorted) {
    if (t.group == null) units.push({ ids: [t.id], cluster: clusterKey(t) })
    else groups.set(t.group, [...(groups.get(t.group) ?? []), t])
  }
  for (const members of groups.values()) {
    // The group rides with the village of its first member (lowest id).
    const cluster = clusterKey(members[0])
    for (let i = 0; i < members.length; i += Math.max(1, largestBus)) {
      units.push({ ids: members.slice(i, i + Math.max(1, largestBus)).map((m) => m.id), cluster })
    }
  }
  const byCluster = new Map<string, Unit[]>()
  for (const unit of units) byCluster.set(unit.cluster, [...(byCluster.get(unit.cluster) ?? []), unit])
  const clusters = [...byCluster.values()].map((list) => list.sort((a, b) => b.ids.length - a.ids.length || a.ids[0] - b.ids[0]))
  const size = (c: Unit[]) => c.reduce((n, u) => n + u.ids.length, 0)
  return clusters.sort((a, b) => size(b) - size(a) || compareKeys(a[0].cluster, b[0].cluster))
}

/** Village code, else township (prefixed so the two never collide), else one cluster of the unknown. */
function clusterKey(t: PlanTraveller) {
  return t.village != null ? `v:${t.village}` : t.township != null ? `t:${t.township}` : '~'
}

function placeCluster(buses: Bus[], cluster: Unit[]) {
  const size = cluster.reduce((n, u) => n + u.ids.length, 0)
  // Whole, on the bus it fits most tightly (first such bus on a tie).
  const tightest = buses.filter((b) => b.free >= size).sort((a, b) => a.free - b.free)[0]
  if (tightest) {
    for (const unit of cluster) put(tightest, unit)
    return
  }
  const key = cluster[0].cluster
  for (const unit of cluster) {
    const fits = buses.filter((b) => b.free >= unit.ids.length)
    const withVillage = fits.filter((b) => b.units.some((u) => u.cluster === key))
    const bus = mostRoom(withVillage) ?? mostRoom(fits)
    if (bus) {
      put(bus, unit)
      continue
    }
    // No bus has room for the whole unit: split it, fullest room first (capacity was checked, so it fits).
    let rest = unit.ids
    while (rest.length > 0) {
      const room = mostRoom(buses.filter((b) => b.free > 0))!
      put(room, { ids: rest.slice(0, room.free), cluster: key })
      rest = rest.slice(room.free)
    }
  }
}

function mostRoom(buses: Bus[]): Bus | undefined {
  return [...buses].sort((a, b) => b.free - a.free)[0]
}

function put(bus: Bus, unit: Unit) {
  bus.units.push(unit)
  bus.free -= unit.ids.length
}

/**
 * Companion groups from confirmed companion pairs (issue 12 §1: companions named on a demand who confirmed):
 * people linked directly or through others form one group. Takes pairs of ids; returns each id's group key
 * (the lowest id of its group, as text). Ids in no pair get no key.
 */
export function companionGroups(pairs: readonly (readonly [number, number])[]): Map<number, string> {
  const parent = new Map<number, number>()
  const find = (x: number): number => {
    let root = x
    while (parent.get(root) !== root) root = parent.get(root)!
    let node = x
    while (node !== root) {
      const next = parent.get(node)!
      parent.set(node, root)
      node = next
    }
    return root
  }
  for (const [a, b] of pairs) {
    for (const x of [a, b]) if (!parent.has(x)) parent.set(x, x)
    const [ra, rb] = [find(a), find(b)]
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb))
  }
  return new Map([...parent.keys()].map((x) => [x, String(find(x))]))
}
