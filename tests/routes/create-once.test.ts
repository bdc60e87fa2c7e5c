import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { and, count, eq, like } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { employers, formSubmissions, users, vacancies, workers } from '../../db/schema'
import { action as viewAction, loader as viewLoader } from '~/routes/east.jobs.$jobId._index'
import { action as newEmployerAction, loader as newEmployerLoader } from '~/routes/east.employers.new'
import { action as newPostAction, loader as newPostLoader } from '~/routes/east.jobs.new'
import { action as assistedAction, loader as assistedLoader } from '~/routes/west.accounts.new'
import { action as newWorkerAction, loader as newWorkerLoader } from '~/routes/west.workers.new'
import { addDays, todayInShanghai } from '~/rules/dates'
import { makeIdNumber } from '~/rules/id-number'
import { db } from '~/utils/db.server'
import { createLedgerWorker, createTestEmployer, createTestVacancy, freshPhone, freshUscc } from '../factories'
import { noticeOf } from '../notice'
import { callAction, callLoader, cookieFor, unwrapData } from '../request'

// Issue 9 §5: two quick POSTs of a create form (a double click without JavaScript, a re-sent request,
// two of the portal's processes at once) make one record. Each create page hands out a token; the second
// sending of the same token is answered with the first record, the same redirect and the same notice.

const run = promisify(execFile)

/** The token a create page's loader handed out. */
async function tokenOf(loader: Parameters<typeof callLoader>[0], path: string, cookie: string, params: Record<string, string> = {}) {
  const loaded = await callLoader(loader, { path, cookie, params })
  if (!('value' in loaded)) throw new Error(`loader of ${path} threw`)
  const token = (loaded.value as { formToken?: unknown }).formToken
  expect(typeof token, `${path} hands out a form token`).toBe('string')
  return token as string
}

function newPost(title: string, employerId: number, formToken: string) {
  return {
    title,
    employerId: String(employerId),
    industry: 'manufacturing',
    headcount: '12',
    salaryMin: '5500',
    salaryMax: '7000',
    address: '山东省潍坊市潍城区北宫西街 88 号',
    contactName: '孙经理',
    contactPhone: '0536-8881234',
    targets: '500154',
    validUntil: addDays(todayInShanghai(), 30),
    formToken,
  }
}

function postsTitled(title: string) {
  return db.select({ id: vacancies.id }).from(vacancies).where(eq(vacancies.title, title)).all()
}

/** Where a sending went and the notice it carried; fails when it answered with a form reply instead. */
async function redirected(result: Awaited<ReturnType<typeof callAction>>) {
  if (!('thrown' in result)) throw new Error(`expected a redirect, got ${JSON.stringify(unwrapData(result.value))}`)
  return noticeOf(result.thrown)
}

/** Sends the same create form twice in a row (signed in by `cookie`); returns where each sending went, with its notice. */
async function sentTwice(action: Parameters<typeof callAction>[0], path: string, fields: Record<string, string>, cookie: string) {
  const first = await redirected(await callAction(action, { path, fields, cookie }))
  const second = await redirected(await callAction(action, { path, fields, cookie }))
  return [first, second]
}

test('新岗位表单连点两次只生成一份草稿，第二次也去这份草稿 / the new-post form sent twice in a row makes one draft; the second sending lands on it too', async () => {
  const cookie = await cookieFor('weifang')
  const employer = createTestEmployer('weifang')
  const token = await tokenOf(newPostLoader, '/east/jobs/new', cookie)
  const fields = newPost('连点两次的岗位', employer.id, token)
  const [first, second] = await sentTwice(newPostAction, '/east/jobs/new', fields, cookie)
  const drafts = postsTitled('连点两次的岗位')
  expect(drafts).toHaveLength(1)
  expect(first).toEqual({ location: `/east/jobs/${drafts[0].id}`, text: '岗位草稿已保存。核对无误后点“发布”。' })
  expect(second).toEqual(first)
  expect(db.select().from(formSubmissions).where(eq(formSubmissions.token, token)).all()).toMatchObject([{ entityKind: 'vacancy', entityId: drafts[0].id }])
})

