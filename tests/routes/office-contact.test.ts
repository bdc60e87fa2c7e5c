import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { organisations } from '../../db/schema'
import { action as orgAction } from '~/routes/admin.organisations.$orgId'
import { action as newAccountAction } from '~/routes/west.accounts.new'
import { loader as noticeLoader } from '~/routes/west.jobs.$jobId.notice'
import { action as settingsAction, loader as settingsLoader } from '~/routes/west.settings'
import { db } from '~/utils/db.server'
import { createLedgerWorker, createTestVacancy } from '../factories'
import { auditOf, bureauOf, centreOf } from '../lookups'
import { noticeOf } from '../notice'
import { actionAs, callAction, callLoader, cookieFor, unwrapData } from '../request'

// Issue 11 follow-up: the post notice and the account slip print the county centre's phone; a county sets
// its own on /west/settings (the notice links there when it has none), the operator any on its page.

const KAIZHOU = '500154'
const contactOf = (id: number) =>
  db.select({ phone: organisations.contactPhone, address: organisations.address }).from(organisations).where(eq(organisations.id, id)).get()!

test('岗位公告印本县中心的电话和地址；没有电话时页面提示去填写 / the post notice carries the centre’s phone and address, and has none to print when it is unset', async () => {
  const centre = centreOf(KAIZHOU)
  const post = createTestVacancy('weifang')
  const cookie = await cookieFor('kaizhou')
  const params = { jobId: String(post.id) }
  const seeded = await callLoader(noticeLoader, { path: `/west/jobs/${post.id}/notice`, cookie, params })
  expect('value' in seeded && seeded.value.county).toEqual({ name: centre.name, phone: '023-52222608', address: expect.stringContaining('开州区') })
  db.update(organisations).set({ contactPhone: null }).where(eq(organisations.id, centre.id)).run()
  const none = await callLoader(noticeLoader, { path: `/west/jobs/${post.id}/notice`, cookie, params })
  expect('value' in none && none.value.county.phone).toBeNull()
})

test('区县自己填写本中心电话：格式不对 400 且不写入，正确的保存、记审计并回到公告 / a county sets its own phone: a bad one is 400 beside the field and nothing is written; a good one is saved, audited, and leads back', async () => {
  const centre = centreOf(KAIZHOU)
  const before = contactOf(centre.id)
  const back = '/west/jobs/12/notice'
  const page = await callLoader(settingsLoader, { path: `/west/settings?back=${encodeURIComponent(back)}`, cookie: await cookieFor('kaizhou') })
  expect('value' in page && page.value).toMatchObject({ org: { id: centre.id, contactPhone: before.phone }, back })
  // Another site is never a place to go back to.
  const outside = await callLoader(settingsLoader, { path: '/west/settings?back=https://evil.example/x', cookie: await cookieFor('kaizhou') })
  expect('value' in outside && outside.value.back).toBe('/west')

  for (const bad of ['52222608', '023-123', 'abc', '']) {
    const r = await actionAs('kaizhou', settingsAction, { path: '/west/settings', fields: { contactPhone: bad, address: '' } })
    expect('value' in r, bad).toBe(true)
    const reply = unwrapData<{ error: Record<string, string[]> }>((r as { value: unknown }).value)
    expect(reply.status, bad).toBe(400)
    expect(reply.data.error.contactPhone?.[0], bad).toMatch(/联系电话/)
  }
  expect(contactOf(centre.id)).toEqual(before)
  expect(auditOf('organisation.contact', centre.id)).toHaveLength(0)

  const ok = await actionAs('kaizhou', settingsAction, {
    path: `/west/settings?back=${encodeURIComponent(back)}`,
    fields: { contactPhone: '０２３ ５２２２ ２６０９', address: '开州区汉丰街道 1 号' },
  })
  expect('thrown' in ok && ok.thrown.status).toBe(302)
  expect(await noticeOf((ok as { thrown: Response }).thrown)).toEqual({ location: back, text: expect.stringContaining('已保存本单位联系方式') })
  expect(contactOf(centre.id)).toEqual({ phone: '023-52222609', address: '开州区汉丰街道 1 号' })
  const audit = auditOf('organisation.contact', centre.id)
  expect(audit).toHaveLength(1)
  expect(audit[0]).toMatchObject({ organisationId: centre.id, detail: { changed: ['contactPhone', 'address'] } })

  // Only the centre's own staff: a bureau's staff are not let in, and a county sets its own centre only.
  const east = await actionAs('weifang', settingsAction, { path: '/west/settings', fields: { contactPhone: '0536-1234567', address: '' } })
  expect('thrown' in east && east.thrown.status).not.toBe(200)
  expect(contactOf(bureauOf('370700').id).phone).toBe('0536-8789660')
  expect(auditOf('organisation.contact', bureauOf('370700').id)).toHaveLength(0)
})

test('管理员在单位页面设置联系电话：格式不对 400，正确的保存并记审计 / the operator sets an organisation’s phone on its page: a bad one is 400, a good one is saved and audited', async () => {
  const centre = centreOf('500230')
  const path = `/admin/organisations/${centre.id}`
  const params = { orgId: String(centre.id) }
  const bad = await actionAs('admin', orgAction, { path, params, fields: { intent: 'contact', contactPhone: '70606218', address: '' } })
  const reply = unwrapData<{ contact: { error: Record<string, string[]> } }>((bad as { value: unknown }).value)
  expect(reply.status).toBe(400)
  expect(reply.data.contact.error.contactPhone?.[0]).toMatch(/带区号的固定电话/)
  expect(contactOf(centre.id).phone).toBe('023-70606218')
  const ok = await actionAs('admin', orgAction, { path, params, fields: { intent: 'contact', contactPhone: '13996000999', address: '丰都县三合街道' } })
  expect('thrown' in ok && ok.thrown.status).toBe(302)
  expect(contactOf(centre.id)).toEqual({ phone: '13996000999', address: '丰都县三合街道' })
  expect(auditOf('organisation.contact', centre.id)).toHaveLength(1)
})

test('代为开通后的账号告知单印本县中心的电话和地址 / the account slip after assisted registration carries the centre’s phone and address', async () => {
  const target = createLedgerWorker('xiushan', { name: '单电话' })
  const result = await callAction(newAccountAction, {
    path: '/west/accounts/new',
    fields: { intent: 'create', q: target.name, workerId: String(target.id), phone: `1771${String(Date.now()).slice(-7)}` },
    cookie: await cookieFor('xiushan'),
  })
  const reply = unwrapData<{ slip: { county: { name: string; phone: string | null; address: string | null } } }>((result as { value: unknown }).value)
  expect(reply.data.slip.county).toEqual({ name: centreOf('500241').name, phone: '023-76662281', address: expect.stringContaining('秀山县') })
})
