PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_form_submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token` text NOT NULL,
	`user_id` integer NOT NULL,
	`entity_kind` text NOT NULL,
	`entity_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "form_submissions_kind_check" CHECK("__new_form_submissions"."entity_kind" in ('vacancy', 'employer', 'worker', 'account', 'application', 'ledger_import_undo', 'batch', 'travel_demand', 'subsidy_claim', 'subsidy_payout', 'site', 'site_import'))
);
--> statement-breakpoint
INSERT INTO `__new_form_submissions`("id", "token", "user_id", "entity_kind", "entity_id", "created_at") SELECT "id", "token", "user_id", "entity_kind", "entity_id", "created_at" FROM `form_submissions`;--> statement-breakpoint
DROP TABLE `form_submissions`;--> statement-breakpoint
ALTER TABLE `__new_form_submissions` RENAME TO `form_submissions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `form_submissions_token_uq` ON `form_submissions` (`token`);