import { ageOn } from './id-number'
import { normaliseTyped } from './normalise'

// Recommending a ledger worker to a post (issue 11 §4): which birth dates an age range means, and what a
// row is warned about against the post. Pure; the SQL that reads the ledger is
// app/models/recommend-candidates.server.ts.

/** The programme's working ages (16–65 周岁, as rules/id-number.ts parseLabourerIdNumber). */
export const WORKING_AGE = { min: 16, max: 65 } as const

/** The longest skill text a recommend search takes (characters). */
export const SKILL_SEARCH_MAX = 20

/**
 * The birth dates (YYYY-MM-DD, compared as strings) of people whose age on `today` is within
 * `from`…`to` whole years, by the same rule as ageOn (a birthday counts from its MM-DD): age ≥ from ⇔
 * born on or before (year − from)-MM-DD; age ≤ to ⇔ born after (year − to − 1)-MM-DD. Either end may be
 * null (open). Takes ages in whole years and today (YYYY-MM-DD); returns the bounds, null where open.
 */
export function birthDatesForAges(from: number | null, to: number | null, today: string) {
  const [y, md] = [Number(today.slice(0, 4)), today.slice(4)]
  const year = (n: number) => String(n).padStart(4, '0')
  return {
    bornOnOrBefore: from == null ? null : `${year(y - from)}${md}`,
    bornAfter: to == null ? null : `${year(y - to - 1)}${md}`,
  }
}

/**
 * A skill as typed into the recommend search, folded as stored text is compared (NFKC, spaces collapsed),
 * cut to SKILL_SEARCH_MAX and without LIKE's wildcard characters; null when nothing remains.
 */
export function normaliseSkillSearch(raw: string | null | undefined): string | null {
  const v = normaliseTyped((raw ?? '').normalize('NFKC'), 'collapse')
    .replace(/[%_\\]/g, '')
    .trim()
  return v === '' ? null : [...v].slice(0, SKILL_SEARCH_MAX).join('')
}

/** What the post asks of a person that can be checked against a ledger row: today its age range. */
export type PostConditions = { ageMin: number | null; ageMax: number | null }

/** The age range a post asks for as shown (18–45 岁), or null when it sets none. */
export function postAgeRange({ ageMin, ageMax }: PostConditions) {
  if (ageMin == null && ageMax == null) return null
  return `${ageMin ?? WORKING_AGE.min}–${ageMax ?? WORKING_AGE.max} 岁`
}

/**
 * Why a ledger row may not suit the post, as short Chinese sentences for the row (empty when nothing is
 * wrong): outside the post's age range (an unset end is the working-age end), or outside working age at
 * all. The post's other conditions (requirements) are free text the staff read on the page; the ledger
 * has no field to compare them with. Takes the post, the row's birth date and today (YYYY-MM-DD).
 */
export function candidateWarnings(post: PostConditions, person: { birthDate: string }, today: string): string[] {
  const age = ageOn(person.birthDate, today)
  const min = post.ageMin ?? WORKING_AGE.min
  const max = post.ageMax ?? WORKING_AGE.max
  if (age < min || age > max) return [`${age} 岁，不在岗位要求的 ${min}–${max} 岁之内`]
  return []
}
