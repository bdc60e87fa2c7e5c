import { expect, test } from 'vitest'
import { APPLICATION_STATUSES, VACANCY_STATUSES } from '../../db/schema'
import { APPLICATION_STATUS } from './application'
import { canMoveStatus } from './status'
import { acceptsApplications, canMoveVacancy, effectiveStatus, formatSalaryRange, parsePoint, VacancySchema } from './vacancy'

const valid = {
  title: '电焊工',
  employerId: '3',
  industry: 'manufacturing',
  headcount: '10',
  salaryMin: '5000',
  salaryMax: '7,000',
  address: '潍坊市奎文区东风东街 1 号',
  contactName: '王主任',
  contactPhone: '0536-8881234',
  validUntil: '2026-12-31',
}

test('过了有效期的招聘中岗位自动算过期，不再接受报名 / a published post past its date is expired and takes no applications', () => {
  expect(effectiveStatus('published', '2026-11-21', '2026-11-22')).toBe('expired')
  expect(effectiveStatus('published', '2026-11-22', '2026-11-22')).toBe('published')
  expect(acceptsApplications('published', '2026-11-22', '2026-11-22')).toBe(true)
  expect(acceptsApplications('published', '2026-11-21', '2026-11-22')).toBe(false)
  expect(effectiveStatus('closed', '2099-01-01', '2026-11-22')).toBe('closed')
  expect(acceptsApplications('draft', '2099-01-01', '2026-11-22')).toBe(false)
})

/** Every allowed move between `statuses` as 'from→to', in table order: all the cells of a transition table at once. */
function movesOf<S extends string>(statuses: readonly S[], canMove: (from: S, to: S) => boolean) {
  return statuses.flatMap((from) => statuses.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`))
}

test('岗位状态只能按顺序走 / vacancy states move only forward', () => {
  const moves = movesOf(VACANCY_STATUSES, canMoveVacancy)
  expect(moves).toEqual(expect.arrayContaining(['draft→published', 'published→closed', 'published→filled']))
  for (const never of ['closed→published', 'draft→filled', ...VACANCY_STATUSES.map((s) => `${s}→${s}`)]) expect(moves).not.toContain(never)
})

const canMoveApplication = (from: (typeof APPLICATION_STATUSES)[number], to: (typeof APPLICATION_STATUSES)[number]) =>
  canMoveStatus(APPLICATION_STATUS, from, to)
/** The bureau's moves: the worker's withdrawal and the way back from it are theirs (issue 9 §12). */
const bureauMoves = () => movesOf(APPLICATION_STATUSES, canMoveApplication).filter((move) => !move.includes('withdrawn'))

test('报名状态：已报名→已联系→录用/未录用，不能跳步也不能回头 / applications move submitted → contacted → hired/declined, no skips, no going back', () => {
  const moves = bureauMoves()
  expect(moves).toEqual(expect.arrayContaining(['submitted→contacted', 'contacted→hired']))
  for (const never of ['submitted→hired', 'hired→declined', 'declined→submitted']) expect(moves).not.toContain(never)
  const order = (status: string) => APPLICATION_STATUSES.indexOf(status as (typeof APPLICATION_STATUSES)[number])
  for (const move of moves) {
    const [from, to] = move.split('→')
    expect(order(to), move).toBeGreaterThan(order(from))
  }
})

test('月薪范围必填，最低不高于最高，整数元 / the salary range is required, whole yuan, min ≤ max', () => {
  const ok = VacancySchema.safeParse(valid)
  expect(ok.success).toBe(true)
  if (ok.success) expect([ok.data.salaryMin, ok.data.salaryMax]).toEqual([5000, 7000])
  const missing = VacancySchema.safeParse({ ...valid, salaryMin: '' })
  expect(missing.error?.issues.find((i) => i.path[0] === 'salaryMin')?.message).toBe('请填写最低月薪')
  const reversed = VacancySchema.safeParse({ ...valid, salaryMin: '8000', salaryMax: '6000' })
  expect(reversed.error?.issues.find((i) => i.path[0] === 'salaryMax')?.message).toBe('最高月薪不能低于最低月薪')
  const cents = VacancySchema.safeParse({ ...valid, salaryMin: '5000.50' })
  expect(cents.error?.issues.find((i) => i.path[0] === 'salaryMin')?.message).toBe('最低月薪应为整数')
})

test('联系电话可以是手机或带区号的座机，有效期必须是真实日期 / contact phone: mobile or landline with area code; valid-until must be a real date', () => {
  const mobile = VacancySchema.safeParse({ ...valid, contactPhone: '+86 138 0000 1234' })
  expect(mobile.success && mobile.data.contactPhone).toBe('13800001234')
  expect(VacancySchema.safeParse({ ...valid, contactPhone: '12345' }).success).toBe(false)
  const badDate = VacancySchema.safeParse({ ...valid, validUntil: '2026-02-30' })
  expect(badDate.error?.issues[0].message).toBe('有效期应为 YYYY-MM-DD 格式的日期')
})

test('工资显示为整元范围 / salaries show as a whole-yuan range', () => {
  expect(formatSalaryRange(450000, 600000)).toBe('¥4,500–6,000/月')
  expect(formatSalaryRange(500000, 500000)).toBe('¥5,000/月')
})

test('地图坐标必须在中国范围内 / a map point must lie within China', () => {
  expect(parsePoint('36.71', '119.16')).toEqual({ lat: 36.71, lng: 119.16 })
  expect(parsePoint('0', '0')).toBeNull()
  expect(parsePoint('abc', '119')).toBeNull()
  expect(parsePoint(undefined, '119')).toBeNull()
})

test('状态流转表一格不差 / the transition tables, every cell', () => {
  expect(movesOf(VACANCY_STATUSES, canMoveVacancy)).toEqual(['draft→published', 'published→closed', 'published→filled'])
  expect(bureauMoves()).toEqual(['submitted→contacted', 'submitted→declined', 'contacted→hired', 'contacted→declined'])
  expect(movesOf(APPLICATION_STATUSES, canMoveApplication).filter((move) => move.includes('withdrawn'))).toEqual(['submitted→withdrawn', 'withdrawn→submitted'])
})
