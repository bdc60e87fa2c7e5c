CREATE INDEX `vacancies_org_published_idx` ON `vacancies` (`organisation_id`,`published_at`,`status`,`valid_until`,`headcount`);--> statement-breakpoint
CREATE INDEX `subsidy_claims_org_decided_idx` ON `subsidy_claims` (`organisation_id`,`state`,`decided_at`);--> statement-breakpoint
CREATE INDEX `subsidy_claims_org_paid_idx` ON `subsidy_claims` (`organisation_id`,`state`,`paid_at`);