CREATE TABLE `county_board` (
	`county_code` text NOT NULL,
	`vacancy_id` integer NOT NULL,
	`status` text NOT NULL,
	`valid_until` text NOT NULL,
	`published_at` integer,
	`salary_max_fen` integer NOT NULL,
	`city_code` text NOT NULL,
	`industry` text NOT NULL,
	`provides_meals` integer NOT NULL,
	`provides_housing` integer NOT NULL,
	PRIMARY KEY(`vacancy_id`, `county_code`),
	FOREIGN KEY (`county_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `county_board_newest_idx` ON `county_board` (`county_code`,`status`,`published_at`,`vacancy_id`,`valid_until`,`city_code`,`industry`,`provides_meals`,`provides_housing`,`salary_max_fen`);--> statement-breakpoint
CREATE INDEX `county_board_salary_idx` ON `county_board` (`county_code`,`status`,`salary_max_fen`,`vacancy_id`,`valid_until`,`city_code`,`industry`,`provides_meals`,`provides_housing`,`published_at`);--> statement-breakpoint
CREATE TABLE `bureau_open_posts` (
	`organisation_id` integer NOT NULL,
	`valid_until` text NOT NULL,
	`posts` integer NOT NULL,
	`headcount` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `valid_until`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `report_queue` (
	`report_id` integer PRIMARY KEY NOT NULL,
	`organisation_id` integer NOT NULL,
	`open` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `vacancy_reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_queue_bureau_idx` ON `report_queue` (`organisation_id`,`open`,`report_id`);