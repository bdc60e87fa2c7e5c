import { expect, test } from 'vitest'
import {
  BATCH_MOVES,
  BATCH_OPERATIONS,
  BATCH_STATES,
  batchMoveRefusal,
  canMoveBatch,
  capacityOf,
  capacityRefusal,
  isClockTime,
  MOVE_FROM,
  operationRefusal,
  parsePlate,
  placeFor,
  SEAT_STATUS,
  SEAT_STATUSES,
  isRide,
  RIDDEN_BATCH_STATES,
  type BatchMove,
  type BatchOperation,
  type BatchState,
  type MoveFacts,
} from './batch'
import type { Role } from './permissions'
import { canMoveStatus } from './status'

// Issue 12 §2 (states, capacity), §3 (booking, waitlist), §6 (departure freezes the manifest), §7 (the bureau's marks).

const movesOf = <S extends string>(states: readonly S[], can: (a: S, b: S) => boolean) =>
  states.flatMap((from) => states.filter((to) => can(from, to)).map((to) => `${from}→${to}`))

test('批次状态：草稿→报名中→已截止→已发车→已抵达，或取消 / batch states: draft → open → closed → departed → arrived, or cancelled (§2)', () => {
  expect(movesOf(BATCH_STATES, canMoveBatch)).toEqual([
    'draft→open',
    'draft→cancelled',
    'open→closed',
    'open→cancelled',
    'closed→open',
    'closed→departed',
    'closed→cancelled',
    'departed→arrived',
  ])
})

test('座位状态：候补可转为占座，取消和移出是终点 / seats: waitlisted may be promoted, cancelled and removed are final (§3)', () => {
  expect(movesOf(SEAT_STATUSES, (a, b) => canMoveStatus(SEAT_STATUS, a, b))).toEqual([
    'seated→cancelled',
    'seated→removed',
    'waitlisted→seated',
    'waitlisted→cancelled',
    'waitlisted→removed',
  ])
})

const base: MoveFacts = { state: 'draft', role: 'west', departureDate: '2026-12-10', today: '2026-12-01', capacity: 45, seated: 0 }

// [move, facts changed from base, the refusal or null]
const moveCases: [BatchMove, Partial<MoveFacts>, string | null][] = [
  ['open', {}, null],
  ['open', { capacity: 0 }, '请先添加车辆和座位数'],
  ['open', { departureDate: '2026-11-30' }, '发车日期已过，不能开放报名'],
  ['open', { role: 'east' }, '无权进行此操作'],
  ['open', { role: 'worker' }, '无权进行此操作'],
  ['open', { state: 'open' }, '批次报名中，不能改为报名中'],
  ['close', { state: 'open' }, null],
  ['close', { state: 'draft' }, '批次草稿，不能改为已截止'],
  ['reopen', { state: 'closed' }, null],
  ['open', { state: 'closed' }, '批次已截止，不能改为报名中'],
  ['reopen', { state: 'draft' }, '批次草稿，不能改为报名中'],
  ['reopen', { state: 'closed', departureDate: '2026-11-30' }, '发车日期已过，不能开放报名'],
  ['depart', { state: 'closed', seated: 40 }, '发车当天才能标记已发车'],
  ['depart', { state: 'closed', seated: 40, today: '2026-12-10' }, null],
  ['depart', { state: 'closed', seated: 0, today: '2026-12-10' }, '没有已占座的人员，不能发车'],
  ['depart', { state: 'open', seated: 40, today: '2026-12-10' }, '批次报名中，不能改为已发车'],
  ['arrive', { state: 'departed' }, null],
  ['arrive', { state: 'departed', role: 'east' }, null],
  ['arrive', { state: 'closed' }, '批次已截止，不能改为已抵达'],
  ['cancel', { state: 'open', reason: '道路塌方，改期' }, null],
  ['cancel', { state: 'open', reason: '  ' }, '请填写取消原因，已报名的人员会看到'],
  ['cancel', { state: 'open', reason: '因'.repeat(201) }, '取消原因最多 200 个字'],
  ['cancel', { state: 'departed', reason: '晚了' }, '批次已发车，不能改为已取消'],
  ['cancel', { state: 'arrived', reason: '晚了' }, '批次已抵达，不能改为已取消'],
  ['cancel', { state: 'open', reason: '改期', role: 'east' }, '无权进行此操作'],
]

test.each(moveCases)('批次操作 %s %o → %s / a batch move is refused exactly by its rule (§2)', (move, changed, expected) => {
  expect(batchMoveRefusal(move, { ...base, ...changed })).toBe(expected)
})

