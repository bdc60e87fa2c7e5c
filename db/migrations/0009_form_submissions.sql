CREATE TABLE `form_submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token` text NOT NULL,
	`user_id` integer NOT NULL,
	`entity_kind` text NOT NULL,
	`entity_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "form_submissions_kind_check" CHECK("form_submissions"."entity_kind" in ('vacancy', 'employer', 'worker', 'account'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `form_submissions_token_uq` ON `form_submissions` (`token`);