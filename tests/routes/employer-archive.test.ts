import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { employers, vacancies } from '../../db/schema'
import { listEmployerChoices } from '~/models/employer.server'
import { db } from '~/utils/db.server'
import { action as archiveAction, loader as archiveLoader } from '~/routes/east.employers.$employerId.archive'
import { loader as listLoader } from '~/routes/east.employers._index'
import { createTestEmployer, createTestVacancy } from '../factories'
import { actorFor, auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { actionAs, callLoader, cookieFor, unwrapData } from '../request'

// Archiving an employer (issue 11 §2): it leaves the posting form's choices, keeps its posts, and can be restored.

function send(username: string, id: number, intent: string) {
  return actionAs(username, archiveAction, { path: `/east/employers/${id}/archive`, fields: { intent }, params: { employerId: String(id) } })
}

test('归档的单位不在发布岗位的选择中，已有岗位保留，恢复后回来；都记审计 / an archived employer leaves the posting choices, keeps its posts and comes back on restore; audited', async () => {
  const weifang = actorFor<'east'>('weifang')
  const employer = createTestEmployer('weifang')
  const post = createTestVacancy('weifang', { employerId: employer.id })
  expect(listEmployerChoices(weifang).map((e) => e.id)).toContain(employer.id)

  const archived = await send('weifang', employer.id, 'archive')
  expect('thrown' in archived && (await noticeOf(archived.thrown)).location).toBe('/east/employers')
  expect(listEmployerChoices(weifang).map((e) => e.id)).not.toContain(employer.id)
  expect(db.select().from(vacancies).where(eq(vacancies.id, post.id)).get()).toMatchObject({ employerId: employer.id, status: 'published' })
  const list = unwrapData<{ rows: { id: number; archived: boolean }[] }>(
    await callLoader(listLoader, { path: `/east/employers?q=${encodeURIComponent(employer.name)}`, cookie: await cookieFor('weifang') }).then((r) =>
      'value' in r ? r.value : null,
    ),
  )
  expect(list.data.rows).toEqual([expect.objectContaining({ id: employer.id, archived: true })])
  expect(auditOf('employer.archive', employer.id)).toHaveLength(1)

  const twice = await send('weifang', employer.id, 'archive')
  expect(unwrapData('value' in twice ? twice.value : null).status).toBe(400)

  const restored = await send('weifang', employer.id, 'restore')
  expect('thrown' in restored && restored.thrown.status).toBe(302)
  expect(listEmployerChoices(weifang).map((e) => e.id)).toContain(employer.id)
  expect(db.select().from(employers).where(eq(employers.id, employer.id)).get()).toMatchObject({ archivedAt: null, archivedByUserId: null })
  expect(auditOf('employer.restore', employer.id)).toHaveLength(1)
})

test('别局的单位：归档页和归档都是 404，未知操作 400 / another bureau’s employer: 404 for the page and the action; an unknown intent is a 400', async () => {
  const employer = createTestEmployer('dezhou')
  const page = await callLoader(archiveLoader, {
    path: `/east/employers/${employer.id}/archive`,
    cookie: await cookieFor('weifang'),
    params: { employerId: String(employer.id) },
  })
  expect('thrown' in page && page.thrown.status).toBe(404)
  const result = await send('weifang', employer.id, 'archive')
  expect('thrown' in result && result.thrown.status).toBe(404)
  const odd = await send('dezhou', employer.id, '__proto__')
  expect('thrown' in odd && odd.thrown.status).toBe(400)
  expect(db.select().from(employers).where(eq(employers.id, employer.id)).get()!.archivedAt).toBeNull()
})
