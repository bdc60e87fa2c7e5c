import { addDays, formatDate } from '../app/rules/dates'
import type { ApplicationStatus } from '../app/rules/vacancy-enums'
import { FULL_SIZE, inChunks, scaled, type BenchContext, type PostRef } from './bench-data-context'
import { weighted } from './bench-data-words'

// Applications of the benchmark database (issue 10 §1): 500,000 at scale 1, once per person and post,
// from the post's target counties (self-applied by verified accounts, or recommended by the county),
// most posts with a handful, a few big posts with a thousand or more, the demo worker 13996000001 with
// about thirty; statuses by whether the post is still open, never more hires than the headcount, an
// employment record for each hire, and an audit row for each application and each hire or decline.

const DAY = 86_400_000
const SELF_NOTES = [null, null, null, '有电焊证', '想和老乡一起去', '能长期干', '夫妻一起报名'] as const
const DECLINE_NOTES = [null, null, '岗位已招满', '年龄不符合要求', '联系不上本人'] as const

/** One application to write: the post, the ledger row, its verified account (self) or null (recommended), and the row's county (index of ctx.pairs). */
type Draft = { post: PostRef; workerId: number; userId: number | null; county: number }

/** A sampler of posts by weight: most posts draw a few applicants, open and lucky ones many. */
function postSampler(ctx: BenchContext) {
  const posts = ctx.made.posts
  const cumulative = new Float64Array(posts.length)
  let sum = 0
  posts.forEach((p, i) => {
    // Log-normal popularity (a sum of uniforms stands in for the normal), open posts thrice as likely.
    const normal = ctx.random.next() + ctx.random.next() + ctx.random.next() - 1.5
    cumulative[i] = sum += Math.exp(2.2 * normal) * (p.open ? 3 : 1)
  })
  return () => {
    const roll = ctx.random.next() * sum
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid] > roll) hi = mid
      else lo = mid + 1
    }
    return posts[lo]
  }
}

/**
 * Applications, employment records and their audit rows (FULL_SIZE × scale). Needs the posts and
 * ledgers made before. Returns rows written (applications).
 */
