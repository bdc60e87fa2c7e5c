import { and, asc, eq } from 'drizzle-orm'
import { applications, areas, employers, users, vacancies, vacancyReports, workers } from '../db/schema'
import { DEMO_PAIRS } from '../db/seed'
import { changeOwnPassword, createAssistedAccount } from '~/models/account.server'
import { applyToVacancy, recommendWorker } from '~/models/application.server'
import { createEmployer, type EmployerValues } from '~/models/employer.server'
import { registerWorker } from '~/models/registration.server'
import { createVacancy, moveVacancy } from '~/models/vacancy.server'
import { reportVacancy, type ReportReason } from '~/models/vacancy-report.server'
import { createWorker } from '~/models/worker.server'
import { addDays, todayInShanghai } from '~/rules/dates'
import { makeIdNumber } from '~/rules/id-number'
import type { LedgerValues } from '~/rules/registry'
import { makeUscc } from '~/rules/uscc'
import type { VacancyValues } from '~/rules/vacancy'
import { db } from '~/utils/db.server'
import { actorFor, userOf } from './lookups'

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

// The Actor of a demo account lives with the other look-ups; re-exported for tests that act as staff.
export { actorFor }

/** The first value `make(n)` gives (n counting up across the test file) that `taken` does not find in the database. */
function firstUnused(make: (n: number) => string, taken: (value: string) => unknown): string {
  for (;;) {
    const value = make(next())
    if (!taken(value)) return value
  }
}

/**
 * An ID number for `countyCode` that no ledger row or account holds yet: born on `birthDate` (YYYY-MM-DD) when
 * given, else 1985–1994, so of working age.
 */
export function freshIdNumber(countyCode: string, birthDate?: string): string {
  return firstUnused(
    (n) => makeIdNumber({ areaCode: countyCode, birthDate: birthDate ?? addDays('1985-01-01', n % 3650), sequence: 500 + (n % 500) }),
    (idNumber) =>
      db.select({ id: workers.id }).from(workers).where(eq(workers.idNumber, idNumber)).get() ??
      db.select({ id: users.id }).from(users).where(eq(users.idNumber, idNumber)).get(),
  )
}

/** An 11-digit mobile number (199…) that no account uses as its username and no ledger row holds. */
export function freshPhone(): string {
  return firstUnused(
    (n) => `199${String(n).padStart(8, '0')}`,
    (phone) =>
      db.select({ id: users.id }).from(users).where(eq(users.username, phone)).get() ??
      db.select({ id: workers.id }).from(workers).where(eq(workers.phone, phone)).get(),
  )
}

