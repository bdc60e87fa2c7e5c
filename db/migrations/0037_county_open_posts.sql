CREATE TABLE `county_open_posts` (
	`county_code` text NOT NULL,
	`valid_until` text NOT NULL,
	`posts` integer NOT NULL,
	PRIMARY KEY(`county_code`, `valid_until`),
	FOREIGN KEY (`county_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
