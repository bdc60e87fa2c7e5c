-- Issue 9 §4 and §12: an application may be `withdrawn` (by the worker) and remembers the status before
-- a hire or decline (`previous_status`) and why a decision was undone (`undo_note`); one person is hired by
-- one employer once per start day (a unique index on employment_records). The CHECK on `status` changes,
-- so drizzle-kit generated a rebuild of `applications`; edited by hand before it was ever applied, as 0008:
-- 1. The copy selects NULL for the two new columns (drizzle-kit selected them from the old table, where
--    they do not exist). The `PRAGMA foreign_keys` lines do nothing inside the migrator's transaction
--    (db/connection.ts runs migrations with enforcement off); ON is moved to the end.
-- 2. The AUTOINCREMENT sequence of applications is kept (a rebuilt table restarts it at the largest id).
-- 3. A last statement fails, rolling everything back, if any reference (employment_records.application_id)
--    no longer points at a row. Existing employment records with the same person, employer and start day
--    stop the migration with "UNIQUE constraint failed" and change nothing.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TEMP TABLE `__0011_sequences` AS SELECT `name`, `seq` FROM `sqlite_sequence` WHERE `name` = 'applications';--> statement-breakpoint
CREATE TABLE `__new_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vacancy_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`source` text NOT NULL,
	`recommended_by_user_id` integer,
	`note` text,
	`status` text DEFAULT 'submitted' NOT NULL,
	`decision_note` text,
	`status_changed_at` integer,
	`previous_status` text,
	`undo_note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recommended_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "applications_status_check" CHECK("__new_applications"."status" in ('submitted', 'contacted', 'hired', 'declined', 'withdrawn')),
	CONSTRAINT "applications_previous_status_check" CHECK("__new_applications"."previous_status" in ('submitted', 'contacted', 'hired', 'declined', 'withdrawn')),
	CONSTRAINT "applications_source_check" CHECK("__new_applications"."source" in ('self', 'recommended'))
);
--> statement-breakpoint
INSERT INTO `__new_applications`("id", "vacancy_id", "worker_id", "source", "recommended_by_user_id", "note", "status", "decision_note", "status_changed_at", "previous_status", "undo_note", "created_at", "updated_at") SELECT "id", "vacancy_id", "worker_id", "source", "recommended_by_user_id", "note", "status", "decision_note", "status_changed_at", NULL, NULL, "created_at", "updated_at" FROM `applications`;--> statement-breakpoint
DROP TABLE `applications`;--> statement-breakpoint
ALTER TABLE `__new_applications` RENAME TO `applications`;--> statement-breakpoint
CREATE UNIQUE INDEX `applications_vacancy_worker_uq` ON `applications` (`vacancy_id`,`worker_id`);--> statement-breakpoint
CREATE INDEX `applications_worker_idx` ON `applications` (`worker_id`);--> statement-breakpoint
CREATE INDEX `applications_vacancy_status_idx` ON `applications` (`vacancy_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `employment_records_worker_employer_start_uq` ON `employment_records` (`worker_id`,`employer_id`,`start_date`);--> statement-breakpoint
UPDATE `sqlite_sequence` SET `seq` = max(`seq`, (SELECT o.`seq` FROM temp.`__0011_sequences` o WHERE o.`name` = `sqlite_sequence`.`name`)) WHERE `name` IN (SELECT `name` FROM temp.`__0011_sequences`);--> statement-breakpoint
INSERT INTO `sqlite_sequence` (`name`, `seq`) SELECT `name`, `seq` FROM temp.`__0011_sequences` o WHERE NOT EXISTS (SELECT 1 FROM `sqlite_sequence` q WHERE q.`name` = o.`name`);--> statement-breakpoint
DROP TABLE temp.`__0011_sequences`;--> statement-breakpoint
CREATE TEMP TABLE `__0011_foreign_keys` (`broken` integer NOT NULL, CONSTRAINT "migration_0011_foreign_keys_intact" CHECK(`broken` = 0));--> statement-breakpoint
INSERT INTO temp.`__0011_foreign_keys` SELECT count(*) FROM pragma_foreign_key_check;--> statement-breakpoint
DROP TABLE temp.`__0011_foreign_keys`;--> statement-breakpoint
PRAGMA foreign_keys=ON;
