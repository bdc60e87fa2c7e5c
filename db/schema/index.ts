// The database schema, one file per capability; every table, enum list and row type is re-exported here,
// so code imports from 'db/schema' whatever file a table lives in. A new capability adds its file
// (db/schema/<capability>.ts, enums from app/rules/<capability>-enums.ts) and one line below;
// drizzle.config.ts reads this file, so `npm run db:generate` sees it.
export * from './areas-organisations'
export * from './accounts'
export * from './audit'
export * from './ledger'
export * from './vacancies'
export * from './applications'
export * from './form-submissions'
export * from './search'
export * from './county-figures'
export * from './county-board'
export * from './bureau-figures'
export * from './ledger-imports'
export * from './bureau-post-counts'
export * from './worker-account-counts'
export * from './batches'
export * from './ledger-skills'
export * from './ledger-birth-counts'
export * from './subsidy'
export * from './sites'
export * from './statistics-figures'
