-- How many applications each bureau's posts have in each status (application_counts,
-- db/schema/applications.ts), counted once here and then kept by triggers on every insert, delete and
-- change of status or post of an application, whichever code path writes it, so the bureau's home
-- figures are a few rows read instead of a join over every application of its posts (issue 10).
INSERT INTO `application_counts` (`organisation_id`, `status`, `n`)
  SELECT `vacancies`.`organisation_id`, `applications`.`status`, count(*) FROM `applications`
  JOIN `vacancies` ON `vacancies`.`id` = `applications`.`vacancy_id`
  GROUP BY `vacancies`.`organisation_id`, `applications`.`status`;
--> statement-breakpoint
CREATE TRIGGER `application_counts_insert` AFTER INSERT ON `applications` BEGIN
  INSERT INTO `application_counts` (`organisation_id`, `status`, `n`)
    VALUES ((SELECT `organisation_id` FROM `vacancies` WHERE `id` = NEW.`vacancy_id`), NEW.`status`, 1)
    ON CONFLICT (`organisation_id`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `application_counts_delete` AFTER DELETE ON `applications` BEGIN
  UPDATE `application_counts` SET `n` = `n` - 1
    WHERE `organisation_id` = (SELECT `organisation_id` FROM `vacancies` WHERE `id` = OLD.`vacancy_id`) AND `status` = OLD.`status`;
END;
--> statement-breakpoint
CREATE TRIGGER `application_counts_update` AFTER UPDATE OF `status`, `vacancy_id` ON `applications`
  WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`vacancy_id` IS NOT NEW.`vacancy_id` BEGIN
  UPDATE `application_counts` SET `n` = `n` - 1
    WHERE `organisation_id` = (SELECT `organisation_id` FROM `vacancies` WHERE `id` = OLD.`vacancy_id`) AND `status` = OLD.`status`;
  INSERT INTO `application_counts` (`organisation_id`, `status`, `n`)
    VALUES ((SELECT `organisation_id` FROM `vacancies` WHERE `id` = NEW.`vacancy_id`), NEW.`status`, 1)
    ON CONFLICT (`organisation_id`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
