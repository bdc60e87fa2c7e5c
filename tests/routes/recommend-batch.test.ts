import ExcelJS from 'exceljs'
import { and, count, eq, inArray } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { applications } from '../../db/schema'
import { archiveWorker } from '~/models/worker-archive.server'
import { action, loader } from '~/routes/west.jobs.$jobId.recommend'
import { loader as exportLoader } from '~/routes/west.jobs.$jobId.recommend[.xlsx]'
import { loader as printLoader } from '~/routes/west.jobs.$jobId.recommend_.print'
import { addDays, todayInShanghai } from '~/rules/dates'
import { describeRecommendFilters, RECOMMEND_AT_ONCE_MAX, RECOMMEND_TOO_MANY, recommendNotice } from '~/rules/recommend'
import { db } from '~/utils/db.server'
import { createLedgerWorker, createTestVacancy, freshIdNumber } from '../factories'
import { actorFor, auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { BASE, callLoader, context, cookieFor, settle, unwrapData } from '../request'

// Issue 11 §4, finished: several people recommended in one submission, the age filter starting from the
// post's range, and the printed / exported list carrying the screen's 提示 and the filters.

type Reply = { result: { error?: Record<string, string[] | null> } }

const KAIZHOU = '500154'

/** A POST of the recommend form with one `workerId` per ticked box (repeated keys, as a browser sends them). */
async function recommendMany(jobId: number, workerIds: (number | string)[], { note = '', query = '', username = 'kaizhou' } = {}) {
  const body = new URLSearchParams({ intent: 'recommend', note })
  for (const id of workerIds) body.append('workerId', String(id))
  const request = new Request(`${BASE}/west/jobs/${jobId}/recommend${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: await cookieFor(username) },
    body,
  })
  return settle(() => action({ request, context: context(), params: { jobId: String(jobId) } }))
}

function applicationsOf(jobId: number, workerIds: number[]) {
  return db
    .select()
    .from(applications)
    .where(and(eq(applications.vacancyId, jobId), inArray(applications.workerId, workerIds)))
    .all()
}

/** A ledger row of 开州 aged `age` today, its ID number made for that birth date. */
function personAged(age: number, seq: number, overrides: Parameters<typeof createLedgerWorker>[1] = {}) {
  const birthDate = addDays(`${Number(todayInShanghai().slice(0, 4)) - age - 1}-${todayInShanghai().slice(5)}`, 1 + seq)
  return createLedgerWorker('kaizhou', { idNumber: freshIdNumber(KAIZHOU, birthDate), ...overrides })
}

test('一次勾选推荐多人：每人一条报名、一条审计；提示写明推荐几人、谁因何未推荐；重复提交不新增 / several people in one submission: a row and an audit entry each, the notice names who was skipped and why, a replay adds nothing', async () => {
  const job = createTestVacancy('weifang')
  const [a, b, c] = ['推荐甲', '推荐乙', '推荐丙'].map((name) => createLedgerWorker('kaizhou', { name }))
  const applied = createLedgerWorker('kaizhou', { name: '已报丁' })
  const archived = createLedgerWorker('kaizhou', { name: '归档戊' })
  const stranger = createLedgerWorker('xiushan', { name: '外县己' })
  expect(archiveWorker(actorFor('kaizhou'), archived.id, { reason: 'moved_away', note: null })).toMatchObject({ ok: true })
  expect('thrown' in (await recommendMany(job.id, [applied.id]))).toBe(true)

  // b twice in the same POST counts once; the filters of the page it was sent from come back in the redirect.
  const picked = [a.id, b.id, b.id, c.id, applied.id, archived.id, stranger.id]
  const sent = await recommendMany(job.id, picked, { note: '三人都会电焊', query: '?skill=%E7%94%B5%E7%84%8A&page=2' })
  expect('thrown' in sent).toBe(true)
  const notice = await noticeOf((sent as { thrown: Response }).thrown)
  expect(notice).toEqual({
    location: `/west/jobs/${job.id}/recommend?skill=%E7%94%B5%E7%84%8A&page=2`,
    text: `已推荐 3 人（${a.name}、${b.name}、${c.name}），用人单位所在的人社局会在报名人员中看到。${applied.name}已报名此岗位，未推荐。${archived.name}已归档，未推荐。1 人不在本县台账，未推荐。`,
  })
  expect(notice.text).not.toContain(stranger.name)
  const rows = applicationsOf(job.id, [a.id, b.id, c.id])
  expect(rows).toHaveLength(3)
  for (const r of rows) {
    expect(r).toMatchObject({ source: 'recommended', status: 'submitted', note: '三人都会电焊' })
    expect(auditOf('application.recommend', r.id)).toHaveLength(1)
  }
  expect(applicationsOf(job.id, [archived.id, stranger.id])).toEqual([])

  // The same POST again (a double click without JavaScript, a resent request): nothing new, the page says so.
  const again = await recommendMany(job.id, picked, { note: '三人都会电焊' })
  expect(await noticeOf((again as { thrown: Response }).thrown)).toMatchObject({ text: expect.stringMatching(/^没有推荐新的人员。/) })
  expect(applicationsOf(job.id, [a.id, b.id, c.id])).toEqual(rows)
  for (const r of rows) expect(auditOf('application.recommend', r.id)).toHaveLength(1)

  // On the page they are shown as applied, and their boxes cannot be ticked.
  const page = await callLoader(loader, {
    path: `/west/jobs/${job.id}/recommend?ages=all`,
    cookie: await cookieFor('kaizhou'),
    params: { jobId: String(job.id) },
  })
  const shown = (page as { value: Awaited<ReturnType<typeof loader>> }).value.candidates.filter((x) => [a.id, b.id, c.id].includes(x.id))
  for (const x of shown) expect(x.applied).toBe(true)
})

test(`一次最多推荐 ${RECOMMEND_AT_ONCE_MAX} 人，超出是 400，什么都不写 / more than ${RECOMMEND_AT_ONCE_MAX} at once is a 400 that writes nothing`, async () => {
  const job = createTestVacancy('weifang')
  const people = Array.from({ length: RECOMMEND_AT_ONCE_MAX + 1 }, () => createLedgerWorker('kaizhou'))
  const ids = people.map((p) => p.id)
  const refused = await recommendMany(job.id, ids)
  const reply = unwrapData<Reply>((refused as { value: unknown }).value)
  expect(reply.status).toBe(400)
  expect(reply.data.result.error?.['']).toEqual([RECOMMEND_TOO_MANY])
  expect(applicationsOf(job.id, ids)).toEqual([])
  // Exactly the bound goes through.
  expect('thrown' in (await recommendMany(job.id, ids.slice(0, RECOMMEND_AT_ONCE_MAX)))).toBe(true)
  expect(applicationsOf(job.id, ids)).toHaveLength(RECOMMEND_AT_ONCE_MAX)
})

test('只勾选了别县的人是 404；只勾选了已归档的人是 400 并说明；乱写的编号是 400 / only another county’s people is a 404, only archived is a 400 saying why, a malformed id is a 400', async () => {
  const job = createTestVacancy('weifang')
  const strangers = [createLedgerWorker('xiushan'), createLedgerWorker('xiushan')]
  const before = db.select({ n: count() }).from(applications).get()!.n
  const foreign = await recommendMany(
    job.id,
    strangers.map((s) => s.id),
  )
  expect('thrown' in foreign && foreign.thrown.status).toBe(404)

  const archived = createLedgerWorker('kaizhou')
  expect(archiveWorker(actorFor('kaizhou'), archived.id, { reason: 'deceased', note: null })).toMatchObject({ ok: true })
  const onlyArchived = unwrapData<Reply>(((await recommendMany(job.id, [archived.id])) as { value: unknown }).value)
  expect(onlyArchived.status).toBe(400)
  expect(onlyArchived.data.result.error?.['']).toEqual([`没有推荐新的人员。${archived.name}已归档，未推荐。`])

  const own = createLedgerWorker('kaizhou')
  for (const ids of [[own.id, 'abc'], [], ['0']]) {
    const bad = unwrapData<Reply>(((await recommendMany(job.id, ids)) as { value: unknown }).value)
    expect(bad.status).toBe(400)
    expect(bad.data.result.error?.['']).toEqual(['请先在列表中勾选要推荐的人员'])
  }
  expect(db.select({ n: count() }).from(applications).get()!.n).toBe(before)
})

test('停止报名的岗位一次推荐多人：400，一人也不写 / a closed post refuses the whole submission and writes no row', async () => {
  const job = createTestVacancy('weifang', { status: 'closed' })
  const people = [createLedgerWorker('kaizhou'), createLedgerWorker('kaizhou')]
  const reply = unwrapData<Reply>(
    (
      (await recommendMany(
        job.id,
        people.map((p) => p.id),
      )) as { value: unknown }
    ).value,
  )
  expect(reply.status).toBe(400)
  expect(reply.data.result.error?.['']).toEqual(['该岗位已停止报名'])
  expect(
    applicationsOf(
      job.id,
      people.map((p) => p.id),
    ),
  ).toEqual([])
})

test('年龄条件先按岗位要求预填，清空后列出所有年龄 / the age filter starts from the post’s range and can be cleared', async () => {
  const job = createTestVacancy('weifang', { ageMin: 20, ageMax: 40 })
  const skill = `预填${Date.now() % 100000}`
  const young = personAged(30, 1, { skills: skill })
  const old = personAged(50, 2, { skills: skill })
  const cookie = await cookieFor('kaizhou')
  const params = { jobId: String(job.id) }
  const open = async (query: string) =>
    ((await callLoader(loader, { path: `/west/jobs/${job.id}/recommend${query}`, cookie, params })) as { value: Awaited<ReturnType<typeof loader>> }).value

  const first = await open(`?skill=${encodeURIComponent(skill)}`)
  expect(first.filters).toMatchObject({ ageFrom: 20, ageTo: 40, allAges: false })
  expect(first.filtered).toBe(true)
  expect(first.candidates.map((c) => c.id)).toEqual([young.id])
  // The export links carry the range the page shows.
  expect(first.exportQuery).toContain('ageFrom=20')
  expect(first.exportQuery).toContain('ageTo=40')

  // Both ages cleared in the form: the redirect says so (ages=all) and the list holds every age.
  const cleared = await callAction(job.id, { intent: 'search', q: '', skill, ageFrom: '', ageTo: '' })
  expect(cleared).toContain('ages=all')
  const all = await open(cleared.slice(cleared.indexOf('?')))
  expect(all.filters).toMatchObject({ ageFrom: null, ageTo: null, allAges: true })
  expect(all.candidates.map((c) => c.id).sort()).toEqual([young.id, old.id].sort())
  // One end typed keeps the other open; a post without an age range prefills nothing.
  const oneEnd = await callAction(job.id, { intent: 'search', q: '', skill, ageFrom: '45', ageTo: '' })
  expect(oneEnd).not.toContain('ages=all')
  expect((await open(oneEnd.slice(oneEnd.indexOf('?')))).candidates.map((c) => c.id)).toEqual([old.id])
  const openAges = createTestVacancy('weifang')
  const plain = (await callLoader(loader, { path: `/west/jobs/${openAges.id}/recommend`, cookie, params: { jobId: String(openAges.id) } })) as {
    value: Awaited<ReturnType<typeof loader>>
  }
  expect(plain.value.filters).toMatchObject({ ageFrom: null, ageTo: null })
  expect(plain.value.filtered).toBe(false)
})

/** The search form's redirect location for `fields` (the filters as the page's URL). */
async function callAction(jobId: number, fields: Record<string, string>) {
  const body = new URLSearchParams(fields)
  const request = new Request(`${BASE}/west/jobs/${jobId}/recommend`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: await cookieFor('kaizhou') },
    body,
  })
  const r = await settle(() => action({ request, context: context(), params: { jobId: String(jobId) } }))
  return 'thrown' in r ? (r.thrown.headers.get('Location') ?? '') : ''
}

test('打印和导出的名单带上与页面相同的提示和筛选条件；没有提示时打印不出空列 / print and xlsx carry the screen’s notes and the filters; no empty notes column', async () => {
  const job = createTestVacancy('weifang', { ageMin: 20, ageMax: 40 })
  const skill = `名单${Date.now() % 100000}`
  const fits = personAged(30, 3, { skills: skill, name: '年龄合' })
  const tooOld = personAged(50, 4, { skills: skill, name: '年龄超' })
  const cookie = await cookieFor('kaizhou')
  const params = { jobId: String(job.id) }
  expect('thrown' in (await recommendMany(job.id, [fits.id]))).toBe(true)

  type Printed = Awaited<ReturnType<typeof printLoader>>
  const print = async (query: string) =>
    ((await callLoader(printLoader, { path: `/west/jobs/${job.id}/recommend/print${query}`, cookie, params })) as { value: Printed }).value
  const all = await print(`?skill=${encodeURIComponent(skill)}&ages=all`)
  expect(all.hasNotes).toBe(true)
  expect(all.rows.find((r) => r.id === fits.id)!.notes).toEqual(['已报名此岗位'])
  expect(all.rows.find((r) => r.id === tooOld.id)!.notes).toEqual(['50 岁，不在岗位要求的 20–40 岁之内'])
  expect(all.filterLine).toBe(`筛选条件：技能含“${skill}”`)

  // Within the post's range and nobody applied: no notes, so the printed table has no 提示 column.
  const other = createTestVacancy('weifang', { ageMin: 20, ageMax: 40 })
  const clean = (
    (await callLoader(printLoader, {
      path: `/west/jobs/${other.id}/recommend/print?skill=${encodeURIComponent(skill)}`,
      cookie,
      params: { jobId: String(other.id) },
    })) as { value: Printed }
  ).value
  expect(clean.rows.map((r) => r.id)).toEqual([fits.id])
  expect(clean.hasNotes).toBe(false)
  expect(clean.filterLine).toBe(`筛选条件：年龄 20–40 岁；技能含“${skill}”`)

  const r = await callLoader(exportLoader, { path: `/west/jobs/${job.id}/recommend.xlsx?skill=${encodeURIComponent(skill)}&ages=all`, cookie, params })
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await (r as { value: Response }).value.arrayBuffer())
  const sheet = book.worksheets[0]
  expect(sheet.getRow(1).getCell(1).text).toContain(`推荐名单：${job.title}`)
  expect(sheet.getRow(1).getCell(1).text).toContain('共 2 人')
  expect(sheet.getRow(2).getCell(1).text).toBe(`筛选条件：技能含“${skill}”`)
  expect(sheet.getRow(3).getCell(10).text).toBe('提示')
  const notes = new Map([4, 5].map((n) => [sheet.getRow(n).getCell(1).text, sheet.getRow(n).getCell(10).text]))
  expect(notes.get(fits.name)).toBe('已报名此岗位')
  expect(notes.get(tooOld.name)).toContain('不在岗位要求')
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 })
})

test('推荐提示不超过 200 字，名字多时只列几位；筛选条件不写出号码 / the notice stays within 200 characters; the filter line never shows a number', () => {
  const many = Array.from({ length: 40 }, (_, i) => ({ id: i, name: `欧阳测试名字很长的人${i}` }))
  const notice = recommendNotice({ recommended: many, skipped: many.map((p) => ({ ...p, reason: 'applied' as const })), notOwn: 3 })
  expect([...notice.text].length).toBeLessThanOrEqual(200)
  expect(notice.text).toContain('等 40 人')
  expect(notice.tone).toBe('amber')
  expect(recommendNotice({ recommended: many.slice(0, 2), skipped: [], notOwn: 0 }).tone).toBe('ok')
  const base = { township: null, employmentStatus: null, employmentNeed: null, skill: null, skillLevel: null, ageFrom: null, ageTo: null }
  expect(describeRecommendFilters({ ...base, search: { kind: 'digits', value: '13996001234' } })).toBe('筛选条件：按号码查找')
  expect(describeRecommendFilters({ ...base, search: { kind: 'none' } })).toBe('筛选条件：无（本县台账全部在册人员）')
  expect(describeRecommendFilters({ ...base, search: { kind: 'name', value: '张' }, ageFrom: 30 })).toBe('筛选条件：年龄 30–65 岁；姓名含“张”')
})

test('带表单令牌的推荐只记一次：已撤回的报名不会被重放的请求重新推荐 / a recommendation is recorded once per form token: a replay after a withdrawal does not put the person forward again', async () => {
  const job = createTestVacancy('weifang')
  const person = createLedgerWorker('kaizhou', { name: '令牌庚' })
  const cookie = await cookieFor('kaizhou')
  const page = (
    (await callLoader(loader, { path: `/west/jobs/${job.id}/recommend`, cookie, params: { jobId: String(job.id) } })) as { value: { formToken: string } }
  ).value
  expect(page.formToken).toMatch(/^[\w-]{24}$/)
  const send = async () => {
    const body = new URLSearchParams({ intent: 'recommend', note: '', formToken: page.formToken, workerId: String(person.id) })
    const request = new Request(`${BASE}/west/jobs/${job.id}/recommend`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body,
    })
    return settle(() => action({ request, context: context(), params: { jobId: String(job.id) } }))
  }
  // Two sendings at once (a double click): one application, one audit entry.
  const [first, second] = await Promise.all([send(), send()])
  const texts = await Promise.all([first, second].map((s) => noticeOf((s as { thrown: Response }).thrown).then((n) => n.text)))
  expect(texts.filter((t) => t?.startsWith('已推荐 1 人'))).toHaveLength(1)
  const [row] = applicationsOf(job.id, [person.id])
  expect(auditOf('application.recommend', row.id)).toHaveLength(1)
  // The person withdraws; the old tab's POST sent again is told it was sent before and changes nothing.
  db.update(applications).set({ status: 'withdrawn' }).where(eq(applications.id, row.id)).run()
  const replay = await send()
  expect(await noticeOf((replay as { thrown: Response }).thrown)).toMatchObject({ text: '这份推荐已经提交过，没有重复推荐。' })
  expect(applicationsOf(job.id, [person.id])).toMatchObject([{ id: row.id, status: 'withdrawn' }])
  expect(auditOf('application.recommend', row.id)).toHaveLength(1)
})
