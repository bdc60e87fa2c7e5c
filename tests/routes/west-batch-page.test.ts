import { expect, test } from 'vitest'
import { addVehicle, createBatch } from '~/models/batch.server'
import { addDays, todayInShanghai } from '~/rules/dates'
import { action as batchAction, loader as batchLoader } from '~/routes/west.batches.$batchId._index'
import { actorFor, createLedgerWorker } from '../factories'
import { batchValues, createTestBatch } from '../factories-batches'
import { createTestDemand } from '../factories-demand'
import { noticeOf } from '../notice'
import { actionAs, callLoader, cookieFor } from '../request'

// The county's batch page as a new user meets it (issue 12 §2–§4, walkthrough of session 7): a title by date
// and route, who was invited from travel demand, the depart button shown disabled before the day, what
// happens to the waitlist after closing. The HTML (error summary, confirmation steps) is checked over HTTP
// in tests/e2e/batch-page-http.test.ts.

async function pageOf(batchId: number) {
  const page = await callLoader(batchLoader, { path: `/west/batches/${batchId}`, cookie: await cookieFor('kaizhou'), params: { batchId: String(batchId) } })
  if (!('value' in page)) throw new Error('expected the page')
  return page.value
}

test('批次标题按日期和线路，不用编号 / the batch page is titled by date and route, not by id', async () => {
  const departureDate = addDays(todayInShanghai(), 10)
  const { batch } = createTestBatch('kaizhou', { departureDate })
  const page = await pageOf(batch.id)
  expect(page.title).toBe(`${Number(departureDate.slice(5, 7))}月${Number(departureDate.slice(8, 10))}日 开州区→潍坊市`)
  expect(page.title).not.toContain(String(batch.id))
})

test('截止后、发车日前：标记已发车灰显并说明哪天可用；当天可以点 / a closed batch before its day shows 标记已发车 disabled with the day; on the day it is a move', async () => {
  const departureDate = addDays(todayInShanghai(), 10)
  const { batch } = createTestBatch('kaizhou', { state: 'closed', departureDate })
  const before = await pageOf(batch.id)
  expect(before.moves).toEqual(['reopen'])
  expect(before.departHint).toBe(
    `发车当天（${Number(departureDate.slice(5, 7))}月${Number(departureDate.slice(8, 10))}日）可标记已发车，登记上车也在当天进行。`,
  )
  expect(before.waitlistNote).toMatch(/^截止后不再接受新的报名，候补人员保留原顺序；占座的人取消或被移出时，第一位仍符合条件的候补人员自动递补/)
  const today = createTestBatch('kaizhou', { state: 'closed', departureDate: todayInShanghai() }).batch
  const onTheDay = await pageOf(today.id)
  expect(onTheDay.moves).toEqual(['reopen', 'depart'])
  expect(onTheDay.departHint).toBeNull()
  expect((await pageOf(createTestBatch('kaizhou', { state: 'open', departureDate }).batch.id)).departHint).toBeNull()
})

test('从出行需求建的草稿写明邀请了谁；开放报名的提示说出人数和姓名 / a draft made from travel demand names who was invited; the notice after opening gives the count and names', async () => {
  const [a, b] = [createLedgerWorker('kaizhou', { name: '邀请甲' }), createLedgerWorker('kaizhou', { name: '邀请乙' })]
  const demands = [createTestDemand('kaizhou', { workerId: a.id }), createTestDemand('kaizhou', { workerId: b.id })]
  const actor = actorFor('kaizhou')
  const made = createBatch(actor, batchValues('kaizhou', { departureDate: addDays(todayInShanghai(), 12) }), { demandIds: demands.map((d) => d.id) })
  if (!made.ok) throw new Error(made.message)
  expect(addVehicle(actor, made.id, { plate: '渝D30001', seats: 45 })?.ok).toBe(true)
  const draft = await pageOf(made.id)
  expect(draft.facts).toContainEqual({ term: '出行需求', value: '开放报名时将邀请出行需求中的 2 人：邀请甲、邀请乙。他们会在“我的”页面收到邀请。' })
  const opened = await actionAs('kaizhou', batchAction, { path: `/west/batches/${made.id}`, fields: { intent: 'open' }, params: { batchId: String(made.id) } })
  if (!('thrown' in opened)) throw new Error('expected a redirect')
  expect((await noticeOf(opened.thrown)).text).toBe('批次已开放报名。已邀请出行需求中的 2 人（邀请甲、邀请乙），他们会在“我的”页面收到邀请。')
  expect((await pageOf(made.id)).facts).toContainEqual({
    term: '出行需求',
    value: '已邀请出行需求中的 2 人：邀请甲、邀请乙。开放报名时已在“我的”页面通知他们。',
  })
  const plain = createTestBatch('kaizhou', { state: 'draft' }).batch
  expect((await pageOf(plain.id)).facts.map((f) => f.term)).not.toContain('出行需求')
})
