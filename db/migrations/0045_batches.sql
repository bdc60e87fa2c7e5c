CREATE TABLE `batch_employers` (
	`batch_id` integer NOT NULL,
	`employer_id` integer NOT NULL,
	PRIMARY KEY(`batch_id`, `employer_id`),
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `batch_employers_employer_idx` ON `batch_employers` (`employer_id`);--> statement-breakpoint
CREATE TABLE `batch_seats` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`user_id` integer,
	`departure_date` text NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`waitlist_seq` integer,
	`demand_id` integer,
	`vehicle_id` integer,
	`seat_no` integer,
	`promoted_at` integer,
	`end_reason` text,
	`ended_at` integer,
	`ended_by_user_id` integer,
	`boarding` text,
	`boarding_at` integer,
	`boarding_by_user_id` integer,
	`arrival` text,
	`arrival_at` integer,
	`arrival_by_user_id` integer,
	`employment_record_id` integer,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`demand_id`) REFERENCES `travel_demands`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vehicle_id`) REFERENCES `batch_vehicles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ended_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`boarding_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`arrival_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employment_record_id`) REFERENCES `employment_records`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "batch_seats_status_check" CHECK("batch_seats"."status" in ('seated', 'waitlisted', 'cancelled', 'removed')),
	CONSTRAINT "batch_seats_source_check" CHECK("batch_seats"."source" in ('self', 'staff')),
	CONSTRAINT "batch_seats_boarding_check" CHECK("batch_seats"."boarding" in ('boarded', 'no_show')),
	CONSTRAINT "batch_seats_arrival_check" CHECK("batch_seats"."arrival" in ('arrived', 'missing')),
	CONSTRAINT "batch_seats_waitlist_check" CHECK("batch_seats"."status" <> 'waitlisted' or "batch_seats"."waitlist_seq" is not null),
	CONSTRAINT "batch_seats_place_check" CHECK(("batch_seats"."vehicle_id" is null and "batch_seats"."seat_no" is null) or ("batch_seats"."status" = 'seated' and "batch_seats"."vehicle_id" is not null and "batch_seats"."seat_no" >= 1))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `batch_seats_live_uq` ON `batch_seats` (`batch_id`,`worker_id`) WHERE "batch_seats"."status" in ('seated', 'waitlisted');--> statement-breakpoint
CREATE UNIQUE INDEX `batch_seats_day_uq` ON `batch_seats` (`worker_id`,`departure_date`) WHERE "batch_seats"."status" = 'seated';--> statement-breakpoint
CREATE UNIQUE INDEX `batch_seats_vehicle_seat_uq` ON `batch_seats` (`vehicle_id`,`seat_no`) WHERE "batch_seats"."vehicle_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `batch_seats_waitlist_uq` ON `batch_seats` (`batch_id`,`waitlist_seq`) WHERE "batch_seats"."waitlist_seq" is not null;--> statement-breakpoint
CREATE INDEX `batch_seats_batch_status_idx` ON `batch_seats` (`batch_id`,`status`,`waitlist_seq`);--> statement-breakpoint
CREATE INDEX `batch_seats_worker_boarding_idx` ON `batch_seats` (`worker_id`,`boarding`,`departure_date`);--> statement-breakpoint
CREATE INDEX `batch_seats_user_idx` ON `batch_seats` (`user_id`);--> statement-breakpoint
CREATE TABLE `batch_vehicles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`plate` text NOT NULL,
	`seats` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "batch_vehicles_seats_check" CHECK("batch_vehicles"."seats" between 1 and 80)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `batch_vehicles_plate_uq` ON `batch_vehicles` (`batch_id`,`plate`);--> statement-breakpoint
CREATE TABLE `batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`city_code` text NOT NULL,
	`pickup_name` text NOT NULL,
	`pickup_address` text NOT NULL,
	`pickup_lat` real,
	`pickup_lng` real,
	`departure_date` text NOT NULL,
	`departure_time` text NOT NULL,
	`notes` text,
	`escort_name` text NOT NULL,
	`escort_phone` text NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`cancel_reason` text,
	`opened_at` integer,
	`closed_at` integer,
	`departed_at` integer,
	`arrived_at` integer,
	`cancelled_at` integer,
	`created_by_user_id` integer,
	`updated_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "batches_state_check" CHECK("batches"."state" in ('draft', 'open', 'closed', 'departed', 'arrived', 'cancelled')),
	CONSTRAINT "batches_cancel_reason_check" CHECK("batches"."state" <> 'cancelled' or "batches"."cancel_reason" is not null)
);
--> statement-breakpoint
CREATE INDEX `batches_org_date_idx` ON `batches` (`organisation_id`,`departure_date`);--> statement-breakpoint
CREATE INDEX `batches_org_state_idx` ON `batches` (`organisation_id`,`state`,`departure_date`);--> statement-breakpoint
CREATE INDEX `batches_city_date_idx` ON `batches` (`city_code`,`departure_date`);--> statement-breakpoint
CREATE TABLE `travel_companions` (
	`demand_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`confirmed_at` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`demand_id`, `worker_id`),
	FOREIGN KEY (`demand_id`) REFERENCES `travel_demands`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `travel_companions_worker_idx` ON `travel_companions` (`worker_id`);--> statement-breakpoint
CREATE TABLE `travel_demands` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`user_id` integer,
	`earliest_date` text NOT NULL,
	`latest_date` text NOT NULL,
	`city_code` text NOT NULL,
	`employer_id` integer,
	`vacancy_id` integer,
	`pickup_township_code` text,
	`note` text,
	`state` text DEFAULT 'open' NOT NULL,
	`batch_id` integer,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pickup_township_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "travel_demands_state_check" CHECK("travel_demands"."state" in ('open', 'invited', 'booked', 'withdrawn')),
	CONSTRAINT "travel_demands_dates_check" CHECK("travel_demands"."earliest_date" <= "travel_demands"."latest_date")
);
--> statement-breakpoint
CREATE INDEX `travel_demands_org_state_idx` ON `travel_demands` (`organisation_id`,`state`,`earliest_date`,`city_code`);--> statement-breakpoint
CREATE INDEX `travel_demands_worker_idx` ON `travel_demands` (`worker_id`,`state`);--> statement-breakpoint
CREATE INDEX `travel_demands_batch_idx` ON `travel_demands` (`batch_id`);--> statement-breakpoint
CREATE TABLE `trip_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`worker_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`seat_id` integer,
	`kind` text NOT NULL,
	`seen_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seat_id`) REFERENCES `batch_seats`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "trip_notices_kind_check" CHECK("trip_notices"."kind" in ('invited', 'promoted', 'seat_assigned', 'seat_cancelled', 'batch_cancelled'))
);
--> statement-breakpoint
CREATE INDEX `trip_notices_worker_idx` ON `trip_notices` (`worker_id`,`seen_at`);