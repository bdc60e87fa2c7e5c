import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { batches, travelDemands, tripNotices } from '../../db/schema'
import { addVehicle, moveBatch } from '~/models/batch.server'
import { markDemandBooked } from '~/models/travel-demand.server'
import { addDays, todayInShanghai } from '~/rules/dates'
import { demandWeek } from '~/rules/travel-demand'
import { db } from '~/utils/db.server'
import { action as meAction, loader as meLoader } from '~/routes/me.trips_.demand'
import { loader as meHomeLoader } from '~/routes/me._index'
import { action as newBatchAction, loader as newBatchLoader } from '~/routes/west.batches.new'
import { action as listAction, loader as listLoader } from '~/routes/west.demand._index'
import { action as staffAction } from '~/routes/west.demand.new'
import { actorFor, createLedgerWorker, createTestEmployer, createWorkerAccount } from '../factories'
import { createTestBatch } from '../factories-batches'
import { companionsOfDemand, createTestDemand, demandFields, demandRow } from '../factories-demand'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { callAction, callLoader, cookieFor, unwrapData } from '../request'

// 出行需求登记 (issue 12 §1) through the routes on a real database: the worker's own and staff's on behalf,
// bad input beside its field, another county's demand a 404, companions confirming, the county's list by
// week and destination, a batch made from ticked demand (linked, invited, told on opening), a double submit,
// and a cancelled batch returning its demand to open.

async function worker(centre = 'kaizhou') {
  const account = await createWorkerAccount(centre)
  return { ...account, cookie: await cookieFor(account.user.username) }
}

async function myPage(cookie: string) {
  const r = await callLoader(meLoader, { path: '/me/trips/demand', cookie })
  if ('thrown' in r) throw new Error(`loader threw ${r.thrown.status}`)
  return r.value
}

const post = (cookie: string, fields: Record<string, string>) => callAction(meAction, { path: '/me/trips/demand', fields, cookie })

async function redirected(result: Awaited<ReturnType<typeof post>>) {
  if (!('thrown' in result)) throw new Error(`no redirect: ${JSON.stringify(unwrapData(result.value))}`)
  return noticeOf(result.thrown)
}

function replyOf(result: { value: unknown } | { thrown: Response }) {
  if (!('value' in result)) throw new Error(`expected a reply, got ${result.thrown.status}`)
  return unwrapData<{ error?: Record<string, string[]>; result?: { error?: Record<string, string[]> } }>(result.value)
}

const demandsOf = (workerId: number) => db.select().from(travelDemands).where(eq(travelDemands.workerId, workerId)).all()

test('工人登记自己的出行需求，同一表单提交两次只有一条；错误日期在字段旁 400 / a worker registers their demand, a double submit makes one row, a past day is a 400 beside its field', async () => {
  const me = await worker()
  const page = await myPage(me.cookie)
  expect(page.live).toBeNull()
  expect(page.defaults).toMatchObject({ cityCode: '370700', pickupTownshipCode: me.worker.townshipCode })
  const bad = replyOf(await post(me.cookie, { intent: 'register', ...demandFields('kaizhou', { earliestDate: addDays(todayInShanghai(), -1) }) }))
  expect(bad.status).toBe(400)
  expect(bad.data.error).toEqual({ earliestDate: ['最早出发日期不能早于今天'] })
  const late = replyOf(await post(me.cookie, { intent: 'register', ...demandFields('kaizhou', { latestDate: addDays(todayInShanghai(), 5) }) }))
  expect(late.data.error).toEqual({ latestDate: ['最晚出发日期不能早于最早出发日期'] })
  const otherCity = replyOf(await post(me.cookie, { intent: 'register', ...demandFields('kaizhou', { cityCode: '371400' }) }))
  expect(otherCity).toMatchObject({ status: 400, data: { error: { cityCode: ['请选择对口协作城市'] } } })
  const dezhouEmployer = createTestEmployer('dezhou')
  const wrongEmployer = replyOf(await post(me.cookie, { intent: 'register', ...demandFields('kaizhou', { employerId: String(dezhouEmployer.id) }) }))
  expect(wrongEmployer.data.error).toEqual({ employerId: ['用人单位须是目的地城市人社局登记的单位'] })
  expect(demandsOf(me.worker.id)).toEqual([])

  const fields = { intent: 'register', ...demandFields(), formToken: page.formToken }
  const first = await redirected(await post(me.cookie, fields))
  expect(first).toEqual({ location: '/me/trips/demand', text: '出行需求已登记。区县安排好包车后，会在“我的”页面通知您报名。' })
  expect((await redirected(await post(me.cookie, fields))).text).toBe(first.text)
  const rows = demandsOf(me.worker.id)
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({ state: 'open', userId: me.user.id, cityCode: '370700', pickupTownshipCode: me.worker.townshipCode })
  expect(auditOf('demand.create', rows[0].id)).toHaveLength(1)
  // A second form (a new token) while the first is live: one live demand per worker.
  const again = replyOf(await post(me.cookie, { intent: 'register', ...demandFields(), formToken: (await myPage(me.cookie)).formToken }))
  expect(again).toMatchObject({ status: 409, data: { error: { '': ['您已有一份待安排的出行需求；要改，请先撤回原来的那份'] } } })
  expect((await myPage(me.cookie)).live).toMatchObject({ id: rows[0].id, state: 'open', cityName: '潍坊市' })

  expect((await redirected(await post(me.cookie, { intent: 'withdraw', demandId: String(rows[0].id) }))).text).toBe('出行需求已撤回。')
  expect(demandRow(rows[0].id).state).toBe('withdrawn')
  expect(auditOf('demand.withdraw', rows[0].id)).toHaveLength(1)
})

