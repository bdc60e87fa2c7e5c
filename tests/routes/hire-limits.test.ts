import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { eq } from 'drizzle-orm'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { applications, employmentRecords, vacancies } from '../../db/schema'
import { applyToVacancy, moveApplication, undoDecision } from '~/models/application.server'
import { action } from '~/routes/east.jobs.$jobId.applicants'
import { UNDO_DAYS } from '~/rules/application'
import { addDays, todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { actorFor, createTestApplication, createTestEmployer, createTestVacancy, createWorkerAccount } from '../factories'
import { postWithContacted, stateOf } from '../factories-hire'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { callAction, cookieFor, unwrapData } from '../request'

// Issue 9 §4: hiring past the headcount, the same person hired twice, and undoing a hire or a decline.

type Reply = { applicationId: number; result: { error?: Record<string, string[] | null> } }

const run = promisify(execFile)
const today = todayInShanghai()

async function send(jobId: number, fields: Record<string, string>, bureau = 'weifang') {
  return callAction(action, { path: `/east/jobs/${jobId}/applicants`, fields, cookie: await cookieFor(bureau), params: { jobId: String(jobId) } })
}

function hire(jobId: number, applicationId: number, startDate = today, bureau = 'weifang') {
  return send(jobId, { intent: 'hired', applicationId: String(applicationId), startDate }, bureau)
}

function errorsOf(result: Awaited<ReturnType<typeof send>>) {
  const { status, data } = unwrapData<Reply>('value' in result ? result.value : null)
  return { status, errors: data.result.error ?? {} }
}

test('招聘 1 人、3 人已联系，依次录用三人：只录用第一人，其余 400 且不写任何东西 / headcount 1, three contacted, hired one after another: only the first', async () => {
  const { post, ids } = await postWithContacted('weifang', 3, { headcount: 1 })
  const first = await hire(post.id, ids[0])
  expect('thrown' in first && (await noticeOf(first.thrown)).text).toContain('岗位已招满')
  for (const id of ids.slice(1)) {
    const before = auditOf('application.hired', id).length
    const { status, errors } = errorsOf(await hire(post.id, id))
    expect(status).toBe(400)
    expect(errors[''] ?? []).toEqual(['岗位已招满，不能再录用'])
    expect(auditOf('application.hired', id)).toHaveLength(before)
  }
  const state = stateOf(post.id)
  expect(state.employment).toHaveLength(1)
  expect(state.post.status).toBe('filled')
  expect(state.applications.filter((a) => a.status === 'hired')).toHaveLength(1)
  expect(state.applications.filter((a) => a.status === 'contacted')).toHaveLength(2)
})

test('已达招聘人数（岗位仍招聘中）时录用被拒，说明人数 / at the headcount on a still-open post a hire is refused with the numbers', async () => {
  const { post, ids } = await postWithContacted('weifang', 2, { headcount: 1 })
  expect(moveApplication(actorFor('weifang'), ids[0], 'hired', { startDate: today })).toEqual({ ok: true, filled: true })
  // The bureau may have left the post open (say, reopened by an undo of another hire that did not fill it).
  db.update(vacancies).set({ status: 'published', closedAt: null }).where(eq(vacancies.id, post.id)).run()
  const { status, errors } = errorsOf(await hire(post.id, ids[1]))
  expect(status).toBe(400)
  expect(errors['']).toEqual(['岗位已录用 1 人，达到招聘人数 1 人，不能再录用'])
  expect(stateOf(post.id).employment).toHaveLength(1)
})

test.each([
  ['closed', '岗位已关闭，不能再录用'],
  ['filled', '岗位已招满，不能再录用'],
  ['expired', '岗位已过期，不能再录用'],
] as const)('岗位%s时不能录用 / no hire on a %s post', async (state, message) => {
  const { post, ids } = await postWithContacted('weifang', 1)
  const set = state === 'expired' ? { validUntil: addDays(today, -1) } : { status: state, closedAt: new Date() }
  db.update(vacancies).set(set).where(eq(vacancies.id, post.id)).run()
  const { status, errors } = errorsOf(await hire(post.id, ids[0]))
  expect(status).toBe(400)
  expect(errors['']).toEqual([message])
  expect(stateOf(post.id).employment).toHaveLength(0)
  expect(stateOf(post.id).applications[0].status).toBe('contacted')
})

test('三个进程同时录用招聘 1 人岗位的三个人：只有一条就业记录 / three processes hiring three people for one place at once make one employment record', async () => {
  const { post, ids } = await postWithContacted('weifang', 3, { headcount: 1 })
  const startAt = Date.now() + 4000
  const outputs = await Promise.all(
    ids.map((id) =>
      run(process.execPath, ['--import', 'tsx', 'tests/routes/fixtures/hire-at-once.ts', 'weifang', String(id), today, String(startAt)], {
        env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH, NODE_ENV: 'test' },
        timeout: 30_000,
      }),
    ),
  )
  const through = outputs.filter(({ stdout }) => (JSON.parse(stdout) as { ok: boolean }).ok).length
  expect(through).toBe(1)
  const state = stateOf(post.id)
  expect(state.employment).toHaveLength(1)
  expect(state.post.status).toBe('filled')
}, 60_000)

