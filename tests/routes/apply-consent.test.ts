import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { users } from '../../db/schema'
import { action as jobAction, loader as jobLoader } from '~/routes/jobs.$jobId'
import { db } from '~/utils/db.server'
import { createTestVacancy, createWorkerAccount } from '../factories'
import { auditBy, bureauOf } from '../lookups'
import { actionAs, callLoader, cookieFor } from '../request'

// Issue 9 §2 (the worker's side): applying shares the worker's name and phone with the bureau of the post,
// so it can call them. The apply form names the bureau; the application records the consent.

test('报名页写明发布岗位的人社局，联系电话单独给出以便拨打 / the post page names the bureau that will get the name and phone, and gives the contact phone on its own for a tel: link', async () => {
  const post = createTestVacancy('weifang', { contactName: '孙经理', contactPhone: '05368881234' })
  const { user } = await createWorkerAccount('kaizhou')
  const page = await callLoader(jobLoader, { path: `/jobs/${post.id}`, cookie: await cookieFor(user.username), params: { jobId: String(post.id) } })
  expect('value' in page && page.value.data).toMatchObject({ bureauName: bureauOf('370700').name, contact: { name: '孙经理', phone: '05368881234' } })
  const visitor = await callLoader(jobLoader, { path: `/jobs/${post.id}`, params: { jobId: String(post.id) } })
  expect('value' in visitor && visitor.value.data).toMatchObject({ bureauName: bureauOf('370700').name, contact: null })
})

test('报名记下本人同意把姓名和手机号提供给该人社局；再报一次不重复记 / applying records the consent to share name and phone with that bureau; applying again records nothing more', async () => {
  const post = createTestVacancy('weifang')
  const { user } = await createWorkerAccount('kaizhou')
  // An account opened by the county must change its password first; this one has (issue 9 §1).
  db.update(users).set({ mustChangePassword: false }).where(eq(users.id, user.id)).run()
  const apply = () =>
    actionAs(user.username, jobAction, { path: `/jobs/${post.id}`, fields: { intent: 'apply', note: '' }, params: { jobId: String(post.id) } })
  const first = await apply()
  expect('thrown' in first && first.thrown.headers.get('Location')).toBe('/me/applications')
  const second = await apply()
  expect('thrown' in second && second.thrown.headers.get('Location')).toBe('/me/applications')
  const consent = auditBy(user.id, 'application.contact_consent')
  expect(consent).toHaveLength(1)
  expect(consent[0]).toMatchObject({ entity: 'application', detail: { vacancyId: post.id, sharedWith: bureauOf('370700').id, fields: ['name', 'phone'] } })
})
