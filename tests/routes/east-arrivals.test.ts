import { randomUUID } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { auditLog, batchSeats, batches } from '../../db/schema'
import { action as arrivalAction, loader as arrivalLoader } from '~/routes/east.arrivals.$batchId'
import { loader as listLoader } from '~/routes/east.arrivals._index'
import { loader as manifestLoader } from '~/routes/west.batches.$batchId.manifest'
import { arrivalFigures } from '~/models/arrival.server'
import { moveBatch } from '~/models/batch.server'
import { markBoarding } from '~/models/boarding.server'
import { bookSeat } from '~/models/seat.server'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { actorFor, createLedgerWorker } from '../factories'
import { batchWithPeople, hireFor, storedBatch } from '../factories-batches-h9'
import { createTestBatch, seatsOf } from '../factories-batches'
import { noticeOf } from '../notice'
import { BASE, callLoader, context, cookieFor, unwrapData } from '../request'

// The receiving side (/east/arrivals, issue 12 §7) through real requests: the paired bureau sees a batch from
// the moment it opens, confirms arrivals or marks people missing after departure (several at once, audited),
// an arrival links the hire by the batch's employer, the county sees the marks, another bureau gets a 404.

const pathOf = (id: number) => `/east/arrivals/${id}`
// post() sends each field once; several ticked boxes share the name seatIds, so build that body by hand.
async function markMany(batchId: number, intent: string, seatIds: number[], as = 'weifang'): Promise<{ value: unknown } | { thrown: Response }> {
  const body = new URLSearchParams([['intent', intent], ...seatIds.map((id) => ['seatIds', String(id)] as [string, string])])
  const request = new Request(`${BASE}${pathOf(batchId)}`, {
    method: 'POST',
    body,
    headers: { Cookie: await cookieFor(as), 'Content-Type': 'application/x-www-form-urlencoded' },
  })
  try {
    return { value: await arrivalAction({ request, context: context(), params: { batchId: String(batchId) } }) }
  } catch (error) {
    if (error instanceof Response) return { thrown: error }
    throw error
  }
}

async function listAs(username: string) {
  const got = await callLoader(listLoader, { path: '/east/arrivals', cookie: await cookieFor(username) })
  if (!('value' in got)) throw new Error('expected data')
  return got.value.rows
}

test('开放报名起结对的输入地就能看到，草稿和其他城市看不到 / the paired bureau sees a batch from opening; a draft and another bureau do not', async () => {
  const { batch: open, employer } = batchWithPeople('kaizhou', { names: ['甲', '乙'], state: 'open' })
  const { batch: draft } = createTestBatch('kaizhou', { state: 'draft' })
  const rows = await listAs('weifang')
  const row = rows.find((r) => r.id === open.id)
  expect(row).toMatchObject({ seated: 2, employers: employer.name, escortName: '李干部', escortPhone: '13800001111', state: 'open' })
  expect(rows.some((r) => r.id === draft.id)).toBe(false)
  expect((await listAs('dezhou')).some((r) => r.id === open.id)).toBe(false)
  const params = { batchId: String(open.id) }
  expect(await callLoader(arrivalLoader, { path: pathOf(open.id), cookie: await cookieFor('dezhou'), params })).toMatchObject({ thrown: { status: 404 } })
  expect(await callLoader(arrivalLoader, { path: pathOf(draft.id), cookie: await cookieFor('weifang'), params: { batchId: String(draft.id) } })).toMatchObject({
    thrown: { status: 404 },
  })
  const seen = await callLoader(arrivalLoader, { path: pathOf(open.id), cookie: await cookieFor('weifang'), params })
  if (!('value' in seen)) throw new Error('expected data')
  expect(seen.value.canMark).toBe(false)
  expect(seen.value.preplan!.every((r) => r.idNumber.includes('*') && (r.phone ?? '*').includes('*'))).toBe(true)
})

