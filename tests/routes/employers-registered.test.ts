import { and, count, eq, isNotNull, isNull } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { employers } from '../../db/schema'
import { action as archiveAction } from '~/routes/east.employers.$employerId.archive'
import { loader as listLoader } from '~/routes/east.employers._index'
import { db } from '~/utils/db.server'
import { createTestEmployer } from '../factories'
import { bureauOf } from '../lookups'
import { actionAs, callLoader, cookieFor, unwrapData } from '../request'

// /east/employers said "本局共登记 6 家" counting an archived employer: the sentence counts only active
// employers and names the archived ones apart ("另有 N 家已归档"); the list itself still shows both.

type ListData = { registered: { active: number; archived: number } | null; total: number }

async function listOf(path: string) {
  const result = await callLoader(listLoader, { path, cookie: await cookieFor('weifang') })
  return unwrapData<ListData>('value' in result ? result.value : null).data
}

function bureauCount(archived: boolean) {
  const bureau = bureauOf('370700')
  return db
    .select({ n: count() })
    .from(employers)
    .where(and(eq(employers.organisationId, bureau.id), archived ? isNotNull(employers.archivedAt) : isNull(employers.archivedAt)))
    .get()!.n
}

test('单位列表的“本局共登记”只数未归档的单位，另说已归档几家 / the sentence counts active employers only and names the archived ones apart', async () => {
  createTestEmployer('weifang')
  const gone = createTestEmployer('weifang')
  const archived = await actionAs('weifang', archiveAction, {
    path: `/east/employers/${gone.id}/archive`,
    fields: { intent: 'archive' },
    params: { employerId: String(gone.id) },
  })
  expect('thrown' in archived && archived.thrown.status).toBe(302)

  const data = await listOf('/east/employers')
  expect(data.registered).toEqual({ active: bureauCount(false), archived: bureauCount(true) })
  expect(data.registered!.archived).toBeGreaterThanOrEqual(1)
  expect(data.registered!.active).toBeGreaterThanOrEqual(1)
  // The list below still shows every employer, archived ones with their badge.
  expect(data.total).toBe(data.registered!.active + data.registered!.archived)

  // A search says how many match instead.
  expect((await listOf(`/east/employers?q=${encodeURIComponent(gone.name)}`)).registered).toBeNull()
})
