import { eq, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { vacancies, vacancyTargets } from '../../db/schema'
import { action as viewAction } from '~/routes/east.jobs.$jobId._index'
import { copyVacancy } from '~/models/vacancy.server'
import { addDays, todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { actorFor, createTestVacancy } from '../factories'
import { auditOf, userOf } from '../lookups'
import { noticeOf } from '../notice'
import { actionAs, unwrapData } from '../request'

// Issue 9 §5: a draft saved twice (or by mistake) could be neither deleted nor closed. Drafts can now be
// deleted from their page (删除草稿, confirmed, works without JavaScript); nothing else can.

function deleteAs(username: string, id: number) {
  return actionAs(username, viewAction, { path: `/east/jobs/${id}?index`, fields: { intent: 'delete' }, params: { jobId: String(id) } })
}

function exists(id: number) {
  return db.select({ id: vacancies.id }).from(vacancies).where(eq(vacancies.id, id)).get() != null
}

test('删除草稿：岗位、面向区县和搜索索引一并删除，记审计，回到岗位列表 / deleting a draft removes it with its counties and search entry, is audited and goes back to the list', async () => {
  const draft = createTestVacancy('weifang', { status: 'draft', title: '要删除的草稿' })
  const result = await deleteAs('weifang', draft.id)
  expect('thrown' in result && (await noticeOf(result.thrown))).toEqual({ location: '/east/jobs', text: '草稿“要删除的草稿”已删除。' })
  expect(exists(draft.id)).toBe(false)
  expect(db.select().from(vacancyTargets).where(eq(vacancyTargets.vacancyId, draft.id)).all()).toEqual([])
  expect(db.get(sql`select count(*) as n from vacancy_search where rowid = ${draft.id}`)).toEqual({ n: 0 })
  expect(auditOf('vacancy.delete', draft.id)).toMatchObject([{ actorUserId: userOf('weifang').id, detail: { from: 'draft' } }])
})

test('只有草稿能删：已发布、已过期、已关闭、已招满的岗位 409，不变 / only a draft can be deleted: published, expired, closed and filled posts answer 409 and stay', async () => {
  for (const status of ['published', 'expired', 'closed', 'filled'] as const) {
    const post = createTestVacancy('weifang', { status })
    const result = await deleteAs('weifang', post.id)
    expect('value' in result && unwrapData(result.value).status, status).toBe(409)
    expect(exists(post.id), status).toBe(true)
    expect(auditOf('vacancy.delete', post.id), status).toEqual([])
  }
})

test('别的局的草稿：404，不删；西部账号也删不了 / another bureau deleting a draft gets 404; a county account cannot either; nothing is deleted', async () => {
  const draft = createTestVacancy('weifang', { status: 'draft' })
  const foreign = await deleteAs('dezhou', draft.id)
  expect('thrown' in foreign && foreign.thrown.status).toBe(404)
  const county = await deleteAs('kaizhou', draft.id).catch((e: unknown) => ({ thrown: e as Response }))
  expect('thrown' in county && county.thrown.status >= 300).toBe(true)
  expect(exists(draft.id)).toBe(true)
  expect(auditOf('vacancy.delete', draft.id)).toEqual([])
})

test('从草稿复制出的新草稿在原草稿删除后仍在，只是不再指向它 / a copy made from a draft stays when the draft is deleted; it just no longer points back', async () => {
  const draft = createTestVacancy('weifang', { status: 'draft' })
  const copy = copyVacancy(actorFor('weifang'), draft.id, addDays(todayInShanghai(), 10))!
  await deleteAs('weifang', draft.id)
  expect(exists(draft.id)).toBe(false)
  expect(db.select({ copiedFromId: vacancies.copiedFromId }).from(vacancies).where(eq(vacancies.id, copy.id)).get()).toEqual({ copiedFromId: null })
})
