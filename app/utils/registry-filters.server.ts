import type { Actor } from '~/rules/permissions'
import { SEARCH_TEXT_MAX } from '~/rules/cjk-search'
import { EMPLOYMENT_NEED_LABELS, EMPLOYMENT_STATUS_LABELS, HOUSEHOLD_LABELS } from '~/rules/registry'
import { EMPLOYMENT_NEEDS, EMPLOYMENT_STATUSES, HOUSEHOLD_STATUSES } from '~/rules/registry-enums'
import { interpretRegistrySearch, type RegistryFilters } from '~/rules/registry-search'
import { z } from '~/rules/zod'
import { parseListParams } from './list'
import { seal, unseal } from './sealed.server'

// The registry list, the recommend page and the export share one set of filters, read from the URL
// with parseListParams (what does not parse is dropped). Choices (township, statuses) are plain
// parameters; the free-text search, which may be a phone number or an ID tail, travels only as a sealed
// token `s` so no personal number appears in a URL.

const FILTER_PARAMS = {
  s: z.string(),
  township: z.string().regex(/^\d{9}$/),
  household: z.enum(HOUSEHOLD_STATUSES),
  employmentStatus: z.enum(EMPLOYMENT_STATUSES),
  employmentNeed: z.enum(EMPLOYMENT_NEEDS),
  account: z.enum(['linked', 'none']),
  state: z.enum(['archived']),
}

const CHOICES = ['township', 'household', 'employmentStatus', 'employmentNeed', 'account', 'state'] as const

/** The filters and the search text as typed (`q`), for the page to show again. */
export type RegistryFilterValues = RegistryFilters & { q: string }

/**
 * The ledger filters of a URL's search parameters. A sealed search opens only for the office that made
 * it: a link forwarded to another county must not hand over the phone number or ID tail typed into it.
 * Takes the search parameters and the actor; never throws.
 */
export function readRegistryFilters(search: URLSearchParams, actor: Pick<Actor, 'organisationId'>): RegistryFilterValues {
  const p = parseListParams(search, FILTER_PARAMS)
  const sealed = unseal<{ q?: unknown; org?: unknown }>(p.s)
  const q = typeof sealed?.q === 'string' && sealed.org === actor.organisationId ? sealed.q : ''
  return {
    q,
    search: interpretRegistrySearch(q),
    township: p.township ?? null,
    household: p.household ?? null,
    employmentStatus: p.employmentStatus ?? null,
    employmentNeed: p.employmentNeed ?? null,
    account: p.account ?? null,
    state: p.state ?? null,
  }
}

/** URL search parameters for a set of filters (the search term sealed for the actor's office), for links and redirects. */
export function registryFilterParams(f: Partial<Record<'q' | (typeof CHOICES)[number], string | null>>, actor: Pick<Actor, 'organisationId'>) {
  const params = new URLSearchParams()
  if (f.q && f.q.trim() !== '') params.set('s', seal({ q: f.q.trim().slice(0, SEARCH_TEXT_MAX), org: actor.organisationId }))
  for (const key of CHOICES) {
    const v = f[key]
    if (v) params.set(key, v)
  }
  return params
}

/**
 * The filter form (posted so that typed text stays out of URLs) as clean URL parameters for the
 * redirect: the search sealed for the actor's office, and only valid choices kept.
 */
export function registryFilterParamsFromForm(form: FormData, actor: Pick<Actor, 'organisationId'>) {
  const typed = new URLSearchParams()
  for (const key of CHOICES) {
    const v = form.get(key)
    if (typeof v === 'string') typed.set(key, v)
  }
  const q = form.get('q')
  return registryFilterParams({ ...readRegistryFilters(typed, actor), q: typeof q === 'string' ? q : null }, actor)
}

/**
 * The filters applied, in words, for an export's file name and title row (exports/file-name.server.ts):
 * the township's name and each choice's label, in the form's order; a search is only 查找结果, never the
 * text typed (it may be a phone number). Takes the filters and the county's townships; [] when none.
 */
export function registryFilterLabels(f: RegistryFilterValues, townships: readonly { code: string; name: string }[]): string[] {
  return [
    f.q ? '查找结果' : null,
    f.township ? (townships.find((t) => t.code === f.township)?.name ?? null) : null,
    labelOf(HOUSEHOLD_LABELS, f.household),
    labelOf(EMPLOYMENT_STATUS_LABELS, f.employmentStatus),
    labelOf(EMPLOYMENT_NEED_LABELS, f.employmentNeed),
    f.account ? (f.account === 'linked' ? '已关联账号' : '未关联账号') : null,
    f.state === 'archived' ? '已归档' : null,
  ].filter((label): label is string => label != null)
}

function labelOf(labels: Record<string, string>, code: string | null | undefined) {
  return code ? (labels[code] ?? null) : null
}
