import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { indexVacancy } from '../../app/models/vacancy-search.server'
import { addDays, formatDate } from '../../app/rules/dates'
import { makeUscc } from '../../app/rules/uscc'
import type { Industry } from '../../app/rules/vacancy'
import * as schema from '../schema'
import { applications, employers, employmentRecords, vacancies, vacancyReports, vacancyTargets, type ApplicationStatus, type VacancyStatus } from '../schema'
import type { Random } from './random'

type DB = BetterSQLite3Database<typeof schema>

// Demo employers and posts for each Shandong bureau: realistic industries for the pairs (Weifang's
// machinery and vegetables, Dezhou's textiles and food, Zaozhuang's 家政 labour brand — seed 004).
// Company names are invented; each stands at a plausible point in its district (WGS-84), and its posts
// within about a kilometre of it, so the map shows 寿光's vegetable posts in 寿光, not at the city's centre.
const EMPLOYERS: Record<string, { name: string; industry: Industry; district: string; lat: number; lng: number }[]> = {
  '370700': [
    { name: '潍坊瑞丰机械有限公司', industry: 'manufacturing', district: '潍城区', lat: 36.71, lng: 119.0245 },
    { name: '潍坊宏达电子科技有限公司', industry: 'electronics', district: '高新区', lat: 36.713, lng: 119.22 },
    { name: '寿光绿源蔬菜产业有限公司', industry: 'agriculture', district: '寿光市', lat: 36.8555, lng: 118.791 },
    { name: '潍坊海川食品有限公司', industry: 'food', district: '坊子区', lat: 36.6545, lng: 119.1663 },
    { name: '潍坊顺通物流有限公司', industry: 'logistics', district: '奎文区', lat: 36.7076, lng: 119.1325 },
    { name: '潍坊安居家政服务有限公司', industry: 'domestic', district: '奎文区', lat: 36.718, lng: 119.105 },
  ],
  '371400': [
    { name: '德州华新纺织有限公司', industry: 'textile', district: '德城区', lat: 37.451, lng: 116.299 },
    { name: '德州金禾食品有限公司', industry: 'food', district: '禹城市', lat: 36.934, lng: 116.638 },
    { name: '德州恒泰建筑劳务有限公司', industry: 'construction', district: '陵城区', lat: 37.3357, lng: 116.576 },
    { name: '禹城康宁养老服务中心', industry: 'care', district: '禹城市', lat: 36.942, lng: 116.625 },
    { name: '德州鑫源电子有限公司', industry: 'electronics', district: '经济技术开发区', lat: 37.439, lng: 116.36 },
  ],
  '370400': [
    { name: '枣庄鲁南家政服务有限公司', industry: 'domestic', district: '市中区', lat: 34.864, lng: 117.5565 },
    { name: '滕州众合机械制造有限公司', industry: 'manufacturing', district: '滕州市', lat: 35.1133, lng: 117.165 },
    { name: '枣庄运河物流有限公司', industry: 'logistics', district: '台儿庄区', lat: 34.5625, lng: 117.734 },
    { name: '枣庄盛世餐饮管理有限公司', industry: 'catering', district: '薛城区', lat: 34.795, lng: 117.263 },
    { name: '枣庄新能电池材料有限公司', industry: 'manufacturing', district: '高新区', lat: 34.826, lng: 117.3 },
  ],
}

const TITLES: Record<Industry, string[]> = {
  manufacturing: ['普工', '电焊工', '数控车床操作工', '装配工', '质检员'],
  electronics: ['电子装配工', 'SMT 操作员', '线束加工工'],
  textile: ['缝纫工', '挡车工', '验布员'],
  food: ['食品包装工', '分拣员', '冷库理货员'],
  domestic: ['家政服务员', '育婴员', '月嫂', '保洁员'],
  care: ['养老护理员', '护工'],
  logistics: ['叉车司机', '快递分拣员', '仓库管理员'],
  construction: ['钢筋工', '瓦工', '架子工'],
  catering: ['厨师', '服务员', '面点师'],
  agriculture: ['大棚种植工', '蔬菜采收工'],
  other: ['杂工'],
}

const REQUIREMENTS = ['身体健康，能适应倒班', '有相关工作经验者优先', '吃苦耐劳，服从安排', '持证上岗，无证可免费培训', '初中以上文化程度']
const BENEFITS = ['缴纳五险，免费工作餐', '提供集体宿舍，水电全免', '满一年发放返岗补贴', '节日福利，年终奖']

const DAY = 86400_000

/** Each bureau's telephone area code: its employers and posts give landlines of their own city. */
export const CITY_PHONE_CODE: Record<string, string> = { '370700': '0536', '371400': '0534', '370400': '0632' }

