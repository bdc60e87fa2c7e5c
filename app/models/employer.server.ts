import { and, asc, count, eq, like, or, sql, type SQL } from 'drizzle-orm'
import { employers, vacancies, type SelectEmployer } from '../../db/schema'
import { todayInShanghai } from '~/rules/dates'
import type { Industry } from '~/rules/vacancy'
import { writeAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, type Queryable, writeTransaction } from '~/utils/db.server'
import { indexVacancy, isOpenVacancy, type BureauActor } from './vacancy.server'

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

export type EmployerWriteResult = { ok: true; id: number } | { ok: false; field: keyof EmployerValues; message: string }

/** One page of a bureau's employers by name, each with its post counts (all posts, and those open today). */
export function listEmployersForBureau(organisationId: number, { q, page, pageSize }: { q: string; page: number; pageSize: number }) {
  const conditions: SQL[] = [eq(employers.organisationId, organisationId)]
  const term = q.trim().replace(/[%_\\]/g, '')
  if (term) conditions.push(or(like(employers.name, `%${term}%`), like(employers.uscc, `%${term.toUpperCase()}%`))!)
  const where = and(...conditions)
  const total = db.select({ n: count() }).from(employers).where(where).get()?.n ?? 0
  const today = todayInShanghai()
  const posts = db
    .select({
      employerId: vacancies.employerId,
      total: count().as('total'),
      open: sql<number>`sum(case when ${isOpenVacancy(today)} then 1 else 0 end)`.as('open'),
    })
    .from(vacancies)
    .where(eq(vacancies.organisationId, organisationId))
    .groupBy(vacancies.employerId)
    .as('posts')
  const rows = db
    .select({
      employer: employers,
      posts: sql<number>`coalesce(${posts.total}, 0)`,
      openPosts: sql<number>`coalesce(${posts.open}, 0)`,
    })
    .from(employers)
    .leftJoin(posts, eq(posts.employerId, employers.id))
    .where(where)
    .orderBy(asc(employers.name), asc(employers.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all()
  return { total, rows }
}

/** The bureau's employers for the posting form's select, with what a new post can be pre-filled from. */
export function listEmployerChoices(organisationId: number) {
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
    .where(eq(employers.organisationId, organisationId))
    .orderBy(asc(employers.name), asc(employers.id))
    .all()
}

/** One employer of this bureau, or null (another bureau's employer answers exactly like a missing one). */
export function getEmployerForBureau(organisationId: number, id: number): SelectEmployer | null {
  return getOwnEmployer(db, organisationId, id)
}

function getOwnEmployer(tx: Queryable, organisationId: number, id: number) {
  return tx.select().from(employers).where(and(eq(employers.id, id), eq(employers.organisationId, organisationId))).get() ?? null
}

/** The friendly message for a code already on file; the unique index is what actually guarantees it. */
function usccTaken(tx: Queryable, organisationId: number, uscc: string, exceptId: number | null): EmployerWriteResult | null {
  const holder = tx.select({ id: employers.id, organisationId: employers.organisationId, name: employers.name }).from(employers).where(eq(employers.uscc, uscc)).get()
  if (!holder || holder.id === exceptId) return null
  const message =
    holder.organisationId === organisationId
      ? `本局已登记此统一社会信用代码（${holder.name}），请直接使用该单位`
      : '该统一社会信用代码已由其他城市人社局登记，如有疑问请联系平台管理员'
  return { ok: false, field: 'uscc', message }
}


const DUPLICATE: EmployerWriteResult = { ok: false, field: 'uscc', message: '该统一社会信用代码已经登记' }

export function createEmployer(actor: BureauActor, values: EmployerValues): EmployerWriteResult {
  try {
    return writeTransaction((tx) => {
      const taken = usccTaken(tx, actor.organisationId, values.uscc, null)
      if (taken) return taken
      const { id } = tx
        .insert(employers)
        .values({ ...values, organisationId: actor.organisationId })
        .returning({ id: employers.id })
        .get()
      writeAudit(tx, { actorUserId: actor.userId, organisationId: actor.organisationId, action: 'employer.create', entity: 'employer', entityId: id, ip: actor.ip })
      return { ok: true, id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return DUPLICATE
    throw error
  }
}

/** Saves an employer of this bureau; null when it is not this bureau's (→ 404). Posts keep pointing at it. */
export function updateEmployer(actor: BureauActor, id: number, values: EmployerValues): EmployerWriteResult | null {
  try {
    return writeTransaction((tx) => {
      const current = getOwnEmployer(tx, actor.organisationId, id)
      if (!current) return null
      const taken = usccTaken(tx, actor.organisationId, values.uscc, id)
      if (taken) return taken
      tx.update(employers).set(values).where(eq(employers.id, id)).run()
      const changed = (Object.keys(values) as (keyof EmployerValues)[]).filter((k) => current[k] !== values[k])
      // The employer's name is part of each post's search document.
      if (current.name !== values.name) reindexPostsOf(tx, id)
      writeAudit(tx, {
        actorUserId: actor.userId,
        organisationId: actor.organisationId,
        action: 'employer.update',
        entity: 'employer',
        entityId: id,
        detail: { fields: changed },
        ip: actor.ip,
      })
      return { ok: true, id }
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

/** How many posts an employer has that are open today; shown before staff edit it. */
export function countOpenPostsOf(organisationId: number, employerId: number) {
  return (
    db
      .select({ n: count() })
      .from(vacancies)
      .where(
        and(
          eq(vacancies.employerId, employerId),
          eq(vacancies.organisationId, organisationId),
          isOpenVacancy(todayInShanghai()),
        ),
      )
      .get()?.n ?? 0
  )
}
