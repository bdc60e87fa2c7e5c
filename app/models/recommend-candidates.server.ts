import { and, desc, eq, gt, inArray, isNotNull, isNull, like, lte, or, sql, type SQL } from 'drizzle-orm'
import { areas, ledgerBirthCounts, ledgerSkillTexts, workers } from '../../db/schema'
import { maskMobile } from '~/rules/mobile'
import type { Actor } from '~/rules/permissions'
import { ageOn } from '~/rules/id-number'
import { birthDatesForAges, candidateWarnings, type PostConditions } from '~/rules/recommend'
import { EMPLOYMENT_NEED_LABELS, EMPLOYMENT_STATUS_LABELS, SEX_LABELS, SKILL_LEVEL_LABELS } from '~/rules/registry'
import type { SkillLevel } from '~/rules/registry-enums'
import type { RegistrySearch } from '~/rules/registry-search'
import { db } from '~/utils/db.server'
import { countRows } from './query.server'
import { countWorkersInLedger } from './worker.server'

// The recommend page's pick list (issue 11 §4): the live rows of the actor's county's ledger, filtered by
// the ledger's own choices (township, 就业状态, 就业需求), the person search, and what a post asks about —
// skill text, skill level, age. Archived rows are never offered: there is no archived view here.
//
// Without a skill text every filter is answered from workers_org_recommend_idx (migration 0041), a partial
// index over the live rows that carries every column these filters read, in the list's order (newest change
// first): a page walks it and stops after the page, a count passes the county's index entries (about 50 ms
// for 300,000 on the benchmark machine) and reads no table row. Only the page's rows are then read by id.
//
// A skill text (decision 019) is first matched, with the same LIKE, against ledger_skill_texts: the county's
// distinct skill texts (a few hundred) with how many live rows hold each, kept by triggers. That gives the
// rows holding a matching text (none: nothing is read), and the rows themselves are those of
// workers_org_skills_idx (migration 0048) under the matching texts: a count reads only them, a skill alone
// is the sum of the texts' figures. A page walks the recommend index while matches are dense enough that a
// page is near its start, and otherwise reads the matching rows from the skills index and sorts them.

/** The recommend page's filters; `search` is the name / ID tail / phone box (rules/registry-search.ts). */
export type CandidateFilters = {
  search: RegistrySearch
  township: string | null
  employmentStatus: string | null
  employmentNeed: string | null
  skill: string | null
  skillLevel: SkillLevel | null
  ageFrom: number | null
  ageTo: number | null
}

const RECOMMEND_INDEX = sql`${workers} indexed by workers_org_recommend_idx`
const SKILLS_INDEX = sql`${workers} indexed by workers_org_skills_idx`

/** The LIKE the skill box has always meant: the text anywhere in the row's skills (normaliseSkillSearch drops %, _ and backslash). */
const skillPattern = (skill: string) => `%${skill}%`

/** The county's skill texts that match the skill box, as a subquery for `skills in (…)`. */
function matchingTexts(organisationId: number, skill: string) {
  return db
    .select({ skills: ledgerSkillTexts.skills })
    .from(ledgerSkillTexts)
    .where(and(eq(ledgerSkillTexts.organisationId, organisationId), like(ledgerSkillTexts.skills, skillPattern(skill))))
}

/** How many live rows of the county hold a skill text matching the skill box: the sum of the texts' kept figures. */
function countSkillMatches(organisationId: number, skill: string) {
  const row = db
    .select({ n: sql<number>`coalesce(sum(${ledgerSkillTexts.workers}), 0)` })
    .from(ledgerSkillTexts)
    .where(and(eq(ledgerSkillTexts.organisationId, organisationId), like(ledgerSkillTexts.skills, skillPattern(skill))))
    .get()
  return Number(row?.n ?? 0)
}

