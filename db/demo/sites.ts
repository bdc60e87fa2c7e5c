import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import type { SiteFields } from '../../app/rules/site'
import * as schema from '../schema'
import { sites } from '../schema'
import { demoName } from './names'
import type { Random } from './random'

type DB = BetterSQLite3Database<typeof schema>

/**
 * One demo site as typed here (WGS-84, 5–6 decimals, inside the owner's city or county: db/seed.test.ts checks
 * it against the outline); the owner, contact name and timestamps are filled in by seedSites. `closedDaysAgo`:
 * closed this many days ago (kept in the owner's list, hidden from the public map).
 */
type DemoSite = Omit<SiteFields, 'contactName'> & { closedDaysAgo?: number }

const OFFICE_HOURS = '周一至周五 8:30-12:00，14:00-17:30'
const WORKSHOP_HOURS = '周一至周六 8:00-12:00，13:30-17:30'

/**
 * The demo's service sites (issue 14 §1), by owner's area code: for each Shandong city three or more labour
 * workstations and bases where the county's workers are (seed 004: 在外出较集中地区设立劳务工作站) and a
 * 零工市场; for each county three or more 就业帮扶车间 in real townships (seed 003 names 勇华鞋业 and 字轩电子
 * as Kaizhou's workshops and 紫建电子 as one of the six nearby-employment bases chosen with Weifang; seed 004
 * names Zaozhuang's 仁合 家政 school in Fengdu) and a base or service point. Weifang's workstation and gig
 * market share one building (the same point, so the map's spiderfy can be tried); one Dezhou workstation is
 * closed. Points are placed by hand at the district, park or township named in the address; street numbers
 * and phone numbers are invented. Data, not logic.
 */
