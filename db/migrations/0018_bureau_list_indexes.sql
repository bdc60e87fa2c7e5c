DROP INDEX `vacancies_org_status_idx`;--> statement-breakpoint
CREATE INDEX `vacancies_org_updated_idx` ON `vacancies` (`organisation_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `vacancies_org_status_updated_idx` ON `vacancies` (`organisation_id`,`status`,`updated_at`,`valid_until`);