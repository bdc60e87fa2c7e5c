-- The kept tables of 0031 (db/schema/county-board.ts, db/schema/bureau-figures.ts): filled once here from the
-- base tables, then kept by triggers whichever code path writes those, so a county's board, a bureau's open
-- posts and its reports are read from one index range (issue 10). db/triggers.test.ts lists the triggers.
INSERT INTO `county_board` (`county_code`, `vacancy_id`, `status`, `valid_until`, `published_at`, `salary_max_fen`, `city_code`, `industry`, `provides_meals`, `provides_housing`)
  SELECT t.`county_code`, v.`id`, v.`status`, v.`valid_until`, v.`published_at`, v.`salary_max_fen`, v.`city_code`, v.`industry`, v.`provides_meals`, v.`provides_housing`
  FROM `vacancy_targets` t JOIN `vacancies` v ON v.`id` = t.`vacancy_id`;
--> statement-breakpoint
CREATE TRIGGER `county_board_targets_insert` AFTER INSERT ON `vacancy_targets` BEGIN
  INSERT INTO `county_board` (`county_code`, `vacancy_id`, `status`, `valid_until`, `published_at`, `salary_max_fen`, `city_code`, `industry`, `provides_meals`, `provides_housing`)
    SELECT NEW.`county_code`, v.`id`, v.`status`, v.`valid_until`, v.`published_at`, v.`salary_max_fen`, v.`city_code`, v.`industry`, v.`provides_meals`, v.`provides_housing`
    FROM `vacancies` v WHERE v.`id` = NEW.`vacancy_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `county_board_targets_delete` AFTER DELETE ON `vacancy_targets` BEGIN
  DELETE FROM `county_board` WHERE `vacancy_id` = OLD.`vacancy_id` AND `county_code` = OLD.`county_code`;
END;
--> statement-breakpoint
CREATE TRIGGER `county_board_targets_update` AFTER UPDATE ON `vacancy_targets` BEGIN
  DELETE FROM `county_board` WHERE `vacancy_id` = OLD.`vacancy_id` AND `county_code` = OLD.`county_code`;
  INSERT INTO `county_board` (`county_code`, `vacancy_id`, `status`, `valid_until`, `published_at`, `salary_max_fen`, `city_code`, `industry`, `provides_meals`, `provides_housing`)
    SELECT NEW.`county_code`, v.`id`, v.`status`, v.`valid_until`, v.`published_at`, v.`salary_max_fen`, v.`city_code`, v.`industry`, v.`provides_meals`, v.`provides_housing`
    FROM `vacancies` v WHERE v.`id` = NEW.`vacancy_id`;
END;
--> statement-breakpoint
-- A post's deletion removes its rows by the foreign key's cascade (and its targets' delete trigger).
CREATE TRIGGER `county_board_vacancies_update` AFTER UPDATE OF `status`, `valid_until`, `published_at`, `salary_max_fen`, `city_code`, `industry`, `provides_meals`, `provides_housing` ON `vacancies`
  WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`valid_until` IS NOT NEW.`valid_until` OR OLD.`published_at` IS NOT NEW.`published_at`
    OR OLD.`salary_max_fen` IS NOT NEW.`salary_max_fen` OR OLD.`city_code` IS NOT NEW.`city_code` OR OLD.`industry` IS NOT NEW.`industry`
    OR OLD.`provides_meals` IS NOT NEW.`provides_meals` OR OLD.`provides_housing` IS NOT NEW.`provides_housing` BEGIN
  UPDATE `county_board` SET `status` = NEW.`status`, `valid_until` = NEW.`valid_until`, `published_at` = NEW.`published_at`,
    `salary_max_fen` = NEW.`salary_max_fen`, `city_code` = NEW.`city_code`, `industry` = NEW.`industry`,
    `provides_meals` = NEW.`provides_meals`, `provides_housing` = NEW.`provides_housing`
    WHERE `vacancy_id` = NEW.`id`;
END;
--> statement-breakpoint
INSERT INTO `bureau_open_posts` (`organisation_id`, `valid_until`, `posts`, `headcount`)
  SELECT `organisation_id`, `valid_until`, count(*), sum(`headcount`) FROM `vacancies` WHERE `status` = 'published'
  GROUP BY `organisation_id`, `valid_until`;
--> statement-breakpoint
CREATE TRIGGER `bureau_open_posts_insert` AFTER INSERT ON `vacancies` WHEN NEW.`status` = 'published' BEGIN
  INSERT INTO `bureau_open_posts` (`organisation_id`, `valid_until`, `posts`, `headcount`) VALUES (NEW.`organisation_id`, NEW.`valid_until`, 1, NEW.`headcount`)
    ON CONFLICT (`organisation_id`, `valid_until`) DO UPDATE SET `posts` = `posts` + 1, `headcount` = `headcount` + excluded.`headcount`;
END;
--> statement-breakpoint
CREATE TRIGGER `bureau_open_posts_delete` AFTER DELETE ON `vacancies` WHEN OLD.`status` = 'published' BEGIN
  UPDATE `bureau_open_posts` SET `posts` = `posts` - 1, `headcount` = `headcount` - OLD.`headcount`
    WHERE `organisation_id` = OLD.`organisation_id` AND `valid_until` = OLD.`valid_until`;
END;
--> statement-breakpoint
CREATE TRIGGER `bureau_open_posts_update` AFTER UPDATE OF `status`, `valid_until`, `headcount`, `organisation_id` ON `vacancies`
  WHEN (OLD.`status` = 'published' OR NEW.`status` = 'published')
    AND (OLD.`status` IS NOT NEW.`status` OR OLD.`valid_until` IS NOT NEW.`valid_until` OR OLD.`headcount` IS NOT NEW.`headcount`
      OR OLD.`organisation_id` IS NOT NEW.`organisation_id`) BEGIN
  UPDATE `bureau_open_posts` SET `posts` = `posts` - 1, `headcount` = `headcount` - OLD.`headcount`
    WHERE OLD.`status` = 'published' AND `organisation_id` = OLD.`organisation_id` AND `valid_until` = OLD.`valid_until`;
  INSERT INTO `bureau_open_posts` (`organisation_id`, `valid_until`, `posts`, `headcount`)
    SELECT NEW.`organisation_id`, NEW.`valid_until`, 1, NEW.`headcount` WHERE NEW.`status` = 'published'
    ON CONFLICT (`organisation_id`, `valid_until`) DO UPDATE SET `posts` = `posts` + 1, `headcount` = `headcount` + excluded.`headcount`;
END;
--> statement-breakpoint
INSERT INTO `report_queue` (`report_id`, `organisation_id`, `open`)
  SELECT r.`id`, v.`organisation_id`, r.`resolved_at` IS NULL FROM `vacancy_reports` r JOIN `vacancies` v ON v.`id` = r.`vacancy_id`;
--> statement-breakpoint
CREATE TRIGGER `report_queue_insert` AFTER INSERT ON `vacancy_reports` BEGIN
  INSERT INTO `report_queue` (`report_id`, `organisation_id`, `open`)
    SELECT NEW.`id`, `organisation_id`, NEW.`resolved_at` IS NULL FROM `vacancies` WHERE `id` = NEW.`vacancy_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `report_queue_update` AFTER UPDATE OF `resolved_at`, `vacancy_id` ON `vacancy_reports` BEGIN
  UPDATE `report_queue` SET `open` = NEW.`resolved_at` IS NULL, `organisation_id` = (SELECT `organisation_id` FROM `vacancies` WHERE `id` = NEW.`vacancy_id`)
    WHERE `report_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `report_queue_delete` AFTER DELETE ON `vacancy_reports` BEGIN
  DELETE FROM `report_queue` WHERE `report_id` = OLD.`id`;
END;
--> statement-breakpoint
-- A post handed to another bureau takes its reports with it.
CREATE TRIGGER `report_queue_vacancy_move` AFTER UPDATE OF `organisation_id` ON `vacancies` WHEN OLD.`organisation_id` IS NOT NEW.`organisation_id` BEGIN
  UPDATE `report_queue` SET `organisation_id` = NEW.`organisation_id` WHERE `report_id` IN (SELECT `id` FROM `vacancy_reports` WHERE `vacancy_id` = NEW.`id`);
END;