test('区县代为登记：按身份证找本县台账；外县的人在字段旁提示；外县的需求是 404 / staff register on behalf by ID number; another county’s person is refused beside the field; another county’s demand is a 404', async () => {
  const person = createLedgerWorker('kaizhou')
  const staff = await cookieFor('kaizhou')
  const fields = (idNumber: string) => ({ idNumber, ...demandFields() })
  const made = await callAction(staffAction, { path: '/west/demand/new', fields: fields(person.idNumber), cookie: staff })
  if (!('thrown' in made)) throw new Error(JSON.stringify(unwrapData(made.value)))
  expect(await noticeOf(made.thrown)).toEqual({ location: '/west/demand', text: '已代为登记出行需求。' })
  const [row] = demandsOf(person.id)
  expect(row).toMatchObject({ state: 'open', userId: null, createdByUserId: actorFor('kaizhou').userId })

  const outsider = createLedgerWorker('xiushan')
  const refused = replyOf(await callAction(staffAction, { path: '/west/demand/new', fields: fields(outsider.idNumber), cookie: staff }))
  expect(refused).toMatchObject({ status: 400, data: { error: { idNumber: ['本区县台账中没有此身份证号码（或已归档）'] } } })
  const badId = replyOf(await callAction(staffAction, { path: '/west/demand/new', fields: fields('123'), cookie: staff }))
  expect(badId.status).toBe(400)
  expect(Object.keys(badId.data.error ?? {})).toEqual(['idNumber'])
  // Every error in one round: a bad ID number, the days in the wrong order and a bad companion together.
  const today = todayInShanghai()
  const all = replyOf(
    await callAction(staffAction, {
      path: '/west/demand/new',
      fields: { ...fields('123'), earliestDate: addDays(today, 19), latestDate: addDays(today, 9), companions: '123' },
      cookie: staff,
    }),
  )
  expect(all.status).toBe(400)
  expect(Object.keys(all.data.error ?? {}).sort()).toEqual(['companions', 'idNumber', 'latestDate'])

  const xiushan = await cookieFor('xiushan')
  const foreign = await callAction(listAction, { path: '/west/demand', fields: { intent: 'withdraw', demandId: String(row.id) }, cookie: xiushan })
  expect('thrown' in foreign && foreign.thrown.status).toBe(404)
  const list = await callLoader(listLoader, { path: '/west/demand', cookie: xiushan })
  if (!('value' in list)) throw new Error('expected the list')
  expect(list.value.groups.flatMap((g) => g.rows.map((r) => r.id))).not.toContain(row.id)
  const someone = await worker()
  const notTheirs = await post(someone.cookie, { intent: 'withdraw', demandId: String(row.id) })
  expect('thrown' in notTheirs && notTheirs.thrown.status).toBe(404)
  expect(demandRow(row.id).state).toBe('open')
})