test('发车前不能确认到岗 / arrivals cannot be confirmed before departure', async () => {
  const { batch } = batchWithPeople('kaizhou', { names: ['甲'] })
  const [seat] = seatsOf(batch.id)
  const refused = await markMany(batch.id, 'arrived', [seat.id])
  if (!('value' in refused)) throw new Error('expected a reply')
  expect(unwrapData(refused.value)).toEqual({ status: 400, data: { error: '批次已截止，不能确认到岗' } })
  expect(seatsOf(batch.id)[0].arrival).toBeNull()
})

test('发车后勾选多人确认到岗并关联录用记录，其余标记未到岗，区县能看到 / after departure ticked people are confirmed (linking the hire), others missing; the county sees it', async () => {
  const { batch, people, employer } = batchWithPeople('kaizhou', { names: ['甲', '乙', '丙'], state: 'departed' })
  const hired = hireFor(people[0].id, employer.id, batch.cityCode)
  const seatOf = new Map(seatsOf(batch.id).map((s) => [s.workerId, s.id]))
  const [a, b, c] = people.map((p) => seatOf.get(p.id)!)
  const done = await markMany(batch.id, 'arrived', [a, b])
  if (!('thrown' in done)) throw new Error('expected a redirect')
  expect((await noticeOf(done.thrown)).text).toBe('已确认到岗 2 人，其中 1 人已关联录用记录。')
  const missing = await markMany(batch.id, 'missing', [c])
  if (!('thrown' in missing)) throw new Error('expected a redirect')
  const stored = new Map(seatsOf(batch.id).map((s) => [s.id, s]))
  expect(stored.get(a)).toMatchObject({ arrival: 'arrived', employmentRecordId: hired })
  expect(stored.get(b)).toMatchObject({ arrival: 'arrived', employmentRecordId: null })
  expect(stored.get(c)).toMatchObject({ arrival: 'missing', employmentRecordId: null })
  const audit = db
    .select({ action: auditLog.action, entityId: auditLog.entityId })
    .from(auditLog)
    .where(and(inArray(auditLog.action, ['seat.arrive', 'seat.missing']), inArray(auditLog.entityId, [a, b, c].map(String))))
    .all()
  expect(audit.map((r) => `${r.action}:${r.entityId}`).sort()).toEqual([`seat.arrive:${a}`, `seat.arrive:${b}`, `seat.missing:${c}`].sort())
  // Confirming again changes nothing and writes nothing.
  const again = await markMany(batch.id, 'arrived', [a])
  if (!('thrown' in again)) throw new Error('expected a redirect')
  expect((await noticeOf(again.thrown)).text).toBe('所选人员已是确认到岗，没有变化。')
  // The county's manifest shows the marks.
  const county = await callLoader(manifestLoader, {
    path: `/west/batches/${batch.id}/manifest`,
    cookie: await cookieFor('kaizhou'),
    params: { batchId: String(batch.id) },
  })
  if (!('value' in county)) throw new Error('expected data')
  const rows = unwrapData<{ buses: { rows: { seatId: number; arrival: string | null; linked: boolean }[] }[] }>(county.value).data.buses.flatMap((x) => x.rows)
  expect(rows.find((r) => r.seatId === a)).toMatchObject({ arrival: 'arrived', linked: true })
  expect(rows.find((r) => r.seatId === c)).toMatchObject({ arrival: 'missing', linked: false })
})

test('不勾选、勾选别的批次的人、其他城市：拒绝且不写入 / nothing ticked, a seat of another batch, or another bureau is refused with nothing written', async () => {
  const { batch } = batchWithPeople('kaizhou', { names: ['甲'], state: 'departed' })
  const { batch: other } = batchWithPeople('kaizhou', { names: ['乙'], state: 'departed' })
  const [own] = seatsOf(batch.id)
  const [foreign] = seatsOf(other.id)
  const none = await markMany(batch.id, 'arrived', [])
  if (!('value' in none)) throw new Error('expected a reply')
  expect(unwrapData(none.value)).toEqual({ status: 400, data: { error: '请先勾选人员' } })
  const stale = await markMany(batch.id, 'arrived', [own.id, foreign.id])
  if (!('value' in stale)) throw new Error('expected a reply')
  expect(unwrapData(stale.value).status).toBe(409)
  expect(await markMany(batch.id, 'arrived', [own.id], 'dezhou')).toMatchObject({ thrown: { status: 404 } })
  expect(
    db
      .select()
      .from(batchSeats)
      .where(inArray(batchSeats.id, [own.id, foreign.id]))
      .all()
      .map((s) => s.arrival),
  ).toEqual([null, null])
  expect(await markMany(batch.id, 'bogus', [])).toMatchObject({ thrown: { status: 400 } })
})

