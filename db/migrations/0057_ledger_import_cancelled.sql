PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_ledger_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`created_by_user_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`status` text NOT NULL,
	`new_rows` integer DEFAULT 0 NOT NULL,
	`changed_rows` integer DEFAULT 0 NOT NULL,
	`unchanged_rows` integer DEFAULT 0 NOT NULL,
	`problem_rows` integer DEFAULT 0 NOT NULL,
	`problems` integer DEFAULT 0 NOT NULL,
	`skipped_rows` integer DEFAULT 0 NOT NULL,
	`problem_groups` text,
	`rows_kept` integer DEFAULT true NOT NULL,
	`fields` text NOT NULL,
	`applied_at` integer,
	`applied_by_user_id` integer,
	`undone_at` integer,
	`undone_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applied_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`undone_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_imports_status_check" CHECK("__new_ledger_imports"."status" in ('previewed', 'applied', 'undone', 'refused', 'expired', 'cancelled'))
);
--> statement-breakpoint
INSERT INTO `__new_ledger_imports`("id", "organisation_id", "created_by_user_id", "file_name", "status", "new_rows", "changed_rows", "unchanged_rows", "problem_rows", "problems", "skipped_rows", "problem_groups", "rows_kept", "fields", "applied_at", "applied_by_user_id", "undone_at", "undone_by_user_id", "created_at", "updated_at") SELECT "id", "organisation_id", "created_by_user_id", "file_name", "status", "new_rows", "changed_rows", "unchanged_rows", "problem_rows", "problems", "skipped_rows", "problem_groups", "rows_kept", "fields", "applied_at", "applied_by_user_id", "undone_at", "undone_by_user_id", "created_at", "updated_at" FROM `ledger_imports`;--> statement-breakpoint
DROP TABLE `ledger_imports`;--> statement-breakpoint
ALTER TABLE `__new_ledger_imports` RENAME TO `ledger_imports`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `ledger_imports_org_idx` ON `ledger_imports` (`organisation_id`,`id`);--> statement-breakpoint
CREATE INDEX `ledger_imports_status_idx` ON `ledger_imports` (`status`,`created_at`);