import { and, count, eq } from 'drizzle-orm'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { auditLog, workers } from '../../db/schema'
import { action as listAction, loader as listLoader } from '~/routes/west.workers._index'
import { action as viewAction, loader as viewLoader } from '~/routes/west.workers.$workerId._index'
import { action as editAction, loader as editLoader } from '~/routes/west.workers.$workerId.edit'
import { action as newAction } from '~/routes/west.workers.new'
import { FOREIGN_CHECKS_REFUSED, FOREIGN_ID_HITS_PER_DAY } from '~/models/ledger-id-check.server'
import { makeIdNumber } from '~/rules/id-number'
import { db } from '~/utils/db.server'
import { createLedgerWorker } from '../factories'
import { auditBy, auditOf, centreOf, userOf } from '../lookups'
import { noticeOf } from '../notice'
import { callAction, callLoader, context, cookieFor, formAs, get, post, settle, unwrapData } from '../request'

type Reply = { error?: Record<string, string[] | null> }

function validRow(overrides: Record<string, string> = {}) {
  return {
    name: '谭建华',
    idNumber: makeIdNumber({ areaCode: '500154', birthDate: '1985-03-14', sequence: 731 }),
    phone: '139 1234 5678',
    township: '500154001',
    village: '',
    householdStatus: 'alleviated',
    employmentStatus: 'unemployed',
    employmentNeed: 'to_shandong',
    skillLevel: 'junior',
    skills: '电焊',
    difficulties: '缺少路费',
    assistanceMeasures: '推荐山东对口岗位',
    notes: '',
    ...overrides,
  }
}

const createAs = formAs(newAction, '/west/workers/new')

test('县里新增一行台账，性别和出生日期从身份证读出，并记审计 / staff add a ledger row; sex and birth date come from the ID; audited', async () => {
  const row = validRow()
  const result = await createAs('kaizhou', { ...row, organisationId: String(centreOf('500241').id), userId: '1', sex: 'female' })
  expect('thrown' in result).toBe(true)
  const { location, text } = await noticeOf((result as { thrown: Response }).thrown)
  expect(location).toMatch(/^\/west\/workers\/\d+$/)
  expect(text).toBe('已新增到台账。')
  const id = Number(location!.split('/')[3])
  const saved = db.select().from(workers).where(eq(workers.id, id)).get()!
  expect(saved).toMatchObject({
    name: '谭建华',
    sex: 'male',
    birthDate: '1985-03-14',
    phone: '13912345678',
    townshipCode: '500154001',
    householdStatus: 'alleviated',
    userId: null,
  })
  // Tenant and link come from the session, never from the form.
  expect(saved.organisationId).toBe(centreOf('500154').id)
  const audit = auditOf('registry.create', id)[0]
  expect(audit).toBeTruthy()
  expect(JSON.stringify(audit)).not.toContain(row.idNumber)
})

test('错误的身份证号、乡镇和村给出中文提示和 400，不写入 / bad ID, township and village get Chinese messages, 400, nothing written', async () => {
  const before = db.select({ n: count() }).from(workers).get()!.n
  const cases: [Record<string, string>, string, string][] = [
    [{ idNumber: '500154198503147310' }, 'idNumber', '校验位'],
    [{ idNumber: makeIdNumber({ areaCode: '500154', birthDate: '1950-01-01', sequence: 733 }) }, 'idNumber', '16 至 65'],
    [{ township: '500241001' }, 'township', '没有'],
    [{ village: '500154002001' }, 'village', '没有'],
    [{ name: 'Tan' }, 'name', '汉字'],
    [{ householdStatus: 'rich' }, 'householdStatus', '户类型应为'],
    [{ phone: '1234' }, 'phone', '11 位'],
  ]
  for (const [overrides, field, fragment] of cases) {
    const result = await createAs(
      'kaizhou',
      validRow({ ...overrides, idNumber: overrides.idNumber ?? makeIdNumber({ areaCode: '500154', birthDate: '1990-01-01', sequence: 735 }) }),
    )
    expect('value' in result, field).toBe(true)
    const reply = unwrapData<Reply>((result as { value: unknown }).value)
    expect(reply.status).toBe(400)
    expect(reply.data.error?.[field]?.join('')).toContain(fragment)
  }
  expect(db.select({ n: count() }).from(workers).get()!.n).toBe(before)
})

