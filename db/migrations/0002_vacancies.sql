CREATE TABLE `applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vacancy_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`source` text NOT NULL,
	`recommended_by_user_id` integer,
	`note` text,
	`status` text DEFAULT 'submitted' NOT NULL,
	`status_changed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recommended_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "applications_status_check" CHECK("applications"."status" in ('submitted', 'contacted', 'hired', 'declined')),
	CONSTRAINT "applications_source_check" CHECK("applications"."source" in ('self', 'recommended'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applications_vacancy_worker_uq` ON `applications` (`vacancy_id`,`worker_id`);--> statement-breakpoint
CREATE INDEX `applications_worker_idx` ON `applications` (`worker_id`);--> statement-breakpoint
CREATE INDEX `applications_vacancy_status_idx` ON `applications` (`vacancy_id`,`status`);--> statement-breakpoint
CREATE TABLE `employers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	`uscc` text NOT NULL,
	`industry` text NOT NULL,
	`address` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_phone` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `employers_uscc_uq` ON `employers` (`uscc`);--> statement-breakpoint
CREATE INDEX `employers_org_idx` ON `employers` (`organisation_id`,`name`);--> statement-breakpoint
CREATE TABLE `employment_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`worker_id` integer NOT NULL,
	`application_id` integer,
	`employer_id` integer NOT NULL,
	`city_code` text NOT NULL,
	`start_date` text NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `employment_records_application_uq` ON `employment_records` (`application_id`);--> statement-breakpoint
CREATE INDEX `employment_records_worker_idx` ON `employment_records` (`worker_id`,`start_date`);--> statement-breakpoint
CREATE TABLE `vacancies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`employer_id` integer NOT NULL,
	`city_code` text NOT NULL,
	`title` text NOT NULL,
	`industry` text NOT NULL,
	`headcount` integer NOT NULL,
	`salary_min_fen` integer NOT NULL,
	`salary_max_fen` integer NOT NULL,
	`address` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`provides_meals` integer DEFAULT false NOT NULL,
	`provides_housing` integer DEFAULT false NOT NULL,
	`contract_months` integer,
	`working_hours` text,
	`age_min` integer,
	`age_max` integer,
	`requirements` text,
	`benefits` text,
	`contact_name` text NOT NULL,
	`contact_phone` text NOT NULL,
	`valid_until` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`closed_at` integer,
	`copied_from_id` integer,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`copied_from_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "vacancies_status_check" CHECK("vacancies"."status" in ('draft', 'published', 'closed', 'filled')),
	CONSTRAINT "vacancies_salary_check" CHECK("vacancies"."salary_min_fen" > 0 and "vacancies"."salary_min_fen" <= "vacancies"."salary_max_fen"),
	CONSTRAINT "vacancies_headcount_check" CHECK("vacancies"."headcount" between 1 and 10000)
);
--> statement-breakpoint
CREATE INDEX `vacancies_org_status_idx` ON `vacancies` (`organisation_id`,`status`);--> statement-breakpoint
CREATE INDEX `vacancies_board_idx` ON `vacancies` (`status`,`valid_until`,`published_at`);--> statement-breakpoint
CREATE INDEX `vacancies_city_idx` ON `vacancies` (`city_code`,`status`);--> statement-breakpoint
CREATE INDEX `vacancies_employer_idx` ON `vacancies` (`employer_id`);--> statement-breakpoint
CREATE TABLE `vacancy_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vacancy_id` integer NOT NULL,
	`reporter_user_id` integer NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`resolved_at` integer,
	`resolved_by_user_id` integer,
	`resolution` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "vacancy_reports_reason_check" CHECK("vacancy_reports"."reason" in ('fake', 'fees', 'wage', 'mismatch', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vacancy_reports_once_uq` ON `vacancy_reports` (`vacancy_id`,`reporter_user_id`);--> statement-breakpoint
CREATE INDEX `vacancy_reports_vacancy_idx` ON `vacancy_reports` (`vacancy_id`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `vacancy_targets` (
	`vacancy_id` integer NOT NULL,
	`county_code` text NOT NULL,
	PRIMARY KEY(`vacancy_id`, `county_code`),
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`county_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `vacancy_targets_county_idx` ON `vacancy_targets` (`county_code`);