CREATE TABLE `boarding_checkins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`checkin_id` text NOT NULL,
	`batch_id` integer NOT NULL,
	`seat_id` integer NOT NULL,
	`mark` text,
	`base` text,
	`phone_at` text,
	`source` text NOT NULL,
	`result` text NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seat_id`) REFERENCES `batch_seats`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "boarding_checkins_mark_check" CHECK("boarding_checkins"."mark" in ('boarded', 'no_show')),
	CONSTRAINT "boarding_checkins_base_check" CHECK("boarding_checkins"."base" in ('boarded', 'no_show')),
	CONSTRAINT "boarding_checkins_source_check" CHECK("boarding_checkins"."source" in ('phone', 'form', 'paper')),
	CONSTRAINT "boarding_checkins_result_check" CHECK("boarding_checkins"."result" in ('applied', 'unchanged', 'conflict', 'not_seated'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `boarding_checkins_checkin_uq` ON `boarding_checkins` (`checkin_id`);--> statement-breakpoint
CREATE INDEX `boarding_checkins_seat_idx` ON `boarding_checkins` (`seat_id`);--> statement-breakpoint
CREATE INDEX `boarding_checkins_batch_idx` ON `boarding_checkins` (`batch_id`);