// `viaTexts`: the skill is tested as `skills in (matching texts)` (same rows as the LIKE, by construction:
// the texts are exactly the live rows' distinct values), which lets SQLite seek workers_org_skills_idx.
function conditions(organisationId: number, f: CandidateFilters, today: string, viaTexts = false) {
  // `archived_at is null` is the partial indexes' own condition, so SQLite may use them.
  const c: SQL[] = [eq(workers.organisationId, organisationId), isNull(workers.archivedAt)]
  if (f.township) c.push(eq(workers.townshipCode, f.township))
  if (f.employmentStatus) c.push(sql`${workers.employmentStatus} = ${f.employmentStatus}`)
  if (f.employmentNeed) c.push(sql`${workers.employmentNeed} = ${f.employmentNeed}`)
  if (f.skillLevel) c.push(sql`${workers.skillLevel} = ${f.skillLevel}`)
  if (f.skill && viaTexts) c.push(isNotNull(workers.skills), inArray(workers.skills, matchingTexts(organisationId, f.skill)))
  else if (f.skill) c.push(like(workers.skills, skillPattern(f.skill)))
  const born = birthDatesForAges(f.ageFrom, f.ageTo, today)
  if (born.bornOnOrBefore) c.push(lte(workers.birthDate, born.bornOnOrBefore))
  if (born.bornAfter) c.push(gt(workers.birthDate, born.bornAfter))
  const s = f.search
  if (s.kind === 'idNumber') c.push(eq(workers.idNumber, s.value))
  if (s.kind === 'digits') c.push(or(like(workers.phone, `%${s.value}%`), like(workers.idNumber, `%${s.value}`))!)
  if (s.kind === 'name') c.push(like(workers.name, `%${s.value}%`))
  return and(...c)!
}

// Which filters are set, by name: a caller may hand a wider object (the route's filter values carry more
// fields, e.g. whether the ages were cleared), and those extra fields must not make a filter look set.
const CHOICES = ['township', 'employmentStatus', 'employmentNeed', 'skillLevel'] as const
const choicesUnset = (f: CandidateFilters) => f.search.kind === 'none' && CHOICES.every((k) => f[k] == null)
const agesUnset = (f: CandidateFilters) => f.ageFrom == null && f.ageTo == null

function isUnfiltered(f: CandidateFilters) {
  return choicesUnset(f) && agesUnset(f) && f.skill == null
}

/** A skill text and nothing else: its count is the matching texts' kept figures. */
function isSkillOnly(f: CandidateFilters) {
  return choicesUnset(f) && agesUnset(f) && f.skill != null
}

/** An age range and nothing else (what the page starts with: the post's range): a sum over ledger_birth_counts. */
function isAgesOnly(f: CandidateFilters) {
  return choicesUnset(f) && !agesUnset(f) && f.skill == null
}

/** Live rows of the county born within the ages' birth-date range: the kept per-date figures, summed. */
function countByBirthDates(organisationId: number, f: CandidateFilters, today: string) {
  const born = birthDatesForAges(f.ageFrom, f.ageTo, today)
  const c: SQL[] = [eq(ledgerBirthCounts.organisationId, organisationId)]
  if (born.bornOnOrBefore) c.push(lte(ledgerBirthCounts.birthDate, born.bornOnOrBefore))
  if (born.bornAfter) c.push(gt(ledgerBirthCounts.birthDate, born.bornAfter))
  const row = db
    .select({ n: sql<number>`coalesce(sum(${ledgerBirthCounts.workers}), 0)` })
    .from(ledgerBirthCounts)
    .where(and(...c))
    .get()
  return Number(row?.n ?? 0)
}

// The skills index carries the choice, age and order columns, not the person search's: with a person
// search the recommend index (or the unique ID-number index) answers, as without a skill.
const usesSkillsIndex = (f: CandidateFilters) => f.skill != null && f.search.kind === 'none'

// A whole ID number is one row of the unique index; everything else walks the recommend index.
function source(f: CandidateFilters) {
  return f.search.kind === 'idNumber' ? workers : RECOMMEND_INDEX
}

// The last count of a filters object (the page counts, then lists with the same object), so the list can
// judge how far down the recommend index its page lies without counting again.
const counted = new WeakMap<CandidateFilters, { organisationId: number; today: string; total: number }>()

/**
 * How many live rows of the actor's county match the filters (on `today`, YYYY-MM-DD, for ages). With no
 * filter it is the county's kept ledger figure (ledger_counts: live rows), not a walk of 300,000 index
 * entries; an age range alone (the post's, which the page starts with) sums the kept per-birth-date figures
 * (ledger_birth_counts); a skill text reads only the rows holding a matching text (none for a skill nobody
 * has), and a skill text alone is the sum of the matching texts' kept figures (ledger_skill_texts).
 */
export function countCandidates(actor: Actor, f: CandidateFilters, today: string) {
  const total = countMatching(actor, f, today)
  counted.set(f, { organisationId: actor.organisationId, today, total })
  return total
}