test("别的县已登记的人，提示所在区县 / a person already in another county's ledger: the message names that county", async () => {
  const xiushanRow = createLedgerWorker('xiushan')
  const result = await createAs('kaizhou', validRow({ idNumber: xiushanRow.idNumber }))
  const reply = unwrapData<Reply>((result as { value: unknown }).value)
  expect(reply.status).toBe(400)
  expect(reply.data.error?.idNumber).toEqual(['此人已在秀山县的台账中登记，请与该区县就业和人才中心核实'])
  const ownRow = createLedgerWorker('kaizhou')
  const again = unwrapData<Reply>(((await createAs('kaizhou', validRow({ idNumber: ownRow.idNumber }))) as { value: unknown }).value)
  expect(again.data.error?.idNumber?.[0]).toContain('本县台账已有')
})

test('表单查到外县的人：可以说出县名，但每次都记审计，并计入当天限额 / the form may name the other county for one person, but each hit is audited and counted towards the daily limit', async () => {
  const xiushan = userOf('xiushan')
  const theirs = Array.from({ length: FOREIGN_ID_HITS_PER_DAY + 1 }, () => createLedgerWorker('kaizhou'))
  const fields = (idNumber: string) => validRow({ idNumber, township: '500241001' })
  const first = unwrapData<Reply>(((await createAs('xiushan', fields(theirs[0].idNumber))) as { value: unknown }).value)
  expect(first.status).toBe(400)
  expect(first.data.error?.idNumber).toEqual(['此人已在开州区的台账中登记，请与该区县就业和人才中心核实'])
  const hits = () => auditBy(xiushan.id, 'registry.duplicate_check')
  expect(hits().map((a) => a.detail)).toEqual([{ foreign: 1, via: 'form' }])
  expect(JSON.stringify(hits())).not.toContain(theirs[0].idNumber)
  // One at a time up to the limit; the next foreign hit is not answered.
  for (const row of theirs.slice(1, FOREIGN_ID_HITS_PER_DAY)) await createAs('xiushan', fields(row.idNumber))
  expect(hits()).toHaveLength(FOREIGN_ID_HITS_PER_DAY)
  const over = unwrapData<Reply>(((await createAs('xiushan', fields(theirs[FOREIGN_ID_HITS_PER_DAY].idNumber))) as { value: unknown }).value)
  expect(over.status).toBe(429)
  expect(over.data.error?.idNumber).toEqual([FOREIGN_CHECKS_REFUSED])
  expect(JSON.stringify(over.data)).not.toContain('开州')
  // Other staff are not limited by Xiushan's count.
  const kaizhou = unwrapData<Reply>(((await createAs('kaizhou', validRow({ idNumber: theirs[0].idNumber }))) as { value: unknown }).value)
  expect(kaizhou.data.error?.idNumber?.[0]).toContain('本县台账已有')
})

test("编辑时把身份证改成外县已登记的号码：说出县名，记审计，不改 / editing an ID to one in another county's ledger names the county, is audited, changes nothing", async () => {
  const cookie = await cookieFor('fengdu')
  const fengdu = userOf('fengdu')
  const own = createLedgerWorker('fengdu')
  // A Kaizhou row: Xiushan's staff used up today's ID checks in the test above, so no Xiushan row can be added now.
  const theirs = createLedgerWorker('kaizhou')
  const fields = validRow({ name: own.name, idNumber: theirs.idNumber, township: own.townshipCode, village: own.villageCode ?? '' })
  const result = await settle(() =>
    editAction({ request: post(`/west/workers/${own.id}/edit`, fields, cookie), context: context(), params: { workerId: String(own.id) } }),
  )
  const reply = unwrapData<Reply>((result as { value: unknown }).value)
  expect(reply.status).toBe(400)
  expect(reply.data.error?.idNumber).toEqual(['此人已在开州区的台账中登记，请与该区县就业和人才中心核实'])
  expect(db.select().from(workers).where(eq(workers.id, own.id)).get()!.idNumber).toBe(own.idNumber)
  const audits = auditBy(fengdu.id, 'registry.duplicate_check')
  expect(audits.map((a) => a.detail)).toEqual([{ foreign: 1, via: 'form' }])
})

