import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { applications, areas, auditLog, employers, users, vacancies, vacancyReports, vacancyTargets, type SelectVacancy, type VacancyStatus } from '../../db/schema'
import { searchDocument, searchQuery } from '~/rules/cjk-search'
import { todayInShanghai } from '~/rules/dates'
import { canEditVacancy, canMoveVacancy, effectiveStatus, vacancySearchFields, type Industry, type VacancyInput } from '~/rules/vacancy'
import { writeAudit } from '~/utils/audit.server'
import { db, writeTransaction, type Queryable } from '~/utils/db.server'

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

/** A bureau acting: its organisation and city, for tenancy and the audit trail. */
export type BureauActor = { userId: number; organisationId: number; cityCode: string; ip: string | null }

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

export type VacancyValues = Omit<VacancyInput, 'lat' | 'lng' | 'targets' | 'salaryMin' | 'salaryMax' | 'employerId' | 'title' | 'headcount' | 'address' | 'contactName'> & {
  employerId: number
  title: string
  headcount: number
  salaryMin: number
  salaryMax: number
  address: string
  contactName: string
  lat: number
  lng: number
  targets: string[]
}

function columnsOf(v: VacancyValues) {
  const { salaryMin, salaryMax, targets: _targets, ...rest } = v
  return { ...rest, salaryMinFen: salaryMin * 100, salaryMaxFen: salaryMax * 100 }
}

function replaceTargets(tx: Queryable, vacancyId: number, targets: string[]) {
  tx.delete(vacancyTargets).where(eq(vacancyTargets.vacancyId, vacancyId)).run()
  if (targets.length > 0) tx.insert(vacancyTargets).values(targets.map((countyCode) => ({ vacancyId, countyCode }))).run()
}

/** The employer must be this bureau's own; otherwise the form is refused as if it did not exist. */
function ownsEmployer(tx: Queryable, organisationId: number, employerId: number) {
  return tx.select({ id: employers.id }).from(employers).where(and(eq(employers.id, employerId), eq(employers.organisationId, organisationId))).get() != null
}

export type VacancyWriteResult = { ok: true; id: number } | { ok: false; field: string; message: string }

export function createVacancy(actor: BureauActor, values: VacancyValues): VacancyWriteResult {
  return writeTransaction((tx) => {
    if (!ownsEmployer(tx, actor.organisationId, values.employerId)) return { ok: false, field: 'employerId', message: '请选择本局的用人单位' }
    const { id } = tx
      .insert(vacancies)
      .values({ ...columnsOf(values), organisationId: actor.organisationId, cityCode: actor.cityCode, status: 'draft', createdByUserId: actor.userId })
      .returning({ id: vacancies.id })
      .get()
    replaceTargets(tx, id, values.targets)
    indexVacancy(tx, id)
    writeAudit(tx, { actorUserId: actor.userId, organisationId: actor.organisationId, action: 'vacancy.create', entity: 'vacancy', entityId: id, ip: actor.ip })
    return { ok: true, id }
  })
}

/** Edits a draft or published post of this bureau; null when it is not this bureau's (→ 404). */
export function updateVacancy(actor: BureauActor, id: number, values: VacancyValues): VacancyWriteResult | null {
  return writeTransaction((tx) => {
    const current = getOwnVacancy(tx, actor.organisationId, id)
    if (!current) return null
    if (!canEditVacancy(current.status)) return { ok: false, field: '', message: '已关闭或已招满的岗位不能再修改，可以复制后重新发布' }
    if (!ownsEmployer(tx, actor.organisationId, values.employerId)) return { ok: false, field: 'employerId', message: '请选择本局的用人单位' }
    tx.update(vacancies).set(columnsOf(values)).where(eq(vacancies.id, id)).run()
    replaceTargets(tx, id, values.targets)
    indexVacancy(tx, id)
    writeAudit(tx, { actorUserId: actor.userId, organisationId: actor.organisationId, action: 'vacancy.update', entity: 'vacancy', entityId: id, ip: actor.ip })
    return { ok: true, id }
  })
}

