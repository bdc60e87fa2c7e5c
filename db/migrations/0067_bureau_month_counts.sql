CREATE TABLE `bureau_month_counts` (
	`organisation_id` integer NOT NULL,
	`month` text NOT NULL,
	`applications` integer NOT NULL,
	`hires` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `month`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `employment_records_created_cover_idx` ON `employment_records` (`created_at`,`employer_id`,`worker_id`,`application_id`);
--> statement-breakpoint
-- Issue 15 §1: the bureau dashboard's applications to its posts and hires with its employers per month
-- (bureau_month_counts, db/schema/county-figures.ts), counted once here and then kept by triggers on every
-- insert, delete and change of post, employer or time of an application or employment record. A post's
-- bureau and an employer's bureau never change. A month is the Asia/Shanghai calendar month of created_at.
INSERT INTO `bureau_month_counts` (`organisation_id`, `month`, `applications`, `hires`)
  SELECT `organisation_id`, `month`, sum(`a`), sum(`h`) FROM (
    SELECT `vacancies`.`organisation_id`, strftime('%Y-%m', `applications`.`created_at` / 1000, 'unixepoch', '+8 hours') AS `month`, 1 AS `a`, 0 AS `h`
      FROM `applications` JOIN `vacancies` ON `vacancies`.`id` = `applications`.`vacancy_id`
    UNION ALL
    SELECT `employers`.`organisation_id`, strftime('%Y-%m', `employment_records`.`created_at` / 1000, 'unixepoch', '+8 hours'), 0, 1
      FROM `employment_records` JOIN `employers` ON `employers`.`id` = `employment_records`.`employer_id`
  ) WHERE true GROUP BY `organisation_id`, `month`;
--> statement-breakpoint
CREATE TRIGGER `bureau_month_counts_application_insert` AFTER INSERT ON `applications` BEGIN
  INSERT INTO `bureau_month_counts` (`organisation_id`, `month`, `applications`, `hires`)
    VALUES ((SELECT `organisation_id` FROM `vacancies` WHERE `id` = NEW.`vacancy_id`), strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch', '+8 hours'), 1, 0)
    ON CONFLICT (`organisation_id`, `month`) DO UPDATE SET `applications` = `applications` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `bureau_month_counts_application_delete` AFTER DELETE ON `applications` BEGIN
  UPDATE `bureau_month_counts` SET `applications` = `applications` - 1
    WHERE `organisation_id` = (SELECT `organisation_id` FROM `vacancies` WHERE `id` = OLD.`vacancy_id`)
      AND `month` = strftime('%Y-%m', OLD.`created_at` / 1000, 'unixepoch', '+8 hours');
END;
--> statement-breakpoint
CREATE TRIGGER `bureau_month_counts_application_update` AFTER UPDATE OF `vacancy_id`, `created_at` ON `applications`
  WHEN OLD.`vacancy_id` IS NOT NEW.`vacancy_id` OR OLD.`created_at` IS NOT NEW.`created_at` BEGIN
  UPDATE `bureau_month_counts` SET `applications` = `applications` - 1
    WHERE `organisation_id` = (SELECT `organisation_id` FROM `vacancies` WHERE `id` = OLD.`vacancy_id`)
      AND `month` = strftime('%Y-%m', OLD.`created_at` / 1000, 'unixepoch', '+8 hours');
  INSERT INTO `bureau_month_counts` (`organisation_id`, `month`, `applications`, `hires`)
    VALUES ((SELECT `organisation_id` FROM `vacancies` WHERE `id` = NEW.`vacancy_id`), strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch', '+8 hours'), 1, 0)
    ON CONFLICT (`organisation_id`, `month`) DO UPDATE SET `applications` = `applications` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `bureau_month_counts_hire_insert` AFTER INSERT ON `employment_records` BEGIN
  INSERT INTO `bureau_month_counts` (`organisation_id`, `month`, `applications`, `hires`)
    VALUES ((SELECT `organisation_id` FROM `employers` WHERE `id` = NEW.`employer_id`), strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch', '+8 hours'), 0, 1)
    ON CONFLICT (`organisation_id`, `month`) DO UPDATE SET `hires` = `hires` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `bureau_month_counts_hire_delete` AFTER DELETE ON `employment_records` BEGIN
  UPDATE `bureau_month_counts` SET `hires` = `hires` - 1
    WHERE `organisation_id` = (SELECT `organisation_id` FROM `employers` WHERE `id` = OLD.`employer_id`)
      AND `month` = strftime('%Y-%m', OLD.`created_at` / 1000, 'unixepoch', '+8 hours');
END;
--> statement-breakpoint
CREATE TRIGGER `bureau_month_counts_hire_update` AFTER UPDATE OF `employer_id`, `created_at` ON `employment_records`
  WHEN OLD.`employer_id` IS NOT NEW.`employer_id` OR OLD.`created_at` IS NOT NEW.`created_at` BEGIN
  UPDATE `bureau_month_counts` SET `hires` = `hires` - 1
    WHERE `organisation_id` = (SELECT `organisation_id` FROM `employers` WHERE `id` = OLD.`employer_id`)
      AND `month` = strftime('%Y-%m', OLD.`created_at` / 1000, 'unixepoch', '+8 hours');
  INSERT INTO `bureau_month_counts` (`organisation_id`, `month`, `applications`, `hires`)
    VALUES ((SELECT `organisation_id` FROM `employers` WHERE `id` = NEW.`employer_id`), strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch', '+8 hours'), 0, 1)
    ON CONFLICT (`organisation_id`, `month`) DO UPDATE SET `hires` = `hires` + 1;
END;