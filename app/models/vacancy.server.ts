import { and, asc, count, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm'
import {
  applications,
  areas,
  auditLog,
  bureauOpenPosts,
  bureauPostCounts,
  countyApplicationCounts,
  employers,
  users,
  vacancies,
  vacancyReports,
  vacancyTargets,
  type SelectVacancy,
  type VacancyStatus,
} from '../../db/schema'
import { searchQuery } from '~/rules/cjk-search'
import { todayInShanghai } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { canEditVacancy, canMoveVacancy, effectiveStatus, mayDeleteVacancy, type VacancyValues } from '~/rules/vacancy'
import { writeActorAudit } from '~/utils/audit.server'
import { db, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { readInChunks } from '~/utils/chunks.server'
import { findOwned, ownedRow } from './query.server'
import { indexVacancy } from './vacancy-search.server'
import { isExpiredVacancy, isOpenVacancy } from './rule-sql.server'
import { shanghaiMonthRange } from './county-outcomes.server'

// A post's search document is rewritten in the same transaction as every change (issue 9 §10: with its
// place names), by the one indexer setup also rebuilds with.
export { indexVacancy }

function columnsOf(v: VacancyValues) {
  const { salaryMin, salaryMax, targets: _targets, ...rest } = v
  return { ...rest, salaryMinFen: salaryMin * 100, salaryMaxFen: salaryMax * 100 }
}

function replaceTargets(tx: Queryable, vacancyId: number, targets: string[]) {
  tx.delete(vacancyTargets).where(eq(vacancyTargets.vacancyId, vacancyId)).run()
  if (targets.length > 0)
    tx.insert(vacancyTargets)
      .values(targets.map((countyCode) => ({ vacancyId, countyCode })))
      .run()
}

/** The employer must be this bureau's own; otherwise the form is refused as if it did not exist. */
/**
 * Why the actor's bureau cannot put a post under `employerId` — another bureau's or no such employer, or an
 * archived one (issue 11 §2: archived employers get no new posts, `allowArchived` keeps an existing post's
 * own employer) — as a Failure beside employerId, or null when it can.
 */
function employerRefusal(tx: Queryable, actor: Actor, employerId: number, { allowArchived = false } = {}) {
  const employer = findOwned(tx, employers, actor, employerId, { id: employers.id, archivedAt: employers.archivedAt })
  if (!employer) return failure(NOT_OWN_EMPLOYER, { field: 'employerId' })
  if (employer.archivedAt != null && !allowArchived) return failure(ARCHIVED_EMPLOYER, { field: 'employerId' })
  return null
}

/** The county codes a post is open to (its targets). */
function listTargetCodes(q: Queryable, vacancyId: number) {
  return q
    .select({ countyCode: vacancyTargets.countyCode })
    .from(vacancyTargets)
    .where(eq(vacancyTargets.vacancyId, vacancyId))
    .all()
    .map((t) => t.countyCode)
}

const NOT_OWN_EMPLOYER = '请选择本局的用人单位'
const ARCHIVED_EMPLOYER = '该单位已归档，请先在“用人单位”中恢复，或选择其他单位'

/** A new draft post of the actor's bureau, in its city. Refuses another bureau's or an archived employer (beside employerId). */
export function createVacancy(actor: Actor, values: VacancyValues): Result<{ id: number }> {
  return writeTransaction((tx) => {
    const refused = employerRefusal(tx, actor, values.employerId)
    if (refused) return refused
    const { id } = tx
      .insert(vacancies)
      .values({ ...columnsOf(values), organisationId: actor.organisationId, cityCode: actor.areaCode, status: 'draft', createdByUserId: actor.userId })
      .returning({ id: vacancies.id })
      .get()
    replaceTargets(tx, id, values.targets)
    indexVacancy(tx, id)
    writeActorAudit(tx, actor, { action: 'vacancy.create', entity: 'vacancy', entityId: id })
    return { ok: true as const, id }
  })
}

/** Edits a draft or published post of this bureau; null when it is not this bureau's (→ 404). */
export function updateVacancy(actor: Actor, id: number, values: VacancyValues): Result<{ id: number }> | null {
  return writeTransaction((tx) => {
    const current = findOwned(tx, vacancies, actor, id)
    if (!current) return null
    if (!canEditVacancy(current.status)) return failure('已关闭或已招满的岗位不能再修改，可以复制后重新发布')
    const refused = employerRefusal(tx, actor, values.employerId, { allowArchived: values.employerId === current.employerId })
    if (refused) return refused
    tx.update(vacancies).set(columnsOf(values)).where(eq(vacancies.id, id)).run()
    replaceTargets(tx, id, values.targets)
    indexVacancy(tx, id)
    writeActorAudit(tx, actor, { action: 'vacancy.update', entity: 'vacancy', entityId: id })
    return { ok: true as const, id }
  })
}

/**
 * Publishes, closes or marks a post filled, following the state machine; null when the post is not
 * this bureau's. A post past its valid-until date cannot be published again without a new date.
 */
export function moveVacancy(actor: Actor, id: number, to: VacancyStatus, reason?: string | null): Result | null {
  return writeTransaction((tx) => {
    const current = findOwned(tx, vacancies, actor, id)
    if (!current) return null
    if (!canMoveVacancy(current.status, to)) return failure('当前状态下不能进行此操作')
    if (to === 'published' && current.validUntil < todayInShanghai()) return failure('有效期已过，请先修改有效期再发布')
    const now = new Date()
    tx.update(vacancies)
      .set(to === 'published' ? { status: to, publishedAt: now } : { status: to, closedAt: now, closeReason: reason ?? null })
      .where(eq(vacancies.id, id))
      .run()
    writeActorAudit(tx, actor, {
      action: `vacancy.${to === 'published' ? 'publish' : to === 'filled' ? 'fill' : 'close'}`,
      entity: 'vacancy',
      entityId: id,
      // Typed text may name people: it stays on the post (closeReason), the append-only log gets none.
      detail: { from: current.status, to, withReason: Boolean(reason) },
    })
    return { ok: true as const }
  })
}

/** A new draft with the same content (to republish a closed or expired post); null when not this bureau's. */
export function copyVacancy(actor: Actor, id: number, validUntil: string) {
  return writeTransaction((tx) => {
    const source = findOwned(tx, vacancies, actor, id)
    if (!source) return null
    const { id: _id, status: _s, publishedAt: _p, closedAt: _c, createdAt: _ca, updatedAt: _ua, copiedFromId: _cf, ...content } = source
    const { id: newId } = tx
      .insert(vacancies)
      .values({ ...content, status: 'draft', validUntil, copiedFromId: id, createdByUserId: actor.userId })
      .returning({ id: vacancies.id })
      .get()
    replaceTargets(tx, newId, listTargetCodes(tx, id))
    indexVacancy(tx, newId)
    writeActorAudit(tx, actor, { action: 'vacancy.copy', entity: 'vacancy', entityId: newId, detail: { from: id } })
    return { ok: true as const, id: newId }
  })
}

/**
 * Deletes a draft of the actor's bureau (issue 9 §5: a draft saved twice, or by mistake, must not stay on
 * the list for good). Only a draft: nobody outside the bureau has seen it and nothing hangs on it. Its
 * counties and search document go with it; a copy made from it keeps its content but no longer points
 * back to it. Audited (`vacancy.delete`, without the title: typed text stays off the append-only log).
 * Returns `{ ok: true }`, a 409 Failure for a post that is not a draft, or null when the post is not this
 * bureau's (→ 404).
 */
export function deleteDraftVacancy(actor: Actor, id: number): Result | null {
  return writeTransaction((tx) => {
    const current = findOwned(tx, vacancies, actor, id)
    if (!current) return null
    if (!mayDeleteVacancy(current.status)) return failure('只有草稿可以删除；已发布的岗位可以关闭', { status: 409 })
    tx.update(vacancies).set({ copiedFromId: null }).where(eq(vacancies.copiedFromId, id)).run()
    tx.delete(vacancies).where(eq(vacancies.id, id)).run()
    indexVacancy(tx, id)
    writeActorAudit(tx, actor, { action: 'vacancy.delete', entity: 'vacancy', entityId: id, detail: { from: 'draft' } })
    return { ok: true as const }
  })
}

/** One post of the actor's bureau with its targets and status today, or null (another bureau's answers like a missing one). */
export function getVacancyForBureau(actor: Actor, id: number) {
  const row = db
    .select({ vacancy: vacancies, employerName: employers.name })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(ownedRow(vacancies, actor, id))
    .get()
  if (!row) return null
  return { ...row, targets: listTargetCodes(db, id), status: effectiveStatus(row.vacancy.status, row.vacancy.validUntil, todayInShanghai()) }
}

/** The states a bureau's list and export filter by: the stored ones and `expired` (see effectiveStatus). */
export type BureauStatusFilter = VacancyStatus | 'expired'

/**
 * What the bureau's post list filters by: a state (null for all), search text ('' for none) and the
 * Shanghai month `YYYY-MM` the post was published in (published_at; null for any).
 */
export type BureauListFilters = { status: BureauStatusFilter | null; q?: string; published?: string | null }

/**
 * `limit` of the actor's posts from `offset` (all states, or one; those the search text finds, when
 * given; those published in a month, when given), newest change first — newest publication first with a
 * month —, each with its open report count, its applications (every status, read from the kept
 * county_application_counts: a few rows a post) and its status today: only the columns the list shows.
 * Count them with countVacanciesByStatus, or countVacanciesForBureau when searching or by month.
 */
export function listVacanciesForBureau(actor: Actor, filters: BureauListFilters, { limit, offset }: { limit: number; offset: number }) {
  const today = todayInShanghai()
  const where = bureauListWhere(actor.organisationId, filters, today)
  if (!where) return []
  // The page's ids first, in the order of the bureau's own index (no sort of its tens of thousands of
  // posts, an old page's offset skipped inside the index); then those rows, their employers and open
  // report counts. INDEXED BY: without statistics SQLite would take the board's status index and sort.
  const order = bureauListOrder(filters)
  const ids = db
    .select({ id: sql<number>`${vacancies.id}` })
    .from(bureauListSource(filters))
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset)
    .all()
    .map((r) => r.id)
  if (ids.length === 0) return []
  // Only what the list shows: a post's description and requirements are never read here.
  const rows = db
    .select({
      vacancy: {
        id: vacancies.id,
        title: vacancies.title,
        status: vacancies.status,
        publishedAt: vacancies.publishedAt,
        validUntil: vacancies.validUntil,
        headcount: vacancies.headcount,
        salaryMinFen: vacancies.salaryMinFen,
        salaryMaxFen: vacancies.salaryMaxFen,
      },
      employerName: employers.name,
      openReports: sql<number>`(select count(*) from ${vacancyReports} where ${vacancyReports.vacancyId} = ${vacancies.id} and ${vacancyReports.resolvedAt} is null)`,
      applications: keptApplicationCount(),
    })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    // The ids are the bureau's own (the query above): looked up by primary key.
    .where(inArray(vacancies.id, ids))
    .orderBy(...order)
    .all()
  return rows.map((r) => ({ ...r, status: effectiveStatus(r.vacancy.status, r.vacancy.validUntil, today) }))
}

/**
 * A post's applications in every status (the applicants page's 报名人员 total), summed from the kept
 * county_application_counts rows of the post (one per applicant county and status, by its primary key),
 * never by counting the post's applications.
 */
function keptApplicationCount() {
  return sql<number>`(select coalesce(sum(${countyApplicationCounts.n}), 0) from ${countyApplicationCounts} where ${countyApplicationCounts.vacancyId} = ${vacancies.id})`.mapWith(
    Number,
  )
}

// The public board is in ./vacancy-board.server.ts; its functions are re-exported here for the routes.
export { countPublicVacancies, getPublicVacancy, listPublicVacancies, listVacancyIdsOpenToCounty, searchPublicVacancies } from './vacancy-board.server'

// ——— The bureau's own pages (east) ———

/** Where a post's map point falls when staff give none (no JavaScript): the centre of the bureau's city. */
export function getCityCentre(cityCode: string) {
  const row = db.select({ name: areas.name, lat: areas.lat, lng: areas.lng }).from(areas).where(eq(areas.code, cityCode)).get()
  if (!row || row.lat == null || row.lng == null) return null
  return { name: row.name, lat: row.lat, lng: row.lng }
}

function statusFilterConditions(organisationId: number, { status, published = null }: BureauListFilters, today: string) {
  const conditions: SQL[] = [eq(vacancies.organisationId, organisationId)]
  if (published) {
    // Published in the month (Asia/Shanghai), whatever its state now: the dashboard's 发布岗位 (issue 15 §5).
    const [from, to] = shanghaiMonthRange(published)
    conditions.push(sql`${vacancies.publishedAt} >= ${from.getTime()} and ${vacancies.publishedAt} < ${to.getTime()}`)
  }
  if (status === 'expired') conditions.push(isExpiredVacancy(today))
  else if (status === 'published') conditions.push(isOpenVacancy(today))
  else if (status) conditions.push(eq(vacancies.status, status))
  return and(...conditions)
}

/**
 * The bureau's own index, in the list's order: a month's publications when one is asked for (the state,
 * when also asked for, is checked in that index), else by state when one is asked for, else all.
 */
function bureauListSource({ status, published }: BureauListFilters) {
  if (published) return sql`${vacancies} indexed by vacancies_org_published_idx`
  return status ? sql`${vacancies} indexed by vacancies_org_status_updated_idx` : sql`${vacancies} indexed by vacancies_org_updated_idx`
}

/** The list's order: newest publication first for a month's posts, else newest change first. */
function bureauListOrder({ published }: BureauListFilters) {
  return published ? [desc(vacancies.publishedAt), desc(vacancies.id)] : [desc(vacancies.updatedAt), desc(vacancies.id)]
}

/**
 * The WHERE of the bureau's list, or null when the search text can match nothing. Search text is the
 * public board's (vacancy_search, which holds every post in every state, drafts and closed ones too:
 * title, employer, industry, requirements and places): its hits are read once into a list the bureau's
 * own index range is checked against, so a search costs the bureau's range and the hits, never a scan
 * of the posts' text (issue 11 §7).
 */
function bureauListWhere(organisationId: number, filters: BureauListFilters, today: string) {
  const q = filters.q ?? ''
  const match = searchQuery(q)
  if (q.trim() !== '' && !match) return null
  const where = statusFilterConditions(organisationId, filters, today)
  return match ? and(where, sql`${vacancies.id} in (select rowid from vacancy_search where vacancy_search match ${match})`)! : where
}

/**
 * How many of the actor's bureau's posts the search text finds, or were published in the month, in each
 * state today (the tabs while searching or by month) and `all`: one grouped pass over the bureau's index
 * range — all its posts checked against the search hits, or the month's publications — bounded by the
 * bureau's posts. Without either, countVacanciesByStatus reads the kept counts.
 */
export function countVacanciesForBureau(actor: Actor, { q = '', published = null }: { q?: string; published?: string | null }) {
  const today = todayInShanghai()
  const counts: Record<BureauStatusFilter, number> = { draft: 0, published: 0, expired: 0, closed: 0, filled: 0 }
  const where = bureauListWhere(actor.organisationId, { status: null, q, published }, today)
  if (!where) return { ...counts, all: 0 }
  const expired = sql<number>`${isExpiredVacancy(today)}`.mapWith(Boolean)
  const rows = db
    // Expressions, not the columns: drizzle cannot see that the source is the vacancies table.
    .select({ status: sql<VacancyStatus>`${vacancies.status}`, expired, n: count() })
    // Both indexes hold status and valid-until: the count reads no post row.
    .from(published ? sql`${vacancies} indexed by vacancies_org_published_idx` : sql`${vacancies} indexed by vacancies_org_status_updated_idx`)
    .where(where)
    .groupBy(vacancies.status, expired)
    .all()
  for (const r of rows) counts[r.expired ? 'expired' : r.status] += r.n
  return { ...counts, all: rows.reduce((sum, r) => sum + r.n, 0) }
}

/**
 * How many of the actor's bureau's posts are in each state today (the list's tabs), and `all`. Read from
 * the kept counts (bureau_post_counts by stored status, bureau_open_posts by valid-until day for the
 * published posts already past their day, 已过期), not by counting the posts: a few dozen rows a view.
 */
export function countVacanciesByStatus(actor: Actor) {
  const stored = db
    .select({ status: bureauPostCounts.status, n: bureauPostCounts.posts })
    .from(bureauPostCounts)
    .where(eq(bureauPostCounts.organisationId, actor.organisationId))
    .all()
  const expired =
    db
      .select({ n: sql<number>`coalesce(sum(${bureauOpenPosts.posts}), 0)` })
      .from(bureauOpenPosts)
      .where(and(eq(bureauOpenPosts.organisationId, actor.organisationId), lt(bureauOpenPosts.validUntil, todayInShanghai())))
      .get()?.n ?? 0
  const counts: Record<BureauStatusFilter, number> = { draft: 0, published: 0, expired, closed: 0, filled: 0 }
  for (const r of stored) if (r.status in counts) counts[r.status as BureauStatusFilter] += r.n
  counts.published -= expired
  return { ...counts, all: stored.reduce((sum, r) => sum + r.n, 0) }
}

/** Applications and unresolved reports of one of the actor's bureau's posts (zero for anyone else's). */
export function getVacancyActivity(actor: Actor, vacancyId: number) {
  const own = ownedRow(vacancies, actor, vacancyId)
  const applied = db.select({ n: count() }).from(applications).innerJoin(vacancies, eq(vacancies.id, applications.vacancyId)).where(own).get()?.n ?? 0
  const reports =
    db
      .select({ n: count() })
      .from(vacancyReports)
      .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
      .where(and(own, sql`${vacancyReports.resolvedAt} is null`))
      .get()?.n ?? 0
  return { applications: applied, openReports: reports }
}

/** The audit trail of one of the actor's bureau's posts, oldest first. */
export function listVacancyHistory(actor: Actor, vacancyId: number) {
  return db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, reason: auditLog.reason, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entity, 'vacancy'), eq(auditLog.entityId, String(vacancyId)), eq(auditLog.organisationId, actor.organisationId)))
    .orderBy(asc(auditLog.id))
    .all()
}

