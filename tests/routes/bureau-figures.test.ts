import { and, count, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { applications, employmentRecords, vacancies } from '../../db/schema'
import { getBureauVacancyFigures } from '~/models/bureau-stats.server'
import { moveApplication, undoDecision, withdrawApplication } from '~/models/application.server'
import { todayInShanghai } from '~/rules/dates'
import { db } from '~/utils/db.server'
import { actorFor, createTestApplication, createTestVacancy } from '../factories'

// Issue 10: the bureau's home figures read kept counts (application_counts, kept by triggers). They must
// equal a plain count over the applications of the bureau's posts after every kind of change.

/** The figures as a join over every application of the bureau's posts says (the old query). */
function countedByJoin(organisationId: number) {
  const row = db
    .select({
      total: count(),
      pending: sql<number>`coalesce(sum(${inArray(applications.status, ['submitted', 'contacted'])}), 0)`,
      hires: sql<number>`coalesce(sum(${isNotNull(employmentRecords.id)}), 0)`,
    })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .leftJoin(employmentRecords, eq(employmentRecords.applicationId, applications.id))
    .where(eq(vacancies.organisationId, organisationId))
    .get()!
  return { applications: row.total, pendingApplications: row.pending, hires: row.hires }
}

function expectAgree(bureau: string) {
  const actor = actorFor(bureau)
  expect(getBureauVacancyFigures(actor), bureau).toMatchObject(countedByJoin(actor.organisationId))
}

test('东部首页的报名、待处理、录用数与逐条统计一致 / the bureau home figures equal a plain count after applying, moving, hiring, undoing and withdrawing', async () => {
  expectAgree('weifang')
  expectAgree('dezhou')
  const weifang = actorFor('weifang')
  const job = createTestVacancy('weifang', { headcount: 10 })
  const recommended = await Promise.all([1, 2, 3, 4].map(() => createTestApplication(job.id, { by: 'recommended' })))
  const self = await createTestApplication(job.id)
  expectAgree('weifang')

  const [a, b, c] = recommended.map((r) => r.application.id)
  expect(moveApplication(weifang, a, 'contacted')?.ok).toBe(true)
  expect(moveApplication(weifang, a, 'hired', { startDate: todayInShanghai() })?.ok).toBe(true)
  expect(moveApplication(weifang, b, 'contacted')?.ok).toBe(true)
  expect(moveApplication(weifang, b, 'hired', { startDate: todayInShanghai() })?.ok).toBe(true)
  expect(moveApplication(weifang, c, 'declined', { reason: null })?.ok).toBe(true)
  expectAgree('weifang')
  expect(getBureauVacancyFigures(weifang).hires).toBe(countedByJoin(weifang.organisationId).hires)

  expect(undoDecision(weifang, b, '录错了人')?.ok).toBe(true)
  expect(undoDecision(weifang, c, '再考虑一下')?.ok).toBe(true)
  expect(withdrawApplication(self.user ? actorFor(self.user.username) : weifang, self.application.id)?.ok).toBe(true)
  expectAgree('weifang')

  // Rows written outside the models (a script, a repair) are counted too: the triggers see every write.
  db.update(applications).set({ status: 'contacted' }).where(eq(applications.id, recommended[3].application.id)).run()
  expectAgree('weifang')
  db.delete(applications)
    .where(and(eq(applications.id, recommended[3].application.id)))
    .run()
  expectAgree('weifang')
  // Another bureau's figures never moved.
  expectAgree('dezhou')
})
