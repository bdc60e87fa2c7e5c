import type { Actor } from '~/rules/permissions'
import { normaliseSkillSearch, postAgeFilter, WORKING_AGE, type PostConditions } from '~/rules/recommend'
import { SKILL_LEVELS, type SkillLevel } from '~/rules/registry-enums'
import { z } from '~/rules/zod'
import { parseListParams } from './list'
import { readRegistryFilters, registryFilterParams } from './registry-filters.server'

// The recommend page's filters (issue 11 §4): the ledger's shared ones (township, 就业状态, 就业需求 and the
// sealed person search, utils/registry-filters.server.ts) — never `state`, so no link lists archived rows —
// and what a post asks about: skill text, skill level and an age range. A skill is not personal, so it
// travels as a plain parameter; what does not parse is dropped, as on every list.
//
// The age range starts from the post's own (issue 11 §4): a link with neither age takes the post's range;
// the user clears it by sending the form with both ages empty, which the URL keeps as `ages=all`.

const age = z
  .string()
  .regex(/^\d{1,2}$/)
  .transform(Number)
  .refine((n) => n >= WORKING_AGE.min && n <= WORKING_AGE.max)

const EXTRA_PARAMS = {
  skill: z.string().max(60),
  skillLevel: z.enum(SKILL_LEVELS),
  ageFrom: age,
  ageTo: age,
  ages: z.literal('all'),
}

/** The recommend filters, with the person search as typed (`q`) for the form to show again. */
export type RecommendFilterValues = {
  q: string
  search: ReturnType<typeof readRegistryFilters>['search']
  township: string | null
  employmentStatus: string | null
  employmentNeed: string | null
  skill: string | null
  skillLevel: SkillLevel | null
  ageFrom: number | null
  ageTo: number | null
  /** The user cleared the age range (`ages=all`): no age filter, not even the post's. */
  allAges: boolean
}

/**
 * Reads the recommend filters from a URL's search parameters for the actor's office; never throws. With
 * the post, a URL that sets neither age (nor `ages=all`) takes the post's age range (rules/recommend.ts
 * postAgeFilter).
 */
export function readRecommendFilters(search: URLSearchParams, actor: Pick<Actor, 'organisationId'>, post?: PostConditions): RecommendFilterValues {
  const r = readRegistryFilters(search, actor)
  const p = parseListParams(search, EXTRA_PARAMS)
  const allAges = p.ages === 'all' && p.ageFrom == null && p.ageTo == null
  const typed = p.ageFrom == null && p.ageTo == null && !allAges && post ? postAgeFilter(post) : { ageFrom: p.ageFrom ?? null, ageTo: p.ageTo ?? null }
  // Two ages typed the wrong way round mean the range between them.
  const [ageFrom, ageTo] =
    typed.ageFrom != null && typed.ageTo != null && typed.ageFrom > typed.ageTo ? [typed.ageTo, typed.ageFrom] : [typed.ageFrom, typed.ageTo]
  return {
    q: r.q,
    search: r.search,
    township: r.township ?? null,
    employmentStatus: r.employmentStatus ?? null,
    employmentNeed: r.employmentNeed ?? null,
    skill: normaliseSkillSearch(p.skill),
    skillLevel: p.skillLevel ?? null,
    ageFrom,
    ageTo,
    allAges,
  }
}

/** URL parameters for a set of recommend filters (the person search sealed for the actor's office). */
export function recommendFilterParams(f: RecommendFilterValues, actor: Pick<Actor, 'organisationId'>) {
  const params = registryFilterParams({ q: f.q, township: f.township, employmentStatus: f.employmentStatus, employmentNeed: f.employmentNeed }, actor)
  if (f.skill) params.set('skill', f.skill)
  if (f.skillLevel) params.set('skillLevel', f.skillLevel)
  if (f.ageFrom != null) params.set('ageFrom', String(f.ageFrom))
  if (f.ageTo != null) params.set('ageTo', String(f.ageTo))
  if (f.allAges) params.set('ages', 'all')
  return params
}

/**
 * The posted filter form as clean URL parameters for the redirect (typed text stays out of URLs; only
 * valid choices are kept, `state` never). Both age fields sent empty become `ages=all`, so the post's
 * range is not put back.
 */
export function recommendFilterParamsFromForm(form: FormData, actor: Pick<Actor, 'organisationId'>) {
  const typed = new URLSearchParams()
  for (const key of ['township', 'employmentStatus', 'employmentNeed', 'skill', 'skillLevel', 'ageFrom', 'ageTo']) {
    const v = form.get(key)
    if (typeof v === 'string') typed.set(key, v.trim())
  }
  const agesSent = form.has('ageFrom') || form.has('ageTo')
  if (agesSent && !typed.get('ageFrom') && !typed.get('ageTo')) typed.set('ages', 'all')
  const q = form.get('q')
  return recommendFilterParams({ ...readRecommendFilters(typed, actor), q: typeof q === 'string' ? q.trim() : '' }, actor)
}

/** Whether any recommend filter is set. */
export function isRecommendFiltered(f: RecommendFilterValues) {
  return Boolean(f.q || f.township || f.employmentStatus || f.employmentNeed || f.skill || f.skillLevel || f.ageFrom != null || f.ageTo != null)
}