test('每个命名操作都从规定的状态出发、沿状态表走 / every named move starts from its own states and follows the state table', () => {
  for (const [move, to] of Object.entries(BATCH_MOVES))
    for (const from of MOVE_FROM[move as BatchMove]) expect(canMoveBatch(from, to), `${move} ${from}`).toBe(true)
  // Every edge of the state table is some named move's.
  for (const from of BATCH_STATES)
    for (const to of BATCH_STATES)
      if (canMoveBatch(from, to))
        expect(
          Object.entries(BATCH_MOVES).some(([m, t]) => t === to && MOVE_FROM[m as BatchMove].includes(from)),
          `${from}→${to}`,
        ).toBe(true)
})

// What each state allows (✓) to the role that does it; anything else frozen. Issue 12 §2, §3, §4, §6, §7.
const allowed: Record<BatchState, BatchOperation[]> = {
  draft: ['details', 'route', 'vehicles'],
  open: ['details', 'route', 'vehicles', 'book_self', 'book_staff', 'end_seat'],
  closed: ['details', 'end_seat', 'move_seat', 'board'],
  departed: ['arrival'],
  arrived: ['arrival'],
  cancelled: [],
}
const roleFor: Record<BatchOperation, Role> = {
  details: 'west',
  route: 'west',
  vehicles: 'west',
  book_self: 'worker',
  book_staff: 'west',
  end_seat: 'worker',
  move_seat: 'west',
  board: 'west',
  arrival: 'east',
}

test('每个状态冻结什么：报名只在报名中，发车后名单冻结 / what each state freezes: booking only while open, the manifest frozen once departed (§3, §6)', () => {
  for (const state of BATCH_STATES) {
    for (const op of BATCH_OPERATIONS) {
      const refusal = operationRefusal(state, op, roleFor[op])
      expect(refusal === null, `${state} ${op}`).toBe(allowed[state].includes(op))
    }
  }
  expect(operationRefusal('departed', 'board', 'west')).toBe('批次已发车，不能登记上车')
})

test('操作只属于对应的一方 / each operation belongs to one side: the bureau never books, the worker never boards (§3, §7)', () => {
  expect(operationRefusal('open', 'book_staff', 'east')).toBe('无权进行此操作')
  expect(operationRefusal('open', 'book_self', 'west')).toBe('无权进行此操作')
  expect(operationRefusal('closed', 'board', 'worker')).toBe('无权进行此操作')
  expect(operationRefusal('departed', 'arrival', 'west')).toBe('无权进行此操作')
  expect(operationRefusal('open', 'vehicles', 'admin')).toBe('无权进行此操作')
})

test('座位总数是各车座位之和，不能低于已占座位 / capacity is the sum of the buses and never below the seats taken (§2)', () => {
  expect(capacityOf([{ seats: 45 }, { seats: 33 }])).toBe(78)
  expect(capacityOf([])).toBe(0)
  expect(capacityRefusal(44, 45)).toBe('已有 45 人占座，座位总数不能少于 45')
  expect(capacityRefusal(45, 45)).toBeNull()
  expect(placeFor(44, 45)).toBe('seated')
  expect(placeFor(45, 45)).toBe('waitlisted')
  expect(placeFor(0, 0)).toBe('waitlisted')
})

test('车牌号规范化：全角、空格、分隔点都认；不像车牌的拒绝 / plates are normalised and anything else refused (§2)', () => {
  expect(parsePlate('渝D·12345')).toBe('渝D12345')
  expect(parsePlate(' 渝ｄ 12345 ')).toBe('渝D12345')
  expect(parsePlate('鲁G-AD1234')).toBe('鲁GAD1234')
  for (const bad of ['', 'D12345', '渝D1234', '渝D1234567', '渝1D2345']) expect(parsePlate(bad), bad).toBeNull()
  expect(isClockTime('07:30')).toBe(true)
  for (const bad of ['7:30', '24:00', '12:60', '']) expect(isClockTime(bad), bad).toBe(false)
})

test('乘车：仍占座、标了已上车、批次已发车或已抵达 / a ride: a seat still held, marked 已上车, on a batch that has left', () => {
  const boarded = { status: 'seated', boarding: 'boarded' } as const
  expect(RIDDEN_BATCH_STATES.filter((state) => isRide(boarded, state))).toEqual(['departed', 'arrived'])
  expect(BATCH_STATES.filter((state) => isRide(boarded, state))).toEqual(['departed', 'arrived'])
  // Removed or cancelled after the tick, or never ticked: no ride.
  for (const status of SEAT_STATUSES.filter((st) => st !== 'seated')) expect(isRide({ status, boarding: 'boarded' }, 'departed')).toBe(false)
  for (const boarding of ['no_show', null] as const) expect(isRide({ status: 'seated', boarding }, 'arrived')).toBe(false)
})
