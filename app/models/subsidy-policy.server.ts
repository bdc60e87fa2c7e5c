import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { areas, organisations, subsidyClaims, subsidyPolicies, type SelectSubsidyPolicy } from '../../db/schema'
import type { Actor } from '~/rules/permissions'
import { can } from '~/rules/permissions'
import { policyTermsOf, type PolicyTerms } from '~/rules/subsidy'
import { defaultPolicyTerms } from '~/rules/subsidy-policy'
import { writeActorAudit } from '~/utils/audit.server'
import { db, writeTransaction, type Queryable } from '~/utils/db.server'
import { failure, type Result } from '~/utils/mutation.server'

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

// ---------------------------------------------------------------------------------------------------
// The editor (issue 13 §1): west edits its own county's policies, admin any county's.

/** The earliest year a policy may be written for; the latest is next year (todayYear + 1). */
export const FIRST_POLICY_YEAR = 2020

/**
 * The county centre whose policies `actor` may edit: west its own, admin any centre. Takes the actor and the
 * organisation id; returns the centre's id, name and area code, or null (the page's 404) for another county, an
 * organisation that is not a county centre, or any other role.
 */
export function policyCountyFor(actor: Actor, organisationId: number) {
  const mine = actor.role === 'west' && actor.organisationId === organisationId
  if (!mine && !can(actor, 'administer:platform')) return null
  return (
    db
      .select({ id: organisations.id, name: organisations.name, shortName: organisations.shortName, areaCode: organisations.areaCode })
      .from(organisations)
      .where(and(eq(organisations.id, organisationId), eq(organisations.kind, 'centre')))
      .get() ?? null
  )
}

/** What a form loaded from `policy` sends back to say which version it edits: `new`, or `version:updatedAt(ms)`. */
export function policyStampOf(policy: SelectSubsidyPolicy | null): string {
  return policy ? `${policy.version}:${policy.updatedAt.getTime()}` : 'new'
}

/** How many submitted (not draft) claims were made under the policy version `policyId`. */
export function claimsUnderPolicy(q: Queryable, policyId: number): number {
  return (
    q
      .select({ n: sql<number>`count(*)` })
      .from(subsidyClaims)
      .where(and(eq(subsidyClaims.policyId, policyId), ne(subsidyClaims.state, 'draft')))
      .get()?.n ?? 0
  )
}

/**
 * Every version of the county's policies, newest year first and newest version first within a year, each with
 * the number of submitted claims made under it. Takes the centre's id (already checked by policyCountyFor).
 */
export function policiesOfCounty(organisationId: number) {
  const rows = db
    .select()
    .from(subsidyPolicies)
    .where(eq(subsidyPolicies.organisationId, organisationId))
    .orderBy(desc(subsidyPolicies.year), desc(subsidyPolicies.version))
    .all()
  const counts = claimCounts(rows.map((r) => r.id))
  return rows.map((r) => ({ policy: r, terms: policyTermsOf(r), claims: counts.get(r.id) ?? 0 }))
}

function claimCounts(policyIds: number[]): Map<number, number> {
  if (policyIds.length === 0) return new Map()
  const rows = db
    .select({ policyId: subsidyClaims.policyId, n: sql<number>`count(*)` })
    .from(subsidyClaims)
    .where(and(inArray(subsidyClaims.policyId, policyIds), ne(subsidyClaims.state, 'draft')))
    .groupBy(subsidyClaims.policyId)
    .all()
  return new Map(rows.map((r) => [r.policyId, r.n]))
}

/**
 * For the operator (admin only, else null): every county centre by area code with its policy in force for
 * `year` (the newest version, or null when it has none yet).
 */
