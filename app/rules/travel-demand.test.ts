import { expect, test } from 'vitest'
import { addDays, todayInShanghai } from './dates'
import { makeIdNumber } from './id-number'
import {
  batchPrefillOf,
  demandDatesRefusal,
  demandWeek,
  groupDemandByWeek,
  isWeekKey,
  MAX_DEMAND_DAYS_AHEAD,
  OwnDemandSchema,
  parseCompanions,
  parseDemandIds,
} from './travel-demand'

// The travel demand form and the county's week grouping (issue 12 §1).

const today = todayInShanghai()
const base = { intent: 'register', earliestDate: addDays(today, 3), latestDate: addDays(today, 10), cityCode: '370700' }
const idA = makeIdNumber({ areaCode: '500154', birthDate: '1990-03-04', sequence: 123 })

function issuesOf(input: Record<string, unknown>) {
  const parsed = OwnDemandSchema.safeParse(input)
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]))
}

test('出行日期：不早于今天、最晚不早于最早、半年以内，错误在对应字段旁 / the days: not past, latest not before earliest, within six months, each message beside its field', () => {
  expect(demandDatesRefusal('2026-12-05', '2026-12-10', '2026-12-01')).toBeNull()
  expect(demandDatesRefusal('2026-12-01', '2026-12-01', '2026-12-01')).toBeNull()
  expect(demandDatesRefusal('2026-11-30', '2026-12-10', '2026-12-01')).toEqual({ field: 'earliestDate', message: '最早出发日期不能早于今天' })
  expect(demandDatesRefusal('2026-12-10', '2026-12-09', '2026-12-01')).toEqual({ field: 'latestDate', message: '最晚出发日期不能早于最早出发日期' })
  expect(demandDatesRefusal('2026-12-05', addDays('2026-12-01', MAX_DEMAND_DAYS_AHEAD + 1), '2026-12-01')).toEqual({
    field: 'latestDate',
    message: '只能登记半年内的出行',
  })
  expect(demandDatesRefusal(addDays('2026-12-01', MAX_DEMAND_DAYS_AHEAD + 1), '2027-12-01', '2026-12-01')?.field).toBe('earliestDate')
  expect(demandDatesRefusal('2026-02-30', '2026-12-10', '2026-01-01')).toEqual({ field: 'earliestDate', message: '最早出发日期应为 YYYY-MM-DD 格式的日期' })
  expect(issuesOf({ ...base, earliestDate: addDays(today, -1) })).toEqual({ earliestDate: '最早出发日期不能早于今天' })
  expect(issuesOf({ ...base, latestDate: addDays(today, 1) })).toEqual({ latestDate: '最晚出发日期不能早于最早出发日期' })
  expect(issuesOf({ ...base, earliestDate: '' })).toMatchObject({ earliestDate: '请选择最早出发日期' })
  expect(issuesOf(base)).toEqual({})
})

test('其他字段：城市、单位、乡镇不是列表里的值时提示 / city, employer and township not from the list are refused beside their field', () => {
  expect(issuesOf({ ...base, cityCode: 'x' })).toEqual({ cityCode: '请选择目的地城市' })
  expect(issuesOf({ ...base, employerId: '0' })).toEqual({ employerId: '请从列表中选择用人单位' })
  expect(issuesOf({ ...base, vacancyId: 'abc' })).toEqual({ vacancyId: '请从列表中选择已录用的岗位' })
  expect(issuesOf({ ...base, pickupTownshipCode: '5001' })).toEqual({ pickupTownshipCode: '请从列表中选择上车乡镇（街道）' })
  expect(OwnDemandSchema.parse({ ...base, employerId: '', pickupTownshipCode: '' })).toMatchObject({
    employerId: null,
    pickupTownshipCode: null,
    companions: [],
  })
})

test('所有错误一次显示：日期先后与同行人错误同时给出 / every error at once: the date order and a bad companion are reported in one round', () => {
  const wrongOrder = { ...base, earliestDate: addDays(today, 19), latestDate: addDays(today, 9) }
  expect(issuesOf({ ...wrongOrder, companions: '123' })).toEqual({
    latestDate: '最晚出发日期不能早于最早出发日期',
    companions: '第 1 位同行人“123”不是有效的手机号码或身份证号码',
  })
  expect(issuesOf({ ...wrongOrder, cityCode: '', employerId: 'x' })).toEqual({
    latestDate: '最晚出发日期不能早于最早出发日期',
    cityCode: '请选择目的地城市',
    employerId: '请从列表中选择用人单位',
  })
  // A day that does not parse gets its own message only, never a second one about the order.
  expect(issuesOf({ ...base, earliestDate: 'x', companions: '123' })).toEqual({
    earliestDate: '最早出发日期应为 YYYY-MM-DD 格式的日期',
    companions: '第 1 位同行人“123”不是有效的手机号码或身份证号码',
  })
})

