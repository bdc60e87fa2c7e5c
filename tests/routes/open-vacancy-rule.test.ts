import { and, eq } from 'drizzle-orm'
import { afterEach, expect, test, vi } from 'vitest'
import { countyBoard, vacancies, vacancyTargets } from '../../db/schema'
import { isExpiredVacancy, isOpenVacancy } from '~/models/rule-sql.server'
import { countPublicVacancies, listPublicVacancies } from '~/models/vacancy-board.server'
import { addDays, todayInShanghai } from '~/rules/dates'
import { effectiveStatus } from '~/rules/vacancy'
import type { VacancyStatus } from '~/rules/vacancy-enums'
import type { BoardFilters } from '~/utils/board-query.server'
import { db } from '~/utils/db.server'
import { createTestVacancy } from '../factories'

// Issue 11 review: "open today" is one rule, effectiveStatus (app/rules/vacancy-labels.ts), and one SQL form
// of it, isOpenVacancy (app/models/rule-sql.server.ts), used over a post's own columns and over county_board's
// copies. On a table of cases — every stored status, valid-until two days before to two days
// after — read a millisecond before and at midnight in Shanghai, the rule, both SQL forms and the boards that
// use them pick the same posts.

const KAIZHOU = '500154'
const STATUSES: VacancyStatus[] = ['draft', 'published', 'closed', 'filled']
const NO_FILTERS: BoardFilters = { q: '', city: null, industry: null, minSalary: null, meals: false, housing: false, sort: 'newest' }

afterEach(() => {
  vi.useRealTimers()
})

/** Posts of every status, open to 开州, valid until two days either side of `day`: the table of cases. */
function makeCases(day: string) {
  const ids: number[] = []
  for (const status of STATUSES) {
    for (const offset of [-2, -1, 0, 1, 2]) {
      const { id } = createTestVacancy('weifang', { status })
      // A past day cannot be typed into the form; time moves a post there, as plain SQL does here.
      db.update(vacancies)
        .set({ validUntil: addDays(day, offset) })
        .where(eq(vacancies.id, id))
        .run()
      ids.push(id)
    }
  }
  return ids
}

/** Every post and its counties, with the rule's answer for `today`. */
function byTheRule(today: string) {
  const rows = db.select({ id: vacancies.id, status: vacancies.status, validUntil: vacancies.validUntil }).from(vacancies).all()
  const stateOf = new Map(rows.map((r) => [r.id, effectiveStatus(r.status, r.validUntil, today)]))
  const inKaizhou = new Set(
    db
      .select({ id: vacancyTargets.vacancyId })
      .from(vacancyTargets)
      .where(eq(vacancyTargets.countyCode, KAIZHOU))
      .all()
      .map((r) => r.id),
  )
  const idsWhere = (keep: (id: number, state: string) => boolean) => [...stateOf].filter(([id, s]) => keep(id, s)).map(([id]) => id)
  return {
    open: idsWhere((_, s) => s === 'published'),
    expired: idsWhere((_, s) => s === 'expired'),
    openInKaizhou: idsWhere((id, s) => s === 'published' && inKaizhou.has(id)),
  }
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b)

test('“今天在招”的规则与 SQL 在上海午夜前后一致 / open today: the rule, its SQL over vacancies and over county_board, and the boards agree around midnight in Shanghai', () => {
  const day = addDays(todayInShanghai(), 1)
  const cases = makeCases(day)
  // Shanghai has no daylight saving: midnight is 16:00 UTC the day before.
  for (const instant of [`${day}T00:00:00.000+08:00`, `${day}T23:59:59.999+08:00`, `${addDays(day, 1)}T00:00:00.000+08:00`]) {
    for (const at of [new Date(Date.parse(instant) - 1), new Date(instant)]) {
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(at)
      const today = todayInShanghai()
      const when = `${at.toISOString()} (${today} in Shanghai)`
      const rule = byTheRule(today)
      // The cases themselves cover both answers at every instant, so an always-true or never-true SQL fails.
      expect(rule.open.filter((id) => cases.includes(id)).length, when).toBeGreaterThan(0)
      expect(rule.expired.filter((id) => cases.includes(id)).length, when).toBeGreaterThan(0)

      const ofVacancies = (where: ReturnType<typeof isOpenVacancy>) =>
        db
          .select({ id: vacancies.id })
          .from(vacancies)
          .where(where)
          .all()
          .map((r) => r.id)
      expect(sorted(ofVacancies(isOpenVacancy(today))), `isOpenVacancy ${when}`).toEqual(sorted(rule.open))
      expect(sorted(ofVacancies(isExpiredVacancy(today))), `isExpiredVacancy ${when}`).toEqual(sorted(rule.expired))
      const onCountyBoard = db
        .select({ id: countyBoard.vacancyId })
        .from(countyBoard)
        .where(and(eq(countyBoard.countyCode, KAIZHOU), isOpenVacancy(today, countyBoard)))
        .all()
      expect(sorted(onCountyBoard.map((r) => r.id)), `isOpenVacancy over county_board ${when}`).toEqual(sorted(rule.openInKaizhou))

      // The boards built on them: the province's and 开州's, listed and counted (the county's bare count sums
      // county_open_posts from today on).
      const limits = { limit: 100_000, offset: 0 }
      expect(sorted(listPublicVacancies(NO_FILTERS, limits).map((r) => r.id)), `province board ${when}`).toEqual(sorted(rule.open))
      expect(countPublicVacancies(NO_FILTERS), `province count ${when}`).toBe(rule.open.length)
      const kaizhou = { ...NO_FILTERS, countyCode: KAIZHOU }
      expect(sorted(listPublicVacancies(kaizhou, limits).map((r) => r.id)), `开州 board ${when}`).toEqual(sorted(rule.openInKaizhou))
      expect(countPublicVacancies(kaizhou), `开州 count ${when}`).toBe(rule.openInKaizhou.length)
      expect(countPublicVacancies({ ...kaizhou, industry: 'manufacturing' }), `开州 filtered count ${when}`).toBe(
        listPublicVacancies({ ...kaizhou, industry: 'manufacturing' }, limits).length,
      )
      vi.useRealTimers()
    }
  }
})
