CREATE TABLE `county_application_counts` (
	`vacancy_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`status` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`vacancy_id`, `organisation_id`, `status`),
	FOREIGN KEY (`vacancy_id`) REFERENCES `vacancies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `applications_vacancy_idx` ON `applications` (`vacancy_id`);
--> statement-breakpoint
-- How many applications each post has from each county's ledger, in each status (county_application_counts,
-- db/schema/applications.ts): counted once here, then kept by triggers on every insert, delete and change of
-- status, post or person of an application, and on a ledger row moving to another county, whichever code
-- path writes them, so the county's post list reads a few rows instead of a join over every application of
-- its posts with the applicants' ledger rows (issue 10). Rows are kept at n = 0 rather than deleted.
INSERT INTO `county_application_counts` (`vacancy_id`, `organisation_id`, `status`, `n`)
  SELECT `applications`.`vacancy_id`, `workers`.`organisation_id`, `applications`.`status`, count(*) FROM `applications`
  JOIN `workers` ON `workers`.`id` = `applications`.`worker_id`
  GROUP BY `applications`.`vacancy_id`, `workers`.`organisation_id`, `applications`.`status`;
--> statement-breakpoint
CREATE TRIGGER `county_application_counts_insert` AFTER INSERT ON `applications` BEGIN
  INSERT INTO `county_application_counts` (`vacancy_id`, `organisation_id`, `status`, `n`)
    VALUES (NEW.`vacancy_id`, (SELECT `organisation_id` FROM `workers` WHERE `id` = NEW.`worker_id`), NEW.`status`, 1)
    ON CONFLICT (`vacancy_id`, `organisation_id`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `county_application_counts_delete` AFTER DELETE ON `applications` BEGIN
  UPDATE `county_application_counts` SET `n` = `n` - 1
    WHERE `vacancy_id` = OLD.`vacancy_id` AND `organisation_id` = (SELECT `organisation_id` FROM `workers` WHERE `id` = OLD.`worker_id`)
      AND `status` = OLD.`status`;
END;
--> statement-breakpoint
CREATE TRIGGER `county_application_counts_update` AFTER UPDATE OF `status`, `vacancy_id`, `worker_id` ON `applications`
  WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`vacancy_id` IS NOT NEW.`vacancy_id` OR OLD.`worker_id` IS NOT NEW.`worker_id` BEGIN
  UPDATE `county_application_counts` SET `n` = `n` - 1
    WHERE `vacancy_id` = OLD.`vacancy_id` AND `organisation_id` = (SELECT `organisation_id` FROM `workers` WHERE `id` = OLD.`worker_id`)
      AND `status` = OLD.`status`;
  INSERT INTO `county_application_counts` (`vacancy_id`, `organisation_id`, `status`, `n`)
    VALUES (NEW.`vacancy_id`, (SELECT `organisation_id` FROM `workers` WHERE `id` = NEW.`worker_id`), NEW.`status`, 1)
    ON CONFLICT (`vacancy_id`, `organisation_id`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
-- A ledger row moved to another county takes its applications' counts with it (one application per post
-- and person, so each (post, status) pair moves by one).
CREATE TRIGGER `county_application_counts_worker_move` AFTER UPDATE OF `organisation_id` ON `workers`
  WHEN OLD.`organisation_id` IS NOT NEW.`organisation_id` BEGIN
  UPDATE `county_application_counts` SET `n` = `n` - 1
    WHERE `organisation_id` = OLD.`organisation_id`
      AND (`vacancy_id`, `status`) IN (SELECT `vacancy_id`, `status` FROM `applications` WHERE `worker_id` = NEW.`id`);
  INSERT INTO `county_application_counts` (`vacancy_id`, `organisation_id`, `status`, `n`)
    SELECT `vacancy_id`, NEW.`organisation_id`, `status`, 1 FROM `applications` WHERE `worker_id` = NEW.`id` AND true
    ON CONFLICT (`vacancy_id`, `organisation_id`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
