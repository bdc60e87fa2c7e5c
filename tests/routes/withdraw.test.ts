import { eq } from 'drizzle-orm'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { applications } from '../../db/schema'
import { applyToVacancy, findOwnApplication, moveApplication, recommendWorker } from '~/models/application.server'
import { loader as applicantsLoader } from '~/routes/east.jobs.$jobId.applicants'
import { action, loader } from '~/routes/me.applications'
import { APPLICATION_STATUSES } from '~/rules/application-enums'
import { APPLICATION_STATUS, APPLICATION_STATUS_LABELS, bureauMayMove, BUREAU_MOVES, mayWithdraw } from '~/rules/application'
import { db } from '~/utils/db.server'
import { actorFor, createTestVacancy } from '../factories'
import { signedInWorker } from '../factories-hire'
import { auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { callAction, callLoader, cookieFor, unwrapData } from '../request'

// Issue 9 §12: while an application is still 已报名 the worker can withdraw it; the bureau sees 已撤回;
// the worker may apply again later (the one row per post and person goes back to 已报名).

type Reply = { applicationId: number; result: { error?: Record<string, string[] | null> } }

async function appliedWorker() {
  const post = createTestVacancy('weifang')
  const worker = await signedInWorker('kaizhou')
  const result = applyToVacancy(worker.actor, post.id, null)
  if (!result?.ok) throw new Error('apply failed')
  return { post, worker, applicationId: result.id }
}

function withdraw(applicationId: number, cookie: string) {
  return callAction(action, { path: '/me/applications', fields: { intent: 'withdraw', applicationId: String(applicationId) }, cookie })
}

const statusOf = (id: number) => db.select().from(applications).where(eq(applications.id, id)).get()!.status

test('已报名时撤回：提示、状态已撤回、写审计，招聘单位看到“已撤回” / a submitted application is withdrawn, audited, and the bureau sees 已撤回', async () => {
  const { post, worker, applicationId } = await appliedWorker()
  const page = await callLoader(loader, { path: '/me/applications', cookie: worker.cookie })
  expect('value' in page && page.value.applications.find((a) => a.id === applicationId)).toMatchObject({ mayWithdraw: true, mayApplyAgain: false })
  const result = await withdraw(applicationId, worker.cookie)
  expect('thrown' in result && (await noticeOf(result.thrown))).toEqual({
    location: '/me/applications',
    text: '已撤回报名。岗位还在招聘的话，以后可以重新报名。',
  })
  expect(statusOf(applicationId)).toBe('withdrawn')
  const [audit] = auditOf('application.withdraw', applicationId)
  expect(audit).toMatchObject({ actorUserId: worker.user.id, detail: { vacancyId: post.id } })
  const bureau = await callLoader(applicantsLoader, {
    path: `/east/jobs/${post.id}/applicants`,
    cookie: await cookieFor('weifang'),
    params: { jobId: String(post.id) },
  })
  const row = ('value' in bureau ? bureau.value : null)!.applicants.find((a) => a.id === applicationId)!
  expect(APPLICATION_STATUS_LABELS[row.status]).toBe('已撤回')
  // The bureau can no longer act on it.
  expect(moveApplication(actorFor('weifang'), applicationId, 'contacted')).toMatchObject({ ok: false })
  const after = await callLoader(loader, { path: '/me/applications', cookie: worker.cookie })
  expect('value' in after && after.value.applications.find((a) => a.id === applicationId)).toMatchObject({
    status: 'withdrawn',
    mayWithdraw: false,
    mayApplyAgain: true,
  })
})

test('招聘单位已联系后不能撤回（400，不变）；别人的报名 404 / once contacted it cannot be withdrawn; another worker’s application is 404', async () => {
  const { worker, applicationId } = await appliedWorker()
  moveApplication(actorFor('weifang'), applicationId, 'contacted')
  const result = await withdraw(applicationId, worker.cookie)
  const { status, data } = unwrapData<Reply>('value' in result ? result.value : null)
  expect(status).toBe(400)
  expect(data.result.error?.['']?.[0]).toContain('不能再撤回')
  expect(statusOf(applicationId)).toBe('contacted')
  const other = await appliedWorker()
  const stranger = await withdraw(other.applicationId, worker.cookie)
  expect('thrown' in stranger && stranger.thrown.status).toBe(404)
  expect(statusOf(other.applicationId)).toBe('submitted')
  const unknown = await callAction(action, {
    path: '/me/applications',
    fields: { intent: 'delete', applicationId: String(other.applicationId) },
    cookie: other.worker.cookie,
  })
  expect('thrown' in unknown && unknown.thrown.status).toBe(400)
})

test('撤回后可以重新报名：还是同一条，回到已报名，写审计；岗位页把撤回当作没报名 / after withdrawing the worker may apply again on the same row', async () => {
  const { post, worker, applicationId } = await appliedWorker()
  await withdraw(applicationId, worker.cookie)
  expect(findOwnApplication(worker.actor, post.id)).toBeNull()
  expect(applyToVacancy(worker.actor, post.id, '想再试试')).toEqual({ ok: true, id: applicationId, existing: false })
  expect(db.select().from(applications).where(eq(applications.id, applicationId)).get()).toMatchObject({
    status: 'submitted',
    note: '想再试试',
    source: 'self',
  })
  expect(auditOf('application.reapply', applicationId)).toHaveLength(1)
  expect(findOwnApplication(worker.actor, post.id)).toEqual({ id: applicationId, status: 'submitted' })
  // Applying again while it is active gives the same row back, as before.
  expect(applyToVacancy(worker.actor, post.id, null)).toEqual({ ok: true, id: applicationId, existing: true })
  // The county may also put a withdrawn person forward again.
  await withdraw(applicationId, worker.cookie)
  expect(recommendWorker(actorFor('kaizhou'), post.id, worker.worker.id, null)).toEqual({ ok: true, id: applicationId, existing: false })
  expect(statusOf(applicationId)).toBe('submitted')
})

test('状态表：每个状态有名称和样式，只有“已报名”能撤回，招聘单位不能把报名改成撤回 / the status table: labels for all, only 已报名 may be withdrawn, never by the bureau', () => {
  for (const s of APPLICATION_STATUSES) {
    expect(APPLICATION_STATUS[s].label).toMatch(/^已|^未/)
    for (const n of APPLICATION_STATUS[s].next) expect(APPLICATION_STATUSES).toContain(n)
  }
  fc.assert(
    fc.property(fc.constantFrom(...APPLICATION_STATUSES), (s) => {
      expect(mayWithdraw(s)).toBe(s === 'submitted')
      for (const to of BUREAU_MOVES) if (bureauMayMove(s, to)) expect(['submitted', 'contacted']).toContain(s)
    }),
  )
})
