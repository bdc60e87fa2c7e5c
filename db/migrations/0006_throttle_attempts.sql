CREATE TABLE `attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scope` text NOT NULL,
	`key_hash` text,
	`ip` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `attempts_key_idx` ON `attempts` (`scope`,`key_hash`,`at`);--> statement-breakpoint
CREATE INDEX `attempts_ip_idx` ON `attempts` (`scope`,`ip`,`at`);--> statement-breakpoint
-- The failures of the current window carry over, so a deploy does not reset the login throttle.
INSERT INTO `attempts` (`scope`, `key_hash`, `ip`, `at`) SELECT 'login', `account_key`, `ip`, `at` FROM `login_failures`;--> statement-breakpoint
DROP TABLE `login_failures`;