export type BureauPlan = {
  organisationId: number
  cityCode: string
  cityName: string
  cityLat: number
  cityLng: number
  countyCode: string
  staffUserId: number
}
export type LedgerPerson = { workerId: number; hasAccount: boolean }

/** Employers, 30+ posts in every state, applications in every state, and the hires' employment records. */
export function seedVacancies(tx: DB, random: Random, bureau: BureauPlan, people: LedgerPerson[], today: string, countyStaffUserId: number) {
  const now = Date.now()
  const employerIds = EMPLOYERS[bureau.cityCode].map((e, i) => {
    const base = `91${bureau.cityCode}MA${String(3 + i).padStart(2, '0')}${String(random.int(10000, 99999))}`
    const address = `山东省${bureau.cityName}${e.district}`
    return {
      ...e,
      address,
      id: tx
        .insert(employers)
        .values({
          organisationId: bureau.organisationId,
          name: e.name,
          uscc: makeUscc(base.slice(0, 17)),
          industry: e.industry,
          address,
          contactName: `${random.pick(['王', '李', '张', '刘', '陈'])}经理`,
          contactPhone: `${CITY_PHONE_CODE[bureau.cityCode]}-${random.int(2000000, 8999999)}`,
        })
        .returning({ id: employers.id })
        .get().id,
    }
  })

  // 32 posts: mostly open, some expired, some filled or closed, a few drafts.
  const plan: { status: VacancyStatus; validUntil: string }[] = []
  for (let i = 0; i < 32; i++) {
    if (i < 20) plan.push({ status: 'published', validUntil: addDays(today, random.int(5, 90)) })
    else if (i < 24) plan.push({ status: 'published', validUntil: addDays(today, -random.int(1, 40)) })
    else if (i < 27) plan.push({ status: 'filled', validUntil: addDays(today, random.int(-20, 30)) })
    else if (i < 30) plan.push({ status: 'closed', validUntil: addDays(today, random.int(-30, 30)) })
    else plan.push({ status: 'draft', validUntil: addDays(today, 60) })
  }
  const posts = plan.map((p, i) => {
    const employer = employerIds[i % employerIds.length]
    const title = random.pick(TITLES[employer.industry])
    const salaryMin = random.int(35, 70) * 100
    const salaryMax = salaryMin + random.int(0, 30) * 100
    const requirements = random.pick(REQUIREMENTS)
    // Published some weeks before today, and always before the post's own deadline.
    const deadline = Date.parse(`${p.validUntil}T00:00:00+08:00`)
    const publishedAt = p.status === 'draft' ? null : new Date(Math.min(now, deadline) - random.int(10, 40) * DAY)
    const id = tx
      .insert(vacancies)
      .values({
        organisationId: bureau.organisationId,
        employerId: employer.id,
        cityCode: bureau.cityCode,
        title,
        industry: employer.industry,
        headcount: random.int(2, 30),
        salaryMinFen: salaryMin * 100,
        salaryMaxFen: salaryMax * 100,
        address: employer.address,
        lat: employer.lat + (random.next() - 0.5) * 0.02,
        lng: employer.lng + (random.next() - 0.5) * 0.02,
        providesMeals: random.chance(0.7),
        providesHousing: random.chance(0.6),
        contractMonths: random.pick([6, 12, 12, 24, 36]),
        workingHours: random.pick(['8 小时两班倒', '早 8 点至晚 5 点', '做六休一', '长白班']),
        ageMin: 18,
        ageMax: random.pick([45, 50, 55, 60]),
        requirements,
        benefits: random.pick(BENEFITS),
        contactName: '招聘专员',
        contactPhone: `${CITY_PHONE_CODE[bureau.cityCode]}-${random.int(2000000, 8999999)}`,
        validUntil: p.validUntil,
        status: p.status,
        publishedAt,
        closedAt:
          publishedAt && (p.status === 'filled' || p.status === 'closed') ? new Date(Math.min(now, publishedAt.getTime() + random.int(9, 14) * DAY)) : null,
        createdByUserId: bureau.staffUserId,
      })
      .returning({ id: vacancies.id })
      .get().id
    tx.insert(vacancyTargets).values({ vacancyId: id, countyCode: bureau.countyCode }).run()
    indexVacancy(tx, id)
    return { id, employerId: employer.id, status: p.status, validUntil: p.validUntil, publishedAt }
  })

  // Applications in every state on open, expired and filled posts; hires get an employment record.
  const states: ApplicationStatus[] = ['submitted', 'submitted', 'contacted', 'hired', 'declined', 'contacted', 'hired', 'submitted']
  const withAccount = people.filter((p) => p.hasAccount)
  const applied = new Set<string>()
  const monthStart = Date.parse(`${today.slice(0, 7)}-01T00:00:00+08:00`)
  let hiresThisMonth = 0
  let applicationsThisMonth = 0
  let n = 0
  for (const post of posts.filter((p) => p.status !== 'draft' && p.status !== 'closed').slice(0, 14)) {
    const applicants = new Set<number>()
    for (let k = 0; k < random.int(1, 3); k++) {
      const self = random.chance(0.6) && withAccount.length > 0
      const person = self ? random.pick(withAccount) : random.pick(people)
      if (applicants.has(person.workerId)) continue
      applicants.add(person.workerId)
      applied.add(`${post.id}:${person.workerId}`)
      const status = states[n++ % states.length]
      // Applied after the post went up; any later step a day or more after that, never in the future.
      const appliedAt = new Date(Math.min(now - DAY, post.publishedAt!.getTime() + random.int(1, 5) * DAY))
      const changedAt = status === 'submitted' ? null : new Date(Math.min(now, appliedAt.getTime() + random.int(1, 3) * DAY))
      const applicationId = tx
        .insert(applications)
        .values({
          vacancyId: post.id,
          workerId: person.workerId,
          source: self ? 'self' : 'recommended',
          recommendedByUserId: self ? null : countyStaffUserId,
          note: self ? random.pick([null, '有电焊证', '想和老乡一起去', '能长期干']) : '县就业中心推荐',
          status,
          createdAt: appliedAt,
          updatedAt: changedAt ?? appliedAt,
          statusChangedAt: changedAt,
        })
        .returning({ id: applications.id })
        .get().id
      if (appliedAt.getTime() >= monthStart) applicationsThisMonth++
      if (status === 'hired') {
        // Recorded when the bureau hired (the 录用日期), starting work a few days after: never before it.
        if (changedAt!.getTime() >= monthStart) hiresThisMonth++
        tx.insert(employmentRecords)
          .values({
            workerId: person.workerId,
            applicationId,
            employerId: post.employerId,
            cityCode: bureau.cityCode,
            startDate: addDays(formatDate(changedAt!), random.int(1, 7)),
            createdByUserId: bureau.staffUserId,
            createdAt: changedAt!,
          })
          .run()
      }
    }
  }
  seedRecentApplications(tx, random, {
    posts: posts.filter((p) => p.status === 'published' && p.validUntil >= today),
    people,
    applied,
    from: monthStart,
    now,
    recommendedBy: countyStaffUserId,
    wanted: hiresThisMonth + random.int(3, 8) - applicationsThisMonth,
  })
  return { employers: employerIds.length, posts: posts.length, postIds: posts.map((p) => p.id) }
}

