DROP INDEX `users_organisation_idx`;--> statement-breakpoint
CREATE INDEX `users_organisation_idx` ON `users` (`organisation_id`,`role`,`verified_at`,`rejected_at`,`disabled_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_org_id_idx` ON `audit_log` (`organisation_id`);