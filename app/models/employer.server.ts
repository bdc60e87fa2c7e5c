import { and, asc, eq, isNotNull, isNull, like, or, sql, type SQL } from 'drizzle-orm'
import { employers, vacancies, type SelectEmployer } from '../../db/schema'
import { todayInShanghai } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import type { Industry } from '~/rules/vacancy'
import { writeActorAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, type Queryable, writeTransaction } from '~/utils/db.server'
import { failure, type Failure, type Result } from '~/utils/mutation.server'
import { countRows, countWhen, findOwned } from './query.server'
import { isOpenVacancy } from './rule-sql.server'
import { indexVacancy } from './vacancy.server'

// Employers (用人单位) a Shandong bureau posts vacancies for. A bureau manages only the employers of its
// own city; a statutory code (统一社会信用代码) is registered once in the whole portal.

export type EmployerValues = {
  name: string
  uscc: string
  industry: Industry
  address: string
  contactName: string
  contactPhone: string
}

function employerConditions(actor: Actor, q: string) {
  const conditions: SQL[] = [eq(employers.organisationId, actor.organisationId)]
  const term = q.trim().replace(/[%_\\]/g, '')
  if (term) conditions.push(or(like(employers.name, `%${term}%`), like(employers.uscc, `%${term.toUpperCase()}%`))!)
  // A query of only wildcard characters finds nothing, rather than every employer.
  else if (q.trim() !== '') conditions.push(sql`0`)
  return and(...conditions)
}

/** How many of the actor's bureau's employers match `q` (part of the name or the code). */
export function countEmployersForBureau(actor: Actor, { q }: { q: string }) {
  return countRows(db, employers, employerConditions(actor, q))
}

/**
 * How many employers the actor's bureau has registered: `active` (not archived) and `archived`, for the
 * list's sentence. One count over the bureau's own employers (a city registers hundreds at most).
 */
export function countEmployersByState(actor: Actor): { active: number; archived: number } {
  const row = db
    .select({ active: countWhen(isNull(employers.archivedAt)), archived: countWhen(isNotNull(employers.archivedAt)) })
    .from(employers)
    .where(eq(employers.organisationId, actor.organisationId))
    .get()
  return { active: row?.active ?? 0, archived: row?.archived ?? 0 }
}

/** `limit` of the actor's bureau's employers matching `q` from `offset`, by name, each with its post counts (all, and open today). */
export function listEmployersForBureau(actor: Actor, { q }: { q: string }, { limit, offset }: { limit: number; offset: number }) {
  const where = employerConditions(actor, q)
  const today = todayInShanghai()
  // Counted for the page's employers only, each in vacancies_employer_idx (issue 10: a bureau with tens of
  // thousands of posts), never by grouping every post of the bureau.
  const ofEmployer = sql`${vacancies.employerId} = ${employers.id} and ${vacancies.organisationId} = ${actor.organisationId}`
  return db
    .select({
      employer: employers,
      posts: sql<number>`(select count(*) from ${vacancies} where ${ofEmployer})`,
      openPosts: sql<number>`(select count(*) from ${vacancies} where ${ofEmployer} and ${isOpenVacancy(today)})`,
    })
    .from(employers)
    .where(where)
    .orderBy(asc(employers.name), asc(employers.id))
    .limit(limit)
    .offset(offset)
    .all()
}

/**
 * The actor's bureau's employers for the posting form's select, with what a new post can be pre-filled
 * from; archived employers are not offered (issue 11 §2).
 */
export function listEmployerChoices(actor: Actor) {
  return db
    .select({
      id: employers.id,
      name: employers.name,
      industry: employers.industry,
      address: employers.address,
      contactName: employers.contactName,
      contactPhone: employers.contactPhone,
    })
    .from(employers)
    .where(and(eq(employers.organisationId, actor.organisationId), isNull(employers.archivedAt)))
    .orderBy(asc(employers.name), asc(employers.id))
    .all()
}

/** One employer of this bureau, or null (another bureau's employer answers exactly like a missing one). */
export function getEmployerForBureau(actor: Actor, id: number): SelectEmployer | null {
  return findOwned(db, employers, actor, id)
}

