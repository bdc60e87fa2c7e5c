import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import {
  applications,
  areas,
  auditLog,
  employers,
  users,
  vacancies,
  vacancyReports,
  vacancyTargets,
  type SelectVacancy,
  type VacancyStatus,
} from '../../db/schema'
import { searchDocument, searchQuery } from '~/rules/cjk-search'
import { todayInShanghai } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { canEditVacancy, canMoveVacancy, effectiveStatus, vacancySearchFields, type VacancyValues } from '~/rules/vacancy'
import { writeAudit } from '~/utils/audit.server'
import type { BoardFilters, BoardQuery } from '~/utils/board-query.server'
import { db, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { readInChunks } from '~/utils/chunks.server'

/**
 * Open today: published and not past its valid-until day — the SQL side of effectiveStatus() in
 * app/rules/vacancy.ts, so lists and counts agree with what each page shows.
 */
export function isOpenVacancy(today: string) {
  return and(eq(vacancies.status, 'published'), gte(vacancies.validUntil, today))!
}

function isExpiredVacancy(today: string) {
  return and(eq(vacancies.status, 'published'), lt(vacancies.validUntil, today))!
}

/** Rewrites a post's search document (title, employer, industry, requirements) — same transaction as the change. */
export function indexVacancy(tx: Queryable, vacancyId: number) {
  const row = tx
    .select({ title: vacancies.title, industry: vacancies.industry, requirements: vacancies.requirements, employer: employers.name })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(eq(vacancies.id, vacancyId))
    .get()
  tx.run(sql`delete from vacancy_search where rowid = ${vacancyId}`)
  if (!row) return
  const doc = searchDocument(...vacancySearchFields({ ...row, employerName: row.employer }))
  tx.run(sql`insert into vacancy_search (rowid, uni, bi) values (${vacancyId}, ${doc.uni}, ${doc.bi})`)
}

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
function ownsEmployer(tx: Queryable, organisationId: number, employerId: number) {
  return (
    tx
      .select({ id: employers.id })
      .from(employers)
      .where(and(eq(employers.id, employerId), eq(employers.organisationId, organisationId)))
      .get() != null
  )
}

const NOT_OWN_EMPLOYER = '请选择本局的用人单位'

/** A new draft post of the actor's bureau, in its city. Refuses another bureau's employer (beside employerId). */
export function createVacancy(actor: Actor, values: VacancyValues): Result<{ id: number }> {
  return writeTransaction((tx) => {
    if (!ownsEmployer(tx, actor.organisationId, values.employerId)) return failure(NOT_OWN_EMPLOYER, { field: 'employerId' })
    const { id } = tx
      .insert(vacancies)
      .values({ ...columnsOf(values), organisationId: actor.organisationId, cityCode: actor.areaCode, status: 'draft', createdByUserId: actor.userId })
      .returning({ id: vacancies.id })
      .get()
    replaceTargets(tx, id, values.targets)
    indexVacancy(tx, id)
    writeAudit(tx, { actorUserId: actor.userId, organisationId: actor.organisationId, action: 'vacancy.create', entity: 'vacancy', entityId: id, ip: actor.ip })
    return { ok: true as const, id }
  })
}

/** Edits a draft or published post of this bureau; null when it is not this bureau's (→ 404). */
export function updateVacancy(actor: Actor, id: number, values: VacancyValues): Result<{ id: number }> | null {
  return writeTransaction((tx) => {
    const current = getOwnVacancy(tx, actor.organisationId, id)
    if (!current) return null
    if (!canEditVacancy(current.status)) return failure('已关闭或已招满的岗位不能再修改，可以复制后重新发布')
    if (!ownsEmployer(tx, actor.organisationId, values.employerId)) return failure(NOT_OWN_EMPLOYER, { field: 'employerId' })
    tx.update(vacancies).set(columnsOf(values)).where(eq(vacancies.id, id)).run()
    replaceTargets(tx, id, values.targets)
    indexVacancy(tx, id)
    writeAudit(tx, { actorUserId: actor.userId, organisationId: actor.organisationId, action: 'vacancy.update', entity: 'vacancy', entityId: id, ip: actor.ip })
    return { ok: true as const, id }
  })
}

function getOwnVacancy(tx: Queryable, organisationId: number, id: number) {
  return (
    tx
      .select()
      .from(vacancies)
      .where(and(eq(vacancies.id, id), eq(vacancies.organisationId, organisationId)))
      .get() ?? null
  )
}

/**
 * Publishes, closes or marks a post filled, following the state machine; null when the post is not
 * this bureau's. A post past its valid-until date cannot be published again without a new date.
 */
export function moveVacancy(actor: Actor, id: number, to: VacancyStatus, reason?: string | null): Result | null {
  return writeTransaction((tx) => {
    const current = getOwnVacancy(tx, actor.organisationId, id)
    if (!current) return null
    if (!canMoveVacancy(current.status, to)) return failure('当前状态下不能进行此操作')
    if (to === 'published' && current.validUntil < todayInShanghai()) return failure('有效期已过，请先修改有效期再发布')
    const now = new Date()
    tx.update(vacancies)
      .set(to === 'published' ? { status: to, publishedAt: now } : { status: to, closedAt: now, closeReason: reason ?? null })
      .where(eq(vacancies.id, id))
      .run()
    writeAudit(tx, {
      actorUserId: actor.userId,
      organisationId: actor.organisationId,
      action: `vacancy.${to === 'published' ? 'publish' : to === 'filled' ? 'fill' : 'close'}`,
      entity: 'vacancy',
      entityId: id,
      // Typed text may name people: it stays on the post (closeReason), the append-only log gets none.
      detail: { from: current.status, to, withReason: Boolean(reason) },
      ip: actor.ip,
    })
    return { ok: true as const }
  })
}

/** A new draft with the same content (to republish a closed or expired post); null when not this bureau's. */
export function copyVacancy(actor: Actor, id: number, validUntil: string) {
  return writeTransaction((tx) => {
    const source = getOwnVacancy(tx, actor.organisationId, id)
    if (!source) return null
    const { id: _id, status: _s, publishedAt: _p, closedAt: _c, createdAt: _ca, updatedAt: _ua, copiedFromId: _cf, ...content } = source
    const { id: newId } = tx
      .insert(vacancies)
      .values({ ...content, status: 'draft', validUntil, copiedFromId: id, createdByUserId: actor.userId })
      .returning({ id: vacancies.id })
      .get()
    const targets = tx.select({ countyCode: vacancyTargets.countyCode }).from(vacancyTargets).where(eq(vacancyTargets.vacancyId, id)).all()
    replaceTargets(
      tx,
      newId,
      targets.map((t) => t.countyCode),
    )
    indexVacancy(tx, newId)
    writeAudit(tx, {
      actorUserId: actor.userId,
      organisationId: actor.organisationId,
      action: 'vacancy.copy',
      entity: 'vacancy',
      entityId: newId,
      detail: { from: id },
      ip: actor.ip,
    })
    return { ok: true as const, id: newId }
  })
}

/** One post of the actor's bureau with its targets and status today, or null (another bureau's answers like a missing one). */
export function getVacancyForBureau(actor: Actor, id: number) {
  const row = db
    .select({ vacancy: vacancies, employerName: employers.name })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(and(eq(vacancies.id, id), eq(vacancies.organisationId, actor.organisationId)))
    .get()
  if (!row) return null
  const targets = db
    .select({ countyCode: vacancyTargets.countyCode })
    .from(vacancyTargets)
    .where(eq(vacancyTargets.vacancyId, id))
    .all()
    .map((t) => t.countyCode)
  return { ...row, targets, status: effectiveStatus(row.vacancy.status, row.vacancy.validUntil, todayInShanghai()) }
}

/** The states a bureau's list and export filter by: the stored ones and `expired` (see effectiveStatus). */
export type BureauStatusFilter = VacancyStatus | 'expired'

/**
 * `limit` of the actor's posts from `offset` (all states, or one), newest first, each with its open
 * report count and its status today. Count them with countVacanciesByStatus.
 */
export function listVacanciesForBureau(actor: Actor, { status }: { status: BureauStatusFilter | null }, { limit, offset }: { limit: number; offset: number }) {
  const today = todayInShanghai()
  const where = statusFilterConditions(actor.organisationId, status, today)
  const openReports = db
    .select({ vacancyId: vacancyReports.vacancyId, n: count().as('n') })
    .from(vacancyReports)
    .where(sql`${vacancyReports.resolvedAt} is null`)
    .groupBy(vacancyReports.vacancyId)
    .as('open_reports')
  const rows = db
    .select({ vacancy: vacancies, employerName: employers.name, openReports: sql<number>`coalesce(${openReports.n}, 0)` })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .leftJoin(openReports, eq(openReports.vacancyId, vacancies.id))
    .where(where)
    .orderBy(desc(vacancies.updatedAt), desc(vacancies.id))
    .limit(limit)
    .offset(offset)
    .all()
  return rows.map((r) => ({ ...r, status: effectiveStatus(r.vacancy.status, r.vacancy.validUntil, today) }))
}

// ——— The public board ———

const city = alias(areas, 'city')

// The board's two covering indexes (db/schema.ts) hold every column its filters and sorts read, so the
// count and the choice of a page never touch the wide table rows; only the rows shown are read in full
// (a deferred join). INDEXED BY pins each plan — SQLite's stated purpose for it: a time-critical query
// must not silently change plan. Left to itself, with or without ANALYZE statistics, the planner chose
// indexes that read every matching table row (35–40 ms at 100,000 posts). With search text the FTS
// hits drive the query, each checked through the id-led index (hits come in rowid order, so even a
// word in a third of all posts is cheaper this way than a scan); without text the open posts are
// scanned in the filter index. scripts/bench-board.ts measures both (docs/decisions/008-chinese-search.md).
const BOARD_FILTER_SOURCE = sql`${vacancies} indexed by vacancies_board_filter_idx`
const BOARD_LOOKUP_SOURCE = sql`${vacancies} indexed by vacancies_board_lookup_idx`

/** The WHERE of a board query and the index it reads; null when the search text can match nothing. */
function boardWhere(filters: BoardFilters) {
  const conditions: SQL[] = [isOpenVacancy(todayInShanghai())]
  const match = searchQuery(filters.q)
  if (filters.q.trim() !== '' && !match) return null
  if (match) conditions.push(sql`${vacancies.id} in (select rowid from vacancy_search where vacancy_search match ${match})`)
  if (filters.city) conditions.push(eq(vacancies.cityCode, filters.city))
  if (filters.industry) conditions.push(eq(vacancies.industry, filters.industry))
  if (filters.minSalary) conditions.push(gte(vacancies.salaryMaxFen, filters.minSalary * 100))
  if (filters.meals) conditions.push(eq(vacancies.providesMeals, true))
  if (filters.housing) conditions.push(eq(vacancies.providesHousing, true))
  if (filters.countyCode) {
    conditions.push(
      sql`${vacancies.id} in (select ${vacancyTargets.vacancyId} from ${vacancyTargets} where ${vacancyTargets.countyCode} = ${filters.countyCode})`,
    )
  }
  return { where: and(...conditions), source: match ? BOARD_LOOKUP_SOURCE : BOARD_FILTER_SOURCE }
}

/** How many open posts match the board's filters. */
export function countPublicVacancies(filters: BoardFilters) {
  const board = boardWhere(filters)
  if (!board) return 0
  return db.select({ n: count() }).from(board.source).where(board.where).get()?.n ?? 0
}

/** `limit` open posts matching the board's filters from `offset`, in the board's order. No personal data. */
export function listPublicVacancies(filters: BoardFilters, { limit, offset }: { limit: number; offset: number }) {
  const board = boardWhere(filters)
  if (!board) return []
  const order = filters.sort === 'salary' ? [desc(vacancies.salaryMaxFen), desc(vacancies.id)] : [desc(vacancies.publishedAt), desc(vacancies.id)]
  const page = db
    // An expression, not the column: drizzle cannot see that `source` is the vacancies table.
    .select({ id: sql<number>`${vacancies.id}`.as('page_id') })
    .from(board.source)
    .where(board.where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset)
    .as('page')
  return db
    .select({
      id: vacancies.id,
      title: vacancies.title,
      industry: vacancies.industry,
      headcount: vacancies.headcount,
      salaryMinFen: vacancies.salaryMinFen,
      salaryMaxFen: vacancies.salaryMaxFen,
      providesMeals: vacancies.providesMeals,
      providesHousing: vacancies.providesHousing,
      address: vacancies.address,
      validUntil: vacancies.validUntil,
      publishedAt: vacancies.publishedAt,
      employerName: employers.name,
      cityCode: vacancies.cityCode,
      cityName: city.name,
    })
    .from(page)
    .innerJoin(vacancies, eq(vacancies.id, page.id))
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .innerJoin(city, eq(city.code, vacancies.cityCode))
    .orderBy(...order)
    .all()
}

/**
 * Open posts only (published, not past their valid-until day): the total and page `query.page` as
 * asked, not clamped — the feed answers an empty page past the end, so a program paging until it gets
 * nothing stops. The board page clamps with paginate (utils/list.ts) over count/listPublicVacancies.
 */
export function searchPublicVacancies(query: BoardQuery) {
  const total = countPublicVacancies(query)
  const rows = total === 0 ? [] : listPublicVacancies(query, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize })
  return { total, rows }
}