function getOwnVacancy(tx: Queryable, organisationId: number, id: number) {
  return tx.select().from(vacancies).where(and(eq(vacancies.id, id), eq(vacancies.organisationId, organisationId))).get() ?? null
}

/**
 * Publishes, closes or marks a post filled, following the state machine; null when the post is not
 * this bureau's. A post past its valid-until date cannot be published again without a new date.
 */
export function moveVacancy(actor: BureauActor, id: number, to: VacancyStatus, reason?: string | null) {
  return writeTransaction((tx) => {
    const current = getOwnVacancy(tx, actor.organisationId, id)
    if (!current) return null
    if (!canMoveVacancy(current.status, to)) return { ok: false as const, message: '当前状态下不能进行此操作' }
    if (to === 'published' && current.validUntil < todayInShanghai()) return { ok: false as const, message: '有效期已过，请先修改有效期再发布' }
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
export function copyVacancy(actor: BureauActor, id: number, validUntil: string) {
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
    replaceTargets(tx, newId, targets.map((t) => t.countyCode))
    indexVacancy(tx, newId)
    writeAudit(tx, { actorUserId: actor.userId, organisationId: actor.organisationId, action: 'vacancy.copy', entity: 'vacancy', entityId: newId, detail: { from: id }, ip: actor.ip })
    return { ok: true as const, id: newId }
  })
}

/** One post of this bureau with its targets and open reports, or null. */
export function getVacancyForBureau(organisationId: number, id: number) {
  const row = db
    .select({ vacancy: vacancies, employerName: employers.name })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(and(eq(vacancies.id, id), eq(vacancies.organisationId, organisationId)))
    .get()
  if (!row) return null
  const targets = db.select({ countyCode: vacancyTargets.countyCode }).from(vacancyTargets).where(eq(vacancyTargets.vacancyId, id)).all().map((t) => t.countyCode)
  return { ...row, targets, status: effectiveStatus(row.vacancy.status, row.vacancy.validUntil, todayInShanghai()) }
}

const STATUS_FILTERS = ['draft', 'published', 'expired', 'closed', 'filled'] as const
export type BureauStatusFilter = (typeof STATUS_FILTERS)[number]

export function isBureauStatusFilter(v: string | null): v is BureauStatusFilter {
  return v != null && (STATUS_FILTERS as readonly string[]).includes(v)
}

/** A bureau's posts (all states), newest first, with open report counts. */
export function listVacanciesForBureau(organisationId: number, { status, page, pageSize }: { status: BureauStatusFilter | null; page: number; pageSize: number }) {
  const today = todayInShanghai()
  const where = statusFilterConditions(organisationId, status, today)
  const total = db.select({ n: count() }).from(vacancies).where(where).get()?.n ?? 0
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
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all()
  return { total, rows: rows.map((r) => ({ ...r, status: effectiveStatus(r.vacancy.status, r.vacancy.validUntil, today) })) }
}

// ——— The public board ———

export type BoardQuery = {
  q: string
  city: string | null
  industry: Industry | null
  minSalary: number | null
  meals: boolean
  housing: boolean
  sort: 'newest' | 'salary'
  page: number
  pageSize: number
  /** Only posts open to this county (a worker's own), when set. */
  countyCode?: string | null
}

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

/** Open posts only: published and not past their valid-until day. No personal data. */
export function searchPublicVacancies(query: BoardQuery) {
  const today = todayInShanghai()
  const conditions: SQL[] = [isOpenVacancy(today)]
  const match = searchQuery(query.q)
  if (query.q.trim() !== '' && !match) return { total: 0, rows: [] }
  if (match) conditions.push(sql`${vacancies.id} in (select rowid from vacancy_search where vacancy_search match ${match})`)
  if (query.city) conditions.push(eq(vacancies.cityCode, query.city))
  if (query.industry) conditions.push(eq(vacancies.industry, query.industry))
  if (query.minSalary) conditions.push(gte(vacancies.salaryMaxFen, query.minSalary * 100))
  if (query.meals) conditions.push(eq(vacancies.providesMeals, true))
  if (query.housing) conditions.push(eq(vacancies.providesHousing, true))
  if (query.countyCode) {
    conditions.push(sql`${vacancies.id} in (select ${vacancyTargets.vacancyId} from ${vacancyTargets} where ${vacancyTargets.countyCode} = ${query.countyCode})`)
  }
  const where = and(...conditions)
  const source = match ? BOARD_LOOKUP_SOURCE : BOARD_FILTER_SOURCE
  const total = db.select({ n: count() }).from(source).where(where).get()?.n ?? 0
  const order = query.sort === 'salary' ? [desc(vacancies.salaryMaxFen), desc(vacancies.id)] : [desc(vacancies.publishedAt), desc(vacancies.id)]
  const page = db
    // An expression, not the column: drizzle cannot see that `source` is the vacancies table.
    .select({ id: sql<number>`${vacancies.id}`.as('page_id') })
    .from(source)
    .where(where)
    .orderBy(...order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .as('page')
  const rows = db
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

/** How many of a bureau's posts are in each state today (the list's tabs). */
export function countVacanciesByStatus(organisationId: number) {
  const today = todayInShanghai()
  const rows = db
    .select({
      status: sql<BureauStatusFilter>`case when ${vacancies.status} = 'published' and ${vacancies.validUntil} < ${today} then 'expired' else ${vacancies.status} end`,
      n: count(),
    })
    .from(vacancies)
    .where(eq(vacancies.organisationId, organisationId))
    .groupBy(sql`1`)
    .all()
  const counts: Record<BureauStatusFilter, number> = { draft: 0, published: 0, expired: 0, closed: 0, filled: 0 }
  for (const r of rows) if (isBureauStatusFilter(r.status)) counts[r.status] = r.n
  return { ...counts, all: rows.reduce((sum, r) => sum + r.n, 0) }
}

/** Applications and unresolved reports of one of this bureau's posts (zero for anyone else's). */
export function getVacancyActivity(organisationId: number, vacancyId: number) {
  const own = and(eq(vacancies.id, vacancyId), eq(vacancies.organisationId, organisationId))
  const applied = db.select({ n: count() }).from(applications).innerJoin(vacancies, eq(vacancies.id, applications.vacancyId)).where(own).get()?.n ?? 0
  const reports = db
    .select({ n: count() })
    .from(vacancyReports)
    .innerJoin(vacancies, eq(vacancies.id, vacancyReports.vacancyId))
    .where(and(own, sql`${vacancyReports.resolvedAt} is null`))
    .get()?.n ?? 0
  return { applications: applied, openReports: reports }
}

/** The audit trail of one of the bureau's posts, oldest first. */
export function listVacancyHistory(organisationId: number, vacancyId: number) {
  return db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, reason: auditLog.reason, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entity, 'vacancy'), eq(auditLog.entityId, String(vacancyId)), eq(auditLog.organisationId, organisationId)))
    .orderBy(asc(auditLog.id))
    .all()
}

/** Every post of a bureau in a state (all when null) for the xlsx export, with its application count. */
export function listVacanciesForExport(organisationId: number, status: BureauStatusFilter | null) {
  const today = todayInShanghai()
  const applied = db
    .select({ vacancyId: applications.vacancyId, n: count().as('n') })
    .from(applications)
    .groupBy(applications.vacancyId)
    .as('applied')
  const rows = db
    .select({ vacancy: vacancies, employerName: employers.name, applications: sql<number>`coalesce(${applied.n}, 0)` })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .leftJoin(applied, eq(applied.vacancyId, vacancies.id))
    .where(statusFilterConditions(organisationId, status, today))
    .orderBy(desc(vacancies.updatedAt), desc(vacancies.id))
    .all()
  return rows.map((r) => ({ ...r, status: effectiveStatus(r.vacancy.status, r.vacancy.validUntil, today) }))
}

export type { SelectVacancy }