test('整批已抵达 / the bureau marks the whole batch arrived', async () => {
  const { batch } = batchWithPeople('kaizhou', { names: ['甲'], state: 'departed' })
  const moved = await markMany(batch.id, 'arrive_batch', [])
  if (!('thrown' in moved)) throw new Error('expected a redirect')
  expect((await noticeOf(moved.thrown)).text).toBe('已标记整批已抵达。')
  expect(storedBatch(batch.id).state).toBe('arrived')
})

test('发车时未上车的人不算“待确认”：接收地不会永远等一个没来的人 / someone the escort marked 未到 is not counted as still to confirm (§7)', async () => {
  const staff = actorFor('kaizhou')
  const { batch } = createTestBatch('kaizhou', { seats: [45], departureDate: todayInShanghai() })
  const rode = bookSeat(staff, batch.id, { workerId: createLedgerWorker('kaizhou').id })
  const stayed = bookSeat(staff, batch.id, { workerId: createLedgerWorker('kaizhou').id })
  expect(moveBatch(staff, batch.id, 'close')).toMatchObject({ ok: true })
  const checkin = (seat: typeof rode, mark: 'boarded' | 'no_show') => ({
    seatId: seat!.ok ? seat!.seatId : 0,
    mark,
    base: null,
    checkinId: randomUUID(),
    at: null,
  })
  expect(markBoarding(staff, batch.id, [checkin(rode, 'boarded'), checkin(stayed, 'no_show')])).toMatchObject({ ok: true, applied: 2 })
  expect(moveBatch(staff, batch.id, 'depart')).toMatchObject({ ok: true })
  expect(arrivalFigures(batch.id)).toEqual({ seated: 2, arrived: 0, missing: 0, notBoarded: 1, unmarked: 1 })
  const page = await callLoader(arrivalLoader, {
    path: `/east/arrivals/${batch.id}`,
    cookie: await cookieFor('weifang'),
    params: { batchId: String(batch.id) },
  })
  if (!('value' in page)) throw new Error('expected data')
  expect(page.value.figures).toMatchObject({ unmarked: 1, notBoarded: 1 })
})

test('区县在集合地点、地址和备注里写的号码，人社局看到的是遮挡后的 / numbers the county typed into the pickup point, address or notes reach the bureau masked', async () => {
  const { batch } = batchWithPeople('kaizhou', { names: ['甲'], state: 'open' })
  db.update(batches)
    .set({ pickupName: '人力市场 电话 138 1234 5678', pickupAddress: '汉丰街道 联系 13912345678', notes: '带队 15012345678，身份证 500234199001011234' })
    .where(eq(batches.id, batch.id))
    .run()
  const seen = await callLoader(arrivalLoader, { path: pathOf(batch.id), cookie: await cookieFor('weifang'), params: { batchId: String(batch.id) } })
  if (!('value' in seen)) throw new Error('expected data')
  const text = JSON.stringify(seen.value)
  for (const full of ['138 1234 5678', '13912345678', '15012345678', '500234199001011234']) expect(text).not.toContain(full)
  expect(seen.value.batch.pickupName).toBe('人力市场 电话 138****5678')
  // The county's own manifest keeps what it typed.
  const own = await callLoader(manifestLoader, {
    path: `/west/batches/${batch.id}/manifest`,
    cookie: await cookieFor('kaizhou'),
    params: { batchId: String(batch.id) },
  })
  expect(JSON.stringify(own)).toContain('138 1234 5678')
})
