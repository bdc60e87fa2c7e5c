CREATE TABLE `ledger_import_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`line` integer NOT NULL,
	`kind` text NOT NULL,
	`worker_id` integer,
	`values` text NOT NULL,
	`before` text,
	`detail` text,
	`seen_updated_at` integer,
	FOREIGN KEY (`import_id`) REFERENCES `ledger_imports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "ledger_import_rows_kind_check" CHECK("ledger_import_rows"."kind" in ('new', 'changed', 'problem'))
);
--> statement-breakpoint
CREATE INDEX `ledger_import_rows_import_idx` ON `ledger_import_rows` (`import_id`,`kind`,`line`);--> statement-breakpoint
CREATE TABLE `ledger_imports` (
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
	CONSTRAINT "ledger_imports_status_check" CHECK("ledger_imports"."status" in ('previewed', 'applied', 'undone', 'refused', 'expired'))
);
--> statement-breakpoint
CREATE INDEX `ledger_imports_org_idx` ON `ledger_imports` (`organisation_id`,`id`);--> statement-breakpoint
CREATE INDEX `ledger_imports_status_idx` ON `ledger_imports` (`status`,`created_at`);