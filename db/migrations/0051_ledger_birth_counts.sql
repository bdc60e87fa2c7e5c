CREATE TABLE `ledger_birth_counts` (
	`organisation_id` integer NOT NULL,
	`birth_date` text NOT NULL,
	`workers` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `birth_date`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