/** One post for the public page: any state (an old link shows it closed), never a draft. */
export function getPublicVacancy(id: number) {
  const row = db
    .select({ vacancy: vacancies, employerName: employers.name, employerIndustry: employers.industry, cityName: city.name })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .innerJoin(city, eq(city.code, vacancies.cityCode))
    .where(and(eq(vacancies.id, id), sql`${vacancies.status} <> 'draft'`))
    .get()
  if (!row) return null
  const targets = db
    .select({ code: areas.code, name: areas.name })
    .from(vacancyTargets)
    .innerJoin(areas, eq(areas.code, vacancyTargets.countyCode))
    .where(eq(vacancyTargets.vacancyId, id))
    .all()
  return { ...row, targets, status: effectiveStatus(row.vacancy.status, row.vacancy.validUntil, todayInShanghai()) }
}

/** Which of these posts are open to a county (their targets include it), so the board can mark the rest. */
export function listVacancyIdsOpenToCounty(countyCode: string, ids: number[]) {
  if (ids.length === 0) return new Set<number>()
  const rows = db
    .select({ id: vacancyTargets.vacancyId })
    .from(vacancyTargets)
    .where(and(eq(vacancyTargets.countyCode, countyCode), inArray(vacancyTargets.vacancyId, ids)))
    .all()
  return new Set(rows.map((r) => r.id))
}