/**
 * New applications made this month (Asia/Shanghai, from `from` to `now`, ms) on open posts, waiting for the
 * bureau, so the county home's 本月报名 is never below its 本月录用 whatever day of the month the demo is
 * seeded. Takes the open posts, the county's people, the post:worker pairs already applied, and how many
 * to add (none when `wanted` ≤ 0), and the county staff who recommend; a pair is never applied twice (applications_vacancy_worker_uq).
 */
function seedRecentApplications(
  tx: DB,
  random: Random,
  o: {
    posts: { id: number; publishedAt: Date | null }[]
    people: LedgerPerson[]
    applied: Set<string>
    from: number
    now: number
    recommendedBy: number
    wanted: number
  },
) {
  for (let added = 0, tries = 0; added < o.wanted && tries < o.wanted * 20 && o.posts.length > 0; tries++) {
    const post = random.pick(o.posts)
    const person = random.pick(o.people)
    const key = `${post.id}:${person.workerId}`
    if (o.applied.has(key)) continue
    o.applied.add(key)
    const earliest = Math.max(o.from, post.publishedAt!.getTime())
    const at = new Date(earliest + Math.floor(random.next() * Math.max(0, o.now - earliest)))
    const self = person.hasAccount && random.chance(0.6)
    tx.insert(applications)
      .values({
        vacancyId: post.id,
        workerId: person.workerId,
        source: self ? 'self' : 'recommended',
        recommendedByUserId: self ? null : o.recommendedBy,
        note: self ? null : '县就业中心推荐',
        status: 'submitted',
        createdAt: at,
        updatedAt: at,
        statusChangedAt: null,
      })
      .run()
    added++
  }
}

/** One open report on a bureau's post, so the bureau sees how flags look. */
export function seedReport(tx: DB, vacancyId: number, reporterUserId: number) {
  tx.insert(vacancyReports).values({ vacancyId, reporterUserId, reason: 'fees', note: '电话里说要先交 300 元体检费' }).run()
}
