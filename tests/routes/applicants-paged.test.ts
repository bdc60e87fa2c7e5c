import { desc, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { applications } from '../../db/schema'
import { action, loader } from '~/routes/east.jobs.$jobId.applicants'
import { moveApplication } from '~/models/application.server'
import { undoCheck } from '~/models/hire.server'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { actorFor, createTestApplication, createTestVacancy } from '../factories'
import { callAction, callLoader, cookieFor } from '../request'

// Issue 10: a post with thousands of applicants is shown 20 at a time, newest first, with the same rows,
// figures, undo flags and tenancy as when the page read them all.

test('报名人员分页：每页 20 人，新报名在前，总数和已录用人数按全部报名计 / applicants come 20 a page, newest first, with totals over all of them', async () => {
  const job = createTestVacancy('weifang', { headcount: 80 })
  for (let i = 0; i < 23; i++) await createTestApplication(job.id, { by: 'recommended' })
  const all = db.select({ id: applications.id }).from(applications).where(eq(applications.vacancyId, job.id)).orderBy(desc(applications.id)).all()
  const actor = actorFor('weifang')
  // Two hires, one on the second page, one decline: their undo flags are the model's own check.
  for (const id of [all[1].id, all[22].id]) {
    expect(moveApplication(actor, id, 'contacted')?.ok).toBe(true)
    expect(moveApplication(actor, id, 'hired', { startDate: todayInShanghai() })?.ok).toBe(true)
  }
  expect(moveApplication(actor, all[2].id, 'declined', { reason: null })?.ok).toBe(true)

  const cookie = await cookieFor('weifang')
  const params = { jobId: String(job.id) }
  const first = await callLoader(loader, { path: `/east/jobs/${job.id}/applicants`, cookie, params })
  const second = await callLoader(loader, { path: `/east/jobs/${job.id}/applicants?page=2`, cookie, params })
  if (!('value' in first) || !('value' in second)) throw new Error('the page did not load')
  expect(first.value).toMatchObject({ total: 23, page: 1, pageCount: 2 })
  expect(first.value.job.hired).toBe(2)
  expect(first.value.applicants.map((a) => a.id)).toEqual(all.slice(0, 20).map((a) => a.id))
  expect(second.value.applicants.map((a) => a.id)).toEqual(all.slice(20).map((a) => a.id))
  for (const a of [...first.value.applicants, ...second.value.applicants]) {
    const row = db.select().from(applications).where(eq(applications.id, a.id)).get()!
    expect(a.status).toBe(row.status)
    expect(a.undo, String(a.id)).toEqual(undoCheck(db, row))
  }
  // …and what that check must say, written out: today's hires go back to 已联系, today's decline to 待处理,
  // an undecided application has nothing to undo.
  const shown = new Map([...first.value.applicants, ...second.value.applicants].map((a) => [a.id, a.undo]))
  expect(shown.get(all[1].id)).toEqual({ ok: true, to: 'contacted' })
  expect(shown.get(all[22].id)).toEqual({ ok: true, to: 'contacted' })
  expect(shown.get(all[2].id)).toEqual({ ok: true, to: 'submitted' })
  expect(shown.get(all[0].id)).toMatchObject({ ok: false })
  expect(second.value.applicants.find((a) => a.id === all[22].id)?.startDate).toBe(todayInShanghai())

  // A form for an application of this post on another page still works; one of another post is a 404.
  const onPage2 = await callAction(action, {
    path: `/east/jobs/${job.id}/applicants`,
    cookie,
    params,
    fields: { intent: 'contacted', applicationId: String(all[21].id) },
  })
  expect('thrown' in onPage2 && onPage2.thrown.status).toBe(302)
  const other = createTestVacancy('weifang')
  const elsewhere = (await createTestApplication(other.id, { by: 'recommended' })).application
  const wrongPost = await callAction(action, {
    path: `/east/jobs/${job.id}/applicants`,
    cookie,
    params,
    fields: { intent: 'contacted', applicationId: String(elsewhere.id) },
  })
  expect('thrown' in wrongPost && wrongPost.thrown.status).toBe(404)
  expect(db.select().from(applications).where(eq(applications.id, elsewhere.id)).get()!.status).toBe('submitted')

  // Another bureau: the page, any of its pages and the forms are 404.
  const dezhou = await cookieFor('dezhou')
  for (const path of [`/east/jobs/${job.id}/applicants`, `/east/jobs/${job.id}/applicants?page=2`]) {
    const foreign = await callLoader(loader, { path, cookie: dezhou, params })
    expect('thrown' in foreign && foreign.thrown.status).toBe(404)
  }
  const foreignAction = await callAction(action, {
    path: `/east/jobs/${job.id}/applicants`,
    cookie: dezhou,
    params,
    fields: { intent: 'contacted', applicationId: String(all[3].id) },
  })
  expect('thrown' in foreignAction && foreignAction.thrown.status).toBe(404)
})
