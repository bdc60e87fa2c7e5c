CREATE TABLE `bureau_post_counts` (
	`organisation_id` integer NOT NULL,
	`status` text NOT NULL,
	`posts` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `status`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
