import { makeIdNumber } from '../../app/rules/id-number'
import type { InsertArea } from '../schema'
import { demoName } from './names'
import type { Random } from './random'

// Demo ledger rows: realistic spreads of the five clears for a Chongqing county that sends many
// workers east (seed 003: most have work, a large share wants to go to Shandong, few have certificates).

const MOBILE_PREFIXES = ['133', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '177', '180', '182', '187', '189', '199']
const SKILLS = ['电焊', '砌筑', '家政服务', '中式烹调', '叉车驾驶', '缝纫', '水电安装', '养老护理', '电工', '装配', '面点', '育婴', '']
const DIFFICULTIES = ['缺乏技能', '家中有老人需照顾', '子女上学', '身体原因只能做轻体力活', '不熟悉外地情况', '缺少路费', '']
const MEASURES = ['推荐山东对口岗位', '免费技能培训', '发放一次性交通补助', '开发公益性岗位', '帮扶车间就近就业', '结对干部定期回访', '']

type Weighted<T> = readonly (readonly [T, number])[]

/** How a county's ledger is spread over 就业状态, in percent (demo and benchmark data). */
export const EMPLOYMENT_STATUS_MIX = [
  ['out_of_province', 40],
  ['in_city', 15],
  ['in_county', 18],
  ['self_employed', 5],
  ['public_post', 7],
  ['unemployed', 15],
] as const
/** How a county's ledger is spread over 技能等级, in percent (demo and benchmark data). */
export const SKILL_LEVEL_MIX = [
  ['none', 35],
  ['uncertified', 30],
  ['junior', 22],
  ['intermediate', 10],
  ['senior', 3],
] as const
/** How a county's ledger is spread over 就业需求, in percent (demo and benchmark data). */
export const EMPLOYMENT_NEED_MIX = [
  ['to_shandong', 30],
  ['other_province', 15],
  ['local', 25],
  ['training', 15],
  ['startup', 5],
  ['none', 10],
] as const

/** One of `items` by weight (`[item, weight]` pairs); takes one draw of `random`. */
export function weighted<T>(random: Random, items: Weighted<T>): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0)
  let roll = random.next() * total
  for (const [item, w] of items) {
    roll -= w
    if (roll < 0) return item
  }
  return items[items.length - 1][0]
}

export type DemoPerson = {
  name: string
  sex: 'male' | 'female'
  idNumber: string
  birthDate: string
  phone: string | null
  townshipCode: string
  villageCode: string | null
  householdStatus: 'alleviated' | 'monitored' | 'other'
  employmentStatus: 'out_of_province' | 'in_city' | 'in_county' | 'self_employed' | 'public_post' | 'unemployed'
  employmentNeed: 'to_shandong' | 'other_province' | 'local' | 'training' | 'startup' | 'none'
  skillLevel: 'none' | 'uncertified' | 'junior' | 'intermediate' | 'senior'
  skills: string | null
  difficulties: string | null
  assistanceMeasures: string | null
}

export function demoLedger({
  random,
  countyCode,
  count,
  divisions,
  usedIds,
  usedPhones,
}: {
  random: Random
  countyCode: string
  count: number
  divisions: InsertArea[]
  usedIds: Set<string>
  usedPhones: Set<string>
}): DemoPerson[] {
  const towns = divisions.filter((d) => d.level === 'township' && d.parentCode === countyCode)
  const villagesOf = new Map<string, InsertArea[]>()
  for (const v of divisions.filter((d) => d.level === 'village' && d.code.startsWith(countyCode))) {
    const list = villagesOf.get(v.parentCode!) ?? []
    list.push(v)
    villagesOf.set(v.parentCode!, list)
  }
  const people: DemoPerson[] = []
  for (let i = 0; i < count; i++) {
    const sex = random.chance(0.56) ? 'male' : 'female'
    let idNumber: string
    let birthDate: string
    do {
      birthDate = `${random.int(1966, 2004)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`
      const sequence = random.int(0, 499) * 2 + (sex === 'male' ? 1 : 0)
      idNumber = makeIdNumber({ areaCode: countyCode, birthDate, sequence })
    } while (usedIds.has(idNumber))
    usedIds.add(idNumber)
    let phone: string | null = null
    if (random.chance(0.85)) {
      do phone = random.pick(MOBILE_PREFIXES) + String(random.int(0, 99_999_999)).padStart(8, '0')
      while (usedPhones.has(phone))
      usedPhones.add(phone)
    }
    const town = random.pick(towns)
    const villages = villagesOf.get(town.code) ?? []
    const village = villages.length > 0 && random.chance(0.92) ? random.pick(villages) : null
    const skillLevel = weighted(random, SKILL_LEVEL_MIX)
    people.push({
      name: demoName(random, sex),
      sex,
      idNumber,
      birthDate,
      phone,
      townshipCode: town.code,
      villageCode: village?.code ?? null,
      householdStatus: weighted(random, [
        ['alleviated', 72],
        ['monitored', 18],
        ['other', 10],
      ] as const),
      employmentStatus: weighted(random, EMPLOYMENT_STATUS_MIX),
      employmentNeed: weighted(random, EMPLOYMENT_NEED_MIX),
      skillLevel,
      skills: skillLevel === 'none' ? null : random.pick(SKILLS) || null,
      difficulties: random.pick(DIFFICULTIES) || null,
      assistanceMeasures: random.pick(MEASURES) || null,
    })
  }
  return people
}