export function policiesOfYearForAdmin(actor: Actor, year: number) {
  if (!can(actor, 'administer:platform')) return null
  const centres = db
    .select({ id: organisations.id, name: organisations.name, areaCode: organisations.areaCode, areaName: areas.name })
    .from(organisations)
    .innerJoin(areas, eq(areas.code, organisations.areaCode))
    .where(eq(organisations.kind, 'centre'))
    .orderBy(asc(organisations.areaCode))
    .all()
  return centres.map((c) => {
    const policy = policyInForce(db, c.id, year)
    return { centre: c, policy, terms: policy ? policyTermsOf(policy) : null }
  })
}

/** What saving did: made the year's first version, changed the version in place, made the next version, or nothing changed. */
export type PolicySaveOutcome = 'created' | 'updated' | 'versioned' | 'unchanged'

const STALE = '这份政策刚被其他人修改过，请刷新页面，在最新内容上重新修改。'

function sameTerms(a: PolicyTerms, b: PolicyTerms): boolean {
  return JSON.stringify(policyColumnsOf(a)) === JSON.stringify(policyColumnsOf(b))
}

/**
 * Saves the county's policy for `year` (issue 13 §1: a policy in force for claims already submitted cannot be
 * changed retroactively). Takes the actor, the centre's id, the year, the terms (amounts in fen) and the form's
 * `stamp` (policyStampOf of the version it was loaded from). In one write transaction:
 * - the same terms as the version in force: nothing is written (`unchanged`; a double click or refresh is harmless);
 * - a stamp that is not the version in force: a 409 Failure (someone saved in between);
 * - no policy for the year: version 1 is made (`created`, audit `subsidy_policy.created`);
 * - the version in force has submitted claims: version n+1 is made (`versioned`, audit `subsidy_policy.versioned`);
 * - otherwise the version is changed in place (`updated`, audit `subsidy_policy.updated`).
 * Returns the stored row and the outcome, or null when the actor may not edit this county (policyCountyFor).
 */
export function savePolicy(
  actor: Actor,
  organisationId: number,
  year: number,
  terms: PolicyTerms,
  stamp: string,
): Result<{ id: number; policy: SelectSubsidyPolicy; outcome: PolicySaveOutcome; previousVersion: number | null }> | null {
  if (!policyCountyFor(actor, organisationId)) return null
  const values = policyColumnsOf({ ...terms, year })
  return writeTransaction((tx) => {
    const current = policyInForce(tx, organisationId, year)
    if (current && sameTerms(policyTermsOf(current), { ...terms, year })) {
      return { ok: true as const, id: current.id, policy: current, outcome: 'unchanged' as const, previousVersion: current.version }
    }
    if (stamp !== policyStampOf(current)) return failure(STALE, { status: 409 })
    const detail = { year, capFen: values.capFen, flatOutsideChongqingFen: values.flatOutsideChongqingFen, flatOutsideCountyFen: values.flatOutsideCountyFen }
    if (!current || claimsUnderPolicy(tx, current.id) > 0) {
      const version = current ? current.version + 1 : 1
      const policy = tx
        .insert(subsidyPolicies)
        .values({ organisationId, version, ...values, createdByUserId: actor.userId })
        .returning()
        .get()
      const outcome = current ? ('versioned' as const) : ('created' as const)
      writeActorAudit(tx, actor, {
        action: current ? 'subsidy_policy.versioned' : 'subsidy_policy.created',
        entity: 'subsidy_policy',
        entityId: policy.id,
        detail: { ...detail, version },
      })
      return { ok: true as const, id: policy.id, policy, outcome, previousVersion: current?.version ?? null }
    }
    const policy = tx
      .update(subsidyPolicies)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(subsidyPolicies.id, current.id))
      .returning()
      .get()
    writeActorAudit(tx, actor, {
      action: 'subsidy_policy.updated',
      entity: 'subsidy_policy',
      entityId: policy.id,
      detail: { ...detail, version: policy.version },
    })
    return { ok: true as const, id: policy.id, policy, outcome: 'updated' as const, previousVersion: policy.version }
  })
}
