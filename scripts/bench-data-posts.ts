import { countiesOfCity } from '../app/models/vacancy-search.server'
import { addDays, formatDate } from '../app/rules/dates'
import { makeUscc } from '../app/rules/uscc'
import type { Industry } from '../app/rules/vacancy'
import { demoName } from '../db/demo/names'
import { FULL_SIZE, inChunks, scaled, type BenchContext, type Pair } from './bench-data-context'
import { BENEFITS, COMPANY_KINDS, COMPANY_WORDS, REQUIREMENTS, SALARY_YUAN, TITLES, WORKING_HOURS, weighted } from './bench-data-words'

// Employers and posts of the benchmark database (issue 10 §1): a few thousand employers per bureau with
// valid 统一社会信用代码, 100,000 posts spread over two years, most recent ones open, older ones expired,
// filled or closed, a few drafts; each open to its paired county (some to every county).

const DAY = 86_400_000

/** Each city's industries by weight (Weifang machinery and vegetables, Dezhou textiles and food, Zaozhuang 家政). */
const INDUSTRY_MIX: Record<string, readonly (readonly [Industry, number])[]> = {
  '370700': [
    ['manufacturing', 30],
    ['electronics', 15],
    ['agriculture', 14],
    ['food', 10],
    ['logistics', 10],
    ['construction', 6],
    ['domestic', 5],
    ['catering', 5],
    ['care', 3],
    ['textile', 1],
    ['other', 1],
  ],
  '371400': [
    ['textile', 25],
    ['food', 20],
    ['manufacturing', 15],
    ['construction', 10],
    ['electronics', 10],
    ['care', 8],
    ['logistics', 6],
    ['catering', 4],
    ['other', 2],
  ],
  '370400': [
    ['domestic', 25],
    ['manufacturing', 25],
    ['logistics', 12],
    ['catering', 12],
    ['care', 10],
    ['food', 8],
    ['construction', 6],
    ['other', 2],
  ],
}
/** Telephone area codes of the cities. */
const AREA_PHONE: Record<string, string> = { '370700': '0536', '371400': '0534', '370400': '0632' }
const CLOSE_REASONS = ['岗位已招满', '企业暂停招聘', '发布信息有误，重新发布', null] as const

function landline(ctx: BenchContext, cityCode: string) {
  return `${AREA_PHONE[cityCode] ?? '0531'}-${ctx.random.int(2_000_000, 8_999_999)}`
}

/**
 * Employers of every bureau (FULL_SIZE.employers × scale), named after the city's districts, each with a
 * unique valid USCC ('91' + city code + 'MAB' + a counter, so never one of the demo seed's). Returns rows written.
 */
