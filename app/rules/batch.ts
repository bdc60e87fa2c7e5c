import type { ArrivalMark, BatchState, BoardingMark, SeatStatus } from './batch-enums'
import type { Role } from './permissions'
import { canMoveStatus, defineStatuses } from './status'

// Batches (包车批次) and their seats, issue 12 §2–§3 and decision 020: the states a batch moves through, who
// may move it, what each state freezes, and the capacity rule. Pure: the models read the table, the pages
// print its labels. Stored codes are in ./batch-enums.

export * from './batch-enums'

/** A batch's states: label, badge tone and the states it may move to (issue 12 §2). */
export const BATCH_STATE = defineStatuses<BatchState>({
  draft: { label: '草稿', tone: 'draft', next: ['open', 'cancelled'] },
  open: { label: '报名中', tone: 'ok', next: ['closed', 'cancelled'] },
  closed: { label: '已截止', tone: 'info', next: ['open', 'departed', 'cancelled'] },
  departed: { label: '已发车', tone: 'info', next: ['arrived'] },
  arrived: { label: '已抵达', tone: 'off', next: [] },
  cancelled: { label: '已取消', tone: 'off', next: [] },
})

/** Whether a batch may go from `from` to `to` at all (who and when are batchMoveRefusal's). */
export function canMoveBatch(from: BatchState, to: BatchState) {
  return canMoveStatus(BATCH_STATE, from, to)
}

/** A seat's statuses (issue 12 §3): a waitlisted row is promoted to seated; either ends cancelled or removed. */
export const SEAT_STATUS = defineStatuses<SeatStatus>({
  seated: { label: '已占座', tone: 'ok', next: ['cancelled', 'removed'] },
  waitlisted: { label: '候补', tone: 'warn', next: ['seated', 'cancelled', 'removed'] },
  cancelled: { label: '已取消', tone: 'off', next: [] },
  removed: { label: '已移出', tone: 'off', next: [] },
})

export const BOARDING_LABELS: Record<BoardingMark, string> = { boarded: '已上车', no_show: '未到' }

/** The states of a batch that has left: its 已上车 seats were rides. */
export const RIDDEN_BATCH_STATES = ['departed', 'arrived'] as const satisfies readonly BatchState[]

/**
 * Whether a seat was a ride (乘车, issue 12 §6; the subsidy's batch leg, issue 13; the dashboards' 乘车, issue
 * 15): still held (seated), marked 已上车, on a batch that has left. A seat removed or cancelled after its
 * tick was not a ride. SQL: rideSql (app/models/rule-sql.server.ts).
 */
export function isRide(seat: { status: SeatStatus; boarding: BoardingMark | null }, batchState: BatchState) {
  return seat.status === 'seated' && seat.boarding === 'boarded' && (RIDDEN_BATCH_STATES as readonly BatchState[]).includes(batchState)
}
export const ARRIVAL_LABELS: Record<ArrivalMark, string> = { arrived: '已到岗', missing: '未到岗' }

/**
 * What may be done to a batch, each frozen in some states:
 * - `details`: pickup point, time, notes, escort, employers;
 * - `route`: departure date and destination city (the seats' copied date moves with it);
 * - `vehicles`: add, remove or resize a bus (never below the seats taken);
 * - `book_self` / `book_staff`: a worker books at /me/trips, staff add a ledger worker;
 * - `end_seat`: a worker cancels or staff remove a seat (the first eligible waitlisted worker is promoted);
 * - `move_seat`: staff move a worker to another bus or seat of the plan (issue 12 §4);
 * - `board`: the escort's boarded / no-show marks, until departure freezes the manifest (§6);
 * - `arrival`: the receiving bureau's 到岗 / missing marks after departure (§7).
 */
export const BATCH_OPERATIONS = ['details', 'route', 'vehicles', 'book_self', 'book_staff', 'end_seat', 'move_seat', 'board', 'arrival'] as const
export type BatchOperation = (typeof BATCH_OPERATIONS)[number]

/** In which states each operation is allowed: anything not listed is frozen. */
export const OPERATIONS_BY_STATE: Readonly<Record<BatchState, readonly BatchOperation[]>> = {
  draft: ['details', 'route', 'vehicles'],
  open: ['details', 'route', 'vehicles', 'book_self', 'book_staff', 'end_seat'],
  // Closed: the seat plan exists; no new sign-ups (reopen for that), a freed seat still goes to the waitlist.
  closed: ['details', 'end_seat', 'move_seat', 'board'],
  // Departed: the manifest is frozen (§6); only the receiving side's marks remain.
  departed: ['arrival'],
  arrived: ['arrival'],
  cancelled: [],
}

/** Who may do each operation: the county's staff run the batch, the worker books, the paired bureau confirms arrivals. */
export const OPERATION_ROLES: Readonly<Record<BatchOperation, readonly Role[]>> = {
  details: ['west'],
  route: ['west'],
  vehicles: ['west'],
  book_self: ['worker'],
  book_staff: ['west'],
  end_seat: ['west', 'worker'],
  move_seat: ['west'],
  board: ['west'],
  arrival: ['east'],
}

const FROZEN: Record<BatchOperation, string> = {
  details: '批次信息',
  route: '发车日期和目的地',
  vehicles: '车辆',
  book_self: '报名',
  book_staff: '添加乘车人员',
  end_seat: '取消座位',
  move_seat: '调整座位',
  board: '登记上车',
  arrival: '确认到岗',
}

