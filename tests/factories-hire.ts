import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import { applications, employmentRecords, users, vacancies } from '../db/schema'
import { moveApplication } from '~/models/application.server'
import { db } from '~/utils/db.server'
import { actorFor, createTestApplication, createTestVacancy, createWorkerAccount, type VacancyOptions } from './factories'
import { cookieFor } from './request'

// Factories for the hire, undo, withdraw and phone tests of issue 9 (§2, §4, §12), built on tests/factories.ts.

/** The bureau's paired county centre (db/seed.ts DEMO_PAIRS). */
export const CENTRE_OF = { weifang: 'kaizhou', dezhou: 'xiushan', zaozhuang: 'fengdu' } as const
export type Bureau = keyof typeof CENTRE_OF

/**
 * A new published post of `bureau` (`vacancy` options, e.g. headcount) with `n` applicants recommended by
 * the paired county and marked 已联系 by the bureau through the models. Returns the post and the
 * applications (ids in order of applying).
 */
export async function postWithContacted(bureau: Bureau, n: number, vacancy: VacancyOptions = {}) {
  const post = createTestVacancy(bureau, vacancy)
  const ids: number[] = []
  for (let i = 0; i < n; i++) {
    const { application } = await createTestApplication(post.id, { centre: CENTRE_OF[bureau], by: 'recommended' })
    expect(moveApplication(actorFor(bureau), application.id, 'contacted')).toEqual({ ok: true, filled: false })
    ids.push(application.id)
  }
  return { post, ids }
}

/**
 * A verified worker account of `centre` that has set its own password (so the must-change-password step
 * does not stand between it and its pages), with a session cookie. Returns what createWorkerAccount
 * returns plus `cookie`.
 */
export async function signedInWorker(centre = 'kaizhou') {
  const account = await createWorkerAccount(centre)
  db.update(users).set({ mustChangePassword: false }).where(eq(users.id, account.user.id)).run()
  return { ...account, cookie: await cookieFor(account.user.username) }
}

/** The stored application, post and employment records of a post, read fresh. */
export function stateOf(vacancyId: number) {
  return {
    post: db.select().from(vacancies).where(eq(vacancies.id, vacancyId)).get()!,
    applications: db.select().from(applications).where(eq(applications.vacancyId, vacancyId)).all(),
    employment: db
      .select({ id: employmentRecords.id, applicationId: employmentRecords.applicationId })
      .from(employmentRecords)
      .innerJoin(applications, eq(applications.id, employmentRecords.applicationId))
      .where(eq(applications.vacancyId, vacancyId))
      .all(),
  }
}
