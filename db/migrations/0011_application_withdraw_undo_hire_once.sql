PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vacancy_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`source` text NOT NULL,
	`recommended_by_user_id` integer,
	`note` text,
	`status` text DEFAULT 'submitted' NOT NULL,
	`decision_note` text,
	`status_changed_at` integer,
	`previous_status` text,
	`undo_note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recommended_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "applications_status_check" CHECK("__new_applications"."status" in ('submitted', 'contacted', 'hired', 'declined', 'withdrawn')),
	CONSTRAINT "applications_previous_status_check" CHECK("__new_applications"."previous_status" in ('submitted', 'contacted', 'hired', 'declined', 'withdrawn')),
	CONSTRAINT "applications_source_check" CHECK("__new_applications"."source" in ('self', 'recommended'))
);
--> statement-breakpoint
INSERT INTO `__new_applications`("id", "vacancy_id", "worker_id", "source", "recommended_by_user_id", "note", "status", "decision_note", "status_changed_at", "previous_status", "undo_note", "created_at", "updated_at") SELECT "id", "vacancy_id", "worker_id", "source", "recommended_by_user_id", "note", "status", "decision_note", "status_changed_at", NULL, NULL, "created_at", "updated_at" FROM `applications`;--> statement-breakpoint
DROP TABLE `applications`;--> statement-breakpoint
ALTER TABLE `__new_applications` RENAME TO `applications`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `applications_vacancy_worker_uq` ON `applications` (`vacancy_id`,`worker_id`);--> statement-breakpoint
CREATE INDEX `applications_worker_idx` ON `applications` (`worker_id`);--> statement-breakpoint
CREATE INDEX `applications_vacancy_status_idx` ON `applications` (`vacancy_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `employment_records_worker_employer_start_uq` ON `employment_records` (`worker_id`,`employer_id`,`start_date`);