test('同行人：有账号的本人确认或拒绝，没有账号的由区县代为确认并留痕 / companions: one with an account confirms or declines, staff confirm for one without (audited)', async () => {
  const me = await worker()
  const friend = await worker()
  const other = await worker()
  const noAccount = createLedgerWorker('kaizhou')
  const outsider = createLedgerWorker('xiushan')
  const refused = replyOf(await post(me.cookie, { intent: 'register', ...demandFields('kaizhou', { companions: outsider.phone! }) }))
  expect(refused.data.error?.companions?.[0]).toMatch(/^同行人 \d{3}\*{4}\d{4} 不在本区县的台账中/)
  const self = replyOf(await post(me.cookie, { intent: 'register', ...demandFields('kaizhou', { companions: me.worker.idNumber }) }))
  expect(self.data.error).toEqual({ companions: ['同行人不用填本人'] })
  await redirected(
    await post(me.cookie, {
      intent: 'register',
      ...demandFields('kaizhou', { companions: `${friend.worker.phone}\n${other.worker.idNumber}\n${noAccount.idNumber}` }),
    }),
  )
  const [demand] = demandsOf(me.worker.id)
  expect(companionsOfDemand(demand.id).map((c) => [c.workerId, c.confirmedAt])).toEqual(
    [friend.worker.id, other.worker.id, noAccount.id].sort((a, b) => a - b).map((id) => [id, null]),
  )

  const invited = await myPage(friend.cookie)
  expect(invited.invitations).toMatchObject([{ demandId: demand.id, ownerName: me.worker.name, confirmed: false }])
  expect((await redirected(await post(friend.cookie, { intent: 'confirm', demandId: String(demand.id) }))).text).toBe(
    '已确认同行，安排座位时会让你们坐在一起。',
  )
  expect((await redirected(await post(other.cookie, { intent: 'decline', demandId: String(demand.id) }))).text).toBe('已告知对方您不同行。')
  const staff = await cookieFor('kaizhou')
  const onBehalf = (workerId: number) =>
    callAction(listAction, {
      path: '/west/demand',
      fields: { intent: 'confirm_companion', demandId: String(demand.id), workerId: String(workerId) },
      cookie: staff,
    })
  const forAccount = replyOf(await onBehalf(friend.worker.id))
  expect(forAccount).toMatchObject({ status: 403 })
  const done = await onBehalf(noAccount.id)
  if (!('thrown' in done)) throw new Error('expected a redirect')
  expect((await noticeOf(done.thrown)).text).toBe('已代为确认同行（已记录）。')
  const rows = companionsOfDemand(demand.id)
  expect(rows.map((c) => c.workerId)).toEqual([friend.worker.id, noAccount.id].sort((a, b) => a - b))
  expect(rows.every((c) => c.confirmedAt != null)).toBe(true)
  expect(auditOf('demand.companion_confirm', demand.id).map((a) => a.detail)).toEqual([
    { workerId: friend.worker.id, onBehalf: false },
    { workerId: noAccount.id, onBehalf: true },
  ])
  expect(auditOf('demand.companion_decline', demand.id)).toHaveLength(1)
  expect((await myPage(me.cookie)).live?.companions.map((c) => c.confirmed)).toEqual([true, true])
})

test('区县列表按周和目的地分组，计数含已确认的同行人，按周、乡镇、状态筛选 / the county list groups by week and destination, counts people with confirmed companions, filters by week, township and state', async () => {
  // Two weeks well ahead, so other tests' demand (10–20 days out) does not fall in them.
  const today = todayInShanghai()
  const weekA = demandWeek(addDays(today, 120), today).key
  const weekB = addDays(weekA, 7)
  const friend = createLedgerWorker('kaizhou')
  const a = createTestDemand('kaizhou', { earliestDate: weekA, latestDate: addDays(weekA, 10), companions: [{ by: 'idNumber', value: friend.idNumber }] })
  const b = createTestDemand('kaizhou', { earliestDate: addDays(weekA, 6), latestDate: addDays(weekA, 10) })
  const c = createTestDemand('kaizhou', { earliestDate: addDays(weekB, 2), latestDate: addDays(weekB, 9) })
  createTestDemand('xiushan', { earliestDate: weekA, latestDate: addDays(weekA, 3) })
  const staff = await cookieFor('kaizhou')
  const list = async (query: string) => {
    const r = await callLoader(listLoader, { path: `/west/demand${query}`, cookie: staff })
    if (!('value' in r)) throw new Error(`list threw ${r.thrown.status}`)
    return r.value
  }
  const byWeek = await list(`?week=${weekA}`)
  expect(byWeek.total).toBe(2)
  expect(byWeek.groups).toHaveLength(1)
  expect(byWeek.groups[0]).toMatchObject({ week: demandWeek(weekA, today), cityCode: '370700', cityName: '潍坊市', demands: 2, people: 2 })
  expect(byWeek.groups[0].rows.map((r) => r.id)).toEqual([a.id, b.id])
  expect(byWeek.groups[0].rows[0]).toMatchObject({ idMasked: expect.stringMatching(/^\d{3}\*{11}/), byStaff: true })
  // A confirmed companion counts as a person of the group.
  expect(db.$client.prepare('update travel_companions set confirmed_at = ? where demand_id = ?').run(Date.now(), a.id).changes).toBe(1)
  expect((await list(`?week=${weekA}`)).groups[0]).toMatchObject({ demands: 2, people: 3 })
  expect((await list(`?week=${weekB}`)).groups.map((g) => g.rows.map((r) => r.id))).toEqual([[c.id]])
  expect((await list(`?week=${weekA}&township=${a.pickupTownshipCode}`)).total).toBe(2)
  expect((await list(`?week=${weekA}&state=withdrawn`)).total).toBe(0)
  const all = await list('')
  const keys = all.groups.map((g) => g.week.key)
  expect(keys).toEqual([...keys].sort())
  // A filter value that does not parse is dropped (the whole list), never a 500.
  expect((await list('?week=2026-13-01&state=nope')).total).toBe(all.total)
  // The week filter offers only weeks with demand, each with its count (not 27 mostly empty weeks).
  const weekChoices = all.choices.weeks
  expect(weekChoices).toContainEqual({ code: weekA, name: `${demandWeek(weekA, today).label}（2 条）` })
  expect(weekChoices).toContainEqual({ code: weekB, name: `${demandWeek(weekB, today).label}（1 条）` })
  expect(weekChoices.map((w) => w.code)).not.toContain(addDays(weekB, 7))
  expect(weekChoices.every((w) => /（[1-9]\d* 条）$/.test(w.name))).toBe(true)
  expect(weekChoices.map((w) => w.code)).toEqual([...weekChoices.map((w) => w.code)].sort())
})

