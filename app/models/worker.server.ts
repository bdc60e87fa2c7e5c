import { and, desc, eq, inArray, isNotNull, isNull, like, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { areas, ledgerCounts, users, workers, type SelectWorker } from '../../db/schema'
import { maskNumbers, withMaskedNumbers } from '~/rules/masked-numbers'
import type { Actor } from '~/rules/permissions'
import { maskNumbersInText } from '~/rules/personal-numbers'
import type { LedgerValues } from '~/rules/registry'
import type { RegistryFilters, RegistrySearch } from '~/rules/registry-search'
import { isVerifiedWorker } from '~/rules/verification'
import { writeActorAudit } from '~/utils/audit.server'
import { readInChunks } from '~/utils/chunks.server'
import { db, isUniqueViolation, writeTransaction } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'
import { checkIdForForm } from './ledger-id-check.server'
import { workerAccountsOf } from './rule-sql.server'
import { countRows, findOwned, ownedRow } from './query.server'

// The county ledger (五清台账): ledger workers of the actor's county centre. Every query is scoped by
// actor.organisationId, so another county's row is "not found" exactly like a missing one.

const township = alias(areas, 'township')
const village = alias(areas, 'village')

function filterConditions(organisationId: number, f: RegistryFilters) {
  // Archived rows (issue 11 §2) are only in the 已归档 view; the indexes end in archived_at, so this
  // condition is tested in the index the list walks.
  const conditions: SQL[] = [eq(workers.organisationId, organisationId), f.state === 'archived' ? isNotNull(workers.archivedAt) : isNull(workers.archivedAt)]
  if (f.township) conditions.push(eq(workers.townshipCode, f.township))
  if (f.household) conditions.push(sql`${workers.householdStatus} = ${f.household}`)
  if (f.employmentStatus) conditions.push(sql`${workers.employmentStatus} = ${f.employmentStatus}`)
  if (f.employmentNeed) conditions.push(sql`${workers.employmentNeed} = ${f.employmentNeed}`)
  if (f.account === 'linked') conditions.push(isNotNull(workers.userId))
  if (f.account === 'none') conditions.push(isNull(workers.userId))
  const s = f.search
  if (s.kind === 'idNumber') conditions.push(eq(workers.idNumber, s.value))
  if (s.kind === 'digits') conditions.push(or(like(workers.phone, `%${s.value}%`), like(workers.idNumber, `%${s.value}`))!)
  if (s.kind === 'name') conditions.push(like(workers.name, `%${s.value}%`))
  return and(...conditions)!
}

const CHOICE_NAMES = ['township', 'household', 'employmentStatus', 'employmentNeed', 'account'] as const

function isUnfiltered(f: RegistryFilters) {
  return f.state == null && f.search.kind === 'none' && CHOICE_NAMES.every((name) => f[name] == null)
}

// A search for part of a number (three or more digits, by the rule) or for a name of three or more
// characters is looked up in workers_search (migration 0017), a trigram index over exactly those columns
// whose every hit is then checked with the same LIKE as filterConditions writes, so the rows are exactly
// the LIKE's. A shorter name reads names off workers_org_name_idx (index only, not the table): no index
// finds one or two characters anywhere in a name, so that search still passes every name of the county.
// With the account filter or several choice filters, no one narrow index holds them all; the page is
// then walked in order on workers_org_updated_idx, which carries every choice column, so no row is read
// to test a filter. Several filters are counted in the township's range (small) when one is chosen,
// otherwise by passing that wide index's entries for the county (tens of milliseconds at 300,000) rather
// than reading the rows of one status's range; the account filter alone is counted on workers_org_user_idx.
const TRIGRAM = 3

function searchMatch(s: RegistrySearch): string | null {
  if (s.kind === 'digits') return `{phone id_number}: "${s.value}"`
  if (s.kind === 'name' && [...s.value].length >= TRIGRAM) return `name: "${s.value.replaceAll('"', '""')}"`
  return null
}

/**
 * The trigram index holds every county's rows, and some short runs are in most of them (every Chongqing ID
 * number starts 500…, phones 13x/15x, birth years 19xx): such a search would read a large share of the
 * province before the county is applied. Past this many hits the search reads the county's own rows
 * instead (the plain LIKE over the county, bounded by its size), as it did before the index existed.
 */
const TRIGRAM_HITS_AT_MOST = 4_000

/** Whether `match` finds few enough rows in workers_search to be read through it (at most TRIGRAM_HITS_AT_MOST). */
function isSelective(match: string) {
  const probe = db.$client
    .prepare('select count(*) as n from (select 1 from workers_search where workers_search match ? limit ?)')
    .get(match, TRIGRAM_HITS_AT_MOST + 1) as { n: number }
  return probe.n <= TRIGRAM_HITS_AT_MOST
}

function workersSource(f: RegistryFilters, purpose: 'page' | 'count' = 'page') {
  // The archived rows of a county are few and not in workers_search: read through their partial index.
  if (f.state === 'archived') return sql`${workers} indexed by workers_org_archived_idx`
  const match = searchMatch(f.search)
  if (match && isSelective(match)) return sql`workers_search cross join ${workers} on ${workers.id} = workers_search.rowid and workers_search match ${match}`
  if (match && f.search.kind === 'digits') return workers
  if (f.search.kind === 'name') return sql`${workers} indexed by workers_org_name_idx`
  const choices = CHOICE_NAMES.filter((name) => f[name] != null).length
  if (f.search.kind === 'none' && purpose === 'count' && choices >= 2) {
    return f.township ? sql`${workers} indexed by workers_org_township_idx` : sql`${workers} indexed by workers_org_updated_idx`
  }
  if (f.search.kind === 'none' && purpose === 'page' && (f.account != null || choices >= 2)) return sql`${workers} indexed by workers_org_updated_idx`
  return workers
}

/**
 * How many of the actor's county's ledger rows match the filters: without filters the county's kept
 * figure (ledger_counts, kept by triggers), otherwise a count over the filter's index.
 */
export function countWorkers(actor: Actor, filters: RegistryFilters) {
  if (isUnfiltered(filters)) return countWorkersInLedger(actor)
  return countRows(db, workersSource(filters, 'count'), filterConditions(actor.organisationId, filters))
}

/**
 * `limit` rows of the actor's county's ledger from `offset`, newest first, with personal numbers masked
 * (for paginate in app/utils/list.ts, which clamps the page first).
 */
export function listWorkers(actor: Actor, filters: RegistryFilters, { limit, offset }: { limit: number; offset: number }) {
  // A deferred join: the page's ids are chosen on an index alone (workers_org_*_idx walk the county in
  // this order and stop after the page), and only those rows are read and joined to their places.
  const where = filterConditions(actor.organisationId, filters)
  const pageIds = db
    .select({ id: sql<number>`${workers.id}` })
    .from(workersSource(filters))
    .where(where)
    .orderBy(desc(workers.updatedAt), desc(workers.id))
    .limit(limit)
    .offset(offset)
  // The ids are already this county's; by id alone the outer query reads just those rows (a second county
  // condition here makes SQLite walk the whole county again to test them). Sorting the page is 20 rows.
  return selectRegistryRows(inArray(workers.id, pageIds)).orderBy(desc(workers.updatedAt), desc(workers.id)).all().map(withMaskedNumbers)
}

/**
 * Every row matching the filters, for the xlsx export, by township and then in the order rows were added:
 * one township's ids at a time, then its rows a chunk at a time (utils/chunks.server.ts), each step a
 * few milliseconds, so a 300,000-row ledger is never held whole and the export, which yields between
 * chunks, never holds up the process's other requests for long. Masked unless `full`; a full export is a
 * disclosure, so it is audited (`registry.export_full`) with the row count and which filters were used —
 * never their values, since the search term may itself be a phone or ID number.
 */
export function listWorkersForExport(actor: Actor, filters: RegistryFilters, { full }: { full: boolean }): Iterable<ExportRow> {
  const rows = readExportRows(actor.organisationId, filters)
  if (!full) return maskForExport(rows)
  const used = [...CHOICE_NAMES.filter((name) => filters[name] != null), ...(filters.search.kind === 'none' ? [] : ['search'])]
  writeActorAudit(db, actor, {
    action: 'registry.export_full',
    entity: 'worker',
    detail: { rows: countWorkers(actor, filters), filters: used },
  })
  return rows
}

function* readExportRows(organisationId: number, filters: RegistryFilters) {
  const where = filterConditions(organisationId, filters)
  const townships = filters.township
    ? [filters.township]
    : db
        .selectDistinct({ code: workers.townshipCode })
        .from(workers)
        .where(eq(workers.organisationId, organisationId))
        .orderBy(workers.townshipCode)
        .all()
        .map((r) => r.code)
  for (const code of townships) {
    const ids = db
      .select({ id: sql<number>`${workers.id}` })
      .from(workersSource(filters))
      .where(and(where, eq(workers.townshipCode, code)))
      .orderBy(workers.id)
      .all()
      .map((r) => r.id)
    // By id (the unary + keeps SQLite from walking the county's index instead); the county is checked
    // again so a row moved to another county meanwhile is left out.
    yield* readInChunks(
      ids,
      (chunk) => selectRegistryRows(and(inArray(workers.id, chunk), sql`+${workers.organisationId} = ${organisationId}`)!).all(),
      (r) => r.id,
    )
  }
}

// A masked file is the one that leaves the office: a number typed into a row's free text (a relative's phone in
// 备注, an ID number in 技能) is masked with the row's own ID and phone (security.md 2).
function* maskForExport(rows: Iterable<RegistryListRow>) {
  for (const r of rows)
    yield {
      ...maskNumbers(r),
      skills: maskNumbersInText(r.skills),
      difficulties: maskNumbersInText(r.difficulties),
      assistanceMeasures: maskNumbersInText(r.assistanceMeasures),
      notes: maskNumbersInText(r.notes),
    }
}

/** One row of the ledger export: the full row, its numbers masked unless the export is full. */
export type ExportRow = RegistryListRow

function selectRegistryRows(where: SQL) {
  return db
    .select({
      id: workers.id,
      name: workers.name,
      sex: workers.sex,
      birthDate: workers.birthDate,
      idNumber: workers.idNumber,
      phone: workers.phone,
      townshipCode: workers.townshipCode,
      townshipName: township.name,
      villageName: village.name,
      householdStatus: workers.householdStatus,
      employmentStatus: workers.employmentStatus,
      employmentNeed: workers.employmentNeed,
      skillLevel: workers.skillLevel,
      skills: workers.skills,
      difficulties: workers.difficulties,
      assistanceMeasures: workers.assistanceMeasures,
      notes: workers.notes,
      userId: workers.userId,
      updatedAt: workers.updatedAt,
    })
    .from(workers)
    .innerJoin(township, eq(township.code, workers.townshipCode))
    .leftJoin(village, eq(village.code, workers.villageCode))
    .where(where)
    .$dynamic()
}

type RegistryListRow = ReturnType<ReturnType<typeof selectRegistryRows>['all']>[number]

/**
 * One ledger row of the actor's county with its place and linked account (`account.verified` by the
 * one definition, rules/verification.ts), or null — another county's row is "not found" like a missing one.
 */
export function getWorker(actor: Actor, id: number) {
  const row = db
    .select({
      worker: workers,
      townshipName: township.name,
      villageName: village.name,
      accountPhone: users.username,
      accountVerifiedAt: users.verifiedAt,
    })
    .from(workers)
    .innerJoin(township, eq(township.code, workers.townshipCode))
    .leftJoin(village, eq(village.code, workers.villageCode))
    .leftJoin(users, eq(users.id, workers.userId))
    .where(ownedRow(workers, actor, id))
    .get()
  if (!row) return null
  const { accountPhone, accountVerifiedAt, ...rest } = row
  return { ...rest, account: row.worker.userId == null ? null : { phone: accountPhone, verified: isVerifiedWorker({ verifiedAt: accountVerifiedAt }) } }
}

/**
 * A row of this county opened in the edit form, which shows the full ID and phone so they can be
 * corrected: that is a disclosure, so it is logged (field names only). Null when not this county's.
 */
export function getWorkerForEdit(actor: Actor, id: number) {
  const found = getWorker(actor, id)
  if (!found) return null
  writeActorAudit(db, actor, {
    action: 'registry.reveal',
    entity: 'worker',
    entityId: id,
    detail: { fields: ['idNumber', 'phone'], via: 'edit' },
  })
  return found
}

/** An archived row is kept as it was when archived; it is restored first (issue 11 §2). */
const ARCHIVED_READ_ONLY = '此人已归档，请先恢复再修改'

/** Registered by someone else between the check and the write: said without naming anyone. */
const ID_RACED = '此身份证号码已在台账中登记'

/**
 * Adds a row to the actor's county's ledger, audited (`registry.create`). Returns the new id, or a
 * Failure on `idNumber` when a ledger already holds the number (status 429 when the account's checks
 * against other counties are refused for today).
 */
export function createWorker(actor: Actor, values: LedgerValues): Result<{ id: number }> {
  try {
    return writeTransaction((tx): Result<{ id: number }> => {
      const duplicate = checkIdForForm(tx, actor, values.idNumber)
      if (duplicate) return duplicate
      const { id } = tx
        .insert(workers)
        .values({ ...values, organisationId: actor.organisationId, createdByUserId: actor.userId, updatedByUserId: actor.userId })
        .returning({ id: workers.id })
        .get()
      writeActorAudit(tx, actor, {
        action: 'registry.create',
        entity: 'worker',
        entityId: id,
      })
      return { ok: true, id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return failure(ID_RACED, { field: 'idNumber' })
    throw error
  }
}

const TRACKED_FIELDS = [
  'name',
  'idNumber',
  'phone',
  'townshipCode',
  'villageCode',
  'householdStatus',
  'employmentStatus',
  'employmentNeed',
  'skillLevel',
  'skills',
  'difficulties',
  'assistanceMeasures',
  'notes',
] as const satisfies readonly (keyof SelectWorker)[]

/**
 * Updates a row of the actor's county, auditing which fields changed (`registry.update`, names only).
 * Returns the id or a Failure on `idNumber` (as createWorker; also when the row is linked to an account,
 * whose verification was made against the old number), or a Failure when the row is archived. Null when the row is not this county's (404).
 */
export function updateWorker(actor: Actor, id: number, values: LedgerValues): Result<{ id: number }> | null {
  try {
    return writeTransaction((tx): Result<{ id: number }> | null => {
      const current = findOwned(tx, workers, actor, id)
      if (!current) return null
      if (current.archivedAt != null) return failure(ARCHIVED_READ_ONLY)
      if (current.idNumber !== values.idNumber) {
        const duplicate = checkIdForForm(tx, actor, values.idNumber)
        if (duplicate) return duplicate
        // A linked account was verified against the old number; changing it must not keep the link silently.
        if (current.userId != null) return failure('此人已关联登录账号，身份证号码不能直接修改，请先解除关联', { field: 'idNumber' })
      }
      // Which fields changed goes into the audit trail; their values (personal data) do not.
      const changed = TRACKED_FIELDS.filter((f) => (current[f] ?? null) !== (values[f as keyof LedgerValues] ?? null))
      if (changed.length > 0) {
        tx.update(workers)
          .set({ ...values, updatedByUserId: actor.userId })
          .where(eq(workers.id, id))
          .run()
        writeActorAudit(tx, actor, {
          action: 'registry.update',
          entity: 'worker',
          entityId: id,
          detail: { fields: changed },
        })
      }
      return { ok: true, id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return failure(ID_RACED, { field: 'idNumber' })
    throw error
  }
}

/**
 * Shows a full personal number of one of the actor's county's rows — an audited action (PIPL art. 51;
 * `registry.reveal` with the field name). Returns the number, or null when the row is not this county's
 * or has no such number (the route answers 404).
 */
export function revealWorkerNumber(actor: Actor, id: number, field: 'idNumber' | 'phone'): string | null {
  return writeTransaction((tx) => {
    const row = findOwned(tx, workers, actor, id, { idNumber: workers.idNumber, phone: workers.phone })
    if (!row) return null
    writeActorAudit(tx, actor, {
      action: 'registry.reveal',
      entity: 'worker',
      entityId: id,
      detail: { field },
    })
    return row[field]
  })
}

/** How many people the actor's county's ledger holds: one row of ledger_counts, kept by triggers on workers. */
export function countWorkersInLedger(actor: Actor) {
  return db.select({ n: ledgerCounts.workers }).from(ledgerCounts).where(eq(ledgerCounts.organisationId, actor.organisationId)).get()?.n ?? 0
}

/**
 * What the ledger form is pre-filled with when staff add the person of a registration that has no ledger
 * row (issue 11 §5): the name, full ID number and phone the worker typed. Only for one of the actor's
 * county's worker accounts that is not verified yet and whose ID number is in no ledger; null otherwise
 * (the form then opens empty). Showing the full number is a disclosure, audited (`registry.prefill`,
 * field names only).
 */
export function getRegistrationForLedgerForm(actor: Actor, userId: number) {
  return writeTransaction((tx) => {
    const account = tx
      .select({ name: users.displayName, phone: users.username, idNumber: users.idNumber, verifiedAt: users.verifiedAt })
      .from(users)
      .where(and(eq(users.id, userId), workerAccountsOf(actor.organisationId)))
      .get()
    if (!account?.idNumber || account.verifiedAt != null) return null
    if (tx.select({ id: workers.id }).from(workers).where(eq(workers.idNumber, account.idNumber)).get()) return null
    writeActorAudit(tx, actor, { action: 'registry.prefill', entity: 'user', entityId: userId, detail: { fields: ['name', 'idNumber', 'phone'] } })
    return { name: account.name, idNumber: account.idNumber, phone: account.phone }
  })
}
