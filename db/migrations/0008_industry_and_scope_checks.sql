-- Issue 8 §8: `industry` of employers and vacancies holds one of the codes of app/rules/vacancy-enums.ts
-- INDUSTRIES, and `attempts.scope` one of THROTTLE_SCOPES. SQLite adds a CHECK only by rebuilding the table,
-- so drizzle-kit generated the rebuilds below; this file was then edited by hand, before it was ever
-- applied, where drizzle-kit gets a rebuild wrong:
-- 1. Its `PRAGMA foreign_keys=OFF/ON` do nothing inside the migrator's transaction; db/connection.ts runs
--    migrations with enforcement off instead (else DROP TABLE `employers` fails on vacancies and DROP TABLE
--    `vacancies` would cascade-delete vacancy_targets). The pragmas are kept for a run outside a transaction,
--    with ON moved from the middle (drizzle-kit put it after the first table) to the end.
-- 2. A rebuilt AUTOINCREMENT table restarts its sequence at the largest id copied, so after a deleted last
--    row an id could be handed out twice (the audit log names records by id): the sequences are kept.
-- 3. A last statement fails, rolling everything back, if any reference no longer points at a row.
-- No triggers or views read these tables (only audit_log has triggers, 0001); the full-text table
-- vacancy_search (0003) is keyed by vacancies.id, which the copy keeps. Existing rows that break a new CHECK
-- stop the migration with "CHECK constraint failed: …" and change nothing.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
-- (2) The AUTOINCREMENT sequences of the three tables, restored after the rebuilds.
CREATE TEMP TABLE `__0008_sequences` AS SELECT `name`, `seq` FROM `sqlite_sequence` WHERE `name` IN ('attempts', 'employers', 'vacancies');--> statement-breakpoint
CREATE TABLE `__new_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`key_hash` text,
	`ip` text NOT NULL,
	`at` integer NOT NULL,
	CONSTRAINT "attempts_scope_check" CHECK("__new_attempts"."scope" in ('login', 'register', 'current_password'))
);
--> statement-breakpoint
INSERT INTO `__new_attempts`("id", "scope", "key_hash", "ip", "at") SELECT "id", "scope", "key_hash", "ip", "at" FROM `attempts`;--> statement-breakpoint
DROP TABLE `attempts`;--> statement-breakpoint
ALTER TABLE `__new_attempts` RENAME TO `attempts`;--> statement-breakpoint
CREATE INDEX `attempts_key_idx` ON `attempts` (`scope`,`key_hash`,`at`);--> statement-breakpoint
CREATE INDEX `attempts_ip_idx` ON `attempts` (`scope`,`ip`,`at`);--> statement-breakpoint
CREATE TABLE `__new_employers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	`uscc` text NOT NULL,
	`industry` text NOT NULL,
	`address` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_phone` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "employers_industry_check" CHECK("__new_employers"."industry" in ('manufacturing', 'electronics', 'textile', 'food', 'domestic', 'care', 'logistics', 'construction', 'catering', 'agriculture', 'other'))
);
--> statement-breakpoint
INSERT INTO `__new_employers`("id", "organisation_id", "name", "uscc", "industry", "address", "contact_name", "contact_phone", "created_at", "updated_at") SELECT "id", "organisation_id", "name", "uscc", "industry", "address", "contact_name", "contact_phone", "created_at", "updated_at" FROM `employers`;--> statement-breakpoint
DROP TABLE `employers`;--> statement-breakpoint
ALTER TABLE `__new_employers` RENAME TO `employers`;--> statement-breakpoint
CREATE UNIQUE INDEX `employers_uscc_uq` ON `employers` (`uscc`);--> statement-breakpoint
CREATE INDEX `employers_org_idx` ON `employers` (`organisation_id`,`name`);--> statement-breakpoint
CREATE TABLE `__new_vacancies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`employer_id` integer NOT NULL,
	`city_code` text NOT NULL,
	`title` text NOT NULL,
	`industry` text NOT NULL,
	`headcount` integer NOT NULL,
	`salary_min_fen` integer NOT NULL,
	`salary_max_fen` integer NOT NULL,
	`address` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`provides_meals` integer DEFAULT false NOT NULL,
	`provides_housing` integer DEFAULT false NOT NULL,
	`contract_months` integer,
	`working_hours` text,
	`age_min` integer,
	`age_max` integer,
	`requirements` text,
	`benefits` text,
	`contact_name` text NOT NULL,
	`contact_phone` text NOT NULL,
	`valid_until` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`closed_at` integer,
	`close_reason` text,
	`copied_from_id` integer,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`copied_from_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "vacancies_status_check" CHECK("__new_vacancies"."status" in ('draft', 'published', 'closed', 'filled')),
	CONSTRAINT "vacancies_industry_check" CHECK("__new_vacancies"."industry" in ('manufacturing', 'electronics', 'textile', 'food', 'domestic', 'care', 'logistics', 'construction', 'catering', 'agriculture', 'other')),
	CONSTRAINT "vacancies_salary_check" CHECK("__new_vacancies"."salary_min_fen" > 0 and "__new_vacancies"."salary_min_fen" <= "__new_vacancies"."salary_max_fen"),
	CONSTRAINT "vacancies_headcount_check" CHECK("__new_vacancies"."headcount" between 1 and 10000)
);
--> statement-breakpoint
INSERT INTO `__new_vacancies`("id", "organisation_id", "employer_id", "city_code", "title", "industry", "headcount", "salary_min_fen", "salary_max_fen", "address", "lat", "lng", "provides_meals", "provides_housing", "contract_months", "working_hours", "age_min", "age_max", "requirements", "benefits", "contact_name", "contact_phone", "valid_until", "status", "published_at", "closed_at", "close_reason", "copied_from_id", "created_by_user_id", "created_at", "updated_at") SELECT "id", "organisation_id", "employer_id", "city_code", "title", "industry", "headcount", "salary_min_fen", "salary_max_fen", "address", "lat", "lng", "provides_meals", "provides_housing", "contract_months", "working_hours", "age_min", "age_max", "requirements", "benefits", "contact_name", "contact_phone", "valid_until", "status", "published_at", "closed_at", "close_reason", "copied_from_id", "created_by_user_id", "created_at", "updated_at" FROM `vacancies`;--> statement-breakpoint
DROP TABLE `vacancies`;--> statement-breakpoint
ALTER TABLE `__new_vacancies` RENAME TO `vacancies`;--> statement-breakpoint
CREATE INDEX `vacancies_org_status_idx` ON `vacancies` (`organisation_id`,`status`);--> statement-breakpoint
CREATE INDEX `vacancies_board_idx` ON `vacancies` (`status`,`valid_until`,`published_at`);--> statement-breakpoint
CREATE INDEX `vacancies_city_idx` ON `vacancies` (`city_code`,`status`);--> statement-breakpoint
CREATE INDEX `vacancies_employer_idx` ON `vacancies` (`employer_id`);--> statement-breakpoint
CREATE INDEX `vacancies_board_filter_idx` ON `vacancies` (`status`,`valid_until`,`city_code`,`industry`,`provides_meals`,`provides_housing`,`salary_max_fen`,`published_at`);--> statement-breakpoint
CREATE INDEX `vacancies_board_lookup_idx` ON `vacancies` (`id`,`status`,`valid_until`,`city_code`,`industry`,`provides_meals`,`provides_housing`,`salary_max_fen`,`published_at`);--> statement-breakpoint
UPDATE `sqlite_sequence` SET `seq` = max(`seq`, (SELECT o.`seq` FROM temp.`__0008_sequences` o WHERE o.`name` = `sqlite_sequence`.`name`)) WHERE `name` IN (SELECT `name` FROM temp.`__0008_sequences`);--> statement-breakpoint
INSERT INTO `sqlite_sequence` (`name`, `seq`) SELECT `name`, `seq` FROM temp.`__0008_sequences` o WHERE NOT EXISTS (SELECT 1 FROM `sqlite_sequence` q WHERE q.`name` = o.`name`);--> statement-breakpoint
DROP TABLE temp.`__0008_sequences`;--> statement-breakpoint
-- (3) Every reference still points at a row, or the whole migration is rolled back.
CREATE TEMP TABLE `__0008_foreign_keys` (`broken` integer NOT NULL, CONSTRAINT "migration_0008_foreign_keys_intact" CHECK(`broken` = 0));--> statement-breakpoint
INSERT INTO temp.`__0008_foreign_keys` SELECT count(*) FROM pragma_foreign_key_check;--> statement-breakpoint
DROP TABLE temp.`__0008_foreign_keys`;--> statement-breakpoint
PRAGMA foreign_keys=ON;
