import { REPORT_REASONS } from '../app/rules/vacancy-enums'
import { demoName } from '../db/demo/names'
import { FULL_SIZE, inChunks, scaled, type BenchContext } from './bench-data-context'
import { newPhone } from './bench-data-ledger'

// The queues staff work through, at scale (issue 10 §1): workers' reports of suspicious posts for the
// bureaus (/east/reports) and registrations refused for an ID number that already has an account, for the
// counties to call back (/west/verifications). Most are handled; a share stays open.

const DAY = 86_400_000
const REPORT_NOTES = [null, '电话里说要先交体检费', '实际工资比写的低', '到了以后岗位不一样', '联系电话打不通'] as const
const RESOLUTIONS = ['已电话核实，企业已整改', '已下架该岗位', '经核实情况不属实', '已约谈企业负责人'] as const

/**
 * Reports on posts (FULL_SIZE.reports × scale) by verified accounts of a county the post is open to, once
 * per post and reporter, 70 % resolved by the bureau. Returns rows written.
 */
export function generateReports(ctx: BenchContext) {
  const { sqlite, random } = ctx
  const insert = sqlite.prepare(
    `insert or ignore into vacancy_reports (vacancy_id, reporter_user_id, reason, note, resolved_at, resolved_by_user_id, resolution, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  let written = 0
  inChunks(sqlite, ctx.made.posts.length > 0 ? scaled(ctx, FULL_SIZE.reports) : 0, () => {
    const post = random.pick(ctx.made.posts)
    const reporters = ctx.made.ledgers.get(random.pick(post.counties))?.verifiedUsers ?? []
    if (reporters.length === 0) return
    const createdAt = post.publishedAt + Math.floor(random.next() * (post.lastDay - post.publishedAt))
    const resolvedAt = random.chance(0.7) ? Math.min(ctx.now, createdAt + random.int(0, 7) * DAY) : null
    const pair = ctx.pairs[post.pair]
    const row = insert.run(
      post.id,
      random.pick(reporters),
      random.pick(REPORT_REASONS),
      random.pick(REPORT_NOTES),
      resolvedAt,
      resolvedAt == null ? null : pair.bureauUserId,
      resolvedAt == null ? null : random.pick(RESOLUTIONS),
      createdAt,
    )
    written += row.changes
  })
  return written
}

/**
 * Registration referrals (FULL_SIZE.referrals × scale) of each county's accounts, from phones of their own,
 * 80 % handled by the county. Returns rows written.
 */
export function generateReferrals(ctx: BenchContext) {
  const { sqlite, random } = ctx
  const insert = sqlite.prepare(
    `insert into registration_referrals (organisation_id, user_id, name, phone, created_at, handled_at, handled_by_user_id, handling_note)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const counties = ctx.pairs.filter((p) => (ctx.made.ledgers.get(p.countyCode)?.verifiedUsers.length ?? 0) > 0)
  return inChunks(sqlite, counties.length > 0 ? scaled(ctx, FULL_SIZE.referrals) : 0, (i) => {
    const pair = counties[i % counties.length]
    const createdAt = ctx.now - random.int(0, 365) * DAY
    const handledAt = random.chance(0.8) ? Math.min(ctx.now, createdAt + random.int(0, 5) * DAY) : null
    insert.run(
      pair.countyOrgId,
      random.pick(ctx.made.ledgers.get(pair.countyCode)!.verifiedUsers),
      demoName(random, random.chance(0.5) ? 'male' : 'female'),
      newPhone(ctx),
      createdAt,
      handledAt,
      handledAt == null ? null : pair.countyUserId,
      handledAt == null ? null : random.pick([null, '已回电，本人重复注册', '已回电，号码被他人冒用，已提醒']),
    )
  })
}