/** A valid 统一社会信用代码 (check character computed) that no employer holds yet. */
export function freshUscc(): string {
  return firstUnused(
    (n) => makeUscc(`91370700MA${String(n).padStart(7, '0')}`),
    (uscc) => db.select({ id: employers.id }).from(employers).where(eq(employers.uscc, uscc)).get(),
  )
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

/** The password every factory-made worker account has chosen after its first sign-in. */
export const WORKER_PASSWORD = 'Gongren@2026'

/**
 * A verified worker account linked to a new ledger row of `centre`'s county, opened by the centre with
 * createAssistedAccount (verified and linked in one step). `ledger` overrides the ledger row's values.
 * Returns the account row, its ledger row, the password the worker chose (WORKER_PASSWORD) after signing in with the initial one — or, with
 * `initialPassword: true`, the initial password as the centre handed it over (the account must change it) and the worker's own Actor.
 */
export async function createWorkerAccount(centre = 'kaizhou', ledger: Partial<LedgerValues> = {}, { initialPassword = false } = {}) {
  const worker = createLedgerWorker(centre, ledger)
  const account = must(await createAssistedAccount(actorFor(centre), { workerId: worker.id, phone: worker.phone ?? freshPhone() }), 'createAssistedAccount')
  const username = db.select().from(users).where(eq(users.id, account.userId)).get()!.username
  const actor = actorFor<'worker'>(username)
  // The worker has since signed in and replaced the initial password, which the portal requires first (issue 9 §1),
  // unless the test wants the account as the centre handed it over.
  if (!initialPassword) must(await changeOwnPassword(actor, { currentPassword: account.initialPassword, password: WORKER_PASSWORD }), 'changeOwnPassword')
  return {
    user: db.select().from(users).where(eq(users.id, account.userId)).get()!,
    worker: db.select().from(workers).where(eq(workers.id, worker.id)).get()!,
    password: initialPassword ? account.initialPassword : WORKER_PASSWORD,
    actor,
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

/**
 * Options of createTestVacancy: any stored value, and the state it is left in — 'expired' is published with
 * its valid-until day since passed (yesterday), 'closed' and 'filled' were published first.
 */
export type VacancyOptions = Partial<VacancyValues> & { status?: 'draft' | 'published' | 'expired' | 'closed' | 'filled' }

/**
 * A post of `bureau`, made by createVacancy and (unless `status: 'draft'`) published, then closed or marked
 * filled, with moveVacancy:
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
  if (status !== 'draft') must(moveVacancy(actor, id, 'published'), 'moveVacancy')
  if (status === 'closed' || status === 'filled') must(moveVacancy(actor, id, status), 'moveVacancy')
  // A post only expires as the days pass: its valid-until day is moved to yesterday, as time would.
  if (status === 'expired')
    db.update(vacancies)
      .set({ validUntil: addDays(todayInShanghai(), -1) })
      .where(eq(vacancies.id, id))
      .run()
  return db.select().from(vacancies).where(eq(vacancies.id, id)).get()!
}

/**
 * An application to `vacancyId`. With `by: 'self'` (default) a new verified worker account of `centre`
 * applies through applyToVacancy; with `by: 'recommended'` the centre recommends a new ledger row through
 * recommendWorker. The post must be open to the centre's county. Returns the stored application, its
 * ledger row and the account that applied (null when recommended).
 */
export async function createTestApplication(
  vacancyId: number,
  { centre = 'kaizhou', by = 'self', note = null }: { centre?: string; by?: 'self' | 'recommended'; note?: string | null } = {},
) {
  const account = by === 'self' ? await createWorkerAccount(centre) : null
  const workerId = account ? account.worker.id : createLedgerWorker(centre).id
  const { id } = account
    ? must(applyToVacancy(account.actor, vacancyId, note), 'applyToVacancy')
    : must(recommendWorker(actorFor(centre), vacancyId, workerId, note), 'recommendWorker')
  return {
    application: db.select().from(applications).where(eq(applications.id, id)).get()!,
    worker: db.select().from(workers).where(eq(workers.id, workerId)).get()!,
    user: account?.user ?? null,
  }
}

/**
 * A worker account registered online with registerWorker in `centre`'s county and not yet verified: what
 * the centre's 账号核验 queue lists. With `inLedger` (default) a ledger row with the same name and ID number
 * is added first (the queue shows a match); `name`, `idNumber` and `phone` replace the typed values.
 * Returns the account row, its ledger row (null without `inLedger`) and the password typed.
 */
export async function createPendingAccount(
  centre = 'kaizhou',
  { inLedger = true, name = '测试注册人', idNumber, phone = freshPhone() }: { inLedger?: boolean; name?: string; idNumber?: string; phone?: string } = {},
) {
  const countyCode = actorFor(centre).areaCode
  const worker = inLedger ? createLedgerWorker(centre, { name, ...(idNumber ? { idNumber } : {}) }) : null
  const password = 'shan9dong'
  const typed = { name, idNumber: idNumber ?? worker?.idNumber ?? freshIdNumber(countyCode), phone, countyCode, password, ip: null }
  const registered = must(await registerWorker(typed), 'registerWorker')
  if (!('userId' in registered)) throw new Error(`registerWorker referred ${phone} instead of opening an account`)
  return { user: userOf(phone), worker, password }
}

/**
 * A report (举报) of `vacancyId` made with reportVacancy by a new verified worker account of `centre`, for
 * `reason` with `note`. The post must not be a draft. Returns the stored report and the reporter's account.
 */
export async function createTestReport(
  vacancyId: number,
  { centre = 'kaizhou', reason = 'fees', note = '要求先交押金' }: { centre?: string; reason?: ReportReason; note?: string | null } = {},
) {
  const reporter = await createWorkerAccount(centre)
  const made = reportVacancy(reporter.actor, vacancyId, reason, note)
  if (!made) throw new Error(`reportVacancy: post ${vacancyId} not found or a draft`)
  return { report: db.select().from(vacancyReports).where(eq(vacancyReports.id, made.id)).get()!, reporter: reporter.user }
}