test('用所选需求建批次：预填、编入、开放时通知本人和同行人一次；已撤回或外县的需求被拒且不建批次 / a batch from ticked demand is prefilled, links and invites it, tells them once on opening; withdrawn or another county’s demand is refused and nothing is made', async () => {
  const employer = createTestEmployer('weifang')
  const me = await worker()
  const friend = await worker()
  const day = addDays(todayInShanghai(), 12)
  await redirected(
    await post(me.cookie, {
      intent: 'register',
      ...demandFields('kaizhou', {
        earliestDate: addDays(day, -2),
        latestDate: addDays(day, 8),
        employerId: String(employer.id),
        companions: friend.worker.phone!,
      }),
    }),
  )
  await redirected(await post(friend.cookie, { intent: 'confirm', demandId: String(demandsOf(me.worker.id)[0].id) }))
  const mine = demandsOf(me.worker.id)[0]
  const other = createTestDemand('kaizhou', { earliestDate: day, latestDate: addDays(day, 3) })
  const staff = await cookieFor('kaizhou')
  const path = `/west/batches/new?demand=${mine.id},${other.id}`
  const form = await callLoader(newBatchLoader, { path, cookie: staff })
  if (!('value' in form)) throw new Error('expected the form')
  expect(form.value.refusal).toBeNull()
  expect(form.value.demand.map((d) => d.id)).toEqual([mine.id, other.id])
  expect(form.value.defaults).toMatchObject({ cityCode: '370700', departureDate: day, employerIds: [String(employer.id)] })
  expect(form.value.choices.employers[0].id).toBe(employer.id)

  const batchCount = () => db.$client.prepare('select count(*) as n from batches').get() as { n: number }
  const fields = {
    cityCode: '370700',
    pickupName: '汉丰街道汽车站',
    pickupAddress: '开州区汉丰街道滨湖路 1 号',
    departureDate: day,
    departureTime: '07:30',
    escortName: '李干部',
    escortPhone: '13800001111',
    employerIds: String(employer.id),
  }
  // Another county's demand, or one no longer open, refuses the whole form: no batch, nothing linked.
  const foreign = createTestDemand('xiushan')
  const before = batchCount().n
  const refusedForm = await callLoader(newBatchLoader, { path: `/west/batches/new?demand=${mine.id},${foreign.id}`, cookie: staff })
  expect('value' in refusedForm && refusedForm.value.refusal).toBe('所选需求中有的不存在或不属于本区县，请回到出行需求列表重新选择')
  const refused = replyOf(await callAction(newBatchAction, { path: `/west/batches/new?demand=${mine.id},${foreign.id}`, fields, cookie: staff }))
  expect(refused).toMatchObject({ status: 400, data: { error: { '': ['所选需求中有的不存在或不属于本区县，请回到出行需求列表重新选择'] } } })
  expect(batchCount().n).toBe(before)
  expect(demandRow(mine.id)).toMatchObject({ state: 'open', batchId: null })

  const made = await callAction(newBatchAction, { path, fields, cookie: staff })
  if (!('thrown' in made)) throw new Error(JSON.stringify(unwrapData(made.value)))
  const { location, text } = await noticeOf(made.thrown)
  expect(text).toBe('批次已保存为草稿，2 条出行需求已编入。添加车辆并开放报名后，这些人会收到通知。')
  const batchId = Number(location!.split('/').pop())
  expect([demandRow(mine.id), demandRow(other.id)].map((d) => [d.state, d.batchId])).toEqual([
    ['invited', batchId],
    ['invited', batchId],
  ])
  expect(auditOf('demand.invite', mine.id)).toHaveLength(1)
  // Already invited: a second batch from the same demand is refused, nothing half-linked.
  const twice = replyOf(await callAction(newBatchAction, { path: `/west/batches/new?demand=${other.id},${mine.id}`, fields, cookie: staff }))
  expect(twice.data.error?.['']?.[0]).toMatch(/已编入其他批次/)
  expect(batchCount().n).toBe(before + 1)

  const notices = (workerId: number) => db.select().from(tripNotices).where(eq(tripNotices.workerId, workerId)).all()
  expect(notices(me.worker.id)).toEqual([])
  const kaizhou = actorFor('kaizhou')
  expect(addVehicle(kaizhou, batchId, { plate: '渝D55555', seats: 10 })).toMatchObject({ ok: true })
  expect(moveBatch(kaizhou, batchId, 'open')).toMatchObject({ ok: true })
  expect(notices(me.worker.id).map((n) => [n.kind, n.batchId])).toEqual([['invited', batchId]])
  expect(notices(friend.worker.id).map((n) => n.kind)).toEqual(['invited'])
  expect(notices(other.workerId).map((n) => n.kind)).toEqual(['invited'])
  // Closing and reopening tells nobody twice.
  expect(moveBatch(kaizhou, batchId, 'close')).toMatchObject({ ok: true })
  expect(moveBatch(kaizhou, batchId, 'reopen')).toMatchObject({ ok: true })
  expect(notices(me.worker.id)).toHaveLength(1)
  const home = await callLoader(meHomeLoader, { path: '/me', cookie: me.cookie })
  if (!('value' in home)) throw new Error('expected /me')
  expect(home.value.tripNotices.map((n) => n.kind)).toEqual(['invited'])
  expect((await myPage(me.cookie)).live).toMatchObject({ state: 'invited', batchId, batchState: 'open' })

  // Booking (bookSeat calls markDemandBooked in its transaction): the invited demand becomes booked, once.
  expect(db.transaction((tx) => markDemandBooked(tx, { workerId: me.worker.id, batchId, actor: me.actor }))).toBe(true)
  expect(db.transaction((tx) => markDemandBooked(tx, { workerId: me.worker.id, batchId, actor: me.actor }))).toBe(false)
  expect(demandRow(mine.id).state).toBe('booked')
  expect(auditOf('demand.book', mine.id)).toHaveLength(1)
})