function countMatching(actor: Actor, f: CandidateFilters, today: string) {
  const { organisationId } = actor
  if (isUnfiltered(f)) return countWorkersInLedger(actor)
  if (isAgesOnly(f)) return countByBirthDates(organisationId, f, today)
  if (f.skill == null) return countRows(db, source(f), conditions(organisationId, f, today))
  const matches = countSkillMatches(organisationId, f.skill)
  if (matches === 0 || isSkillOnly(f)) return matches
  if (usesSkillsIndex(f)) return countRows(db, SKILLS_INDEX, conditions(organisationId, f, today, true))
  return countRows(db, source(f), conditions(organisationId, f, today))
}

// Which index a page of a skill filter reads. Walking the recommend index passes about
// (offset + limit) × live rows ÷ matching rows entries before the page is full (matches spread over the
// order); reading the skills index passes the rows holding a matching text and sorts the matches. The walk
// wins while its expected length is below the matching texts' rows.
function pageSource(actor: Actor, f: CandidateFilters, today: string, need: number) {
  const { organisationId } = actor
  if (!usesSkillsIndex(f)) return { from: source(f), where: conditions(organisationId, f, today) }
  const matches = countSkillMatches(organisationId, f.skill!)
  if (matches === 0) return null
  const memo = counted.get(f)
  const total = memo && memo.organisationId === organisationId && memo.today === today ? memo.total : matches
  if (total === 0) return null
  const live = countWorkersInLedger(actor)
  if ((need * live) / total <= matches) return { from: RECOMMEND_INDEX, where: conditions(organisationId, f, today) }
  return { from: SKILLS_INDEX, where: conditions(organisationId, f, today, true) }
}

/**
 * `limit` matching live rows of the actor's county from `offset`, newest change first, phones masked,
 * with what the page shows and checks (birth date for the age warning).
 */
export function listCandidates(actor: Actor, f: CandidateFilters, today: string, { limit, offset }: { limit: number; offset: number }) {
  const from = pageSource(actor, f, today, offset + limit)
  if (!from) return []
  const pageIds = db
    .select({ id: sql<number>`${workers.id}` })
    .from(from.from)
    .where(from.where)
    .orderBy(desc(workers.updatedAt), desc(workers.id))
    .limit(limit)
    .offset(offset)
  return db
    .select({
      id: workers.id,
      name: workers.name,
      sex: workers.sex,
      birthDate: workers.birthDate,
      phone: workers.phone,
      townshipName: areas.name,
      employmentStatus: workers.employmentStatus,
      employmentNeed: workers.employmentNeed,
      skillLevel: workers.skillLevel,
      skills: workers.skills,
    })
    .from(workers)
    .innerJoin(areas, eq(areas.code, workers.townshipCode))
    .where(inArray(workers.id, pageIds))
    .orderBy(desc(workers.updatedAt), desc(workers.id))
    .all()
    .map(({ phone, ...r }) => ({ ...r, phoneMasked: phone ? maskMobile(phone) : null }))
}

/** One row of the recommend list as listCandidates reads it. */
export type CandidateRow = ReturnType<typeof listCandidates>[number]

/**
 * A candidate as the page and the export show it: labels instead of codes, age today, the masked phone,
 * and the warnings against the post (rules/recommend.ts candidateWarnings).
 */
export function candidateView(r: CandidateRow, post: PostConditions, today: string) {
  return {
    id: r.id,
    name: r.name,
    sex: SEX_LABELS[r.sex],
    age: ageOn(r.birthDate, today),
    township: r.townshipName,
    phone: r.phoneMasked ?? '未登记',
    skillLevel: SKILL_LEVEL_LABELS[r.skillLevel],
    skills: r.skills ?? '',
    status: EMPLOYMENT_STATUS_LABELS[r.employmentStatus],
    need: EMPLOYMENT_NEED_LABELS[r.employmentNeed],
    warnings: candidateWarnings(post, r, today),
  }
}

/** What candidateView returns. */
export type CandidateView = ReturnType<typeof candidateView>

/** The most rows the recommend list's xlsx and print copies carry: a list for villages, not the ledger. */
export const RECOMMEND_EXPORT_MAX = 500

/**
 * The filtered list to share with villages (xlsx or print): at most RECOMMEND_EXPORT_MAX rows, newest
 * change first, phones masked, with the total matching so the copy can say when it is cut short.
 */
export function listCandidatesToShare(actor: Actor, f: CandidateFilters, post: PostConditions, today: string) {
  const total = countCandidates(actor, f, today)
  const rows = total === 0 ? [] : listCandidates(actor, f, today, { limit: RECOMMEND_EXPORT_MAX, offset: 0 }).map((r) => candidateView(r, post, today))
  return { total, rows }
}
