CREATE TABLE `bureau_post_months` (
	`organisation_id` integer NOT NULL,
	`month` text NOT NULL,
	`posts` integer NOT NULL,
	`headcount` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `month`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `county_post_months` (
	`county_code` text NOT NULL,
	`month` text NOT NULL,
	`posts` integer NOT NULL,
	`headcount` integer NOT NULL,
	PRIMARY KEY(`county_code`, `month`),
	FOREIGN KEY (`county_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `hire_figures` (
	`organisation_id` integer NOT NULL,
	`month` text NOT NULL,
	`worker_id` integer NOT NULL,
	`industry` text NOT NULL,
	`hires` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `month`, `worker_id`, `industry`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `hire_figures_industry_idx` ON `hire_figures` (`organisation_id`,`month`,`industry`,`hires`);--> statement-breakpoint
CREATE INDEX `hire_figures_worker_idx` ON `hire_figures` (`worker_id`);--> statement-breakpoint
CREATE TABLE `poverty_employment_counts` (
	`organisation_id` integer NOT NULL,
	`employment_status` text NOT NULL,
	`shandong` integer NOT NULL,
	`people` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `employment_status`, `shandong`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `shandong_hires` (
	`worker_id` integer PRIMARY KEY NOT NULL,
	`records` integer NOT NULL
);
--> statement-breakpoint
-- Issue 15 §1 (decision 029): the dashboards' hires by person and industry, posts per county and month, and where
-- a county's 脱贫/监测 people work, counted once here and then kept by the triggers below on every insert,
-- delete and change of the rows they count. Posts and hires are counted when published or recorded. A month is the Asia/Shanghai calendar month of the moment.
INSERT INTO `hire_figures` (`organisation_id`, `month`, `worker_id`, `industry`, `hires`)
  SELECT `org`, `month`, `worker_id`, `industry`, count(*) FROM (
    SELECT `employers`.`organisation_id` AS `org`, strftime('%Y-%m', e.`created_at` / 1000, 'unixepoch', '+8 hours') AS `month`, e.`worker_id`,
        coalesce(`vacancies`.`industry`, `employers`.`industry`) AS `industry`
      FROM `employment_records` e JOIN `employers` ON `employers`.`id` = e.`employer_id`
      LEFT JOIN `applications` ON `applications`.`id` = e.`application_id` LEFT JOIN `vacancies` ON `vacancies`.`id` = `applications`.`vacancy_id`
    UNION ALL
    SELECT `workers`.`organisation_id`, strftime('%Y-%m', e.`created_at` / 1000, 'unixepoch', '+8 hours'), e.`worker_id`, coalesce(`vacancies`.`industry`, `employers`.`industry`)
      FROM `employment_records` e JOIN `employers` ON `employers`.`id` = e.`employer_id` JOIN `workers` ON `workers`.`id` = e.`worker_id`
      LEFT JOIN `applications` ON `applications`.`id` = e.`application_id` LEFT JOIN `vacancies` ON `vacancies`.`id` = `applications`.`vacancy_id`
  ) WHERE true GROUP BY `org`, `month`, `worker_id`, `industry`;
--> statement-breakpoint
INSERT INTO `county_post_months` (`county_code`, `month`, `posts`, `headcount`)
  SELECT t.`county_code`, strftime('%Y-%m', v.`published_at` / 1000, 'unixepoch', '+8 hours') AS `month`, count(*), sum(v.`headcount`)
    FROM `vacancy_targets` t JOIN `vacancies` v ON v.`id` = t.`vacancy_id` WHERE v.`published_at` IS NOT NULL
    GROUP BY t.`county_code`, `month`;
--> statement-breakpoint
INSERT INTO `shandong_hires` (`worker_id`, `records`)
  SELECT `worker_id`, count(*) FROM `employment_records` WHERE `city_code` LIKE '37%' GROUP BY `worker_id`;
--> statement-breakpoint
INSERT INTO `poverty_employment_counts` (`organisation_id`, `employment_status`, `shandong`, `people`)
  SELECT w.`organisation_id`, w.`employment_status`, EXISTS (SELECT 1 FROM `shandong_hires` WHERE `worker_id` = w.`id`) AS `shandong`, count(*)
    FROM `workers` w WHERE w.`archived_at` IS NULL AND w.`household_status` IN ('alleviated', 'monitored') GROUP BY w.`organisation_id`, w.`employment_status`, `shandong`;
--> statement-breakpoint
CREATE TRIGGER `hire_figures_insert` AFTER INSERT ON `employment_records` BEGIN
  INSERT INTO `hire_figures` (`organisation_id`, `month`, `worker_id`, `industry`, `hires`)
    SELECT `org`, strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch', '+8 hours'), NEW.`worker_id`, coalesce((SELECT `vacancies`.`industry` FROM `applications` JOIN `vacancies` ON `vacancies`.`id` = `applications`.`vacancy_id` WHERE `applications`.`id` = NEW.`application_id`), (SELECT `industry` FROM `employers` WHERE `id` = NEW.`employer_id`)), 1
      FROM (SELECT (SELECT `organisation_id` FROM `employers` WHERE `id` = NEW.`employer_id`) AS `org` UNION ALL SELECT (SELECT `organisation_id` FROM `workers` WHERE `id` = NEW.`worker_id`)) WHERE `org` IS NOT NULL
    ON CONFLICT (`organisation_id`, `month`, `worker_id`, `industry`) DO UPDATE SET `hires` = `hires` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `hire_figures_delete` AFTER DELETE ON `employment_records` BEGIN
  UPDATE `hire_figures` SET `hires` = `hires` - 1
    WHERE `organisation_id` IN ((SELECT `organisation_id` FROM `employers` WHERE `id` = OLD.`employer_id`), (SELECT `organisation_id` FROM `workers` WHERE `id` = OLD.`worker_id`)) AND `month` = strftime('%Y-%m', OLD.`created_at` / 1000, 'unixepoch', '+8 hours') AND `worker_id` = OLD.`worker_id` AND `industry` = coalesce((SELECT `vacancies`.`industry` FROM `applications` JOIN `vacancies` ON `vacancies`.`id` = `applications`.`vacancy_id` WHERE `applications`.`id` = OLD.`application_id`), (SELECT `industry` FROM `employers` WHERE `id` = OLD.`employer_id`));
  DELETE FROM `hire_figures` WHERE `organisation_id` IN ((SELECT `organisation_id` FROM `employers` WHERE `id` = OLD.`employer_id`), (SELECT `organisation_id` FROM `workers` WHERE `id` = OLD.`worker_id`)) AND `month` = strftime('%Y-%m', OLD.`created_at` / 1000, 'unixepoch', '+8 hours') AND `worker_id` = OLD.`worker_id` AND `hires` <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER `hire_figures_update` AFTER UPDATE OF `worker_id`, `employer_id`, `application_id`, `created_at` ON `employment_records`
  WHEN OLD.`worker_id` IS NOT NEW.`worker_id` OR OLD.`employer_id` IS NOT NEW.`employer_id` OR OLD.`application_id` IS NOT NEW.`application_id`
    OR OLD.`created_at` IS NOT NEW.`created_at` BEGIN
  UPDATE `hire_figures` SET `hires` = `hires` - 1
    WHERE `organisation_id` IN ((SELECT `organisation_id` FROM `employers` WHERE `id` = OLD.`employer_id`), (SELECT `organisation_id` FROM `workers` WHERE `id` = OLD.`worker_id`)) AND `month` = strftime('%Y-%m', OLD.`created_at` / 1000, 'unixepoch', '+8 hours') AND `worker_id` = OLD.`worker_id` AND `industry` = coalesce((SELECT `vacancies`.`industry` FROM `applications` JOIN `vacancies` ON `vacancies`.`id` = `applications`.`vacancy_id` WHERE `applications`.`id` = OLD.`application_id`), (SELECT `industry` FROM `employers` WHERE `id` = OLD.`employer_id`));
  DELETE FROM `hire_figures` WHERE `organisation_id` IN ((SELECT `organisation_id` FROM `employers` WHERE `id` = OLD.`employer_id`), (SELECT `organisation_id` FROM `workers` WHERE `id` = OLD.`worker_id`)) AND `month` = strftime('%Y-%m', OLD.`created_at` / 1000, 'unixepoch', '+8 hours') AND `worker_id` = OLD.`worker_id` AND `hires` <= 0;
  INSERT INTO `hire_figures` (`organisation_id`, `month`, `worker_id`, `industry`, `hires`)
    SELECT `org`, strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch', '+8 hours'), NEW.`worker_id`, coalesce((SELECT `vacancies`.`industry` FROM `applications` JOIN `vacancies` ON `vacancies`.`id` = `applications`.`vacancy_id` WHERE `applications`.`id` = NEW.`application_id`), (SELECT `industry` FROM `employers` WHERE `id` = NEW.`employer_id`)), 1
      FROM (SELECT (SELECT `organisation_id` FROM `employers` WHERE `id` = NEW.`employer_id`) AS `org` UNION ALL SELECT (SELECT `organisation_id` FROM `workers` WHERE `id` = NEW.`worker_id`)) WHERE `org` IS NOT NULL
    ON CONFLICT (`organisation_id`, `month`, `worker_id`, `industry`) DO UPDATE SET `hires` = `hires` + 1;
END;
--> statement-breakpoint
-- A post's industry edited: its hires move to the new industry (a hire's industry is its post's as it is now).
CREATE TRIGGER `hire_figures_vacancy_industry` AFTER UPDATE OF `industry` ON `vacancies` WHEN OLD.`industry` IS NOT NEW.`industry` BEGIN
  UPDATE `hire_figures` SET `hires` = `hires` - (SELECT count(*) FROM (SELECT em.`organisation_id` AS `org`, strftime('%Y-%m', e.`created_at` / 1000, 'unixepoch', '+8 hours') AS `month`, e.`worker_id` FROM `applications` a
        JOIN `employment_records` e ON e.`application_id` = a.`id` JOIN `employers` em ON em.`id` = e.`employer_id` WHERE a.`vacancy_id` = NEW.`id`
      UNION ALL SELECT w.`organisation_id` AS `org`, strftime('%Y-%m', e.`created_at` / 1000, 'unixepoch', '+8 hours') AS `month`, e.`worker_id` FROM `applications` a
        JOIN `employment_records` e ON e.`application_id` = a.`id` JOIN `workers` w ON w.`id` = e.`worker_id` WHERE a.`vacancy_id` = NEW.`id`) s
      WHERE s.`org` = `hire_figures`.`organisation_id` AND s.`month` = `hire_figures`.`month` AND s.`worker_id` = `hire_figures`.`worker_id`)
    WHERE `industry` = OLD.`industry` AND `worker_id` IN (SELECT e.`worker_id` FROM `applications` a JOIN `employment_records` e ON e.`application_id` = a.`id` WHERE a.`vacancy_id` = NEW.`id`);
  DELETE FROM `hire_figures` WHERE `hires` <= 0 AND `industry` = OLD.`industry`
    AND `worker_id` IN (SELECT e.`worker_id` FROM `applications` a JOIN `employment_records` e ON e.`application_id` = a.`id` WHERE a.`vacancy_id` = NEW.`id`);
  INSERT INTO `hire_figures` (`organisation_id`, `month`, `worker_id`, `industry`, `hires`)
    SELECT `org`, `month`, `worker_id`, NEW.`industry`, count(*) FROM (SELECT em.`organisation_id` AS `org`, strftime('%Y-%m', e.`created_at` / 1000, 'unixepoch', '+8 hours') AS `month`, e.`worker_id` FROM `applications` a
        JOIN `employment_records` e ON e.`application_id` = a.`id` JOIN `employers` em ON em.`id` = e.`employer_id` WHERE a.`vacancy_id` = NEW.`id`
      UNION ALL SELECT w.`organisation_id` AS `org`, strftime('%Y-%m', e.`created_at` / 1000, 'unixepoch', '+8 hours') AS `month`, e.`worker_id` FROM `applications` a
        JOIN `employment_records` e ON e.`application_id` = a.`id` JOIN `workers` w ON w.`id` = e.`worker_id` WHERE a.`vacancy_id` = NEW.`id`) WHERE `org` IS NOT NULL GROUP BY `org`, `month`, `worker_id`
    ON CONFLICT (`organisation_id`, `month`, `worker_id`, `industry`) DO UPDATE SET `hires` = `hires` + excluded.`hires`;
END;
--> statement-breakpoint
-- An employer's industry edited: its hires recorded without a post move with it.
CREATE TRIGGER `hire_figures_employer_industry` AFTER UPDATE OF `industry` ON `employers` WHEN OLD.`industry` IS NOT NEW.`industry` BEGIN
  UPDATE `hire_figures` SET `hires` = `hires` - (SELECT count(*) FROM (SELECT NEW.`organisation_id` AS `org`, strftime('%Y-%m', e.`created_at` / 1000, 'unixepoch', '+8 hours') AS `month`, e.`worker_id` FROM `employment_records` e 
        WHERE e.`employer_id` = NEW.`id` AND e.`application_id` IS NULL
      UNION ALL SELECT w.`organisation_id` AS `org`, strftime('%Y-%m', e.`created_at` / 1000, 'unixepoch', '+8 hours') AS `month`, e.`worker_id` FROM `employment_records` e JOIN `workers` w ON w.`id` = e.`worker_id`
        WHERE e.`employer_id` = NEW.`id` AND e.`application_id` IS NULL) s
      WHERE s.`org` = `hire_figures`.`organisation_id` AND s.`month` = `hire_figures`.`month` AND s.`worker_id` = `hire_figures`.`worker_id`)
    WHERE `industry` = OLD.`industry` AND `worker_id` IN (SELECT `worker_id` FROM `employment_records` WHERE `employer_id` = NEW.`id` AND `application_id` IS NULL);
  DELETE FROM `hire_figures` WHERE `hires` <= 0 AND `industry` = OLD.`industry`
    AND `worker_id` IN (SELECT `worker_id` FROM `employment_records` WHERE `employer_id` = NEW.`id` AND `application_id` IS NULL);
  INSERT INTO `hire_figures` (`organisation_id`, `month`, `worker_id`, `industry`, `hires`)
    SELECT `org`, `month`, `worker_id`, NEW.`industry`, count(*) FROM (SELECT NEW.`organisation_id` AS `org`, strftime('%Y-%m', e.`created_at` / 1000, 'unixepoch', '+8 hours') AS `month`, e.`worker_id` FROM `employment_records` e 
        WHERE e.`employer_id` = NEW.`id` AND e.`application_id` IS NULL
      UNION ALL SELECT w.`organisation_id` AS `org`, strftime('%Y-%m', e.`created_at` / 1000, 'unixepoch', '+8 hours') AS `month`, e.`worker_id` FROM `employment_records` e JOIN `workers` w ON w.`id` = e.`worker_id`
        WHERE e.`employer_id` = NEW.`id` AND e.`application_id` IS NULL) WHERE `org` IS NOT NULL GROUP BY `org`, `month`, `worker_id`
    ON CONFLICT (`organisation_id`, `month`, `worker_id`, `industry`) DO UPDATE SET `hires` = `hires` + excluded.`hires`;
END;
--> statement-breakpoint
-- A ledger row moved to another county takes its hires with it (to its new county), and its place in the poverty counts.
CREATE TRIGGER `hire_figures_worker_move` AFTER UPDATE OF `organisation_id` ON `workers` WHEN OLD.`organisation_id` IS NOT NEW.`organisation_id` BEGIN
  INSERT INTO `hire_figures` (`organisation_id`, `month`, `worker_id`, `industry`, `hires`)
    SELECT NEW.`organisation_id`, `month`, `worker_id`, `industry`, `hires` FROM `hire_figures` WHERE `worker_id` = NEW.`id` AND `organisation_id` = OLD.`organisation_id`
    ON CONFLICT (`organisation_id`, `month`, `worker_id`, `industry`) DO UPDATE SET `hires` = `hires` + excluded.`hires`;
  DELETE FROM `hire_figures` WHERE `worker_id` = NEW.`id` AND `organisation_id` = OLD.`organisation_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `county_post_months_target_insert` AFTER INSERT ON `vacancy_targets` BEGIN
  INSERT INTO `county_post_months` (`county_code`, `month`, `posts`, `headcount`)
    SELECT NEW.`county_code`, strftime('%Y-%m', v.`published_at` / 1000, 'unixepoch', '+8 hours'), 1, v.`headcount` FROM `vacancies` v WHERE v.`id` = NEW.`vacancy_id` AND v.`published_at` IS NOT NULL
    ON CONFLICT (`county_code`, `month`) DO UPDATE SET `posts` = `posts` + 1, `headcount` = `headcount` + excluded.`headcount`;
END;
--> statement-breakpoint
CREATE TRIGGER `county_post_months_target_delete` AFTER DELETE ON `vacancy_targets` BEGIN
  UPDATE `county_post_months` SET `posts` = `posts` - 1, `headcount` = `headcount` - (SELECT `headcount` FROM `vacancies` WHERE `id` = OLD.`vacancy_id`)
    WHERE `county_code` = OLD.`county_code`
      AND `month` = (SELECT strftime('%Y-%m', `published_at` / 1000, 'unixepoch', '+8 hours') FROM `vacancies` WHERE `id` = OLD.`vacancy_id` AND `published_at` IS NOT NULL);
END;
--> statement-breakpoint
-- Before a post is deleted (its targets then go by cascade, when the post can no longer be read).
CREATE TRIGGER `county_post_months_vacancy_delete` BEFORE DELETE ON `vacancies` WHEN OLD.`published_at` IS NOT NULL BEGIN
  UPDATE `county_post_months` SET `posts` = `posts` - 1, `headcount` = `headcount` - OLD.`headcount`
    WHERE `month` = strftime('%Y-%m', OLD.`published_at` / 1000, 'unixepoch', '+8 hours') AND `county_code` IN (SELECT `county_code` FROM `vacancy_targets` WHERE `vacancy_id` = OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `county_post_months_vacancy_update` AFTER UPDATE OF `published_at`, `headcount` ON `vacancies`
  WHEN OLD.`published_at` IS NOT NEW.`published_at` OR OLD.`headcount` IS NOT NEW.`headcount` BEGIN
  UPDATE `county_post_months` SET `posts` = `posts` - 1, `headcount` = `headcount` - OLD.`headcount`
    WHERE OLD.`published_at` IS NOT NULL AND `month` = strftime('%Y-%m', OLD.`published_at` / 1000, 'unixepoch', '+8 hours')
      AND `county_code` IN (SELECT `county_code` FROM `vacancy_targets` WHERE `vacancy_id` = NEW.`id`);
  INSERT INTO `county_post_months` (`county_code`, `month`, `posts`, `headcount`)
    SELECT `county_code`, strftime('%Y-%m', NEW.`published_at` / 1000, 'unixepoch', '+8 hours'), 1, NEW.`headcount` FROM `vacancy_targets` WHERE `vacancy_id` = NEW.`id` AND NEW.`published_at` IS NOT NULL
    ON CONFLICT (`county_code`, `month`) DO UPDATE SET `posts` = `posts` + 1, `headcount` = `headcount` + excluded.`headcount`;
END;
--> statement-breakpoint
CREATE TRIGGER `shandong_hires_insert` AFTER INSERT ON `employment_records` BEGIN
  INSERT INTO `shandong_hires` (`worker_id`, `records`) SELECT NEW.`worker_id`, 1 WHERE NEW.`city_code` LIKE '37%'
    ON CONFLICT (`worker_id`) DO UPDATE SET `records` = `records` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `shandong_hires_delete` AFTER DELETE ON `employment_records` BEGIN
  UPDATE `shandong_hires` SET `records` = `records` - 1 WHERE `worker_id` = OLD.`worker_id` AND OLD.`city_code` LIKE '37%';
  DELETE FROM `shandong_hires` WHERE `worker_id` = OLD.`worker_id` AND `records` <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER `shandong_hires_update` AFTER UPDATE OF `worker_id`, `city_code` ON `employment_records`
  WHEN OLD.`worker_id` IS NOT NEW.`worker_id` OR OLD.`city_code` IS NOT NEW.`city_code` BEGIN
  INSERT INTO `shandong_hires` (`worker_id`, `records`) SELECT NEW.`worker_id`, 1 WHERE NEW.`city_code` LIKE '37%'
    ON CONFLICT (`worker_id`) DO UPDATE SET `records` = `records` + 1;
  UPDATE `shandong_hires` SET `records` = `records` - 1 WHERE `worker_id` = OLD.`worker_id` AND OLD.`city_code` LIKE '37%';
  DELETE FROM `shandong_hires` WHERE `worker_id` = OLD.`worker_id` AND `records` <= 0;
END;
--> statement-breakpoint
-- A person's first record in Shandong moves them to `shandong` 1; their last one gone moves them back.
CREATE TRIGGER `poverty_employment_counts_shandong_insert` AFTER INSERT ON `shandong_hires` BEGIN
  UPDATE `poverty_employment_counts` SET `people` = `people` - 1
    WHERE `shandong` = 0 AND (`organisation_id`, `employment_status`) = (SELECT `organisation_id`, `employment_status` FROM `workers` w WHERE w.`id` = NEW.`worker_id` AND w.`archived_at` IS NULL AND w.`household_status` IN ('alleviated', 'monitored'));
  INSERT INTO `poverty_employment_counts` (`organisation_id`, `employment_status`, `shandong`, `people`)
    SELECT w.`organisation_id`, w.`employment_status`, 1, 1 FROM `workers` w WHERE w.`id` = NEW.`worker_id` AND w.`archived_at` IS NULL AND w.`household_status` IN ('alleviated', 'monitored')
    ON CONFLICT (`organisation_id`, `employment_status`, `shandong`) DO UPDATE SET `people` = `people` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `poverty_employment_counts_shandong_delete` AFTER DELETE ON `shandong_hires` BEGIN
  UPDATE `poverty_employment_counts` SET `people` = `people` - 1
    WHERE `shandong` = 1 AND (`organisation_id`, `employment_status`) = (SELECT `organisation_id`, `employment_status` FROM `workers` w WHERE w.`id` = OLD.`worker_id` AND w.`archived_at` IS NULL AND w.`household_status` IN ('alleviated', 'monitored'));
  INSERT INTO `poverty_employment_counts` (`organisation_id`, `employment_status`, `shandong`, `people`)
    SELECT w.`organisation_id`, w.`employment_status`, 0, 1 FROM `workers` w WHERE w.`id` = OLD.`worker_id` AND w.`archived_at` IS NULL AND w.`household_status` IN ('alleviated', 'monitored')
    ON CONFLICT (`organisation_id`, `employment_status`, `shandong`) DO UPDATE SET `people` = `people` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `poverty_employment_counts_worker_insert` AFTER INSERT ON `workers` BEGIN
  INSERT INTO `poverty_employment_counts` (`organisation_id`, `employment_status`, `shandong`, `people`)
    SELECT NEW.`organisation_id`, NEW.`employment_status`, EXISTS (SELECT 1 FROM `shandong_hires` WHERE `worker_id` = NEW.`id`), 1 WHERE NEW.`archived_at` IS NULL AND NEW.`household_status` IN ('alleviated', 'monitored')
    ON CONFLICT (`organisation_id`, `employment_status`, `shandong`) DO UPDATE SET `people` = `people` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `poverty_employment_counts_worker_delete` AFTER DELETE ON `workers` BEGIN
  UPDATE `poverty_employment_counts` SET `people` = `people` - 1
    WHERE OLD.`archived_at` IS NULL AND OLD.`household_status` IN ('alleviated', 'monitored') AND `organisation_id` = OLD.`organisation_id` AND `employment_status` = OLD.`employment_status` AND `shandong` = EXISTS (SELECT 1 FROM `shandong_hires` WHERE `worker_id` = OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `poverty_employment_counts_worker_update` AFTER UPDATE OF `organisation_id`, `household_status`, `employment_status`, `archived_at` ON `workers`
  WHEN OLD.`organisation_id` IS NOT NEW.`organisation_id` OR OLD.`household_status` IS NOT NEW.`household_status`
    OR OLD.`employment_status` IS NOT NEW.`employment_status` OR (OLD.`archived_at` IS NULL) IS NOT (NEW.`archived_at` IS NULL) BEGIN
  UPDATE `poverty_employment_counts` SET `people` = `people` - 1
    WHERE OLD.`archived_at` IS NULL AND OLD.`household_status` IN ('alleviated', 'monitored') AND `organisation_id` = OLD.`organisation_id` AND `employment_status` = OLD.`employment_status` AND `shandong` = EXISTS (SELECT 1 FROM `shandong_hires` WHERE `worker_id` = OLD.`id`);
  INSERT INTO `poverty_employment_counts` (`organisation_id`, `employment_status`, `shandong`, `people`)
    SELECT NEW.`organisation_id`, NEW.`employment_status`, EXISTS (SELECT 1 FROM `shandong_hires` WHERE `worker_id` = NEW.`id`), 1 WHERE NEW.`archived_at` IS NULL AND NEW.`household_status` IN ('alleviated', 'monitored')
    ON CONFLICT (`organisation_id`, `employment_status`, `shandong`) DO UPDATE SET `people` = `people` + 1;
END;
--> statement-breakpoint
INSERT INTO `bureau_post_months` (`organisation_id`, `month`, `posts`, `headcount`)
  SELECT `organisation_id`, strftime('%Y-%m', `published_at` / 1000, 'unixepoch', '+8 hours') AS `month`, count(*), sum(`headcount`) FROM `vacancies`
    WHERE `published_at` IS NOT NULL GROUP BY `organisation_id`, `month`;
--> statement-breakpoint
CREATE TRIGGER `bureau_post_months_insert` AFTER INSERT ON `vacancies` WHEN NEW.`published_at` IS NOT NULL BEGIN
  INSERT INTO `bureau_post_months` (`organisation_id`, `month`, `posts`, `headcount`)
    VALUES (NEW.`organisation_id`, strftime('%Y-%m', NEW.`published_at` / 1000, 'unixepoch', '+8 hours'), 1, NEW.`headcount`)
    ON CONFLICT (`organisation_id`, `month`) DO UPDATE SET `posts` = `posts` + 1, `headcount` = `headcount` + excluded.`headcount`;
END;
--> statement-breakpoint
CREATE TRIGGER `bureau_post_months_delete` AFTER DELETE ON `vacancies` WHEN OLD.`published_at` IS NOT NULL BEGIN
  UPDATE `bureau_post_months` SET `posts` = `posts` - 1, `headcount` = `headcount` - OLD.`headcount`
    WHERE `organisation_id` = OLD.`organisation_id` AND `month` = strftime('%Y-%m', OLD.`published_at` / 1000, 'unixepoch', '+8 hours');
END;
--> statement-breakpoint
CREATE TRIGGER `bureau_post_months_update` AFTER UPDATE OF `published_at`, `headcount`, `organisation_id` ON `vacancies`
  WHEN OLD.`published_at` IS NOT NEW.`published_at` OR OLD.`headcount` IS NOT NEW.`headcount` OR OLD.`organisation_id` IS NOT NEW.`organisation_id` BEGIN
  UPDATE `bureau_post_months` SET `posts` = `posts` - 1, `headcount` = `headcount` - OLD.`headcount`
    WHERE OLD.`published_at` IS NOT NULL AND `organisation_id` = OLD.`organisation_id` AND `month` = strftime('%Y-%m', OLD.`published_at` / 1000, 'unixepoch', '+8 hours');
  INSERT INTO `bureau_post_months` (`organisation_id`, `month`, `posts`, `headcount`)
    SELECT NEW.`organisation_id`, strftime('%Y-%m', NEW.`published_at` / 1000, 'unixepoch', '+8 hours'), 1, NEW.`headcount` WHERE NEW.`published_at` IS NOT NULL
    ON CONFLICT (`organisation_id`, `month`) DO UPDATE SET `posts` = `posts` + 1, `headcount` = `headcount` + excluded.`headcount`;
END;
