DROP INDEX `users_organisation_idx`;--> statement-breakpoint
CREATE INDEX `users_role_idx` ON `users` (`role`,`verified_at`,`disabled_at`);--> statement-breakpoint
CREATE INDEX `users_organisation_idx` ON `users` (`organisation_id`,`role`,`verified_at`,`rejected_at`,`disabled_at`);