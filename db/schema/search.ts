import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { moment } from './columns'

/**
 * Which format each full-text index was last built in (issue 9 §10, §11). The documents of `vacancy_search`
 * (migration 0003) are made by the application, not by SQL, so a change of what they hold cannot be
 * written as a migration: `npm run setup` compares the stored format with the code's
 * (app/rules/vacancy-search.ts VACANCY_SEARCH_FORMAT) and rebuilds every document when they differ
 * (app/models/vacancy-search.server.ts). No row: built before formats were recorded, so rebuilt.
 */
export const searchIndexFormats = sqliteTable('search_index_formats', {
  /** The FTS table: 'vacancy_search'. */
  name: text().primaryKey(),
  format: integer().notNull(),
  rebuiltAt: moment().notNull(),
})

export type SelectSearchIndexFormat = typeof searchIndexFormats.$inferSelect