/** The friendly message for a code already on file; the unique index is what actually guarantees it. */
function usccTaken(tx: Queryable, organisationId: number, uscc: string, exceptId: number | null): Failure | null {
  const holder = tx
    .select({ id: employers.id, organisationId: employers.organisationId, name: employers.name })
    .from(employers)
    .where(eq(employers.uscc, uscc))
    .get()
  if (!holder || holder.id === exceptId) return null
  const message =
    holder.organisationId === organisationId
      ? `本局已登记此统一社会信用代码（${holder.name}），请直接使用该单位`
      : '该统一社会信用代码已由其他城市人社局登记，如有疑问请联系平台管理员'
  return failure(message, { field: 'uscc' })
}

// Two bureaus saving the same code at once: the unique index refuses the second.
const DUPLICATE = failure('该统一社会信用代码已经登记', { field: 'uscc' })

/** Registers an employer of the actor's bureau; a code already on file is refused beside `uscc`. */
export function createEmployer(actor: Actor, values: EmployerValues): Result<{ id: number }> {
  try {
    return writeTransaction((tx) => {
      const taken = usccTaken(tx, actor.organisationId, values.uscc, null)
      if (taken) return taken
      const { id } = tx
        .insert(employers)
        .values({ ...values, organisationId: actor.organisationId })
        .returning({ id: employers.id })
        .get()
      writeActorAudit(tx, actor, { action: 'employer.create', entity: 'employer', entityId: id })
      return { ok: true as const, id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return DUPLICATE
    throw error
  }
}

/** Saves an employer of this bureau; null when it is not this bureau's (→ 404). Posts keep pointing at it. */
export function updateEmployer(actor: Actor, id: number, values: EmployerValues): Result<{ id: number }> | null {
  try {
    return writeTransaction((tx) => {
      const current = findOwned(tx, employers, actor, id)
      if (!current) return null
      const taken = usccTaken(tx, actor.organisationId, values.uscc, id)
      if (taken) return taken
      tx.update(employers).set(values).where(eq(employers.id, id)).run()
      const changed = (Object.keys(values) as (keyof EmployerValues)[]).filter((k) => current[k] !== values[k])
      // The employer's name is part of each post's search document.
      if (current.name !== values.name) reindexPostsOf(tx, id)
      writeActorAudit(tx, actor, { action: 'employer.update', entity: 'employer', entityId: id, detail: { fields: changed } })
      return { ok: true as const, id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return DUPLICATE
    throw error
  }
}

function reindexPostsOf(tx: Queryable, employerId: number) {
  const ids = tx.select({ id: vacancies.id }).from(vacancies).where(eq(vacancies.employerId, employerId)).all()
  for (const { id } of ids) indexVacancy(tx, id)
}

/** How many posts an employer of the actor's bureau has open today; shown before staff edit it. */
export function countOpenPostsOf(actor: Actor, employerId: number) {
  return countRows(
    db,
    vacancies,
    and(eq(vacancies.employerId, employerId), eq(vacancies.organisationId, actor.organisationId), isOpenVacancy(todayInShanghai())),
  )
}

/**
 * Archives (`archive: true`) or restores an employer of the actor's bureau (issue 11 §2). An archived
 * employer leaves the posting form's choices and gets no new posts; its posts, open or not, stay as they
 * are. Audited (`employer.archive` / `employer.restore`). A Failure (400) when it is already in that state;
 * null when the employer is not this bureau's (→ 404).
 */
export function setEmployerArchived(actor: Actor, id: number, archive: boolean): Result | null {
  return writeTransaction((tx): Result | null => {
    const current = findOwned(tx, employers, actor, id, { archivedAt: employers.archivedAt })
    if (!current) return null
    if ((current.archivedAt != null) === archive) return failure(archive ? '该单位已经归档' : '该单位不在归档中')
    tx.update(employers)
      .set(archive ? { archivedAt: new Date(), archivedByUserId: actor.userId } : { archivedAt: null, archivedByUserId: null })
      .where(eq(employers.id, id))
      .run()
    writeActorAudit(tx, actor, { action: archive ? 'employer.archive' : 'employer.restore', entity: 'employer', entityId: id })
    return { ok: true }
  })
}