test("列表只有本县的人，号码打码，分页 / the list holds only the county's own people, masked, paginated", async () => {
  const cookie = await cookieFor('fengdu')
  const page1 = await listLoader({ request: get('/west/workers', cookie), context: context(), params: {} })
  const own = db
    .select({ n: count() })
    .from(workers)
    .where(eq(workers.organisationId, centreOf('500230').id))
    .get()!.n
  expect(page1.total).toBe(own)
  expect(page1.rows).toHaveLength(20)
  expect(page1.pageCount).toBe(Math.ceil(own / 20))
  for (const r of page1.rows) {
    expect(r.idNumber).toMatch(/^500\*{11}[\dX]{4}$/)
    expect(r.phone === '—' || /^1\d\d\*{4}\d{4}$/.test(r.phone)).toBe(true)
  }
  const others = db
    .select({ id: workers.id })
    .from(workers)
    .where(eq(workers.organisationId, centreOf('500154').id))
    .all()
    .map((w) => w.id)
  const page2 = await listLoader({ request: get('/west/workers?page=2', cookie), context: context(), params: {} })
  expect(page2.page).toBe(2)
  for (const r of [...page1.rows, ...page2.rows]) expect(others).not.toContain(r.id)
  expect(new Set([...page1.rows, ...page2.rows].map((r) => r.id)).size).toBe(40)
  // A page past the end (an old link) shows the last page, not an empty one labelled as that page.
  const beyond = await listLoader({ request: get('/west/workers?page=999', cookie), context: context(), params: {} })
  expect(beyond.page).toBe(page1.pageCount)
  expect(beyond.rows.length).toBe(own - (page1.pageCount - 1) * 20)
  // …and it is the last page: the pager offers no next one.
  expect(beyond.page).toBe(beyond.pageCount)
})

test('按手机号查找：网址里看不到号码，但能找到人 / searching by phone finds the person without the number in the URL', async () => {
  const cookie = await cookieFor('kaizhou')
  const target = createLedgerWorker('kaizhou')
  const result = await settle(() =>
    listAction({ request: post('/west/workers', { q: target.phone!, township: 'x', household: 'nope' }, cookie), context: context(), params: {} }),
  )
  const location = (result as { thrown: Response }).thrown.headers.get('Location')!
  expect(location).toMatch(/^\/west\/workers\?s=[\w-]+$/)
  expect(location).not.toContain(target.phone!)
  expect(location).not.toContain(target.phone!.slice(-4))
  const found = await listLoader({ request: get(location, cookie), context: context(), params: {} })
  expect(found.rows.map((r) => r.id)).toContain(target.id)
  expect(found.filters.q).toBe(target.phone)
  // The sealed search is useless to another county.
  const other = await listLoader({ request: get(location, await cookieFor('xiushan')), context: context(), params: {} })
  expect(other.rows.map((r) => r.id)).not.toContain(target.id)
  // …and it does not even show Xiushan what Kaizhou typed.
  expect(other.filters.q).toBe('')
  expect(JSON.stringify(other)).not.toContain(target.phone!)
})

test('按身份证后四位、姓名和筛选条件查找 / search by ID tail and name, and filter by township and household status', async () => {
  const cookie = await cookieFor('kaizhou')
  const target = createLedgerWorker('kaizhou', { name: '郁查找' })
  for (const q of [target.idNumber.slice(-4), target.name]) {
    const r = await settle(() => listAction({ request: post('/west/workers', { q }, cookie), context: context(), params: {} }))
    const location = (r as { thrown: Response }).thrown.headers.get('Location')!
    const found = await listLoader({ request: get(location, cookie), context: context(), params: {} })
    expect(found.rows.map((x) => x.id)).toContain(target.id)
  }
  const filtered = await listLoader({
    request: get(`/west/workers?township=${target.townshipCode}&household=monitored`, cookie),
    context: context(),
    params: {},
  })
  const expected = db
    .select({ n: count() })
    .from(workers)
    .where(and(eq(workers.townshipCode, target.townshipCode), eq(workers.householdStatus, 'monitored')))
    .get()!.n
  expect(filtered.total).toBe(expected)
  for (const r of filtered.rows) expect(r.household).toBe('监测对象')
})

