import { normalizeIdNumber } from './id-number'
import { normalizeMobile } from './mobile'
import { normaliseTyped } from './normalise'
import { normalisePersonName } from './person-name'

/** The ledger list's filters (list page, recommend page and export read the same ones). */
export type RegistryFilters = {
  township?: string | null
  household?: string | null
  employmentStatus?: string | null
  employmentNeed?: string | null
  account?: 'linked' | 'none' | null
  /** 'archived': the archived rows only (issue 11 §2); otherwise the live rows only. */
  state?: 'archived' | null
  search: RegistrySearch
}

export type RegistrySearch = { kind: 'none' } | { kind: 'idNumber'; value: string } | { kind: 'digits'; value: string } | { kind: 'name'; value: string }

/**
 * What staff typed in the one search box: a whole ID number, the tail of one (the last 4–6 characters
 * people read off a card), part of a phone number, or part of a name.
 */
export function interpretRegistrySearch(raw: string | null | undefined): RegistrySearch {
  const v = normaliseTyped((raw ?? '').normalize('NFKC'), 'collapse').slice(0, 40)
  if (v === '') return { kind: 'none' }
  const id = normalizeIdNumber(v)
  if (/^\d{17}[\dX]$/.test(id)) return { kind: 'idNumber', value: id }
  if (/^\d{3,16}[\dX]?$/.test(id)) {
    const digits = /^[\d\s+-]+$/.test(v) ? normalizeMobile(v) : id
    return { kind: 'digits', value: digits }
  }
  // Names are stored as the name rule writes them (no spaces, one kind of middle dot), so 张<U+3000>三 finds 张三.
  return { kind: 'name', value: normalisePersonName(v).replace(/[%_\\]/g, '') }
}
