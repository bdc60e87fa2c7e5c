CREATE TABLE `worker_account_counts` (
	`organisation_id` integer NOT NULL,
	`state` text NOT NULL,
	`accounts` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `state`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "worker_account_counts_state_check" CHECK("worker_account_counts"."state" in ('verified', 'rejected', 'waiting', 'disabled'))
);
