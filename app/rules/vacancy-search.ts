import { shortAreaName } from './areas'
import { normaliseTyped } from './normalise'
import { INDUSTRY_LABELS, type Industry } from './vacancy-labels'

// What a post is found by on the public board (issue 9 §10): its own words, and where it is — the city,
// the county or district of the workplace, and the workplace address — so "潍坊 电焊", "寿光市" or "奎文区"
// find it. The words are indexed as bigrams (./cjk-search.ts), so a full name such as 潍坊市 also finds
// its short form 潍坊; the county found from its short form in an address (寿光文家街道) adds the full one.

/**
 * Bumped whenever what is indexed, or how (./cjk-search.ts), changes: setup then rebuilds every stored
 * search document (app/models/vacancy-search.server.ts). 2: place names and the private-use separator.
 */
export const VACANCY_SEARCH_FORMAT = 2

/** A post as its search document is made from it. */
export type VacancySearchSource = {
  title: string
  employerName: string
  industry: string
  requirements: string | null
  /** The workplace address as the bureau typed it. */
  address?: string | null
  /** The post's city as the area table names it (潍坊市). */
  cityName?: string | null
  /** The county-level divisions of that city (GB/T 2260 names: 寿光市, 奎文区, 临朐县). */
  countiesOfCity?: readonly string[]
}

const SUFFIX = /(?:市|区|县|旗)$/u

/**
 * The short forms people write a county-level name in: without its 市/区/县/旗 suffix (寿光市 → 寿光), and an
 * autonomous county without its nationalities (shortAreaName). Forms shorter than two characters, or that
 * still hold a suffix character (市中区 → 市中), are left out: they would be found inside unrelated words.
 */
export function shortPlaceNames(name: string): string[] {
  const out = new Set<string>()
  for (const form of [name, shortAreaName(name)]) {
    const short = form.replace(SUFFIX, '')
    if (short !== form && [...short].length >= 2 && !/[市区县旗]|自治$/u.test(short)) out.add(short)
  }
  out.delete(name)
  return [...out]
}

/**
 * The county-level divisions an address names, by full name or short form (shortPlaceNames), in the
 * order given. Takes the address (null for none) and the names of the city's counties; returns full names.
 */
export function countiesInAddress(address: string | null | undefined, counties: readonly string[]): string[] {
  const text = normaliseTyped(address ?? '', 'drop').normalize('NFKC')
  if (text === '') return []
  return counties.filter((name) => text.includes(name) || shortPlaceNames(name).some((short) => text.includes(short)))
}

/**
 * The text a post is found by on the public board, in the order it is indexed: title, employer, the
 * industry's label, requirements, then the city, the counties its address names and the address itself.
 */
export function vacancySearchFields(v: VacancySearchSource): (string | null | undefined)[] {
  const industry = INDUSTRY_LABELS[v.industry as Industry] ?? v.industry
  return [v.title, v.employerName, industry, v.requirements, v.cityName, ...countiesInAddress(v.address, v.countiesOfCity ?? []), v.address]
}
