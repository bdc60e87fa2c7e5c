DROP INDEX `workers_org_township_idx`;--> statement-breakpoint
CREATE INDEX `workers_org_updated_idx` ON `workers` (`organisation_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `workers_org_household_idx` ON `workers` (`organisation_id`,`household_status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `workers_org_employment_status_idx` ON `workers` (`organisation_id`,`employment_status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `workers_org_employment_need_idx` ON `workers` (`organisation_id`,`employment_need`,`updated_at`);--> statement-breakpoint
CREATE INDEX `workers_org_user_idx` ON `workers` (`organisation_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `workers_org_township_idx` ON `workers` (`organisation_id`,`township_code`,`updated_at`);