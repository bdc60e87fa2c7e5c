import { rebuildVacancySearch } from '../app/models/vacancy-search.server'
import type { DB } from '../db/connection'
import type { BenchContext } from './bench-data-context'
import { generateApplications } from './bench-data-applications'
import { generateReferrals, generateReports } from './bench-data-followups'
import { generateLedger } from './bench-data-ledger'
import { generateEmployers, generateVacancies } from './bench-data-posts'

// The benchmark database is made by these generators, in this order (later ones use what earlier ones
// made, through ctx.made). A capability that adds tables (batches and seats, claims and tickets, sites)
// adds one small generator here, after those it refers to, with its full-size count in FULL_SIZE.

/** One step of the benchmark database: which tables it fills and how; returns rows written. */
export type TableGenerator = { name: string; tables: readonly string[]; run: (ctx: BenchContext, db: DB) => number }

export const TABLE_GENERATORS: readonly TableGenerator[] = [
  { name: 'employers', tables: ['employers'], run: generateEmployers },
  { name: 'vacancies', tables: ['vacancies', 'vacancy_targets', 'audit_log'], run: generateVacancies },
  { name: 'ledger + accounts', tables: ['workers', 'users'], run: generateLedger },
  { name: 'applications', tables: ['applications', 'employment_records', 'audit_log'], run: generateApplications },
  { name: 'reports', tables: ['vacancy_reports'], run: generateReports },
  { name: 'referrals', tables: ['registration_referrals'], run: generateReferrals },
  // The app's own rebuild (the documents indexVacancy writes, and the format setup checks).
  { name: 'search index', tables: ['vacancy_search', 'search_index_formats'], run: (_ctx, db) => rebuildVacancySearch(db) },
]
