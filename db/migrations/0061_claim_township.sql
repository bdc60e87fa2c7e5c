ALTER TABLE `subsidy_claims` ADD `township_code` text REFERENCES areas(code);--> statement-breakpoint
UPDATE `subsidy_claims` SET `township_code` = (SELECT `workers`.`township_code` FROM `workers` WHERE `workers`.`id` = `subsidy_claims`.`worker_id`);--> statement-breakpoint
CREATE INDEX `subsidy_claims_org_township_idx` ON `subsidy_claims` (`organisation_id`,`township_code`,`state`,`submitted_at`);
