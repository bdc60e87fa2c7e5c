import { DEFAULT_ELIGIBLE_MODES, EMPLOYMENT_PROOFS } from './subsidy-enums'
import type { PolicyTerms } from './subsidy'

// A county's subsidy policy for a year (issue 13 §1): the defaults a new year's policy starts from.

/** The flat amount for work outside Chongqing with no tickets, in fen (¥200, Chongqing county guides). */
export const DEFAULT_FLAT_OUTSIDE_CHONGQING_FEN = 20_000
/** The flat amount for work outside the county inside Chongqing, in fen (¥50). */
export const DEFAULT_FLAT_OUTSIDE_COUNTY_FEN = 5_000

/**
 * The terms a county's policy for `year` starts from (decision 024): claims from 1 January to 31 December,
 * late filing until 28 February of the next year (the return home for the Spring Festival falls in January or
 * February), the modes of seed 002, no cap, ¥200 / ¥50 flat, every proof of employment accepted.
 */
export function defaultPolicyTerms(year: number): PolicyTerms {
  return {
    year,
    opensOn: `${year}-01-01`,
    closesOn: `${year}-12-31`,
    lateUntil: `${year + 1}-02-28`,
    eligibleModes: [...DEFAULT_ELIGIBLE_MODES],
    capFen: null,
    flatOutsideChongqingFen: DEFAULT_FLAT_OUTSIDE_CHONGQING_FEN,
    flatOutsideCountyFen: DEFAULT_FLAT_OUTSIDE_COUNTY_FEN,
    acceptedProofs: [...EMPLOYMENT_PROOFS],
  }
}
