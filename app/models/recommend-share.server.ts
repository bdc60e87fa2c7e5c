import type { Actor } from '~/rules/permissions'
import { describeRecommendFilters, type PostConditions } from '~/rules/recommend'
import { EMPLOYMENT_NEED_LABELS, EMPLOYMENT_STATUS_LABELS, SKILL_LEVEL_LABELS } from '~/rules/registry'
import { todayInShanghai } from '~/rules/dates'
import { readRecommendFilters } from '~/utils/recommend-filters.server'
import { listTownships } from './area.server'
import { appliedWorkerIds } from './county-applicants.server'
import { listCandidatesToShare, type CandidateView } from './recommend-candidates.server'

// The recommend list of a post as it leaves the office (issue 11 §4): the print page and the xlsx read
// it here, so both carry the same rows, the same 提示 as the screen (已报名此岗位, outside the post's age
// range) and the same line of filters.

/** One row of a shared recommend list: the page's candidate and its 提示 (empty when nothing to say). */
export type SharedCandidate = CandidateView & { notes: string[] }

/**
 * The filtered recommend list of a post to share (xlsx or print), read from the page's URL parameters
 * with the page's own rules (the post's age range when the link sets no age). Takes the actor (county
 * staff), the post (id and age range) and the search parameters. Returns today (YYYY-MM-DD), the total
 * matching, at most RECOMMEND_EXPORT_MAX rows with their notes, whether any row has a note, and the
 * filters as one Chinese line.
 */
export function recommendListToShare(actor: Actor, post: PostConditions & { id: number }, search: URLSearchParams) {
  const today = todayInShanghai()
  const { q, ...filters } = readRecommendFilters(search, actor, post)
  const { total, rows } = listCandidatesToShare(actor, filters, post, today)
  const applied = appliedWorkerIds(
    actor,
    post.id,
    rows.map((r) => r.id),
  )
  const shared: SharedCandidate[] = rows.map((r) => ({ ...r, notes: [...(applied.has(r.id) ? ['已报名此岗位'] : []), ...r.warnings] }))
  const townships = new Map(listTownships(actor.areaCode).map((t) => [t.code, t.name]))
  const filterLine = describeRecommendFilters({
    search: filters.search,
    township: filters.township ? (townships.get(filters.township) ?? null) : null,
    employmentStatus: filters.employmentStatus ? (EMPLOYMENT_STATUS_LABELS as Record<string, string>)[filters.employmentStatus] : null,
    employmentNeed: filters.employmentNeed ? (EMPLOYMENT_NEED_LABELS as Record<string, string>)[filters.employmentNeed] : null,
    skill: filters.skill,
    skillLevel: filters.skillLevel ? SKILL_LEVEL_LABELS[filters.skillLevel] : null,
    ageFrom: filters.ageFrom,
    ageTo: filters.ageTo,
  })
  return { q, filters, today, total, rows: shared, hasNotes: shared.some((r) => r.notes.length > 0), filterLine }
}
