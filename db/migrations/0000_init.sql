CREATE TABLE `areas` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_code` text,
	`lat` real,
	`lng` real,
	FOREIGN KEY (`parent_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "areas_level_check" CHECK("areas"."level" in ('province', 'city', 'county', 'township', 'village'))
);
--> statement-breakpoint
CREATE INDEX `areas_parent_idx` ON `areas` (`parent_code`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`organisation_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`reason` text,
	`detail` text,
	`ip` text,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_org_idx` ON `audit_log` (`organisation_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
CREATE TABLE `login_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_key` text NOT NULL,
	`ip` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_failures_account_idx` ON `login_failures` (`account_key`,`at`);--> statement-breakpoint
CREATE INDEX `login_failures_ip_idx` ON `login_failures` (`ip`,`at`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`area_code` text NOT NULL,
	`contact_phone` text,
	`address` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`area_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "organisations_kind_check" CHECK("organisations"."kind" in ('bureau', 'centre', 'platform'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_area_kind_uq` ON `organisations` (`area_code`,`kind`);--> statement-breakpoint
CREATE TABLE `pairings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`county_code` text NOT NULL,
	`city_code` text NOT NULL,
	`since_year` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`county_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pairings_county_uq` ON `pairings` (`county_code`);--> statement-breakpoint
CREATE INDEX `pairings_city_idx` ON `pairings` (`city_code`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`display_name` text NOT NULL,
	`id_number` text,
	`verified_at` integer,
	`rejected_at` integer,
	`rejection_reason` text,
	`must_change_password` integer DEFAULT false NOT NULL,
	`disabled_at` integer,
	`last_login_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_role_check" CHECK("users"."role" in ('east', 'west', 'worker', 'admin')),
	CONSTRAINT "users_worker_fields_check" CHECK("users"."role" = 'worker' or ("users"."id_number" is null and "users"."verified_at" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_uq` ON `users` (`username`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_id_number_uq` ON `users` (`id_number`);--> statement-breakpoint
CREATE INDEX `users_organisation_idx` ON `users` (`organisation_id`,`role`);--> statement-breakpoint
CREATE TABLE `workers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	`id_number` text NOT NULL,
	`sex` text NOT NULL,
	`birth_date` text NOT NULL,
	`phone` text,
	`township_code` text NOT NULL,
	`village_code` text,
	`household_status` text NOT NULL,
	`employment_status` text NOT NULL,
	`employment_need` text NOT NULL,
	`skill_level` text NOT NULL,
	`skills` text,
	`difficulties` text,
	`assistance_measures` text,
	`notes` text,
	`user_id` integer,
	`created_by_user_id` integer,
	`updated_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`township_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "workers_sex_check" CHECK("workers"."sex" in ('male', 'female')),
	CONSTRAINT "workers_household_check" CHECK("workers"."household_status" in ('alleviated', 'monitored', 'other')),
	CONSTRAINT "workers_employment_status_check" CHECK("workers"."employment_status" in ('out_of_province', 'in_city', 'in_county', 'self_employed', 'public_post', 'unemployed')),
	CONSTRAINT "workers_employment_need_check" CHECK("workers"."employment_need" in ('to_shandong', 'other_province', 'local', 'training', 'startup', 'none')),
	CONSTRAINT "workers_skill_level_check" CHECK("workers"."skill_level" in ('none', 'uncertified', 'junior', 'intermediate', 'senior'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workers_id_number_uq` ON `workers` (`id_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `workers_user_uq` ON `workers` (`user_id`);--> statement-breakpoint
CREATE INDEX `workers_org_township_idx` ON `workers` (`organisation_id`,`township_code`);--> statement-breakpoint
CREATE INDEX `workers_org_name_idx` ON `workers` (`organisation_id`,`name`);--> statement-breakpoint
CREATE INDEX `workers_org_phone_idx` ON `workers` (`organisation_id`,`phone`);