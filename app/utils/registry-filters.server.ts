import { EMPLOYMENT_NEEDS, EMPLOYMENT_STATUSES, HOUSEHOLD_STATUSES } from '../../db/schema'
import type { RegistryFilters } from '~/models/worker.server'
import { SEARCH_TEXT_MAX } from '~/rules/cjk-search'
import { interpretRegistrySearch } from '~/rules/registry-search'
import { seal, unseal } from './sealed.server'

// The registry list, its pages and its export share one set of filters, read from the URL. Choices
// (township, statuses) are plain parameters; the free-text search, which may be a phone number or an
// ID tail, travels only as a sealed token `s` so no personal number appears in a URL.

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : null
}

export function readRegistryFilters(url: URL, organisationId: number): RegistryFilters & { q: string; page: number } {
  const p = url.searchParams
  // A sealed search opens only for the office that made it: a link forwarded to another county must
  // not hand over the phone number or ID tail typed into it.
  const sealed = unseal<{ q?: unknown; org?: unknown }>(p.get('s'))
  const q = typeof sealed?.q === 'string' && sealed.org === organisationId ? sealed.q : ''
  const township = p.get('township')
  const page = Number.parseInt(p.get('page') ?? '1', 10)
  return {
    q,
    search: interpretRegistrySearch(q),
    township: township && /^\d{9}$/.test(township) ? township : null,
    household: oneOf(p.get('household'), HOUSEHOLD_STATUSES),
    employmentStatus: oneOf(p.get('employmentStatus'), EMPLOYMENT_STATUSES),
    employmentNeed: oneOf(p.get('employmentNeed'), EMPLOYMENT_NEEDS),
    account: oneOf(p.get('account'), ['linked', 'none'] as const),
    page: Number.isFinite(page) && page >= 1 && page <= 100_000 ? page : 1,
  }
}

/** URL search parameters for a set of filters (the search term sealed), e.g. for links and redirects. */
export function registryFilterParams(
  f: {
    q?: string | null
    township?: string | null
    household?: string | null
    employmentStatus?: string | null
    employmentNeed?: string | null
    account?: string | null
    page?: number | null
  },
  organisationId: number,
) {
  const params = new URLSearchParams()
  if (f.q && f.q.trim() !== '') params.set('s', seal({ q: f.q.trim().slice(0, SEARCH_TEXT_MAX), org: organisationId }))
  for (const key of ['township', 'household', 'employmentStatus', 'employmentNeed', 'account'] as const) {
    const v = f[key]
    if (v) params.set(key, v)
  }
  if (f.page && f.page > 1) params.set('page', String(f.page))
  return params
}

/**
 * The filter form (posted so that typed text stays out of URLs) as clean URL parameters for the
 * redirect: the search sealed for this office, and only valid choices kept.
 */
export function registryFilterParamsFromForm(form: FormData, organisationId: number) {
  const text = (name: string) => {
    const v = form.get(name)
    return typeof v === 'string' ? v : null
  }
  const typed = registryFilterParams(
    {
      q: text('q'),
      township: text('township'),
      household: text('household'),
      employmentStatus: text('employmentStatus'),
      employmentNeed: text('employmentNeed'),
      account: text('account'),
    },
    organisationId,
  )
  return registryFilterParams(readRegistryFilters(new URL(`http://x/?${typed}`), organisationId), organisationId)
}