test('同行人：手机号或身份证号，每行一个，去重，最多 5 位，错的那一位被指出 / companions: phone or ID number, one a line, deduplicated, at most 5, the bad one named', () => {
  expect(parseCompanions(`13996000001\n${idA.toLowerCase()}，13996000001`)).toEqual({
    ok: true,
    value: [
      { by: 'phone', value: '13996000001' },
      { by: 'idNumber', value: idA },
    ],
  })
  expect(parseCompanions('１３９９６０００００２')).toEqual({ ok: true, value: [{ by: 'phone', value: '13996000002' }] })
  expect(parseCompanions('13996000001 12345')).toEqual({ ok: false, message: '第 2 位同行人“12345”不是有效的手机号码或身份证号码' })
  const six = Array.from({ length: 6 }, (_, i) => `1399600000${i}`).join('\n')
  expect(parseCompanions(six)).toEqual({ ok: false, message: '同行人最多 5 位' })
  expect(parseCompanions('  ')).toEqual({ ok: true, value: [] })
  expect(issuesOf({ ...base, companions: '张三' })).toEqual({ companions: '第 1 位同行人“张三”不是有效的手机号码或身份证号码' })
})

test('按周分组：周一到周日，跨月跨年的标签 / weeks run Monday to Sunday, labels across months and years', () => {
  const today = '2026-12-01'
  expect(demandWeek('2026-12-07', today)).toEqual({ key: '2026-12-07', label: '12月7日–12月13日' })
  expect(demandWeek('2026-12-13', today)).toEqual({ key: '2026-12-07', label: '12月7日–12月13日' })
  expect(demandWeek('2026-12-10', today).key).toBe('2026-12-07')
  expect(demandWeek('2026-03-01', today)).toEqual({ key: '2026-02-23', label: '2月23日–3月1日' })
  // The year is named when the week crosses the year's end or lies in another year than today's.
  expect(demandWeek('2027-01-01', today)).toEqual({ key: '2026-12-28', label: '2026年12月28日–2027年1月3日' })
  expect(demandWeek('2027-01-06', today)).toEqual({ key: '2027-01-04', label: '2027年1月4日–1月10日' })
  expect(demandWeek('2027-01-06', '2027-01-02').label).toBe('1月4日–1月10日')
  expect(isWeekKey('2026-12-07')).toBe(true)
  expect(isWeekKey('2026-12-08')).toBe(false)
  expect(isWeekKey('2026-13-07')).toBe(false)
  // Every day of a year lands in the week whose Monday is at most six days before it.
  for (let d = '2026-01-01'; d < '2027-01-01'; d = addDays(d, 1)) {
    const { key } = demandWeek(d, today)
    expect(new Date(`${key}T00:00:00Z`).getUTCDay()).toBe(1)
    expect(key <= d && addDays(key, 6) >= d).toBe(true)
  }
  const rows = [
    { id: 1, earliestDate: '2026-12-08', cityCode: '370700', cityName: '潍坊' },
    { id: 2, earliestDate: '2026-12-01', cityCode: '370700', cityName: '潍坊' },
    { id: 3, earliestDate: '2026-12-13', cityCode: '370700', cityName: '潍坊' },
    { id: 4, earliestDate: '2026-12-09', cityCode: '371400', cityName: '德州' },
  ]
  expect(groupDemandByWeek(rows, today).map((g) => [g.week.key, g.cityCode, g.rows.map((r) => r.id)])).toEqual([
    ['2026-11-30', '370700', [2]],
    ['2026-12-07', '370700', [1, 3]],
    ['2026-12-07', '371400', [4]],
  ])
})

test('由需求建批次的预填：同一城市、共同的最早日期、单位、最多人的乡镇 / a batch from demand: one city, the earliest common day, employers, the most named township', () => {
  const d = (
    earliestDate: string,
    latestDate: string,
    more: Partial<{ cityCode: string; employerId: number | null; pickupTownshipCode: string | null }> = {},
  ) => ({
    earliestDate,
    latestDate,
    cityCode: '370700',
    employerId: null,
    pickupTownshipCode: null,
    ...more,
  })
  expect(
    batchPrefillOf([
      d('2026-12-05', '2026-12-20', { employerId: 3, pickupTownshipCode: '500154001' }),
      d('2026-12-08', '2026-12-10', { employerId: 3, pickupTownshipCode: '500154002' }),
      d('2026-12-01', '2026-12-09', { employerId: 4, pickupTownshipCode: '500154002' }),
    ]),
  ).toEqual({ ok: true, cityCode: '370700', departureDate: '2026-12-08', employerIds: [3, 4], pickupTownshipCode: '500154002' })
  expect(batchPrefillOf([d('2026-12-05', '2026-12-06'), d('2026-12-08', '2026-12-10')])).toEqual({
    ok: false,
    message: '所选需求没有共同的出发日期，请分开建批次',
  })
  expect(batchPrefillOf([d('2026-12-05', '2026-12-06'), d('2026-12-05', '2026-12-10', { cityCode: '371400' })])).toMatchObject({ ok: false })
  expect(batchPrefillOf([])).toMatchObject({ ok: false })
  expect(parseDemandIds('3,1,3')).toEqual([3, 1])
  expect(parseDemandIds('3,x')).toBeNull()
  expect(parseDemandIds(null)).toBeNull()
})