/**
 * Why `role` may not do `operation` on a batch in `state` (a Chinese message), or null when it may.
 * Issue 12 §2 (states), §3 (booking only while open), §6 (departure freezes the manifest).
 */
export function operationRefusal(state: BatchState, operation: BatchOperation, role: Role): string | null {
  if (!OPERATION_ROLES[operation].includes(role)) return '无权进行此操作'
  if (!OPERATIONS_BY_STATE[state].includes(operation)) return `批次${BATCH_STATE[state].label}，不能${FROZEN[operation]}`
  return null
}

/** The named moves of a batch and the state each leads to. */
export const BATCH_MOVES = {
  open: 'open',
  close: 'closed',
  reopen: 'open',
  depart: 'departed',
  arrive: 'arrived',
  cancel: 'cancelled',
} as const satisfies Record<string, BatchState>
export type BatchMove = keyof typeof BATCH_MOVES

/** The states each move starts from: opening is a draft's, reopening a closed batch's (its seat plan is cleared). */
export const MOVE_FROM: Readonly<Record<BatchMove, readonly BatchState[]>> = {
  open: ['draft'],
  close: ['open'],
  reopen: ['closed'],
  depart: ['closed'],
  arrive: ['departed'],
  cancel: ['draft', 'open', 'closed'],
}

/** Who may make each move: the county's staff; the arrival also the paired bureau that confirms it. */
export const MOVE_ROLES: Readonly<Record<BatchMove, readonly Role[]>> = {
  open: ['west'],
  close: ['west'],
  reopen: ['west'],
  depart: ['west'],
  arrive: ['west', 'east'],
  cancel: ['west'],
}

/** The longest cancel reason (characters); the booked workers read it. */
export const MAX_CANCEL_REASON = 200

/** What a move's refusal depends on besides the state. Dates are Shanghai `YYYY-MM-DD`. */
export type MoveFacts = {
  state: BatchState
  role: Role
  departureDate: string
  today: string
  /** The sum of the batch's vehicle seats. */
  capacity: number
  seated: number
  reason?: string | null
}

/**
 * Why a batch may not make `move` now (a Chinese message), or null when it may. The rules (issue 12 §2):
 * only the listed roles; only from MOVE_FROM's states, along BATCH_STATE; opening needs a bus and a departure day not past; reopening
 * also needs the day not past; departing happens on or after the departure day with someone seated;
 * cancelling needs a reason of at most MAX_CANCEL_REASON characters (the booked workers see it).
 */
export function batchMoveRefusal(move: BatchMove, facts: MoveFacts): string | null {
  const to = BATCH_MOVES[move]
  if (!MOVE_ROLES[move].includes(facts.role)) return '无权进行此操作'
  if (!MOVE_FROM[move].includes(facts.state) || !canMoveBatch(facts.state, to)) return `批次${BATCH_STATE[facts.state].label}，不能改为${BATCH_STATE[to].label}`
  if ((move === 'open' || move === 'reopen') && facts.departureDate < facts.today) return '发车日期已过，不能开放报名'
  if (move === 'open' && facts.capacity < 1) return '请先添加车辆和座位数'
  if (move === 'depart' && facts.departureDate > facts.today) return '发车当天才能标记已发车'
  if (move === 'depart' && facts.seated < 1) return '没有已占座的人员，不能发车'
  if (move === 'cancel') {
    const reason = (facts.reason ?? '').trim()
    if (reason === '') return '请填写取消原因，已报名的人员会看到'
    if ([...reason].length > MAX_CANCEL_REASON) return `取消原因最多 ${MAX_CANCEL_REASON} 个字`
  }
  return null
}

/** A batch's capacity: the sum of its vehicles' seats (issue 12 §2). */
export function capacityOf(vehicles: readonly { seats: number }[]): number {
  return vehicles.reduce((sum, v) => sum + v.seats, 0)
}

/**
 * Why the capacity may not become `capacity` with `seated` seats taken (issue 12 §2: "cannot be lowered
 * below the seats taken"), or null when it may.
 */
export function capacityRefusal(capacity: number, seated: number): string | null {
  return capacity < seated ? `已有 ${seated} 人占座，座位总数不能少于 ${seated}` : null
}

/** Where a new sign-up goes (issue 12 §3): a seat while one is free, else the waitlist. */
export function placeFor(seated: number, capacity: number): 'seated' | 'waitlisted' {
  return seated < capacity ? 'seated' : 'waitlisted'
}

/**
 * A licence plate as typed (全角, spaces, 「·」 or 「-」 allowed), normalised to upper case without
 * separators: a province character, a letter, then 5 (ordinary) or 6 (new-energy) letters or digits.
 * Returns the plate, or null when it is not one.
 */
export function parsePlate(raw: string): string | null {
  const plate = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s·•\-.]/g, '')
  return /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/.test(plate) ? plate : null
}

/** The seats a bus may have (batch_vehicles_seats_check). */
export const VEHICLE_SEATS = { min: 1, max: 80 } as const

/** Whether `time` is a clock time `HH:MM` (00:00–23:59). */
export function isClockTime(time: string) {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(time)
}