export const DEMO_SITES: Record<string, DemoSite[]> = {
  // 潍坊市 (开州): the city's own labour market in 奎文区, vegetables in 寿光, food plants in 诸城, electronics in 高新区.
  '370700': [
    {
      type: 'workstation',
      siteNumber: 'WF-GZZ-001',
      name: '开州区驻潍坊劳务工作站',
      address: '山东省潍坊市奎文区胜利东街 4588 号 潍坊市人力资源市场一楼',
      lat: 36.709124,
      lng: 119.178362,
      contactPhone: '0536-8789661',
      openingHours: OFFICE_HOURS,
      services: ['job_referral', 'rights_protection', 'policy_advice', 'return_home'],
      workersHelped: 1860,
    },
    {
      type: 'service_point',
      siteNumber: 'WF-LG-001',
      name: '潍坊市零工市场（奎文）',
      address: '山东省潍坊市奎文区胜利东街 4588 号 潍坊市人力资源市场一楼',
      lat: 36.709124,
      lng: 119.178362,
      contactPhone: '0536-8789672',
      openingHours: '每天 6:30-11:30（零工早市）',
      services: ['gig_work', 'job_referral'],
      workersHelped: 4320,
    },
    {
      type: 'workstation',
      siteNumber: 'WF-GZZ-002',
      name: '开州区驻寿光劳务工作站',
      address: '山东省寿光市圣城街道农圣街 1566 号 寿光市人力资源市场二楼',
      lat: 36.870125,
      lng: 118.784353,
      contactPhone: '0536-5236618',
      openingHours: '周一至周六 8:00-17:30',
      services: ['job_referral', 'rights_protection', 'training'],
      workersHelped: 742,
    },
    {
      type: 'workstation',
      siteNumber: 'WF-GZZ-003',
      name: '开州区驻诸城劳务工作站',
      address: '山东省诸城市密州街道东关大街 218 号',
      lat: 36.002134,
      lng: 119.413871,
      contactPhone: '13905367218',
      openingHours: OFFICE_HOURS,
      services: ['job_referral', 'rights_protection', 'policy_advice'],
      workersHelped: 388,
    },
    {
      type: 'base',
      siteNumber: 'WF-JD-001',
      name: '潍坊宏达电子鲁渝协作就业帮扶基地',
      address: '山东省潍坊市高新区新城街道樱前街 7699 号 潍坊宏达电子科技有限公司',
      lat: 36.726183,
      lng: 119.214702,
      contactPhone: '0536-8190235',
      openingHours: '周一至周六 8:00-17:00（两班倒，夜班另约）',
      services: ['job_referral', 'training'],
      workersHelped: 216,
    },
  ],
  // 德州市 (秀山): 经开区 textiles, 禹城 food, 乐陵 sports goods; 平原's workstation closed when its plant moved.
  '371400': [
    {
      type: 'workstation',
      siteNumber: 'DZ-GZZ-001',
      name: '秀山县驻德州劳务工作站',
      address: '山东省德州市经济技术开发区东方红东路 3366 号 开发区人力资源服务中心',
      lat: 37.441253,
      lng: 116.38921,
      contactPhone: '0534-2688136',
      openingHours: OFFICE_HOURS,
      services: ['job_referral', 'rights_protection', 'policy_advice', 'return_home'],
      workersHelped: 1245,
    },
    {
      type: 'workstation',
      siteNumber: 'DZ-GZZ-002',
      name: '秀山县驻禹城劳务工作站',
      address: '山东省禹城市市中街道行政街 396 号',
      lat: 36.934716,
      lng: 116.638402,
      contactPhone: '0534-7212508',
      openingHours: '周一至周五 9:00-17:00',
      services: ['job_referral', 'rights_protection'],
      workersHelped: 463,
    },
    {
      type: 'base',
      siteNumber: 'DZ-JD-001',
      name: '乐陵体育用品产业园就业帮扶基地',
      address: '山东省乐陵市市中街道振兴大街 99 号 乐陵体育用品产业园',
      lat: 37.729515,
      lng: 117.218403,
      contactPhone: '0534-6285571',
      openingHours: '周一至周六 7:30-17:30',
      services: ['job_referral', 'training', 'entrepreneurship'],
      workersHelped: 157,
    },
    {
      type: 'workstation',
      siteNumber: 'DZ-GZZ-003',
      name: '秀山县驻平原劳务工作站',
      address: '山东省平原县龙门街道新华路 122 号',
      lat: 37.165512,
      lng: 116.434018,
      contactPhone: '0534-4221630',
      openingHours: '周一至周五 8:30-17:00',
      services: ['job_referral', 'rights_protection'],
      workersHelped: 96,
      closedDaysAgo: 75,
    },
    {
      type: 'service_point',
      siteNumber: 'DZ-LG-001',
      name: '德州市德城区零工市场',
      address: '山东省德州市德城区新湖街道三八中路 578 号',
      lat: 37.443905,
      lng: 116.308906,
      contactPhone: '0534-2381209',
      openingHours: '每天 6:00-12:00',
      services: ['gig_work', 'job_referral', 'policy_advice'],
      workersHelped: 2870,
    },
  ],
  // 枣庄市 (丰都): the city seat in 薛城, machinery in 滕州, the 家政 brand with 仁合 in 市中区 (seed 004).
  '370400': [
    {
      type: 'workstation',
      siteNumber: 'ZZ-GZZ-001',
      name: '丰都县驻枣庄劳务工作站',
      address: '山东省枣庄市薛城区常庄街道光明大道 1899 号 枣庄市人力资源市场三楼',
      lat: 34.809152,
      lng: 117.274521,
      contactPhone: '0632-3318625',
      openingHours: OFFICE_HOURS,
      services: ['job_referral', 'rights_protection', 'policy_advice', 'return_home'],
      workersHelped: 934,
    },
    {
      type: 'workstation',
      siteNumber: 'ZZ-GZZ-002',
      name: '丰都县驻滕州劳务工作站',
      address: '山东省滕州市荆河街道善国中路 77 号',
      lat: 35.082313,
      lng: 117.153182,
      contactPhone: '15863221907',
      openingHours: '周一至周六 8:30-17:30',
      services: ['job_referral', 'rights_protection', 'training'],
      workersHelped: 512,
    },
    {
      type: 'base',
      siteNumber: 'ZZ-JD-001',
      name: '仁合家政鲁渝协作就业帮扶基地',
      address: '山东省枣庄市市中区光明西路 318 号 枣庄仁合妇婴服务有限公司',
      lat: 34.862184,
      lng: 117.551243,
      contactPhone: '0632-3056688',
      openingHours: '周一至周日 8:00-18:00',
      services: ['training', 'job_referral', 'rights_protection'],
      workersHelped: 628,
    },
    {
      type: 'base',
      siteNumber: 'ZZ-JD-002',
      name: '枣庄高新区电池材料就业帮扶基地',
      address: '山东省枣庄市高新区兴仁街道复元三路 1566 号',
      lat: 34.835627,
      lng: 117.306415,
      contactPhone: '0632-5088213',
      openingHours: '周一至周六 8:00-17:00',
      services: ['job_referral', 'training'],
      workersHelped: 143,
    },
    {
      type: 'service_point',
      siteNumber: 'ZZ-LG-001',
      name: '枣庄市市中区零工市场',
      address: '山东省枣庄市市中区中心街道君山中路 166 号',
      lat: 34.855732,
      lng: 117.569904,
      contactPhone: '0632-3196012',
      openingHours: '每天 6:00-11:00，周一至周五 14:00-17:00',
      services: ['gig_work', 'job_referral'],
      workersHelped: 3105,
    },
  ],
  // 开州区: the industrial park's 白鹤 and 赵家 groups, 临江 and 中和 (seed 003: a joint-training township).
  '500154': [
    {
      type: 'workshop',
      siteNumber: 'KZ-CJ-001',
      name: '勇华鞋业就业帮扶车间',
      address: '重庆市开州区白鹤街道开州工业园区白鹤组团 重庆市勇华鞋业有限责任公司',
      lat: 31.125603,
      lng: 108.342105,
      contactPhone: '023-52387216',
      openingHours: WORKSHOP_HOURS,
      services: ['job_referral', 'training'],
      workersHelped: 86,
    },
    {
      type: 'workshop',
      siteNumber: 'KZ-CJ-002',
      name: '字轩电子就业帮扶车间',
      address: '重庆市开州区赵家街道开州工业园区赵家组团 重庆字轩电子有限公司',
      lat: 31.092307,
      lng: 108.306412,
      contactPhone: '023-52516630',
      openingHours: WORKSHOP_HOURS,
      services: ['job_referral', 'training'],
      workersHelped: 64,
    },
    {
      type: 'workshop',
      siteNumber: 'KZ-CJ-003',
      name: '临江镇服装加工就业帮扶车间',
      address: '重庆市开州区临江镇临江大道 45 号',
      lat: 31.109428,
      lng: 108.223105,
      contactPhone: '13896571402',
      openingHours: '周一至周六 8:00-11:30，13:30-17:30（可带孩子、按件计酬）',
      services: ['job_referral'],
      workersHelped: 38,
    },
    {
      type: 'workshop',
      siteNumber: 'KZ-CJ-004',
      name: '中和镇农产品加工就业帮扶车间',
      address: '重庆市开州区中和镇场镇正街 12 号',
      lat: 31.236512,
      lng: 108.463207,
      contactPhone: '023-52680119',
      openingHours: '农忙季每天 7:00-18:00，平时周一至周五',
      services: ['job_referral', 'training'],
      workersHelped: 29,
    },
    {
      type: 'base',
      siteNumber: 'KZ-JD-001',
      name: '紫建电子就近就业基地',
      address: '重庆市开州区白鹤街道开州工业园区白鹤组团 重庆市紫建电子股份有限公司',
      lat: 31.130452,
      lng: 108.351207,
      contactPhone: '023-52386605',
      openingHours: '周一至周日 8:00-20:00（三班倒）',
      services: ['job_referral', 'training', 'policy_advice'],
      workersHelped: 412,
    },
    {
      type: 'service_point',
      siteNumber: 'KZ-LG-001',
      name: '开州区零工市场',
      address: '重庆市开州区汉丰街道开州大道中段 168 号 区就业和人才中心一楼',
      lat: 31.161183,
      lng: 108.400872,
      contactPhone: '023-52222615',
      openingHours: '周一至周六 7:00-12:00，14:00-17:30',
      services: ['gig_work', 'job_referral', 'policy_advice', 'return_home', 'entrepreneurship'],
      workersHelped: 2650,
    },
  ],
  // 秀山县: the industrial park in 乌杨, bamboo weaving in 石耶, tea in 钟灵, the county's gig market in 中和.
  '500241': [
    {
      type: 'workshop',
      siteNumber: 'XS-CJ-001',
      name: '乌杨街道服装加工就业帮扶车间',
      address: '重庆市秀山县乌杨街道秀山工业园区标准厂房 6 栋',
      lat: 28.415208,
      lng: 109.019304,
      contactPhone: '023-76672308',
      openingHours: WORKSHOP_HOURS,
      services: ['job_referral', 'training'],
      workersHelped: 72,
    },
    {
      type: 'workshop',
      siteNumber: 'XS-CJ-002',
      name: '石耶镇竹编就业帮扶车间',
      address: '重庆市秀山县石耶镇石耶社区场镇 3 组',
      lat: 28.405716,
      lng: 108.889402,
      contactPhone: '15923651188',
      openingHours: '周一至周六 8:00-17:00（可领料回家编织）',
      services: ['training', 'job_referral'],
      workersHelped: 45,
    },
    {
      type: 'workshop',
      siteNumber: 'XS-CJ-003',
      name: '钟灵镇茶叶加工就业帮扶车间',
      address: '重庆市秀山县钟灵镇凯堡村茶叶加工厂',
      lat: 28.393521,
      lng: 108.836704,
      contactPhone: '023-76851217',
      openingHours: '采茶季（3-9 月）每天 6:30-18:00',
      services: ['job_referral', 'training', 'entrepreneurship'],
      workersHelped: 53,
    },
    {
      type: 'service_point',
      siteNumber: 'XS-LG-001',
      name: '秀山县零工市场',
      address: '重庆市秀山县中和街道渝秀大道 55 号 县就业和人才中心一楼',
      lat: 28.447903,
      lng: 108.985602,
      contactPhone: '023-76662295',
      openingHours: '周一至周六 7:00-12:00',
      services: ['gig_work', 'job_referral', 'policy_advice', 'return_home'],
      workersHelped: 1730,
    },
  ],
  // 丰都县: garments in 三合, the 水天坪 industrial park in 高家, food in 龙河, the 仁合 家政 school (seed 004).
  '500230': [
    {
      type: 'workshop',
      siteNumber: 'FD-CJ-001',
      name: '三合街道服装加工就业帮扶车间',
      address: '重庆市丰都县三合街道商业二路 58 号',
      lat: 29.859204,
      lng: 107.734102,
      contactPhone: '023-70702251',
      openingHours: WORKSHOP_HOURS,
      services: ['job_referral', 'training'],
      workersHelped: 57,
    },
    {
      type: 'workshop',
      siteNumber: 'FD-CJ-002',
      name: '高家镇电子元件就业帮扶车间',
      address: '重庆市丰都县高家镇水天坪工业园区 12 号厂房',
      lat: 29.928613,
      lng: 107.620708,
      contactPhone: '023-70781136',
      openingHours: '周一至周六 8:00-17:30（两班）',
      services: ['job_referral', 'training'],
      workersHelped: 91,
    },
    {
      type: 'workshop',
      siteNumber: 'FD-CJ-003',
      name: '龙河镇食品加工就业帮扶车间',
      address: '重庆市丰都县龙河镇龙河社区滨河路 9 号',
      lat: 29.808115,
      lng: 107.849903,
      contactPhone: '13883526047',
      openingHours: '周一至周五 8:00-17:00',
      services: ['job_referral'],
      workersHelped: 34,
    },
    {
      type: 'base',
      siteNumber: 'FD-JD-001',
      name: '鲁渝家政就业帮扶基地（仁合丰都分校）',
      address: '重庆市丰都县三合街道平都大道西段 276 号 县就业和人才中心三楼',
      lat: 29.864107,
      lng: 107.726203,
      contactPhone: '023-70606235',
      openingHours: '周一至周五 9:00-17:00，培训期间周末开放',
      services: ['training', 'job_referral', 'policy_advice'],
      workersHelped: 318,
    },
  ],
}