test('同一表单同时发出五次，只生成一份草稿 / the same form sent five times at once makes one draft', async () => {
  const cookie = await cookieFor('weifang')
  const employer = createTestEmployer('weifang')
  const token = await tokenOf(newPostLoader, '/east/jobs/new', cookie)
  const fields = newPost('同时发出五次的岗位', employer.id, token)
  const results = await Promise.all(Array.from({ length: 5 }, () => callAction(newPostAction, { path: '/east/jobs/new', fields, cookie })))
  const drafts = postsTitled('同时发出五次的岗位')
  expect(drafts).toHaveLength(1)
  for (const r of results) expect((await redirected(r)).location).toBe(`/east/jobs/${drafts[0].id}`)
})

test('四个进程同时用同一令牌保存，只生成一份草稿 / four processes saving with one token at once make one draft', async () => {
  const employer = createTestEmployer('weifang')
  const token = 'cross-process-token-0001'
  const startAt = Date.now() + 4000
  const outputs = await Promise.all(
    Array.from({ length: 4 }, () =>
      run(process.execPath, ['--import', 'tsx', 'tests/routes/fixtures/create-once.ts', 'weifang', String(employer.id), token, String(startAt)], {
        env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH, NODE_ENV: 'test' },
        timeout: 30_000,
      }),
    ),
  )
  const answers = outputs.map(({ stdout }) => JSON.parse(stdout) as { ok: boolean; id: number; replayed?: boolean })
  const drafts = db
    .select({ id: vacancies.id })
    .from(vacancies)
    .where(like(vacancies.title, `%${token}`))
    .all()
  expect(drafts).toHaveLength(1)
  expect(answers.every((a) => a.ok && a.id === drafts[0].id)).toBe(true)
  expect(answers.filter((a) => !a.replayed)).toHaveLength(1)
}, 60_000)

test('每次打开表单都换一个新令牌；被退回的表单不占用令牌 / each opening of the form gets a new token; a refused sending does not use it up', async () => {
  const cookie = await cookieFor('weifang')
  const employer = createTestEmployer('weifang')
  const token = await tokenOf(newPostLoader, '/east/jobs/new', cookie)
  expect(await tokenOf(newPostLoader, '/east/jobs/new', cookie)).not.toBe(token)
  const refused = await callAction(newPostAction, {
    path: '/east/jobs/new',
    fields: { ...newPost('先填错再改对的岗位', employer.id, token), headcount: '0' },
    cookie,
  })
  expect('value' in refused && unwrapData(refused.value).status).toBe(400)
  expect(postsTitled('先填错再改对的岗位')).toHaveLength(0)
  await redirected(await callAction(newPostAction, { path: '/east/jobs/new', fields: newPost('先填错再改对的岗位', employer.id, token), cookie }))
  expect(postsTitled('先填错再改对的岗位')).toHaveLength(1)
})

test('别人的令牌不能拿来用：409，什么也不建 / a token another user already used is refused with 409 and nothing is made', async () => {
  const weifang = await cookieFor('weifang')
  const dezhou = await cookieFor('dezhou')
  const token = await tokenOf(newPostLoader, '/east/jobs/new', weifang)
  await redirected(
    await callAction(newPostAction, { path: '/east/jobs/new', fields: newPost('潍坊的岗位', createTestEmployer('weifang').id, token), cookie: weifang }),
  )
  const replayed = await callAction(newPostAction, {
    path: '/east/jobs/new',
    fields: { ...newPost('德州借令牌的岗位', createTestEmployer('dezhou').id, token), targets: '500241' },
    cookie: dezhou,
  })
  expect('value' in replayed && unwrapData(replayed.value).status).toBe(409)
  expect(postsTitled('德州借令牌的岗位')).toHaveLength(0)
})