test('任意招聘人数和人数、任意顺序录用：录用数不超过招聘人数，达到即招满 / any headcount, any number hired in any order: never past the headcount', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), async (headcount, n, reverse) => {
      const { post, ids } = await postWithContacted('dezhou', n, { headcount })
      const order = reverse ? [...ids].reverse() : ids
      const results = order.map((id) => moveApplication(actorFor('dezhou'), id, 'hired', { startDate: today }))
      expect(results.filter((r) => r?.ok)).toHaveLength(Math.min(headcount, n))
      const state = stateOf(post.id)
      expect(state.employment).toHaveLength(Math.min(headcount, n))
      expect(state.post.status).toBe(n >= headcount ? 'filled' : 'published')
    }),
    { numRuns: 6 },
  )
}, 60_000)

test('同一人被同一单位以同一到岗日期录用两次被拒（数据库唯一约束）/ one person hired twice by one employer with one start date is refused', async () => {
  const employer = createTestEmployer('weifang')
  const a = createTestVacancy('weifang', { employerId: employer.id })
  const b = createTestVacancy('weifang', { employerId: employer.id })
  const account = await createWorkerAccount('kaizhou')
  const ids = [a.id, b.id].map((v) => applyToVacancy(account.actor, v, null)).map((r) => (r && r.ok ? r.id : 0))
  for (const id of ids) moveApplication(actorFor('weifang'), id, 'contacted')
  expect(moveApplication(actorFor('weifang'), ids[0], 'hired', { startDate: today })).toEqual({ ok: true, filled: false })
  const { status, errors } = errorsOf(await hire(b.id, ids[1]))
  expect(status).toBe(400)
  expect(errors.startDate).toEqual(['此人已被本单位录用，到岗日期相同，不能重复录用'])
  // Nothing half-written: the second application is still contacted and has no record.
  expect(db.select().from(applications).where(eq(applications.id, ids[1])).get()!.status).toBe('contacted')
  expect(auditOf('application.hired', ids[1])).toHaveLength(0)
  // The database itself refuses a second row, whatever code writes it.
  const first = db.select().from(employmentRecords).where(eq(employmentRecords.applicationId, ids[0])).get()!
  expect(() =>
    db
      .insert(employmentRecords)
      .values({ ...first, id: undefined, applicationId: null })
      .run(),
  ).toThrow(/UNIQUE/)
  // Another start day is another employment.
  expect(moveApplication(actorFor('weifang'), ids[1], 'hired', { startDate: addDays(today, 7) })).toEqual({ ok: true, filled: false })
})

