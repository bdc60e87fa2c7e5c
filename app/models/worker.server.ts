import { and, count, desc, eq, gt, inArray, isNotNull, isNull, like, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { areas, auditLog, organisations, users, workers, type SelectWorker } from '../../db/schema'
import { shortAreaName } from '~/rules/areas'
import { maskIdNumber } from '~/rules/id-number'
import { maskMobile } from '~/rules/mobile'
import type { RegistryRow } from '~/rules/registry'
import type { RegistrySearch } from '~/rules/registry-search'
import { writeAudit } from '~/utils/audit.server'
import { db, isUniqueViolation, type Queryable, writeTransaction } from '~/utils/db.server'

/** Who is acting, for tenancy and the audit trail. */
export type Actor = { userId: number; organisationId: number; countyCode: string; ip: string | null }

export type RegistryFilters = {
  township?: string | null
  household?: string | null
  employmentStatus?: string | null
  employmentNeed?: string | null
  account?: 'linked' | 'none' | null
  search: RegistrySearch
}

const township = alias(areas, 'township')
const village = alias(areas, 'village')

function filterConditions(organisationId: number, f: RegistryFilters) {
  const conditions: SQL[] = [eq(workers.organisationId, organisationId)]
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

/**
 * One page of a county's ledger, newest first, with personal numbers masked. A page past the end
 * (an old link after rows were filtered away) gives the last page, and says which page it gave.
 */
export function listWorkers(organisationId: number, filters: RegistryFilters, { page: asked, pageSize }: { page: number; pageSize: number }) {
  const where = filterConditions(organisationId, filters)
  const total = db.select({ n: count() }).from(workers).where(where).get()?.n ?? 0
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const page = Math.min(asked, pages)
  const rows = selectRegistryRows(where)
    .orderBy(desc(workers.updatedAt), desc(workers.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all()
  return { total, page, pages, rows: rows.map((r) => maskRow(r)) }
}

/** Every row matching the filters, for export; masked unless the caller asked (and audited) for full values. */
export function listWorkersForExport(organisationId: number, filters: RegistryFilters, { full }: { full: boolean }) {
  const rows = selectRegistryRows(filterConditions(organisationId, filters)).orderBy(workers.townshipCode, workers.id).all()
  return full ? rows : rows.map((r) => ({ ...r, idNumber: maskIdNumber(r.idNumber), phone: r.phone ? maskMobile(r.phone) : null }))
}

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

function maskRow(r: RegistryListRow) {
  const { idNumber, phone, ...rest } = r
  return { ...rest, idNumberMasked: maskIdNumber(idNumber), phoneMasked: phone ? maskMobile(phone) : null }
}

/** One ledger row of this county, or null — another county's row is "not found" like a missing one. */
export function getWorker(organisationId: number, id: number) {
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
    .where(and(eq(workers.id, id), eq(workers.organisationId, organisationId)))
    .get()
  return row ?? null
}

/**
 * A row of this county opened in the edit form, which shows the full ID and phone so they can be
 * corrected: that is a disclosure, so it is logged (field names only). Null when not this county's.
 */
export function getWorkerForEdit(actor: Actor, id: number) {
  const found = getWorker(actor.organisationId, id)
  if (!found) return null
  writeAudit(db, {
    actorUserId: actor.userId,
    organisationId: actor.organisationId,
    action: 'registry.reveal',
    entity: 'worker',
    entityId: id,
    detail: { fields: ['idNumber', 'phone'], via: 'edit' },
    ip: actor.ip,
  })
  return found
}

export type LedgerValues = Omit<RegistryRow, 'idNumber' | 'township' | 'village'> & {
  idNumber: string
  sex: 'male' | 'female'
  birthDate: string
  townshipCode: string
  villageCode: string | null
}

const ID_LOOKUP_CHUNK = 500

/** Which of these ID numbers some county's ledger already holds (county name only) — one query per 500. */
export function findIdNumberHolders(tx: Queryable, idNumbers: string[]) {
  const holders = new Map<string, { organisationId: number; countyName: string }>()
  for (let i = 0; i < idNumbers.length; i += ID_LOOKUP_CHUNK) {
    const found = tx
      .select({ idNumber: workers.idNumber, organisationId: workers.organisationId, countyName: areas.name })
      .from(workers)
      .innerJoin(organisations, eq(organisations.id, workers.organisationId))
      .innerJoin(areas, eq(areas.code, organisations.areaCode))
      .where(inArray(workers.idNumber, idNumbers.slice(i, i + ID_LOOKUP_CHUNK)))
      .all()
    for (const { idNumber, ...holder } of found) holders.set(idNumber, holder)
  }
  return holders
}

/** The county that already holds an ID number in its ledger, if any. */
export function findIdNumberHolder(tx: Queryable, idNumber: string) {
  return findIdNumberHolders(tx, [idNumber]).get(idNumber) ?? null
}

/** A parsed ledger row (form or spreadsheet) plus its resolved place, as the values the table stores. */
export function toLedgerValues(row: RegistryRow, place: { townshipCode: string; villageCode: string | null }): LedgerValues {
  const { idNumber: info, township: _township, village: _village, ...rest } = row
  return { ...rest, idNumber: info.idNumber, sex: info.sex, birthDate: info.birthDate, townshipCode: place.townshipCode, villageCode: place.villageCode }
}

/** The form's message for an ID number already in a ledger: names the county, for one person at a time. */
export function duplicateIdMessage(holder: { organisationId: number; countyName: string }, organisationId: number) {
  return holder.organisationId === organisationId
    ? OWN_LEDGER_HAS_ID
    : `此人已在${shortAreaName(holder.countyName)}的台账中登记，请与该区县就业和人才中心核实`
}

export const OWN_LEDGER_HAS_ID = '本县台账已有此身份证号码，请在列表中查找并编辑原记录'
/** A bulk check never says which county holds a number: a file of numbers must not map residents to counties. */
export const FOREIGN_LEDGER_HAS_ID = '此人已在其他区县的台账中登记，请与对方区县核实'

// Other counties' ID numbers found by one account's checks (import and form together) in 24 hours,
// before its checks are refused. Staff meet a few a week (people who moved); 200 in one file is a
// probe of who is on whose poverty-alleviation ledger (issue 7). Counted from the audit log.
export const FOREIGN_ID_HITS_PER_DAY = 30
export const FOREIGN_CHECKS_REFUSED = `今天核对身份证号码时已发现超过 ${FOREIGN_ID_HITS_PER_DAY} 个其他区县台账中的人员，为保护个人信息，今天暂停核对，请明天再试；确需办理请联系平台管理员`

/** Other counties' ID numbers this account's duplicate checks found in the last 24 hours (sum of audited counts). */
export function foreignIdHitsToday(q: Queryable, userId: number, now = new Date()) {
  const since = new Date(now.getTime() - 24 * 3600_000)
  const row = q
    .select({ n: sql<number>`coalesce(sum(json_extract(${auditLog.detail}, '$.foreign')), 0)` })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'registry.duplicate_check'), gt(auditLog.at, since), eq(auditLog.actorUserId, userId)))
    .get()
  return Number(row?.n ?? 0)
}

/**
 * Whether this account may run another duplicate check against other counties' ledgers; when not, the
 * refusal is audited (`registry.duplicate_check_refused`). Call inside the write transaction of the check.
 */
export function mayCheckForeignIds(tx: Queryable, actor: Actor, via: 'import' | 'form') {
  if (foreignIdHitsToday(tx, actor.userId) < FOREIGN_ID_HITS_PER_DAY) return true
  writeAudit(tx, {
    actorUserId: actor.userId,
    organisationId: actor.organisationId,
    action: 'registry.duplicate_check_refused',
    entity: 'worker',
    detail: { via },
    ip: actor.ip,
  })
  return false
}

/**
 * Records that a check found `foreign` ID numbers in other counties' ledgers (the count only, never
 * the numbers) and says whether the account is still within FOREIGN_ID_HITS_PER_DAY afterwards.
 */
export function recordForeignIdHits(tx: Queryable, actor: Actor, foreign: number, via: 'import' | 'form') {
  if (foreign === 0) return true
  const before = foreignIdHitsToday(tx, actor.userId)
  writeAudit(tx, {
    actorUserId: actor.userId,
    organisationId: actor.organisationId,
    action: 'registry.duplicate_check',
    entity: 'worker',
    detail: { foreign, via },
    ip: actor.ip,
  })
  return before + foreign <= FOREIGN_ID_HITS_PER_DAY
}

type Refused = { ok: false; field: 'idNumber'; message: string; status: 429 }

/**
 * The form's duplicate check for one ID number, inside the write transaction: null when no ledger
 * holds it; otherwise the field failure — the county is named for a foreign holder, and that hit is
 * audited and counted; over the daily limit the check is refused (status 429) without an answer.
 */
function checkIdForForm(tx: Queryable, actor: Actor, idNumber: string): { ok: false; field: 'idNumber'; message: string; status?: 429 } | null {
  if (!mayCheckForeignIds(tx, actor, 'form')) return refused()
  const holder = findIdNumberHolder(tx, idNumber)
  if (!holder) return null
  if (holder.organisationId === actor.organisationId) return { ok: false, field: 'idNumber', message: OWN_LEDGER_HAS_ID }
  if (!recordForeignIdHits(tx, actor, 1, 'form')) return refused()
  return { ok: false, field: 'idNumber', message: duplicateIdMessage(holder, actor.organisationId) }
}

function refused(): Refused {
  return { ok: false, field: 'idNumber', message: FOREIGN_CHECKS_REFUSED, status: 429 }
}

/** A failed write names the field; `status` 429 when the account's duplicate checks are refused for today. */
type WriteResult = { ok: true; id: number } | { ok: false; field: 'idNumber'; message: string; status?: 429 }

export function createWorker(actor: Actor, values: LedgerValues): WriteResult {
  try {
    return writeTransaction((tx): WriteResult => {
      const duplicate = checkIdForForm(tx, actor, values.idNumber)
      if (duplicate) return duplicate
      const { id } = tx
        .insert(workers)
        .values({ ...values, organisationId: actor.organisationId, createdByUserId: actor.userId, updatedByUserId: actor.userId })
        .returning({ id: workers.id })
        .get()
      writeAudit(tx, { actorUserId: actor.userId, organisationId: actor.organisationId, action: 'registry.create', entity: 'worker', entityId: id, ip: actor.ip })
      return { ok: true, id }
    })
  } catch (error) {
    // Registered by someone else between the check and the insert: said without naming anyone.
    if (isUniqueViolation(error)) return { ok: false, field: 'idNumber', message: '此身份证号码已在台账中登记' }
    throw error
  }
}

const TRACKED_FIELDS = [
  'name', 'idNumber', 'phone', 'townshipCode', 'villageCode', 'householdStatus', 'employmentStatus', 'employmentNeed',
  'skillLevel', 'skills', 'difficulties', 'assistanceMeasures', 'notes',
] as const satisfies readonly (keyof SelectWorker)[]

/** Updates a row of this county; null when the row is not this county's (the route answers 404). */
export function updateWorker(actor: Actor, id: number, values: LedgerValues): WriteResult | null {
  try {
    return writeTransaction((tx): WriteResult | null => {
      const current = tx.select().from(workers).where(and(eq(workers.id, id), eq(workers.organisationId, actor.organisationId))).get()
      if (!current) return null
      if (current.idNumber !== values.idNumber) {
        const duplicate = checkIdForForm(tx, actor, values.idNumber)
        if (duplicate) return duplicate
        // A linked account was verified against the old number; changing it must not keep the link silently.
        if (current.userId != null) {
          return { ok: false, field: 'idNumber', message: '此人已关联登录账号，身份证号码不能直接修改，请先解除关联' }
        }
      }
      // Which fields changed goes into the audit trail; their values (personal data) do not.
      const changed = TRACKED_FIELDS.filter((f) => (current[f] ?? null) !== (values[f as keyof LedgerValues] ?? null))
      if (changed.length > 0) {
        tx.update(workers).set({ ...values, updatedByUserId: actor.userId }).where(eq(workers.id, id)).run()
        writeAudit(tx, {
          actorUserId: actor.userId,
          organisationId: actor.organisationId,
          action: 'registry.update',
          entity: 'worker',
          entityId: id,
          detail: { fields: changed },
          ip: actor.ip,
        })
      }
      return { ok: true, id }
    })
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: 'idNumber', message: '此身份证号码已在台账中登记' }
    throw error
  }
}

/** Shows a full personal number of one of this county's rows — an audited action (PIPL art. 51). */
export function revealWorkerNumber(actor: Actor, id: number, field: 'idNumber' | 'phone') {
  return writeTransaction((tx) => {
    const row = tx
      .select({ idNumber: workers.idNumber, phone: workers.phone })
      .from(workers)
      .where(and(eq(workers.id, id), eq(workers.organisationId, actor.organisationId)))
      .get()
    if (!row) return null
    writeAudit(tx, {
      actorUserId: actor.userId,
      organisationId: actor.organisationId,
      action: 'registry.reveal',
      entity: 'worker',
      entityId: id,
      detail: { field },
      ip: actor.ip,
    })
    return row[field]
  })
}

export function countWorkersInLedger(organisationId: number) {
  return db.select({ n: count() }).from(workers).where(eq(workers.organisationId, organisationId)).get()?.n ?? 0
}
