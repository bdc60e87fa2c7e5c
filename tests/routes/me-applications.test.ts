import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { vacancies } from '../../db/schema'
import { action as jobAction } from '~/routes/jobs.$jobId'
import { applyToVacancy } from '~/models/application.server'
import { loader } from '~/routes/me.applications'
import { db } from '~/utils/db.server'
import { createPendingAccount, createTestApplication, createTestVacancy, createWorkerAccount } from '../factories'
import { noticeOf } from '../notice'
import { context, cookieFor, get, post, settle } from '../request'

async function page(search: string, username: string) {
  return await loader({ request: get(`/me/applications${search}`, await cookieFor(username)), context: context(), params: {} })
}

test('报名后回到“我的报名”，看到成功提示和进度 / after applying the worker lands on their applications with a notice and the progress', async () => {
  const me = await createWorkerAccount('kaizhou')
  const vacancyId = createTestVacancy('weifang').id
  const cookie = await cookieFor(me.user.username)
  const result = await settle(() =>
    jobAction({ request: post(`/jobs/${vacancyId}`, { intent: 'apply', note: '能长期干' }, cookie), context: context(), params: { jobId: String(vacancyId) } }),
  )
  const { location, text } = 'thrown' in result ? await noticeOf(result.thrown) : { location: null, text: null }
  expect(location).toBe('/me/applications')
  const title = db.select({ title: vacancies.title }).from(vacancies).where(eq(vacancies.id, vacancyId)).get()!.title
  expect(text).toMatch(new RegExp(`^报名成功：${title}（.+）。`))
  const data = await page('', me.user.username)
  const mine = data.applications.find((a) => a.vacancyId === vacancyId)!
  expect(mine).toMatchObject({ status: 'submitted', recommended: false, postState: null })
  expect(mine.salary).toMatch(/^¥[\d,]+(–[\d,]+)?\/月$/)
})

test('只看到自己的报名 / a worker sees only their own applications', async () => {
  const kaizhou = await createTestApplication(createTestVacancy('weifang').id, { centre: 'kaizhou' })
  const xiushan = await createTestApplication(createTestVacancy('dezhou').id, { centre: 'xiushan' })
  for (const { application, user } of [kaizhou, xiushan]) {
    const data = await page('', user!.username)
    expect(data.applications.length).toBeGreaterThan(0)
    // New accounts: the one application each made is all they have.
    expect(data.applications.map((a) => a.id)).toEqual([application.id])
  }
  // Another worker's application id in the URL shows nothing of it: the page is the same as without it.
  const me = kaizhou.user!.username
  expect(await page(`?applied=${xiushan.application.id}`, me)).toEqual(await page('', me))
})

test('未核验的账号：没有报名，提示先核验 / an unverified account has no applications and is told to get verified', async () => {
  const pending = await createPendingAccount('kaizhou')
  const data = await page('', pending.user.username)
  expect(data.verified).toBe(false)
  expect(data.applications).toEqual([])
})

test('工作人员 403，匿名去登录 / staff get 403, anonymous go to sign in', async () => {
  const staff = await settle(async () => loader({ request: get('/me/applications', await cookieFor('kaizhou')), context: context(), params: {} }))
  expect('thrown' in staff && staff.thrown.status).toBe(403)
  const anonymous = await settle(async () => loader({ request: get('/me/applications'), context: context(), params: {} }))
  expect('thrown' in anonymous && anonymous.thrown.headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent('/me/applications')}`)
})

test('报名多的分页显示，每条只出现一次 / a worker with many applications sees them 20 a page, newest first, each exactly once', async () => {
  const me = await createWorkerAccount('kaizhou')
  const ids: number[] = []
  for (let i = 0; i < 25; i++) {
    const applied = applyToVacancy(me.actor, createTestVacancy('weifang').id, null)
    if (!applied?.ok) throw new Error('applyToVacancy refused')
    ids.push(applied.id)
  }
  const first = await page('', me.user.username)
  const second = await page('?page=2', me.user.username)
  expect([first.total, first.page, first.pageCount]).toEqual([25, 1, 2])
  expect(first.applications).toHaveLength(20)
  expect(second.applications).toHaveLength(5)
  expect([...first.applications, ...second.applications].map((a) => a.id)).toEqual([...ids].reverse())
})
