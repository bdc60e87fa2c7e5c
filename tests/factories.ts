import { and, asc, eq } from 'drizzle-orm'
import { applications, areas, employers, organisations, users, vacancies, workers } from '../db/schema'
import { DEMO_PAIRS } from '../db/seed'
import { createAssistedAccount } from '~/models/account.server'
import { applyToVacancy, recommendWorker } from '~/models/application.server'
import { createEmployer, type EmployerValues } from '~/models/employer.server'
import { createVacancy, moveVacancy } from '~/models/vacancy.server'
import { createWorker } from '~/models/worker.server'
import { addDays, todayInShanghai } from '~/rules/dates'
import { makeIdNumber } from '~/rules/id-number'
import type { Actor, Role } from '~/rules/permissions'
import type { LedgerValues } from '~/rules/registry'
import { makeUscc } from '~/rules/uscc'
import type { VacancyValues } from '~/rules/vacancy'
import { db } from '~/utils/db.server'

// Factories for tests that build their own world. Every record is made through the real model
// (validation, tenancy, audit, search index), acting as a demo staff account of the fixed programme
// organisations; no test needs to pick a worker, employer, post or application out of the demo seed.
// Each test file runs on its own copy of the database (tests/setup/db-setup.ts), so a per-process
// counter is enough to keep ID numbers, codes and phones unique; each is also checked against the table.

let counter = 0
function next() {
  counter += 1
  return counter
}

