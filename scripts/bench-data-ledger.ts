import { addDays } from '../app/rules/dates'
import { makeIdNumber } from '../app/rules/id-number'
import { REJECTION_REASONS } from '../app/rules/verification'
import { demoName } from '../db/demo/names'
import { EMPLOYMENT_NEED_MIX, EMPLOYMENT_STATUS_MIX, SKILL_LEVEL_MIX } from '../db/demo/ledger'
import { FULL_SIZE, inChunks, scaled, type BenchContext, type CountyLedger } from './bench-data-context'
import { DIFFICULTIES, MEASURES, MOBILE_PREFIXES, SKILLS, weighted } from './bench-data-words'

// The counties' ledgers (台账) of the benchmark database and the worker accounts linked to them (issue 10
// §1): 300,000 rows in Kaizhou and 100,000 in each other county at scale 1, valid ID numbers of people
// 16–65 years old born in the county, real townships and villages, and 50,000 accounts shared among the
// counties like their ledgers — most verified (linked to their row), some waiting, a few turned down.

const DAY = 86_400_000
const NOTES = ['长期在外务工，联系家属', '已参加电焊培训', '春节后返岗', '需上门走访核实', '本人在外地，电话联系'] as const

type Towns = { codes: string[]; cumulative: number[]; villages: Map<string, string[]> }

function loadTowns(ctx: BenchContext, countyCode: string): Towns {
  const codes = ctx.sqlite.prepare("select code from areas where level = 'township' and parent_code = ? order by code").pluck().all(countyCode) as string[]
  const villages = new Map<string, string[]>()
  const rows = ctx.sqlite
    .prepare("select code, parent_code as parent from areas where level = 'village' and code like ? order by code")
    .all(`${countyCode}%`) as {
    code: string
    parent: string
  }[]
  for (const v of rows) villages.set(v.parent, [...(villages.get(v.parent) ?? []), v.code])
  // Townships differ in size: a town seat has several times the people of a mountain township.
  let sum = 0
  const cumulative = codes.map(() => (sum += ctx.random.int(1, 10)))
  return { codes, cumulative, villages }
}

function pickTown(ctx: BenchContext, towns: Towns) {
  const roll = ctx.random.next() * towns.cumulative[towns.cumulative.length - 1]
  let lo = 0
  let hi = towns.cumulative.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (towns.cumulative[mid] > roll) hi = mid
    else lo = mid + 1
  }
  return towns.codes[lo]
}

/** A mobile number no other row or account of the database has. */
export function newPhone(ctx: BenchContext) {
  let phone: string
  do phone = ctx.random.pick(MOBILE_PREFIXES) + String(ctx.random.int(0, 99_999_999)).padStart(8, '0')
  while (ctx.usedPhones.has(phone))
  ctx.usedPhones.add(phone)
  return phone
}

/** A birth date of someone exactly 16–65 years old today, most about forty. */
function birthDate(ctx: BenchContext) {
  const age = 16 + Math.min(49, Math.floor(((ctx.random.next() + ctx.random.next()) / 2) * 50))
  const [y, m, d] = ctx.today.split('-').map(Number)
  const birthday = `${y - age}-${String(m).padStart(2, '0')}-${String(m === 2 && d === 29 ? 28 : d).padStart(2, '0')}`
  return addDays(birthday, -ctx.random.int(1, 360))
}

function idNumberFor(ctx: BenchContext, countyCode: string, born: string, male: boolean) {
  let id: string
  do id = makeIdNumber({ areaCode: countyCode, birthDate: born, sequence: ctx.random.int(0, 499) * 2 + (male ? 1 : 0) })
  while (ctx.usedIdNumbers.has(id))
  ctx.usedIdNumbers.add(id)
  return id
}

function someOf(ctx: BenchContext, items: readonly string[], p: number, most = 1) {
  if (!ctx.random.chance(p)) return null
  const picked = new Set(Array.from({ length: ctx.random.int(1, most) }, () => ctx.random.pick(items)))
  return [...picked].join('、')
}

/**
 * Ledger rows of every county (FULL_SIZE.ledger × scale) and the worker accounts among them
 * (FULL_SIZE.accounts × scale, by ledger share, chosen evenly through the ledger), all accounts with the
 * one precomputed hash of the demo password. Verified accounts are linked to their row (the one meaning of
 * verified, app/rules/verification.ts); waiting and turned-down ones are not. Keeps each county's row ids
 * and verified accounts in ctx.made.ledgers. Returns rows written (ledger rows + accounts).
 */