export function generateApplications(ctx: BenchContext) {
  const { sqlite, random } = ctx
  const insert = sqlite.prepare(
    `insert into applications (vacancy_id, worker_id, source, recommended_by_user_id, note, status, decision_note, status_changed_at, previous_status,
       created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertRecord = sqlite.prepare(
    `insert into employment_records (worker_id, application_id, employer_id, city_code, start_date, created_by_user_id, created_at) values (?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertAudit = sqlite.prepare(
    `insert into audit_log (at, actor_user_id, organisation_id, action, entity, entity_id, detail, ip) values (?, ?, ?, ?, 'application', ?, ?, ?)`,
  )
  const taken = new Set<number>((sqlite.prepare('select vacancy_id * 4194304 + worker_id from applications').pluck().all() as number[]).map(Number))
  const hires = new Map<number, number>()
  const records = new Set<string>()
  const ip = () => `223.104.${random.int(0, 255)}.${random.int(1, 254)}`

  function write({ post, workerId, userId, county: ci }: Draft) {
    const pair = ctx.pairs[post.pair]
    const county = ctx.pairs[ci]
    let status: ApplicationStatus = post.open
      ? weighted(random, [
          ['submitted', 50],
          ['contacted', 20],
          ['hired', 8],
          ['declined', 12],
          ['withdrawn', 10],
        ] as const)
      : weighted(random, [
          ['submitted', 10],
          ['contacted', 15],
          ['hired', 30],
          ['declined', 40],
          ['withdrawn', 5],
        ] as const)
    if (status === 'hired' && (hires.get(post.id) ?? 0) >= post.headcount) status = 'declined'
    const createdAt = post.publishedAt + Math.floor(random.next() * (post.lastDay - post.publishedAt))
    const changedAt = status === 'submitted' ? null : Math.min(ctx.now, createdAt + random.int(1, 10) * DAY)
    const self = userId != null
    // A hire or decline remembers the status it came from (so it can be undone), as the bureau's pages do.
    const decided = status === 'hired' || status === 'declined'
    const from = decided ? (random.chance(0.6) ? 'contacted' : 'submitted') : null
    const decisionNote = status === 'declined' ? random.pick(DECLINE_NOTES) : null
    const id = Number(
      insert.run(
        post.id,
        workerId,
        self ? 'self' : 'recommended',
        self ? null : county.countyUserId,
        self ? random.pick(SELF_NOTES) : '县就业中心推荐',
        status,
        decisionNote,
        changedAt,
        from,
        createdAt,
        changedAt ?? createdAt,
      ).lastInsertRowid,
    )
    const detail = JSON.stringify({ vacancyId: post.id })
    if (self) insertAudit.run(createdAt, userId, county.countyOrgId, 'application.create', String(id), detail, ip())
    else insertAudit.run(createdAt, county.countyUserId, county.countyOrgId, 'application.recommend', String(id), detail, ip())
    if (decided) {
      const decision = { from, to: status, vacancyId: post.id, ...(status === 'declined' ? { withNote: decisionNote != null } : {}) }
      insertAudit.run(changedAt, pair.bureauUserId, pair.bureauId, `application.${status}`, String(id), JSON.stringify(decision), ip())
    }
    if (status === 'hired') {
      hires.set(post.id, (hires.get(post.id) ?? 0) + 1)
      let start = addDays(formatDate(changedAt!), random.int(1, 7))
      while (records.has(`${workerId}|${post.employerId}|${start}`)) start = addDays(start, 1)
      records.add(`${workerId}|${post.employerId}|${start}`)
      insertRecord.run(workerId, id, post.employerId, pair.cityCode, start, pair.bureauUserId, changedAt)
    }
  }

  /** A person of one of the post's counties not yet applied to it: a verified account (self) or any row (recommended). */
  function applicant(post: PostRef): Draft | null {
    for (let attempt = 0; attempt < 8; attempt++) {
      const countyCode = random.pick(post.counties)
      const county = ctx.pairs.findIndex((p) => p.countyCode === countyCode)
      const ledger = ctx.made.ledgers.get(countyCode)
      if (county < 0 || !ledger || ledger.all.length === 0) continue
      const self = ledger.verifiedWorkers.length > 0 && random.chance(0.7)
      const k = random.int(0, (self ? ledger.verifiedWorkers : ledger.all).length - 1)
      const workerId = self ? ledger.verifiedWorkers[k] : ledger.all[k]
      const key = post.id * 4194304 + workerId
      if (taken.has(key)) continue
      taken.add(key)
      return { post, workerId, userId: self ? ledger.verifiedUsers[k] : null, county }
    }
    return null
  }

  const drafts: Draft[] = []
  // The demo worker of Kaizhou: about thirty self applications to posts open to Kaizhou.
  const demo = sqlite
    .prepare("select w.id as workerId, u.id as userId from users u join workers w on w.user_id = u.id where u.username = '13996000001'")
    .get() as { workerId: number; userId: number } | undefined
  const kaizhou = ctx.pairs.findIndex((p) => p.countyCode === '500154')
  if (demo && kaizhou >= 0) {
    const forKaizhou = ctx.made.posts.filter((p) => p.counties.includes('500154'))
    for (let n = 0; n < FULL_SIZE.demoWorkerApplications * 3 && drafts.length < FULL_SIZE.demoWorkerApplications && forKaizhou.length > 0; n++) {
      const post = random.pick(forKaizhou)
      const key = post.id * 4194304 + demo.workerId
      if (taken.has(key)) continue
      taken.add(key)
      drafts.push({ post, workerId: demo.workerId, userId: demo.userId, county: kaizhou })
    }
  }
  // Big posts, half of them Weifang's: open posts with a thousand or more applicants each.
  const open = ctx.made.posts.filter((p) => p.open)
  for (let b = 0; b < FULL_SIZE.bigPosts && open.length > 0; b++) {
    const mine = open.filter((p) => p.pair === (b < FULL_SIZE.bigPosts / 2 ? 0 : b % ctx.pairs.length))
    const post = random.pick(mine.length > 0 ? mine : open)
    const count = scaled(ctx, FULL_SIZE.bigPostApplicants + random.int(0, 1500))
    for (let n = 0; n < count; n++) {
      const draft = applicant(post)
      if (draft) drafts.push(draft)
    }
  }
  const sample = postSampler(ctx)
  const total = scaled(ctx, FULL_SIZE.applications)
  // Bounded tries: a tiny scale may run out of people not yet applied to a post.
  for (let tries = 0; drafts.length < total && ctx.made.posts.length > 0 && tries < total * 4; tries++) {
    const draft = applicant(sample())
    if (draft) drafts.push(draft)
  }
  // Written in the order they were made, so ids grow with neither time nor post (as in life, roughly).
  return inChunks(sqlite, drafts.length, (i) => write(drafts[i]))
}