/** Throws with the model's message when a factory's model call was refused. */
function must<T extends { ok: boolean }>(result: T | null, what: string): Extract<T, { ok: true }> {
  if (!result) throw new Error(`${what}: not found (null)`)
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result)}`)
  return result as Extract<T, { ok: true }>
}

/**
 * The Actor of a demo staff account (or any account) by username, as requireActor builds it for a
 * signed-in request from 127.0.0.1. Throws when there is no such account.
 */
export function actorFor<R extends Role = Role>(username: string): Actor & { role: R } {
  const row = db
    .select({ id: users.id, role: users.role, organisationId: organisations.id, areaCode: organisations.areaCode })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.username, username))
    .get()
  if (!row) throw new Error(`no account ${username}`)
  return { userId: row.id, role: row.role as R, organisationId: row.organisationId, areaCode: row.areaCode, ip: '127.0.0.1' }
}

/** An ID number for `countyCode` that no ledger row or account holds yet (born 1985–1994, so of working age). */
export function freshIdNumber(countyCode: string): string {
  for (;;) {
    const n = next()
    const birthDate = addDays('1985-01-01', n % 3650)
    const idNumber = makeIdNumber({ areaCode: countyCode, birthDate, sequence: 500 + (n % 500) })
    const taken =
      db.select({ id: workers.id }).from(workers).where(eq(workers.idNumber, idNumber)).get() ??
      db.select({ id: users.id }).from(users).where(eq(users.idNumber, idNumber)).get()
    if (!taken) return idNumber
  }
}

/** An 11-digit mobile number (199…) that no account uses as its username and no ledger row holds. */
export function freshPhone(): string {
  for (;;) {
    const phone = `199${String(next()).padStart(8, '0')}`
    const taken =
      db.select({ id: users.id }).from(users).where(eq(users.username, phone)).get() ??
      db.select({ id: workers.id }).from(workers).where(eq(workers.phone, phone)).get()
    if (!taken) return phone
  }
}

/** A valid 统一社会信用代码 (check character computed) that no employer holds yet. */
export function freshUscc(): string {
  for (;;) {
    const uscc = makeUscc(`91370700MA${String(next()).padStart(7, '0')}`)
    if (!db.select({ id: employers.id }).from(employers).where(eq(employers.uscc, uscc)).get()) return uscc
  }
}

/** The first township (by code) of a county: a real division, as the ledger form offers it. */
function firstTownship(countyCode: string) {
  const row = db
    .select({ code: areas.code })
    .from(areas)
    .where(and(eq(areas.parentCode, countyCode), eq(areas.level, 'township')))
    .orderBy(asc(areas.code))
    .get()
  if (!row) throw new Error(`no township under ${countyCode}`)
  return row.code
}

/**
 * A new ledger row in the county of `centre` (a west staff username, e.g. 'kaizhou'), made by
 * createWorker: a unique valid ID number (sex and birth date read from it), a unique phone, the county's
 * first township. `overrides` replace any stored value. Returns the row as stored.
 */
export function createLedgerWorker(centre = 'kaizhou', overrides: Partial<LedgerValues> = {}) {
  const actor = actorFor(centre)
  const idNumber = overrides.idNumber ?? freshIdNumber(actor.areaCode)
  const values: LedgerValues = {
    name: '测试工人',
    idNumber,
    sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    phone: freshPhone(),
    townshipCode: firstTownship(actor.areaCode),
    villageCode: null,
    householdStatus: 'alleviated',
    employmentStatus: 'unemployed',
    employmentNeed: 'to_shandong',
    skillLevel: 'none',
    skills: null,
    difficulties: null,
    assistanceMeasures: null,
    notes: null,
    ...overrides,
  }
  const { id } = must(createWorker(actor, values), 'createWorker')
  return db.select().from(workers).where(eq(workers.id, id)).get()!
}

/**
 * A verified worker account linked to a new ledger row of `centre`'s county, opened by the centre with
 * createAssistedAccount (verified and linked in one step). `ledger` overrides the ledger row's values.
 * Returns the account row, its ledger row, the initial password and the worker's own Actor.
 */
export async function createWorkerAccount(centre = 'kaizhou', ledger: Partial<LedgerValues> = {}) {
  const worker = createLedgerWorker(centre, ledger)
  const account = must(await createAssistedAccount(actorFor(centre), { workerId: worker.id, phone: worker.phone ?? freshPhone() }), 'createAssistedAccount')
  const user = db.select().from(users).where(eq(users.id, account.userId)).get()!
  return {
    user,
    worker: db.select().from(workers).where(eq(workers.id, worker.id)).get()!,
    password: account.initialPassword,
    actor: actorFor<'worker'>(user.username),
  }
}

/**
 * A new employer of `bureau`'s city (an east staff username, e.g. 'weifang'), made by createEmployer with
 * a unique valid USCC. `overrides` replace any value. Returns the stored row.
 */
export function createTestEmployer(bureau = 'weifang', overrides: Partial<EmployerValues> = {}) {
  const values: EmployerValues = {
    name: `测试用人单位${next()}有限公司`,
    uscc: freshUscc(),
    industry: 'manufacturing',
    address: '测试路 1 号',
    contactName: '王经理',
    contactPhone: '0536-1234567',
    ...overrides,
  }
  const { id } = must(createEmployer(actorFor(bureau), values), 'createEmployer')
  return db.select().from(employers).where(eq(employers.id, id)).get()!
}

/** Options of createTestVacancy: which counties it is open to, its status, and any stored value. */
export type VacancyOptions = Partial<VacancyValues> & { status?: 'draft' | 'published' }

/**
 * A post of `bureau`, made by createVacancy and (unless `status: 'draft'`) published with moveVacancy:
 * open to `targets` (default the bureau's paired county, db/seed.ts DEMO_PAIRS) for 30 days from today (Asia/Shanghai), headcount 5,
 * 4,000–6,000 yuan a month, for a new employer of the bureau unless `employerId` is given. Returns the
 * stored row.
 */
export function createTestVacancy(bureau = 'weifang', { status = 'published', ...overrides }: VacancyOptions = {}) {
  const actor = actorFor(bureau)
  const values: VacancyValues = {
    title: `测试岗位${next()}`,
    employerId: overrides.employerId ?? createTestEmployer(bureau).id,
    industry: 'manufacturing',
    headcount: 5,
    salaryMin: 4000,
    salaryMax: 6000,
    address: '测试路 1 号',
    lat: 36.7,
    lng: 119.1,
    providesMeals: true,
    providesHousing: true,
    contractMonths: 12,
    workingHours: null,
    ageMin: null,
    ageMax: null,
    requirements: null,
    benefits: null,
    contactName: '王经理',
    contactPhone: '0536-1234567',
    validUntil: addDays(todayInShanghai(), 30),
    targets: DEMO_PAIRS.filter((p) => p.cityUser === bureau).map((p) => p.county.code),
    ...overrides,
  }
  const { id } = must(createVacancy(actor, values), 'createVacancy')
  if (status === 'published') must(moveVacancy(actor, id, 'published'), 'moveVacancy')
  return db.select().from(vacancies).where(eq(vacancies.id, id)).get()!
}

/**
 * An application to `vacancyId`. With `by: 'self'` (default) a new verified worker account of `centre`
 * applies through applyToVacancy; with `by: 'recommended'` the centre recommends a new ledger row through
 * recommendWorker. The post must be open to the centre's county. Returns the stored application and its
 * ledger row.
 */
export async function createTestApplication(
  vacancyId: number,
  { centre = 'kaizhou', by = 'self', note = null }: { centre?: string; by?: 'self' | 'recommended'; note?: string | null } = {},
) {
  let id: number
  let workerId: number
  if (by === 'self') {
    const { worker, actor } = await createWorkerAccount(centre)
    id = must(applyToVacancy(actor, vacancyId, note), 'applyToVacancy').id
    workerId = worker.id
  } else {
    const worker = createLedgerWorker(centre)
    id = must(recommendWorker(actorFor(centre), vacancyId, worker.id, note), 'recommendWorker').id
    workerId = worker.id
  }
  return {
    application: db.select().from(applications).where(eq(applications.id, id)).get()!,
    worker: db.select().from(workers).where(eq(workers.id, workerId)).get()!,
  }
}
