CREATE TABLE `ledger_counts` (
	`organisation_id` integer PRIMARY KEY NOT NULL,
	`workers` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