export function generateEmployers(ctx: BenchContext) {
  const insert = ctx.sqlite.prepare(
    `insert into employers (organisation_id, name, uscc, industry, address, contact_name, contact_phone, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  let written = 0
  ctx.pairs.forEach((pair, pi) => {
    const districts = countiesOfCity(pair.cityCode).filter((d) => d !== '市辖区')
    const names = new Set<string>()
    const list: BenchContext['made']['employers'][number] = []
    written += inChunks(ctx.sqlite, scaled(ctx, FULL_SIZE.employers[pair.cityCode]), (i) => {
      const industry = weighted(ctx.random, INDUSTRY_MIX[pair.cityCode])
      const district = ctx.random.pick(districts)
      let name: string
      do name = `${district.replace(/(市|区|县)$/, '')}${ctx.random.pick(COMPANY_WORDS)}${ctx.random.pick(COMPANY_WORDS)}${COMPANY_KINDS[industry]}`
      while (names.has(name) && names.size < 50_000)
      names.add(name)
      const address = `山东省${pair.cityName}${district}${ctx.random.pick(COMPANY_WORDS)}路${ctx.random.int(1, 999)}号`
      const createdAt = ctx.now - ctx.random.int(200, 1500) * DAY
      const uscc = makeUscc(`91${pair.cityCode}MAB${String(pi * 100_000 + i).padStart(6, '0')}`)
      const contact = `${demoName(ctx.random, 'female').slice(0, 1)}经理`
      const id = Number(insert.run(pair.bureauId, name, uscc, industry, address, contact, landline(ctx, pair.cityCode), createdAt, createdAt).lastInsertRowid)
      list.push({ id, industry, name, address })
    })
    ctx.made.employers[pi] = list
  })
  return written
}

type Plan = { status: 'draft' | 'published' | 'closed' | 'filled'; publishedAt: number | null; validUntil: string; closedAt: number | null }

function planPost(ctx: BenchContext): Plan {
  const { random, now, today } = ctx
  if (random.chance(0.04)) return { status: 'draft', publishedAt: null, validUntil: addDays(today, random.int(30, 90)), closedAt: null }
  // A third of the posts went up in the last three months, the rest over two years.
  const ageDays = random.chance(0.35) ? random.int(0, 90) : random.int(0, 730)
  const publishedAt = now - ageDays * DAY - random.int(0, DAY - 1)
  const validDays = random.int(30, 120)
  const validUntil = addDays(formatDate(publishedAt), validDays)
  const open = validUntil >= today
  const status = open
    ? weighted(random, [
        ['published', 90],
        ['filled', 5],
        ['closed', 5],
      ] as const)
    : weighted(random, [
        ['published', 40],
        ['filled', 30],
        ['closed', 30],
      ] as const)
  const closedAt = status === 'published' ? null : Math.min(now, publishedAt + random.int(3, validDays) * DAY)
  return { status, publishedAt, validUntil, closedAt }
}

function headcount(ctx: BenchContext) {
  const roll = ctx.random.next()
  return roll < 0.6 ? ctx.random.int(1, 10) : roll < 0.92 ? ctx.random.int(11, 50) : ctx.random.int(51, 300)
}

/**
 * Posts (FULL_SIZE.vacancies × scale) by bureau share, bigger employers posting more, with their targets
 * (the paired county; 8 % every county) and a vacancy.create audit row each. Non-draft posts are kept in
 * ctx.made.posts for the applications. The search documents are written later by the app's own rebuild.
 * Returns rows written (posts).
 */
export function generateVacancies(ctx: BenchContext) {
  const { sqlite, random } = ctx
  const insert = sqlite.prepare(
    `insert into vacancies (organisation_id, employer_id, city_code, title, industry, headcount, salary_min_fen, salary_max_fen, address, lat, lng,
       provides_meals, provides_housing, contract_months, working_hours, age_min, age_max, requirements, benefits, contact_name, contact_phone,
       valid_until, status, published_at, closed_at, close_reason, created_by_user_id, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertTarget = sqlite.prepare('insert into vacancy_targets (vacancy_id, county_code) values (?, ?)')
  const insertAudit = sqlite.prepare(
    `insert into audit_log (at, actor_user_id, organisation_id, action, entity, entity_id, detail) values (?, ?, ?, 'vacancy.create', 'vacancy', ?, null)`,
  )
  const shares = ctx.pairs.map((p, i) => [i, FULL_SIZE.vacancyShare[p.cityCode] ?? 0.1] as const)
  const allCounties = ctx.pairs.map((p) => p.countyCode)
  return inChunks(sqlite, scaled(ctx, FULL_SIZE.vacancies), () => {
    const pi = weighted(random, shares)
    const pair: Pair = ctx.pairs[pi]
    const employers = ctx.made.employers[pi]
    // Squaring the draw makes the first employers of the list post several times as often as the last.
    const employer = employers[Math.floor(random.next() ** 2 * employers.length)]
    const industry = employer.industry as Industry
    const plan = planPost(ctx)
    const [low, high] = SALARY_YUAN[industry]
    const salaryMin = Math.round(random.int(low, high) / 100) * 100
    const salaryMax = salaryMin + random.int(0, 40) * 100
    const createdAt = (plan.publishedAt ?? ctx.now) - random.int(0, 3) * DAY
    const count = headcount(ctx)
    const id = Number(
      insert.run(
        pair.bureauId,
        employer.id,
        pair.cityCode,
        random.pick(TITLES[industry]),
        industry,
        count,
        salaryMin * 100,
        salaryMax * 100,
        employer.address,
        pair.cityLat + (random.next() - 0.5) * 0.3,
        pair.cityLng + (random.next() - 0.5) * 0.3,
        random.chance(0.7) ? 1 : 0,
        random.chance(0.6) ? 1 : 0,
        random.pick([6, 12, 12, 24, 36, null]),
        random.pick(WORKING_HOURS),
        random.pick([16, 18, 18, 20]),
        random.pick([45, 50, 55, 60, null]),
        random.pick(REQUIREMENTS),
        random.pick(BENEFITS),
        '招聘专员',
        landline(ctx, pair.cityCode),
        plan.validUntil,
        plan.status,
        plan.publishedAt,
        plan.closedAt,
        plan.status === 'closed' ? random.pick(CLOSE_REASONS) : null,
        pair.bureauUserId,
        createdAt,
        plan.closedAt ?? plan.publishedAt ?? createdAt,
      ).lastInsertRowid,
    )
    const counties = random.chance(0.08) ? allCounties : [pair.countyCode]
    for (const county of counties) insertTarget.run(id, county)
    insertAudit.run(createdAt, pair.bureauUserId, pair.bureauId, String(id))
    if (plan.publishedAt != null) {
      const lastDay = Math.min(ctx.now, Date.parse(`${plan.validUntil}T23:59:59+08:00`), plan.closedAt ?? Infinity)
      ctx.made.posts.push({
        id,
        pair: pi,
        employerId: employer.id,
        open: plan.status === 'published' && plan.validUntil >= ctx.today,
        publishedAt: plan.publishedAt,
        lastDay,
        headcount: count,
        counties,
      })
    }
  })
}
