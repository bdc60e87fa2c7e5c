CREATE TABLE `sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`area_code` text NOT NULL,
	`type` text NOT NULL,
	`site_number` text NOT NULL,
	`name` text NOT NULL,
	`address` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`contact_name` text NOT NULL,
	`contact_phone` text NOT NULL,
	`opening_hours` text NOT NULL,
	`services` text DEFAULT '[]' NOT NULL,
	`workers_helped` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`closed_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by_user_id` integer,
	`updated_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sites_type_check" CHECK("sites"."type" in ('workstation', 'workshop', 'base', 'service_point')),
	CONSTRAINT "sites_status_check" CHECK("sites"."status" in ('active', 'closed')),
	CONSTRAINT "sites_point_check" CHECK("sites"."lat" between -90 and 90 and "sites"."lng" between -180 and 180),
	CONSTRAINT "sites_workers_helped_check" CHECK("sites"."workers_helped" >= 0),
	CONSTRAINT "sites_services_check" CHECK(json_valid("sites"."services") and json_type("sites"."services") = 'array')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_number_uq` ON `sites` (`site_number`);--> statement-breakpoint
CREATE INDEX `sites_org_idx` ON `sites` (`organisation_id`,`status`,`type`,`name`);--> statement-breakpoint
CREATE INDEX `sites_area_idx` ON `sites` (`area_code`,`status`,`type`);