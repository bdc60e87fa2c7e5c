-- The recommend page's pick list (issue 11 §4, app/models/recommend-candidates.server.ts) filters a county's
-- live ledger rows by skill text, skill level, age (birth date), township, 就业状态, 就业需求 and the person
-- search, newest change first. This partial index over the live rows carries every one of those columns in
-- that order, so a page stops after its rows and a count passes index entries only, never the table
-- (300,000 rows of one county on the benchmark database: about 50 ms for a count, built in about 1 s).
-- Written as custom SQL (like the FTS tables) because db/schema/ledger.ts was another change's; drizzle's
-- snapshot does not know it, so drizzle-kit will neither create nor drop it.
CREATE INDEX `workers_org_recommend_idx` ON `workers` (`organisation_id`, `updated_at`, `township_code`, `employment_status`, `employment_need`, `skill_level`, `birth_date`, `skills`, `name`, `phone`, `id_number`) WHERE `archived_at` IS NULL;