export function generateLedger(ctx: BenchContext) {
  const { sqlite, random } = ctx
  const insertUser = sqlite.prepare(
    `insert into users (username, password_hash, role, organisation_id, display_name, id_number, verified_at, rejected_at, rejection_reason,
       must_change_password, last_login_at, created_at, updated_at)
     values (?, ?, 'worker', ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
  )
  const insertWorker = sqlite.prepare(
    `insert into workers (organisation_id, name, id_number, sex, birth_date, phone, township_code, village_code, household_status, employment_status,
       employment_need, skill_level, skills, difficulties, assistance_measures, notes, user_id, created_by_user_id, updated_by_user_id, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const ledgerTotal = ctx.pairs.reduce((n, p) => n + scaled(ctx, FULL_SIZE.ledger[p.countyCode]), 0)
  const accountTotal = scaled(ctx, FULL_SIZE.accounts)
  let written = 0
  for (const pair of ctx.pairs) {
    const towns = loadTowns(ctx, pair.countyCode)
    const rows = scaled(ctx, FULL_SIZE.ledger[pair.countyCode])
    let accountsLeft = Math.round((accountTotal * rows) / ledgerTotal)
    const ledger: CountyLedger = { all: [], verifiedWorkers: [], verifiedUsers: [] }
    written += accountsLeft
    written += inChunks(sqlite, rows, (i) => {
      const male = random.chance(0.56)
      const name = demoName(random, male ? 'male' : 'female')
      const born = birthDate(ctx)
      const idNumber = idNumberFor(ctx, pair.countyCode, born, male)
      // Selection sampling: exactly accountsLeft of the remaining rows get an account, spread evenly.
      const hasAccount = random.next() * (rows - i) < accountsLeft
      let phone = random.chance(0.88) ? newPhone(ctx) : null
      const createdAt = ctx.now - random.int(0, 1095) * DAY - random.int(0, DAY - 1)
      const updatedAt = createdAt + Math.floor((1 - random.next() ** 2) * (ctx.now - createdAt))
      let userId: number | null = null
      if (hasAccount) {
        accountsLeft--
        phone ??= newPhone(ctx)
        const state = weighted(random, [
          ['verified', 88],
          ['waiting', 9],
          ['rejected', 3],
        ] as const)
        const registeredAt = ctx.now - random.int(1, 720) * DAY
        const decidedAt = Math.min(ctx.now, registeredAt + random.int(0, 5) * DAY)
        const lastLogin = random.chance(0.7) ? ctx.now - random.int(0, 90) * DAY : null
        const id = Number(
          insertUser.run(
            phone,
            ctx.passwordHash,
            pair.countyOrgId,
            name,
            idNumber,
            state === 'verified' ? decidedAt : null,
            state === 'rejected' ? decidedAt : null,
            state === 'rejected' ? random.pick([REJECTION_REASONS.not_in_ledger, REJECTION_REASONS.identity_mismatch, REJECTION_REASONS.not_local]) : null,
            lastLogin,
            registeredAt,
            state === 'waiting' ? registeredAt : decidedAt,
          ).lastInsertRowid,
        )
        if (state === 'verified') userId = id
      }
      const skillLevel = weighted(random, SKILL_LEVEL_MIX)
      const township = pickTown(ctx, towns)
      const villages = towns.villages.get(township) ?? []
      const workerId = Number(
        insertWorker.run(
          pair.countyOrgId,
          name,
          idNumber,
          male ? 'male' : 'female',
          born,
          phone,
          township,
          villages.length > 0 && random.chance(0.92) ? random.pick(villages) : null,
          weighted(random, [
            ['alleviated', 72],
            ['monitored', 18],
            ['other', 10],
          ] as const),
          weighted(random, EMPLOYMENT_STATUS_MIX),
          weighted(random, EMPLOYMENT_NEED_MIX),
          skillLevel,
          skillLevel === 'none' ? null : someOf(ctx, SKILLS, 0.9, 2),
          someOf(ctx, DIFFICULTIES, 0.6, 2),
          someOf(ctx, MEASURES, 0.7, 2),
          random.chance(0.03) ? random.pick(NOTES) : null,
          userId,
          pair.countyUserId,
          pair.countyUserId,
          createdAt,
          updatedAt,
        ).lastInsertRowid,
      )
      ledger.all.push(workerId)
      if (userId != null) {
        ledger.verifiedWorkers.push(workerId)
        ledger.verifiedUsers.push(userId)
      }
    })
    ctx.made.ledgers.set(pair.countyCode, ledger)
  }
  return written
}