export type SitesPlan = {
  /** The bureau or county centre of each area code (seedDemoData's orgIdByArea). */
  organisationId: (areaCode: string) => number
  /** The owner's staff account that "entered" the sites. */
  staffUserId: (areaCode: string) => number
}

/**
 * Inserts DEMO_SITES, each owned by its area's bureau or centre, with a contact name drawn from `random`
 * (its own generator, so the rest of the demo is as it was). Returns the number of sites inserted.
 */
export function seedSites(tx: DB, random: Random, plan: SitesPlan, nowMs: number): number {
  let n = 0
  for (const [areaCode, list] of Object.entries(DEMO_SITES)) {
    for (const { closedDaysAgo, ...site } of list) {
      const userId = plan.staffUserId(areaCode)
      tx.insert(sites)
        .values({
          ...site,
          services: JSON.stringify(site.services),
          organisationId: plan.organisationId(areaCode),
          areaCode,
          contactName: demoName(random, random.chance(0.5) ? 'male' : 'female'),
          status: closedDaysAgo == null ? 'active' : 'closed',
          closedAt: closedDaysAgo == null ? null : new Date(nowMs - closedDaysAgo * 86_400_000),
          createdByUserId: userId,
          updatedByUserId: userId,
          createdAt: new Date(nowMs - 200 * 86_400_000),
          updatedAt: new Date(nowMs - (closedDaysAgo ?? 200) * 86_400_000),
        })
        .run()
      n++
    }
  }
  return n
}