// ——— The bureau's own pages (east) ———

/** Where a post's map point falls when staff give none (no JavaScript): the centre of the bureau's city. */
export function getCityCentre(cityCode: string) {
  const row = db.select({ name: areas.name, lat: areas.lat, lng: areas.lng }).from(areas).where(eq(areas.code, cityCode)).get()
  if (!row || row.lat == null || row.lng == null) return null
  return { name: row.name, lat: row.lat, lng: row.lng }
}

function statusFilterConditions(organisationId: number, status: BureauStatusFilter | null, today: string) {
  const conditions: SQL[] = [eq(vacancies.organisationId, organisationId)]
  if (status === 'expired') conditions.push(isExpiredVacancy(today))
  else if (status === 'published') conditions.push(isOpenVacancy(today))
  else if (status) conditions.push(eq(vacancies.status, status))
  return and(...conditions)
}

/** How many of the actor's bureau's posts are in each state today (the list's tabs), and `all`. */
export function countVacanciesByStatus(actor: Actor) {
  const today = todayInShanghai()
  const rows = db
    .select({
      status: sql<BureauStatusFilter>`case when ${vacancies.status} = 'published' and ${vacancies.validUntil} < ${today} then 'expired' else ${vacancies.status} end`,
      n: count(),
    })
    .from(vacancies)
    .where(eq(vacancies.organisationId, actor.organisationId))
    .groupBy(sql`1`)
    .all()
  const counts: Record<BureauStatusFilter, number> = { draft: 0, published: 0, expired: 0, closed: 0, filled: 0 }
  for (const r of rows) if (r.status in counts) counts[r.status] = r.n
  return { ...counts, all: rows.reduce((sum, r) => sum + r.n, 0) }
}

/** Applications and unresolved reports of one of the actor's bureau's posts (zero for anyone else's). */
export function getVacancyActivity(actor: Actor, vacancyId: number) {
  const own = and(eq(vacancies.id, vacancyId), eq(vacancies.organisationId, actor.organisationId))
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
 * Every post of the actor's bureau in a state (all when null) for the xlsx export, newest change first,
 * each with its application count and status today. Yields the rows a chunk at a time, so an export of
 * any size is never all in memory.
 */
export function listVacanciesForExport(actor: Actor, status: BureauStatusFilter | null) {
  const today = todayInShanghai()
  const ids = db
    .select({ id: vacancies.id })
    .from(vacancies)
    .where(statusFilterConditions(actor.organisationId, status, today))
    .orderBy(desc(vacancies.updatedAt), desc(vacancies.id))
    .all()
    .map((r) => r.id)
  const read = (chunk: number[]) =>
    db
      .select({
        vacancy: vacancies,
        employerName: employers.name,
        applications: sql<number>`(select count(*) from ${applications} where ${applications.vacancyId} = ${vacancies.id})`,
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