test('撤销录用：填原因，就业记录删除，恢复已联系，岗位由招满回到招聘中，写审计 / undoing a hire removes its record and reopens the post it filled', async () => {
  const { post, ids } = await postWithContacted('weifang', 2, { headcount: 1 })
  await hire(post.id, ids[0])
  const done = await send(post.id, { intent: 'undo', applicationId: String(ids[0]), reason: '本人未到岗' })
  expect('thrown' in done && (await noticeOf(done.thrown)).text).toBe('已撤销，恢复为“已联系”，岗位重新开始招聘。')
  const state = stateOf(post.id)
  expect(state.employment).toHaveLength(0)
  expect(state.post.status).toBe('published')
  const undone = state.applications.find((a) => a.id === ids[0])!
  expect(undone).toMatchObject({ status: 'contacted', undoNote: '本人未到岗', previousStatus: null })
  const [audit] = auditOf('application.undo', ids[0])
  expect(audit.detail).toMatchObject({ from: 'hired', to: 'contacted', reopened: true })
  expect(JSON.stringify(audit)).not.toContain('本人未到岗')
  expect(auditOf('vacancy.reopen', post.id)).toHaveLength(1)
  // The place is free again: the other applicant can be hired.
  expect(moveApplication(actorFor('weifang'), ids[1], 'hired', { startDate: today })).toEqual({ ok: true, filled: true })
})

test('撤销不录用：回到决定前的状态（已报名）/ undoing a decline goes back to the status before it', async () => {
  const post = createTestVacancy('weifang')
  const { application } = await createTestApplication(post.id, { by: 'recommended' })
  moveApplication(actorFor('weifang'), application.id, 'declined', { reason: '年龄不符' })
  expect(undoDecision(actorFor('weifang'), application.id, '看错了年龄')).toEqual({ ok: true, to: 'submitted', reopened: false })
  expect(stateOf(post.id).applications[0].status).toBe('submitted')
})

test('撤销原因必填且不超过 200 字；别的局的报名 404 / the undo reason is required, at most 200 characters; another bureau gets 404', async () => {
  const { post, ids } = await postWithContacted('weifang', 1)
  await hire(post.id, ids[0])
  for (const [reason, message] of [
    ['', '请填写撤销原因'],
    ['　 ', '请填写撤销原因'],
    ['很'.repeat(201), '撤销原因不能超过 200 个字'],
  ]) {
    const { status, errors } = errorsOf(await send(post.id, { intent: 'undo', applicationId: String(ids[0]), reason }))
    expect(status).toBe(400)
    expect(errors.reason?.[0]).toContain(message.slice(0, 6))
  }
  expect(stateOf(post.id).employment).toHaveLength(1)
  const other = await send(post.id, { intent: 'undo', applicationId: String(ids[0]), reason: '越权' }, 'dezhou')
  expect('thrown' in other && other.thrown.status).toBe(404)
  expect(undoDecision(actorFor('dezhou'), ids[0], '越权')).toBeNull()
})

test(`决定超过 ${UNDO_DAYS} 天后不能撤销 / a decision older than ${UNDO_DAYS} days cannot be undone`, async () => {
  const { post, ids } = await postWithContacted('weifang', 1)
  await hire(post.id, ids[0])
  const old = new Date(Date.now() - (UNDO_DAYS + 1) * 86_400_000)
  db.update(applications).set({ statusChangedAt: old }).where(eq(applications.id, ids[0])).run()
  const { status, errors } = errorsOf(await send(post.id, { intent: 'undo', applicationId: String(ids[0]), reason: '太晚了' }))
  expect(status).toBe(400)
  expect(errors['']).toEqual([`决定已超过 ${UNDO_DAYS} 天，不能再撤销`])
  expect(stateOf(post.id).employment).toHaveLength(1)
})

test('撤销功能上线前的录用也能撤销（回到已联系）；来历不明的不录用不能撤销 / a hire recorded before undo existed goes back to 已联系; a decline of unknown origin cannot be undone', async () => {
  const { post, ids } = await postWithContacted('weifang', 2)
  moveApplication(actorFor('weifang'), ids[0], 'hired', { startDate: today })
  moveApplication(actorFor('weifang'), ids[1], 'declined')
  db.update(applications).set({ previousStatus: null }).where(eq(applications.vacancyId, post.id)).run()
  expect(undoDecision(actorFor('weifang'), ids[0], '补录错误')).toEqual({ ok: true, to: 'contacted', reopened: false })
  expect(undoDecision(actorFor('weifang'), ids[1], '补录错误')).toMatchObject({ ok: false, message: '这条记录早于撤销功能，不能撤销，请联系管理员' })
})