test('批次取消后需求回到待安排；其间已另登记的改为撤回 / a cancelled batch returns its demand to open, or withdrawn where the worker has since registered another', () => {
  const a = createTestDemand('kaizhou')
  const b = createTestDemand('kaizhou')
  const { batch } = createTestBatch('kaizhou', { seats: [5], state: 'draft' })
  const kaizhou = actorFor('kaizhou')
  db.$client.prepare("update travel_demands set state = 'invited', batch_id = ? where id in (?, ?)").run(batch.id, a.id, b.id)
  expect(db.transaction((tx) => markDemandBooked(tx, { workerId: b.workerId, batchId: batch.id, actor: kaizhou }))).toBe(true)
  const newer = createTestDemand('kaizhou', { workerId: b.workerId })
  expect(moveBatch(kaizhou, batch.id, 'cancel', { reason: '车辆临时调走' })).toMatchObject({ ok: true })
  expect(db.select({ state: batches.state }).from(batches).where(eq(batches.id, batch.id)).get()?.state).toBe('cancelled')
  expect([demandRow(a.id), demandRow(b.id), demandRow(newer.id)].map((d) => [d.state, d.batchId])).toEqual([
    ['open', null],
    ['withdrawn', null],
    ['open', null],
  ])
  expect(auditOf('demand.reopen', a.id).map((r) => r.detail)).toEqual([{ batchId: batch.id, from: 'invited', to: 'open' }])
})
