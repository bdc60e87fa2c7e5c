CREATE TABLE `ledger_skill_texts` (
	`organisation_id` integer NOT NULL,
	`skills` text NOT NULL,
	`workers` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `skills`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `audit_log` ADD `target_organisation_id` integer REFERENCES organisations(id);--> statement-breakpoint
CREATE INDEX `audit_log_target_org_idx` ON `audit_log` (`target_organisation_id`,`at`);