test("别的县的记录：查看、编辑、显示号码都是 404 / another county's record is 404 for view, edit and reveal", async () => {
  const cookie = await cookieFor('kaizhou')
  const foreign = createLedgerWorker('fengdu')
  const params = { workerId: String(foreign.id) }
  const path = `/west/workers/${foreign.id}`
  const attempts: (() => Promise<{ thrown: Response } | { value: unknown }>)[] = [
    () => callLoader(viewLoader, { path, cookie, params }),
    () => callAction(viewAction, { path, fields: { intent: 'reveal-id' }, cookie, params }),
    () => callAction(viewAction, { path, fields: { intent: 'reveal-phone' }, cookie, params }),
    () => callLoader(editLoader, { path: `${path}/edit`, cookie, params }),
    () => callAction(editAction, { path: `${path}/edit`, fields: validRow({ idNumber: foreign.idNumber }), cookie, params }),
    () => callLoader(viewLoader, { path: '/west/workers/999999', cookie, params: { workerId: '999999' } }),
    () => callLoader(viewLoader, { path: '/west/workers/abc', cookie, params: { workerId: 'abc' } }),
  ]
  for (const run of attempts) {
    const result = await run()
    expect('thrown' in result && result.thrown.status).toBe(404)
  }
  expect(db.select().from(workers).where(eq(workers.id, foreign.id)).get()).toEqual(foreign)
})

test('东部和务工人员打不开台账 / east staff and workers cannot open the registry', async () => {
  for (const username of ['weifang', '13996000001', 'admin']) {
    const result = await settle(() => listLoader({ request: get('/west/workers', undefined), context: context(), params: {} }))
    expect('thrown' in result && result.thrown.status).toBe(302)
    const cookie = await cookieFor(username)
    const forbidden = await settle(() => listLoader({ request: get('/west/workers', cookie), context: context(), params: {} }))
    expect('thrown' in forbidden && forbidden.thrown.status).toBe(403)
    const write = await settle(() => newAction({ request: post('/west/workers/new', validRow(), cookie), context: context(), params: {} }))
    expect('thrown' in write && write.thrown.status).toBe(403)
  }
})

test('显示完整号码要记审计 / revealing a full number is audited', async () => {
  const cookie = await cookieFor('kaizhou')
  const own = createLedgerWorker('kaizhou')
  const me = userOf('kaizhou')
  const page = await viewLoader({ request: get(`/west/workers/${own.id}`, cookie), context: context(), params: { workerId: String(own.id) } })
  expect(page.idNumber).toBe(`${own.idNumber.slice(0, 3)}***********${own.idNumber.slice(-4)}`)
  expect(page.phone).toBe(`${own.phone!.slice(0, 3)}****${own.phone!.slice(-4)}`)
  const revealsOf = (field: string) =>
    auditOf('registry.reveal', own.id).filter((r) => r.actorUserId === me.id && (r.detail as { field?: string } | null)?.field === field)
  for (const [intent, field, value] of [
    ['reveal-id', 'idNumber', own.idNumber],
    ['reveal-phone', 'phone', own.phone!],
  ] as const) {
    const before = revealsOf(field).length
    const reply = unwrapData<{ revealed: { field: string; value: string } }>(
      await viewAction({ request: post(`/west/workers/${own.id}`, { intent }, cookie), context: context(), params: { workerId: String(own.id) } }),
    )
    expect(reply.data.revealed).toEqual({ field, value })
    expect(revealsOf(field)).toHaveLength(before + 1)
    // The log says which number was shown, never the number.
    expect(JSON.stringify(revealsOf(field))).not.toContain(value)
  }
  const allBefore = db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'registry.reveal')).get()!.n
  for (const intent of ['delete-everything', 'constructor', '__proto__', 'toString']) {
    const bad = await settle(() =>
      viewAction({ request: post(`/west/workers/${own.id}`, { intent }, cookie), context: context(), params: { workerId: String(own.id) } }),
    )
    expect('thrown' in bad && bad.thrown.status, intent).toBe(400)
  }
  expect(db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'registry.reveal')).get()!.n).toBe(allBefore)
})

