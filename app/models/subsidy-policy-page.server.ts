import { data } from '@remix-run/node'
import { FIRST_POLICY_YEAR, policiesOfCounty, policyCountyFor, policyStampOf, savePolicy, type PolicySaveOutcome } from '~/models/subsidy-policy.server'
import { todayInShanghai } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { defaultPolicyTerms } from '~/rules/subsidy-policy'
import { policyFormDefaults, policyTermsOfInput, policyYearRefusal, PolicySchema } from '~/rules/subsidy-policy-form'
import { failure, failureReply, parseForm } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'

// The policy editor's loader and action (issue 13 §1), shared by the county's page (/west/subsidy-policy/<year>)
// and the operator's (/admin/subsidy-policies/<county>/<year>): the routes differ only in who may open them
// and where they lead back to.

/** The latest year a policy may be written for: next year (a county sets next year's window in December). */
export function lastPolicyYear(today = todayInShanghai()): number {
  return Number(today.slice(0, 4)) + 1
}

/** A policy year from the URL: a whole year from FIRST_POLICY_YEAR to next year, else a 404 like any record not found. */
export function requirePolicyYear(raw: unknown): number {
  const year = typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : NaN
  if (!(year >= FIRST_POLICY_YEAR && year <= lastPolicyYear())) throw new Response('Not Found', { status: 404 })
  return year
}

/** The county `actor` may edit, or the 404 (another county, not a county centre). */
function requireCounty(actor: Actor, organisationId: number) {
  const county = policyCountyFor(actor, organisationId)
  if (!county) throw new Response('Not Found', { status: 404 })
  return county
}

/**
 * What the editor shows: the county, the year, the version in force (or null) with its terms and claims, the
 * year's earlier versions, and the form's starting values (the version in force, else the defaults of
 * defaultPolicyTerms) with its stamp. Throws the 404 for a county the actor may not edit.
 */
export function policyEditorData(actor: Actor, organisationId: number, year: number) {
  const county = requireCounty(actor, organisationId)
  const versions = policiesOfCounty(county.id).filter((v) => v.policy.year === year)
  const current = versions[0] ?? null
  const terms = current ? current.terms : defaultPolicyTerms(year)
  return {
    county,
    year,
    current: current ? { version: current.policy.version, terms: current.terms, claims: current.claims } : null,
    earlier: versions.slice(1).map((v) => ({ version: v.policy.version, terms: v.terms, claims: v.claims })),
    defaults: policyFormDefaults(terms, policyStampOf(current?.policy ?? null)),
  }
}

/** The one-time notice after saving, saying what became of the versions. */
export function policySavedNotice(year: number, outcome: PolicySaveOutcome, version: number, previousVersion: number | null): string {
  switch (outcome) {
    case 'created':
      return `${year}年交通补助政策已建立（第 ${version} 版）。`
    case 'updated':
      return `${year}年交通补助政策（第 ${version} 版）已保存。`
    case 'versioned':
      return `已有申请按第 ${previousVersion} 版提交，第 ${previousVersion} 版保持不变；修改已另存为第 ${version} 版，此后提交的申请按第 ${version} 版办理。`
    case 'unchanged':
      return '内容没有变化，政策未作修改。'
  }
}

/**
 * The editor's action: parses the form (400 with the messages beside the fields), checks the dates against the
 * year, saves through savePolicy (409 when someone saved in between) and redirects to `to` with the notice.
 * Throws the 404 for a county the actor may not edit.
 */
export async function savePolicyForm(actor: Actor, organisationId: number, year: number, request: Request, to: string) {
  requireCounty(actor, organisationId)
  const { submission, values } = parseForm(await request.formData(), PolicySchema)
  if (values == null) return data(submission.reply(), { status: 400 })
  const refusal = policyYearRefusal(values, year)
  if (refusal) return failureReply(submission, failure(refusal.message, { field: refusal.field }))
  const result = savePolicy(actor, organisationId, year, policyTermsOfInput(values, year), values.stamp)
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(submission, result)
  throw await redirectWithNotice(to, { text: policySavedNotice(year, result.outcome, result.policy.version, result.previousVersion) })
}

/** The county's policies by year for its own list page: the years with a policy, and this year and next always. */
export function countyPolicyYears(actor: Actor, organisationId: number) {
  const county = requireCounty(actor, organisationId)
  const thisYear = lastPolicyYear() - 1
  const years = new Set([thisYear + 1, thisYear])
  const all = policiesOfCounty(county.id)
  for (const v of all) years.add(v.policy.year)
  const rows = [...years]
    .sort((a, b) => b - a)
    .map((year) => {
      const versions = all.filter((v) => v.policy.year === year)
      const current = versions[0] ?? null
      return { year, current: current ? { version: current.policy.version, terms: current.terms, claims: versions.reduce((n, v) => n + v.claims, 0) } : null }
    })
  return { county, rows }
}
