-- Issue 11 §2: an archived ledger row (workers.archived_at set) leaves the county's figure and the search
-- index. The ledger_counts and workers_search triggers are re-made to count and index live rows only, and
-- to follow a row being archived or restored; the names stay those of db/triggers.test.ts.
DROP TRIGGER `ledger_counts_workers_insert`;
--> statement-breakpoint
DROP TRIGGER `ledger_counts_workers_delete`;
--> statement-breakpoint
DROP TRIGGER `ledger_counts_workers_move`;
--> statement-breakpoint
CREATE TRIGGER `ledger_counts_workers_insert` AFTER INSERT ON `workers` WHEN NEW.`archived_at` IS NULL BEGIN
  INSERT INTO `ledger_counts` (`organisation_id`, `workers`) VALUES (NEW.`organisation_id`, 1)
    ON CONFLICT (`organisation_id`) DO UPDATE SET `workers` = `workers` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_counts_workers_delete` AFTER DELETE ON `workers` WHEN OLD.`archived_at` IS NULL BEGIN
  UPDATE `ledger_counts` SET `workers` = `workers` - 1 WHERE `organisation_id` = OLD.`organisation_id`;
END;
--> statement-breakpoint
-- A move to another county, an archive (live → archived) or a restore (archived → live): the old place
-- loses the row if it was live there, the new place gains it if it is live now.
CREATE TRIGGER `ledger_counts_workers_move` AFTER UPDATE OF `organisation_id`, `archived_at` ON `workers`
  WHEN OLD.`organisation_id` IS NOT NEW.`organisation_id` OR (OLD.`archived_at` IS NULL) IS NOT (NEW.`archived_at` IS NULL) BEGIN
  UPDATE `ledger_counts` SET `workers` = `workers` - 1 WHERE `organisation_id` = OLD.`organisation_id` AND OLD.`archived_at` IS NULL;
  INSERT INTO `ledger_counts` (`organisation_id`, `workers`) SELECT NEW.`organisation_id`, 1 WHERE NEW.`archived_at` IS NULL
    ON CONFLICT (`organisation_id`) DO UPDATE SET `workers` = `workers` + 1;
END;
--> statement-breakpoint
UPDATE `ledger_counts` SET `workers` = (SELECT count(*) FROM `workers` WHERE `workers`.`organisation_id` = `ledger_counts`.`organisation_id` AND `workers`.`archived_at` IS NULL);
--> statement-breakpoint
-- workers_search holds exactly the live rows. An external-content FTS5 index must be told the values it
-- indexed when a row leaves it, so each 'delete' is written only for a row that was in it (live before).
DROP TRIGGER `workers_search_insert`;
--> statement-breakpoint
DROP TRIGGER `workers_search_delete`;
--> statement-breakpoint
DROP TRIGGER `workers_search_update`;
--> statement-breakpoint
CREATE TRIGGER `workers_search_insert` AFTER INSERT ON `workers` WHEN NEW.`archived_at` IS NULL BEGIN
  INSERT INTO `workers_search` (`rowid`, `name`, `phone`, `id_number`) VALUES (NEW.`id`, NEW.`name`, NEW.`phone`, NEW.`id_number`);
END;
--> statement-breakpoint
CREATE TRIGGER `workers_search_delete` AFTER DELETE ON `workers` WHEN OLD.`archived_at` IS NULL BEGIN
  INSERT INTO `workers_search` (`workers_search`, `rowid`, `name`, `phone`, `id_number`) VALUES ('delete', OLD.`id`, OLD.`name`, OLD.`phone`, OLD.`id_number`);
END;
--> statement-breakpoint
CREATE TRIGGER `workers_search_update` AFTER UPDATE OF `name`, `phone`, `id_number`, `archived_at` ON `workers` BEGIN
  INSERT INTO `workers_search` (`workers_search`, `rowid`, `name`, `phone`, `id_number`)
    SELECT 'delete', OLD.`id`, OLD.`name`, OLD.`phone`, OLD.`id_number` WHERE OLD.`archived_at` IS NULL;
  INSERT INTO `workers_search` (`rowid`, `name`, `phone`, `id_number`)
    SELECT NEW.`id`, NEW.`name`, NEW.`phone`, NEW.`id_number` WHERE NEW.`archived_at` IS NULL;
END;
--> statement-breakpoint
-- Issue 11 §3: the county home's applications and hires of its people this month (county_month_counts,
-- db/schema/county-figures.ts), counted once here and then kept by triggers on every insert, delete and
-- change of person or time of an application or employment record, and on a ledger row moving county.
-- A month is the Asia/Shanghai calendar month of the row's created_at (milliseconds since the epoch).
INSERT INTO `county_month_counts` (`organisation_id`, `month`, `applications`, `hires`)
  SELECT `organisation_id`, `month`, sum(`a`), sum(`h`) FROM (
    SELECT `workers`.`organisation_id`, strftime('%Y-%m', `applications`.`created_at` / 1000, 'unixepoch', '+8 hours') AS `month`, 1 AS `a`, 0 AS `h`
      FROM `applications` JOIN `workers` ON `workers`.`id` = `applications`.`worker_id`
    UNION ALL
    SELECT `workers`.`organisation_id`, strftime('%Y-%m', `employment_records`.`created_at` / 1000, 'unixepoch', '+8 hours'), 0, 1
      FROM `employment_records` JOIN `workers` ON `workers`.`id` = `employment_records`.`worker_id`
  ) GROUP BY `organisation_id`, `month`;
--> statement-breakpoint
CREATE TRIGGER `county_month_counts_application_insert` AFTER INSERT ON `applications` BEGIN
  INSERT INTO `county_month_counts` (`organisation_id`, `month`, `applications`, `hires`)
    VALUES ((SELECT `organisation_id` FROM `workers` WHERE `id` = NEW.`worker_id`), strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch', '+8 hours'), 1, 0)
    ON CONFLICT (`organisation_id`, `month`) DO UPDATE SET `applications` = `applications` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `county_month_counts_application_delete` AFTER DELETE ON `applications` BEGIN
  UPDATE `county_month_counts` SET `applications` = `applications` - 1
    WHERE `organisation_id` = (SELECT `organisation_id` FROM `workers` WHERE `id` = OLD.`worker_id`)
      AND `month` = strftime('%Y-%m', OLD.`created_at` / 1000, 'unixepoch', '+8 hours');
END;
--> statement-breakpoint
CREATE TRIGGER `county_month_counts_application_update` AFTER UPDATE OF `worker_id`, `created_at` ON `applications`
  WHEN OLD.`worker_id` IS NOT NEW.`worker_id` OR OLD.`created_at` IS NOT NEW.`created_at` BEGIN
  UPDATE `county_month_counts` SET `applications` = `applications` - 1
    WHERE `organisation_id` = (SELECT `organisation_id` FROM `workers` WHERE `id` = OLD.`worker_id`)
      AND `month` = strftime('%Y-%m', OLD.`created_at` / 1000, 'unixepoch', '+8 hours');
  INSERT INTO `county_month_counts` (`organisation_id`, `month`, `applications`, `hires`)
    VALUES ((SELECT `organisation_id` FROM `workers` WHERE `id` = NEW.`worker_id`), strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch', '+8 hours'), 1, 0)
    ON CONFLICT (`organisation_id`, `month`) DO UPDATE SET `applications` = `applications` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `county_month_counts_hire_insert` AFTER INSERT ON `employment_records` BEGIN
  INSERT INTO `county_month_counts` (`organisation_id`, `month`, `applications`, `hires`)
    VALUES ((SELECT `organisation_id` FROM `workers` WHERE `id` = NEW.`worker_id`), strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch', '+8 hours'), 0, 1)
    ON CONFLICT (`organisation_id`, `month`) DO UPDATE SET `hires` = `hires` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `county_month_counts_hire_delete` AFTER DELETE ON `employment_records` BEGIN
  UPDATE `county_month_counts` SET `hires` = `hires` - 1
    WHERE `organisation_id` = (SELECT `organisation_id` FROM `workers` WHERE `id` = OLD.`worker_id`)
      AND `month` = strftime('%Y-%m', OLD.`created_at` / 1000, 'unixepoch', '+8 hours');
END;
--> statement-breakpoint
CREATE TRIGGER `county_month_counts_hire_update` AFTER UPDATE OF `worker_id`, `created_at` ON `employment_records`
  WHEN OLD.`worker_id` IS NOT NEW.`worker_id` OR OLD.`created_at` IS NOT NEW.`created_at` BEGIN
  UPDATE `county_month_counts` SET `hires` = `hires` - 1
    WHERE `organisation_id` = (SELECT `organisation_id` FROM `workers` WHERE `id` = OLD.`worker_id`)
      AND `month` = strftime('%Y-%m', OLD.`created_at` / 1000, 'unixepoch', '+8 hours');
  INSERT INTO `county_month_counts` (`organisation_id`, `month`, `applications`, `hires`)
    VALUES ((SELECT `organisation_id` FROM `workers` WHERE `id` = NEW.`worker_id`), strftime('%Y-%m', NEW.`created_at` / 1000, 'unixepoch', '+8 hours'), 0, 1)
    ON CONFLICT (`organisation_id`, `month`) DO UPDATE SET `hires` = `hires` + 1;
END;
--> statement-breakpoint
-- A ledger row moved to another county takes its applications and hires, month by month, with it.
CREATE TRIGGER `county_month_counts_worker_move` AFTER UPDATE OF `organisation_id` ON `workers`
  WHEN OLD.`organisation_id` IS NOT NEW.`organisation_id` BEGIN
  UPDATE `county_month_counts` SET
    `applications` = `applications` - (SELECT count(*) FROM `applications` WHERE `worker_id` = NEW.`id`
      AND strftime('%Y-%m', `applications`.`created_at` / 1000, 'unixepoch', '+8 hours') = `county_month_counts`.`month`),
    `hires` = `hires` - (SELECT count(*) FROM `employment_records` WHERE `worker_id` = NEW.`id`
      AND strftime('%Y-%m', `employment_records`.`created_at` / 1000, 'unixepoch', '+8 hours') = `county_month_counts`.`month`)
    WHERE `organisation_id` = OLD.`organisation_id`;
  INSERT INTO `county_month_counts` (`organisation_id`, `month`, `applications`, `hires`)
    SELECT NEW.`organisation_id`, `month`, sum(`a`), sum(`h`) FROM (
      SELECT strftime('%Y-%m', `created_at` / 1000, 'unixepoch', '+8 hours') AS `month`, 1 AS `a`, 0 AS `h` FROM `applications` WHERE `worker_id` = NEW.`id`
      UNION ALL
      SELECT strftime('%Y-%m', `created_at` / 1000, 'unixepoch', '+8 hours'), 0, 1 FROM `employment_records` WHERE `worker_id` = NEW.`id`
    ) WHERE true GROUP BY `month`
    ON CONFLICT (`organisation_id`, `month`) DO UPDATE SET `applications` = `applications` + excluded.`applications`, `hires` = `hires` + excluded.`hires`;
END;