/**
 * Every post of the actor's bureau in a state (all when null) and published in a month (any when null)
 * for the xlsx export, in the list's order, each with its application count and status today. Yields the
 * rows a chunk at a time, so an export of any size is never all in memory.
 */
export function listVacanciesForExport(actor: Actor, { status, published = null }: BureauListFilters) {
  const today = todayInShanghai()
  const filters = { status, published }
  const ids = db
    .select({ id: sql<number>`${vacancies.id}` })
    .from(published ? bureauListSource(filters) : sql`${vacancies}`)
    .where(statusFilterConditions(actor.organisationId, filters, today))
    .orderBy(...bureauListOrder(filters))
    .all()
    .map((r) => r.id)
  const read = (chunk: number[]) =>
    db
      .select({
        vacancy: vacancies,
        employerName: employers.name,
        applications: keptApplicationCount(),
      })
      .from(vacancies)
      .innerJoin(employers, eq(employers.id, vacancies.employerId))
      .where(inArray(vacancies.id, chunk))
      .all()
      .map((r) => ({ ...r, status: effectiveStatus(r.vacancy.status, r.vacancy.validUntil, today) }))
  return readInChunks(ids, read, (r) => r.vacancy.id)
}

export type VacancyExportRow = ReturnType<typeof listVacanciesForExport> extends Iterable<infer R> ? R : never

export type { SelectVacancy }