test('登记用人单位连点两次只登记一次，第二次同样提示已登记 / the new-employer form sent twice registers once and says so both times', async () => {
  const cookie = await cookieFor('weifang')
  const token = await tokenOf(newEmployerLoader, '/east/employers/new', cookie)
  const uscc = freshUscc()
  const fields = {
    name: '连点两次有限公司',
    uscc,
    industry: 'manufacturing',
    address: '潍坊市测试路 1 号',
    contactName: '孙经理',
    contactPhone: '0536-8881234',
    formToken: token,
  }
  const [first, second] = await sentTwice(newEmployerAction, '/east/employers/new', fields, cookie)
  expect(first).toEqual({ location: '/east/employers', text: '用人单位已登记。' })
  expect(second).toEqual(first)
  expect(db.select({ n: count() }).from(employers).where(eq(employers.uscc, uscc)).get()!.n).toBe(1)
})

test('新增台账连点两次只新增一行，第二次也去这一行 / the new-ledger-row form sent twice adds one row and lands on it both times', async () => {
  const cookie = await cookieFor('kaizhou')
  const token = await tokenOf(newWorkerLoader, '/west/workers/new', cookie)
  const idNumber = makeIdNumber({ areaCode: '500154', birthDate: '1986-07-21', sequence: 913 })
  const fields = {
    name: '谭连点',
    idNumber,
    phone: '13912345670',
    township: '500154001',
    householdStatus: 'alleviated',
    employmentStatus: 'unemployed',
    employmentNeed: 'to_shandong',
    skillLevel: 'junior',
    formToken: token,
  }
  const [first, second] = await sentTwice(newWorkerAction, '/west/workers/new', fields, cookie)
  const rows = db.select({ id: workers.id }).from(workers).where(eq(workers.idNumber, idNumber)).all()
  expect(rows).toHaveLength(1)
  expect(first).toEqual({ location: `/west/workers/${rows[0].id}`, text: '已新增到台账。' })
  expect(second).toEqual(first)
})

test('复制为新草稿连点两次只复制一份 / "copy as a new draft" sent twice makes one copy', async () => {
  const cookie = await cookieFor('weifang')
  const source = createTestVacancy('weifang', { status: 'closed' })
  const params = { jobId: String(source.id) }
  const token = await tokenOf(viewLoader, `/east/jobs/${source.id}`, cookie, params)
  const fields = { intent: 'copy', validUntil: addDays(todayInShanghai(), 20), formToken: token }
  const path = `/east/jobs/${source.id}?index`
  const first = await callAction(viewAction, { path, fields, cookie, params })
  const second = await callAction(viewAction, { path, fields, cookie, params })
  const copies = db
    .select({ id: vacancies.id })
    .from(vacancies)
    .where(and(eq(vacancies.copiedFromId, source.id)))
    .all()
  expect(copies).toHaveLength(1)
  for (const r of [first, second]) expect('thrown' in r && r.thrown.headers.get('Location')).toBe(`/east/jobs/${copies[0].id}/edit`)
})

test('代为开通账号连点两次只开一个号，第二次说已开通而不是“已有账号” / the assisted-account form sent twice opens one account; the second answer says it was opened, not "already has an account"', async () => {
  const cookie = await cookieFor('kaizhou')
  const row = createLedgerWorker('kaizhou', { name: '谭双击' })
  const token = await tokenOf(assistedLoader, '/west/accounts/new', cookie)
  const fields = { intent: 'create', q: '谭双击', workerId: String(row.id), phone: freshPhone(), formToken: token }
  const first = await callAction(assistedAction, { path: '/west/accounts/new', fields, cookie })
  const second = await callAction(assistedAction, { path: '/west/accounts/new', fields, cookie })
  expect('value' in first && unwrapData<{ kind: string }>(first.value).data.kind).toBe('created')
  expect('value' in second && unwrapData<{ kind: string }>(second.value)).toEqual({ status: 200, data: { kind: 'sent-before' } })
  expect(db.select({ n: count() }).from(users).where(eq(users.username, fields.phone)).get()!.n).toBe(1)
})
