import { and, desc, eq } from 'drizzle-orm'
import { subsidyPolicies, type SelectSubsidyPolicy } from '../../db/schema'
import { policyTermsOf, type PolicyTerms } from '~/rules/subsidy'
import { defaultPolicyTerms } from '~/rules/subsidy-policy'
import type { Queryable } from '~/utils/db.server'

// A county's subsidy policy by year and version (issue 13 §1). New claims take the newest version of their
// year; a version a submitted claim was made under is never edited (a change makes the next version).

/**
 * The policy in force for `organisationId`'s county in `year`: its newest version, or null when the county has
 * none for that year. Takes any connection or transaction; one indexed read.
 */
export function policyInForce(q: Queryable, organisationId: number, year: number): SelectSubsidyPolicy | null {
  return (
    q
      .select()
      .from(subsidyPolicies)
      .where(and(eq(subsidyPolicies.organisationId, organisationId), eq(subsidyPolicies.year, year)))
      .orderBy(desc(subsidyPolicies.version))
      .get() ?? null
  )
}

/** The rules' view of a stored policy (JSON lists parsed), see app/rules/subsidy.ts policyTermsOf. */
export function termsOfPolicy(policy: SelectSubsidyPolicy): PolicyTerms {
  return policyTermsOf(policy)
}

/** The stored columns of `terms` (lists as JSON text). */
export function policyColumnsOf(terms: PolicyTerms) {
  return {
    year: terms.year,
    opensOn: terms.opensOn,
    closesOn: terms.closesOn,
    lateUntil: terms.lateUntil,
    eligibleModes: JSON.stringify(terms.eligibleModes),
    capFen: terms.capFen,
    flatOutsideChongqingFen: terms.flatOutsideChongqingFen,
    flatOutsideCountyFen: terms.flatOutsideCountyFen,
    acceptedProofs: JSON.stringify(terms.acceptedProofs),
  }
}

/**
 * The policy in force for the county in `year`, made first (version 1, `terms` or the defaults of
 * defaultPolicyTerms) when there is none — for demo data and tests, not audited (no person decided it).
 * Call inside a write transaction when others may write at once. Returns the stored row.
 */
export function ensurePolicy(q: Queryable, organisationId: number, year: number, terms: Partial<PolicyTerms> = {}): SelectSubsidyPolicy {
  const found = policyInForce(q, organisationId, year)
  if (found) return found
  const values = policyColumnsOf({ ...defaultPolicyTerms(year), ...terms, year })
  return q
    .insert(subsidyPolicies)
    .values({ organisationId, version: 1, ...values })
    .returning()
    .get()
}
