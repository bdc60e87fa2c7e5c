import { eq, sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { subsidyClaims } from '../../db/schema'
import { claimQueuePlan, readClaimQueueFilters } from '~/models/claim-queue.server'
import { loader as reviewLoader } from '~/routes/west.claims.$claimId'
import { loader as queueLoader } from '~/routes/west.claims._index'
import { loader as exportLoader } from '~/routes/west.claims.export[.xlsx]'
import type { ClaimState } from '~/rules/subsidy-enums'
import { db } from '~/utils/db.server'
import { createTestClaim } from '../factories-subsidy'
import { actorFor } from '../lookups'
import { DEC_FIRST_0000, MONTH, NOV_FIRST_0730, NOV_LAST_2359, OCT_LAST_2359, downloadName, readExport } from '../month-lists'
import { callLoader, cookieFor } from '../request'

// /west/claims?state=all&submitted=M, &decided=M and &paid=M are the lists the county dashboard's claim
// figures link to (issue 15 §5), each counting exactly the figure's rows: submitted_at in the Shanghai month
// (never a draft); decided_at in the month and approved in whole or part (approved, partially approved, in
// payout, paid, payment failed); paid_at in the month and paid.

type Moments = { submitted?: Date | null; decided?: Date | null; paid?: Date | null }

async function claimAt(state: ClaimState, at: Moments, centre = 'kaizhou') {
  const { claim } = await createTestClaim(centre, { state })
  db.update(subsidyClaims)
    .set({ submittedAt: at.submitted ?? null, decidedAt: at.decided ?? null, paidAt: at.paid ?? null })
    .where(eq(subsidyClaims.id, claim.id))
    .run()
  return claim.id
}

/** The figures' rules as the contract states them, over the table. */
function figure(organisationId: number, kind: 'submitted' | 'decided' | 'paid', month: string) {
  const inMonth = (column: string) => sql.raw(`strftime('%Y-%m', ${column} / 1000, 'unixepoch', '+8 hours') = '${month}'`)
  const rule = {
    submitted: sql`state <> 'draft' and ${inMonth('submitted_at')}`,
    decided: sql`state in ('approved', 'partially_approved', 'in_payout', 'paid', 'payment_failed') and ${inMonth('decided_at')}`,
    paid: sql`state = 'paid' and ${inMonth('paid_at')}`,
  }[kind]
  return db.get<{ n: number }>(sql`select count(*) as n from subsidy_claims where organisation_id = ${organisationId} and ${rule}`).n
}

async function queue(path: string, user = 'kaizhou') {
  const result = await callLoader(queueLoader, { path, cookie: await cookieFor(user) })
  if (!('value' in result)) throw new Error(`${path} answered ${result.thrown.status}`)
  return result.value
}

async function allIds(path: string, user = 'kaizhou') {
  const first = await queue(path, user)
  const ids = first.rows.map((r) => r.id)
  for (let page = 2; page <= first.pageCount; page++) ids.push(...(await queue(`${path}&page=${page}`, user)).rows.map((r) => r.id))
  expect(ids).toHaveLength(first.total)
  return ids
}

test('申领的提交、审核通过、发放月份：行数等于统计口径，上海时间月界，草稿和外县不计 / the submitted, decided and paid months list exactly the figures’ claims, by Shanghai month, never a draft or another county’s', async () => {
  const kaizhou = actorFor('kaizhou').organisationId
  const paths = {
    submitted: `/west/claims?view=all&submitted=${MONTH}`,
    decided: `/west/claims?view=all&decided=${MONTH}`,
    paid: `/west/claims?view=all&paid=${MONTH}`,
  }
  const before = {
    submitted: (await queue(paths.submitted)).total,
    decided: (await queue(paths.decided)).total,
    paid: (await queue(paths.paid)).total,
  }
  for (const kind of ['submitted', 'decided', 'paid'] as const) expect(before[kind], kind).toBe(figure(kaizhou, kind, MONTH))

  // Hand-counted (November in Shanghai): submitted A B C D G H = 6; approved C E H = 3; paid C = 1.
  const A = await claimAt('submitted', { submitted: NOV_FIRST_0730 })
  const B = await claimAt('under_review', { submitted: NOV_LAST_2359 })
  const C = await claimAt('paid', { submitted: NOV_FIRST_0730, decided: NOV_FIRST_0730, paid: NOV_LAST_2359 })
  const D = await claimAt('rejected', { submitted: NOV_FIRST_0730, decided: NOV_FIRST_0730 })
  const E = await claimAt('approved', { submitted: OCT_LAST_2359, decided: NOV_FIRST_0730 })
  const F = await claimAt('payment_failed', { submitted: OCT_LAST_2359, decided: OCT_LAST_2359 })
  const G = await claimAt('partially_approved', { submitted: NOV_FIRST_0730, decided: DEC_FIRST_0000 })
  const H = await claimAt('in_payout', { submitted: NOV_LAST_2359, decided: NOV_LAST_2359 })
  const I = await claimAt('paid', { submitted: OCT_LAST_2359, decided: OCT_LAST_2359, paid: OCT_LAST_2359 })
  // A draft never counts, whatever its submission time says; nor does another county's claim.
  const J = await claimAt('draft', { submitted: NOV_FIRST_0730 })
  const X = await claimAt('paid', { submitted: NOV_FIRST_0730, decided: NOV_FIRST_0730, paid: NOV_FIRST_0730 }, 'xiushan')

  const expected = { submitted: [A, B, C, D, G, H], decided: [C, E, H], paid: [C] }
  const mine = [A, B, C, D, E, F, G, H, I, J]
  for (const kind of ['submitted', 'decided', 'paid'] as const) {
    const page = await queue(paths[kind])
    expect(page.total, kind).toBe(before[kind] + expected[kind].length)
    expect(page.total, kind).toBe(figure(kaizhou, kind, MONTH))
    expect(page.more).toBe(false)
    const ids = await allIds(paths[kind])
    expect(
      ids.filter((id) => mine.includes(id)),
      kind,
    ).toEqual(expect.arrayContaining(expected[kind]))
    expect(ids.filter((id) => mine.includes(id)).length, kind).toBe(expected[kind].length)
    expect(ids, kind).not.toContain(X)
    // The export carries the same rows, the month in its name.
    const response = await callLoader(exportLoader, {
      path: `/west/claims/export.xlsx?${new URLSearchParams(page.exportParams)}`,
      cookie: await cookieFor('kaizhou'),
    })
    if (!('value' in response)) throw new Error('export refused')
    expect(downloadName(response.value), kind).toContain(`2026年11月${{ submitted: '提交', decided: '审核通过', paid: '发放' }[kind]}`)
    const sheet = await readExport(response.value)
    expect(sheet.rows.length, kind).toBe(page.total)
    expect(
      sheet.rows
        .map((r) => Number(r[0]))
        .filter((id) => mine.includes(id))
        .sort(),
      kind,
    ).toEqual([...expected[kind]].sort())
  }
  // The page's own parameter (state) and no state at all mean the same with a month: every state.
  expect((await queue(`/west/claims?state=all&decided=${MONTH}`)).total).toBe(figure(kaizhou, 'decided', MONTH))
  expect((await queue(`/west/claims?decided=${MONTH}`)).total).toBe(figure(kaizhou, 'decided', MONTH))
  // A state chosen narrows the month: 待处理 submitted in November holds A and B of ours.
  const waiting = await allIds(`/west/claims?state=waiting&submitted=${MONTH}`)
  expect(waiting.filter((id) => mine.includes(id)).sort()).toEqual([A, B].sort())
  // A state outside the figure's finds none of ours: rejected claims are never 审核通过.
  expect((await allIds(`/west/claims?state=rejected&decided=${MONTH}`)).filter((id) => mine.includes(id))).toEqual([])
  // 秀山 sees its own claim and none of ours; its claim's page is a 404 for 开州.
  const theirs = await allIds(paths.paid, 'xiushan')
  expect(theirs).toContain(X)
  expect(theirs.filter((id) => mine.includes(id))).toEqual([])
  const foreign = await callLoader(reviewLoader, { path: `/west/claims/${X}`, cookie: await cookieFor('kaizhou'), params: { claimId: String(X) } })
  expect('thrown' in foreign && foreign.thrown.status).toBe(404)
})

test('月份参数不合法时忽略，不报错 / a month that does not parse is dropped, never a 500', async () => {
  const waiting = await queue('/west/claims')
  for (const bad of ['2026-13', 'x', '2026-11-01', '']) {
    const page = await queue(`/west/claims?submitted=${bad}&decided=${bad}&paid=${bad}`)
    expect(page.filters, bad).toMatchObject({ submitted: null, decided: null, paid: null, state: null })
    expect(page.total, bad).toBe(waiting.total)
  }
})

test('月份筛选走对应的时间索引，只为合并后的一页排序 / a month walks its own time index per state and sorts only the merged page', () => {
  const actor = actorFor('kaizhou')
  const read = (q: string) => readClaimQueueFilters(new URLSearchParams(q), [])
  for (const [q, index, states] of [
    [`submitted=${MONTH}`, 'subsidy_claims_org_state_idx', 9],
    [`decided=${MONTH}`, 'subsidy_claims_org_decided_idx', 5],
    [`paid=${MONTH}`, 'subsidy_claims_org_paid_idx', 1],
    [`decided=${MONTH}&paid=${MONTH}`, 'subsidy_claims_org_paid_idx', 1],
  ] as const) {
    const plan = claimQueuePlan(actor, read(q), { limit: 20, offset: 40 }).join('\n')
    expect(plan.match(new RegExp(`${index} \\(organisation_id=\\? AND state=\\? AND \\w+_at>\\? AND \\w+_at<\\?\\)`, 'g'))?.length ?? 0, q).toBe(states)
    expect(plan, q).not.toMatch(/SCAN subsidy_claims\b(?! USING)/)
    // At most the merge's sort (one state's walk is already in order).
    expect((plan.match(/TEMP B-TREE/g) ?? []).length, q).toBeLessThanOrEqual(1)
  }
})
