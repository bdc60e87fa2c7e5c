CREATE TABLE `hire_industry_months` (
	`organisation_id` integer NOT NULL,
	`month` text NOT NULL,
	`industry` text NOT NULL,
	`hires` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `month`, `industry`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `hire_people_years` (
	`organisation_id` integer NOT NULL,
	`year` text NOT NULL,
	`worker_id` integer NOT NULL,
	`first_month` text NOT NULL,
	PRIMARY KEY(`organisation_id`, `year`, `worker_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `hire_people_years_first_idx` ON `hire_people_years` (`organisation_id`,`year`,`first_month`);--> statement-breakpoint
DROP INDEX `hire_figures_industry_idx`;--> statement-breakpoint
DROP INDEX `hire_figures_worker_idx`;--> statement-breakpoint
CREATE INDEX `hire_figures_worker_idx` ON `hire_figures` (`worker_id`,`organisation_id`,`month`);--> statement-breakpoint
-- Issue 15 §1 (decision 029): a year's hires by industry and its people, each once, read as a hundred-odd
-- rows and one index range instead of a year of hire_figures. Counted once here from hire_figures, then
-- kept by the triggers below on every change to it (which its own triggers make on employment_records,
-- workers, vacancies and employers).
INSERT INTO `hire_industry_months` (`organisation_id`, `month`, `industry`, `hires`)
  SELECT `organisation_id`, `month`, `industry`, sum(`hires`) FROM `hire_figures` GROUP BY `organisation_id`, `month`, `industry`;
--> statement-breakpoint
INSERT INTO `hire_people_years` (`organisation_id`, `year`, `worker_id`, `first_month`)
  SELECT `organisation_id`, substr(`month`, 1, 4), `worker_id`, min(`month`) FROM `hire_figures` WHERE `hires` > 0
    GROUP BY `organisation_id`, substr(`month`, 1, 4), `worker_id`;
--> statement-breakpoint
CREATE TRIGGER `hire_rollups_insert` AFTER INSERT ON `hire_figures` BEGIN
  INSERT INTO `hire_industry_months` (`organisation_id`, `month`, `industry`, `hires`) VALUES (NEW.`organisation_id`, NEW.`month`, NEW.`industry`, NEW.`hires`)
    ON CONFLICT (`organisation_id`, `month`, `industry`) DO UPDATE SET `hires` = `hires` + excluded.`hires`;
  INSERT INTO `hire_people_years` (`organisation_id`, `year`, `worker_id`, `first_month`)
    SELECT NEW.`organisation_id`, substr(NEW.`month`, 1, 4), NEW.`worker_id`, NEW.`month` WHERE NEW.`hires` > 0
    ON CONFLICT (`organisation_id`, `year`, `worker_id`) DO UPDATE SET `first_month` = min(`first_month`, excluded.`first_month`);
END;
--> statement-breakpoint
CREATE TRIGGER `hire_rollups_update` AFTER UPDATE ON `hire_figures` BEGIN
  UPDATE `hire_industry_months` SET `hires` = `hires` - OLD.`hires`
    WHERE `organisation_id` = OLD.`organisation_id` AND `month` = OLD.`month` AND `industry` = OLD.`industry`;
  INSERT INTO `hire_industry_months` (`organisation_id`, `month`, `industry`, `hires`) VALUES (NEW.`organisation_id`, NEW.`month`, NEW.`industry`, NEW.`hires`)
    ON CONFLICT (`organisation_id`, `month`, `industry`) DO UPDATE SET `hires` = `hires` + excluded.`hires`;
  DELETE FROM `hire_people_years` WHERE `organisation_id` = OLD.`organisation_id` AND `year` = substr(OLD.`month`, 1, 4) AND `worker_id` = OLD.`worker_id`;
  INSERT INTO `hire_people_years` (`organisation_id`, `year`, `worker_id`, `first_month`)
    SELECT `organisation_id`, substr(`month`, 1, 4), `worker_id`, min(`month`) FROM `hire_figures`
      WHERE `worker_id` = OLD.`worker_id` AND `organisation_id` = OLD.`organisation_id` AND substr(`month`, 1, 4) = substr(OLD.`month`, 1, 4) AND `hires` > 0
      GROUP BY `organisation_id`, substr(`month`, 1, 4), `worker_id`;
  INSERT INTO `hire_people_years` (`organisation_id`, `year`, `worker_id`, `first_month`)
    SELECT NEW.`organisation_id`, substr(NEW.`month`, 1, 4), NEW.`worker_id`, NEW.`month` WHERE NEW.`hires` > 0
    ON CONFLICT (`organisation_id`, `year`, `worker_id`) DO UPDATE SET `first_month` = min(`first_month`, excluded.`first_month`);
END;
--> statement-breakpoint
CREATE TRIGGER `hire_rollups_delete` AFTER DELETE ON `hire_figures` BEGIN
  UPDATE `hire_industry_months` SET `hires` = `hires` - OLD.`hires`
    WHERE `organisation_id` = OLD.`organisation_id` AND `month` = OLD.`month` AND `industry` = OLD.`industry`;
  DELETE FROM `hire_people_years` WHERE `organisation_id` = OLD.`organisation_id` AND `year` = substr(OLD.`month`, 1, 4) AND `worker_id` = OLD.`worker_id`;
  INSERT INTO `hire_people_years` (`organisation_id`, `year`, `worker_id`, `first_month`)
    SELECT `organisation_id`, substr(`month`, 1, 4), `worker_id`, min(`month`) FROM `hire_figures`
      WHERE `worker_id` = OLD.`worker_id` AND `organisation_id` = OLD.`organisation_id` AND substr(`month`, 1, 4) = substr(OLD.`month`, 1, 4) AND `hires` > 0
      GROUP BY `organisation_id`, substr(`month`, 1, 4), `worker_id`;
END;
