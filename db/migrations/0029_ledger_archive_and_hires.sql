CREATE TABLE `county_month_counts` (
	`organisation_id` integer NOT NULL,
	`month` text NOT NULL,
	`applications` integer NOT NULL,
	`hires` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `month`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `workers_org_updated_idx`;--> statement-breakpoint
DROP INDEX `workers_org_township_idx`;--> statement-breakpoint
DROP INDEX `workers_org_household_idx`;--> statement-breakpoint
DROP INDEX `workers_org_employment_status_idx`;--> statement-breakpoint
DROP INDEX `workers_org_employment_need_idx`;--> statement-breakpoint
DROP INDEX `workers_org_user_idx`;--> statement-breakpoint
DROP INDEX `workers_org_name_idx`;--> statement-breakpoint
ALTER TABLE `workers` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `workers` ADD `archive_reason` text;--> statement-breakpoint
ALTER TABLE `workers` ADD `archive_note` text;--> statement-breakpoint
ALTER TABLE `workers` ADD `archived_by_user_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `workers` ADD `employment_checked_at` integer;--> statement-breakpoint
CREATE INDEX `workers_org_archived_idx` ON `workers` (`organisation_id`,`archived_at`) WHERE "workers"."archived_at" is not null;--> statement-breakpoint
CREATE INDEX `workers_org_updated_idx` ON `workers` (`organisation_id`,`updated_at`,`township_code`,`household_status`,`employment_status`,`employment_need`,`user_id`,`archived_at`);--> statement-breakpoint
CREATE INDEX `workers_org_township_idx` ON `workers` (`organisation_id`,`township_code`,`updated_at`,`archived_at`);--> statement-breakpoint
CREATE INDEX `workers_org_household_idx` ON `workers` (`organisation_id`,`household_status`,`updated_at`,`archived_at`);--> statement-breakpoint
CREATE INDEX `workers_org_employment_status_idx` ON `workers` (`organisation_id`,`employment_status`,`updated_at`,`archived_at`);--> statement-breakpoint
CREATE INDEX `workers_org_employment_need_idx` ON `workers` (`organisation_id`,`employment_need`,`updated_at`,`archived_at`);--> statement-breakpoint
CREATE INDEX `workers_org_user_idx` ON `workers` (`organisation_id`,`user_id`,`archived_at`);--> statement-breakpoint
CREATE INDEX `workers_org_name_idx` ON `workers` (`organisation_id`,`name`,`archived_at`);--> statement-breakpoint
ALTER TABLE `employers` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `employers` ADD `archived_by_user_id` integer REFERENCES users(id);--> statement-breakpoint
CREATE INDEX `employment_records_created_idx` ON `employment_records` (`created_at`);