CREATE TABLE `registration_referrals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`created_at` integer NOT NULL,
	`handled_at` integer,
	`handled_by_user_id` integer,
	`handling_note` text,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handled_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registration_referrals_open_uq` ON `registration_referrals` (`user_id`,`phone`) WHERE "registration_referrals"."handled_at" is null;--> statement-breakpoint
CREATE INDEX `registration_referrals_org_idx` ON `registration_referrals` (`organisation_id`,`handled_at`,`created_at`);