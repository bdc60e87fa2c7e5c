import { and, desc, eq, gt, inArray, isNull, like, lte, or, sql, type SQL } from 'drizzle-orm'
import { areas, workers } from '../../db/schema'
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
// Every filter is answered from workers_org_recommend_idx (migration 0041), a partial index over the live
// rows that carries every column these filters read, in the list's order (newest change first): a page
// walks it and stops after the page, a count passes the county's index entries (about 50 ms for 300,000
// on the benchmark machine) and reads no table row. Only the page's rows are then read by id.

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

function conditions(organisationId: number, f: CandidateFilters, today: string) {
  // `archived_at is null` is the partial index's own condition, so SQLite may use it.
  const c: SQL[] = [eq(workers.organisationId, organisationId), isNull(workers.archivedAt)]
  if (f.township) c.push(eq(workers.townshipCode, f.township))
  if (f.employmentStatus) c.push(sql`${workers.employmentStatus} = ${f.employmentStatus}`)
  if (f.employmentNeed) c.push(sql`${workers.employmentNeed} = ${f.employmentNeed}`)
  if (f.skillLevel) c.push(sql`${workers.skillLevel} = ${f.skillLevel}`)
  if (f.skill) c.push(like(workers.skills, `%${f.skill}%`))
  const born = birthDatesForAges(f.ageFrom, f.ageTo, today)
  if (born.bornOnOrBefore) c.push(lte(workers.birthDate, born.bornOnOrBefore))
  if (born.bornAfter) c.push(gt(workers.birthDate, born.bornAfter))
  const s = f.search
  if (s.kind === 'idNumber') c.push(eq(workers.idNumber, s.value))
  if (s.kind === 'digits') c.push(or(like(workers.phone, `%${s.value}%`), like(workers.idNumber, `%${s.value}`))!)
  if (s.kind === 'name') c.push(like(workers.name, `%${s.value}%`))
  return and(...c)!
}

function isUnfiltered(f: CandidateFilters) {
  const { search, ...choices } = f
  return search.kind === 'none' && Object.values(choices).every((v) => v == null)
}

// A whole ID number is one row of the unique index; everything else walks the recommend index.
function source(f: CandidateFilters) {
  return f.search.kind === 'idNumber' ? workers : RECOMMEND_INDEX
}

/**
 * How many live rows of the actor's county match the filters (on `today`, YYYY-MM-DD, for ages). With no
 * filter it is the county's kept ledger figure (ledger_counts: live rows), not a walk of 300,000 index entries.
 */
export function countCandidates(actor: Actor, f: CandidateFilters, today: string) {
  if (isUnfiltered(f)) return countWorkersInLedger(actor)
  return countRows(db, source(f), conditions(actor.organisationId, f, today))
}

/**
 * `limit` matching live rows of the actor's county from `offset`, newest change first, phones masked,
 * with what the page shows and checks (birth date for the age warning).
 */
export function listCandidates(actor: Actor, f: CandidateFilters, today: string, { limit, offset }: { limit: number; offset: number }) {
  const pageIds = db
    .select({ id: sql<number>`${workers.id}` })
    .from(source(f))
    .where(conditions(actor.organisationId, f, today))
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