test('编辑保存修改，审计只记字段名 / editing saves changes; the audit names the fields, not the values', async () => {
  const cookie = await cookieFor('fengdu')
  const own = createLedgerWorker('fengdu')
  const fields = {
    name: own.name,
    idNumber: own.idNumber,
    phone: '13700001111',
    township: own.townshipCode,
    village: own.villageCode ?? '',
    householdStatus: own.householdStatus,
    employmentStatus: 'out_of_province',
    employmentNeed: own.employmentNeed,
    skillLevel: own.skillLevel,
    skills: own.skills ?? '',
    difficulties: own.difficulties ?? '',
    assistanceMeasures: own.assistanceMeasures ?? '',
    notes: '已赴德州务工\n第二行',
  }
  const result = await settle(() =>
    editAction({ request: post(`/west/workers/${own.id}/edit`, fields, cookie), context: context(), params: { workerId: String(own.id) } }),
  )
  expect('thrown' in result && (await noticeOf(result.thrown))).toEqual({ location: `/west/workers/${own.id}`, text: '修改已保存。' })
  const after = db.select().from(workers).where(eq(workers.id, own.id)).get()!
  expect(after).toMatchObject({ phone: '13700001111', employmentStatus: 'out_of_province', notes: '已赴德州务工\n第二行' })
  const audit = auditOf('registry.update', own.id).at(-1)!
  const changed = (['phone', 'employmentStatus', 'notes'] as const).filter((f) => own[f] !== after[f])
  expect(changed).toContain('notes')
  expect((audit.detail as { fields: string[] }).fields.sort()).toEqual([...changed].sort())
  expect(JSON.stringify(audit)).not.toContain('13700001111')
})

test('乱填表单：总是 400 或跳转，绝不出错也不留半行 / fuzzed forms always give 400 or a redirect, never an error or a partial row', async () => {
  const cookie = await cookieFor('kaizhou')
  const before = db.select({ n: count() }).from(workers).get()!.n
  const nasty = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('\u0000', '\u202e', '__proto__', '../../etc/passwd', 'x'.repeat(5000), '５００１５４', ''),
  )
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(
        fc.constantFrom(
          'name',
          'idNumber',
          'phone',
          'township',
          'village',
          'householdStatus',
          'employmentStatus',
          'employmentNeed',
          'skillLevel',
          'skills',
          'notes',
          '__proto__',
          'constructor',
        ),
        nasty,
      ),
      async (fields) => {
        const result = await settle(() => newAction({ request: post('/west/workers/new', fields, cookie), context: context(), params: {} }))
        if ('thrown' in result) expect(result.thrown.status).toBe(302)
        else expect(unwrapData((result as { value: unknown }).value).status).toBe(400)
      },
    ),
    { numRuns: 60 },
  )
  expect(db.select({ n: count() }).from(workers).get()!.n).toBe(before)
})

test('打开编辑表单会显示完整号码，记一次审计；保存失败不会重复记录 / opening the edit form shows full numbers and is audited once; a failed save does not log it again', async () => {
  const cookie = await cookieFor('fengdu')
  const own = createLedgerWorker('fengdu')
  const reveals = () => auditOf('registry.reveal', own.id)
  expect(reveals()).toHaveLength(0)
  const form = await editLoader({
    request: get(`/west/workers/${own.id}/edit`, cookie),
    context: context(),
    params: { workerId: String(own.id) },
  })
  expect(form.defaultValue.idNumber).toBe(own.idNumber)
  expect(reveals()).toHaveLength(1)
  expect(reveals()[0].detail).toEqual({ fields: ['idNumber', 'phone'], via: 'edit' })
  const { shouldRevalidate } = await import('~/routes/west.workers.$workerId.edit')
  const args = { formMethod: 'POST', defaultShouldRevalidate: true } as Parameters<typeof shouldRevalidate>[0]
  expect(shouldRevalidate(args)).toBe(false)
  expect(shouldRevalidate({ ...args, formMethod: undefined })).toBe(true)
})
