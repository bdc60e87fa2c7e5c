-- The recommend page's skill filter (issue 11 §4, decision 019): each county's distinct skill texts of live
-- ledger rows (ledger_skill_texts, db/schema/ledger-skills.ts), counted once here and then kept by triggers on
-- every insert, delete and update of a ledger row that changes its county, its skill text or whether it is
-- archived, whichever code path writes it (forms, imports, archive and restore, scripts). A text no live row
-- holds any more is deleted. The page LIKEs these texts and reads only the rows holding a matching one through
-- workers_org_skills_idx, a partial index over live rows with a skill text (custom SQL, like 0041: drizzle's
-- snapshot does not know it, so drizzle-kit will neither create nor drop it). On the benchmark database
-- (500,000 rows) the fill and the index take about 3 s.
INSERT INTO `ledger_skill_texts` (`organisation_id`, `skills`, `workers`)
  SELECT `organisation_id`, `skills`, count(*) FROM `workers`
  WHERE `archived_at` IS NULL AND `skills` IS NOT NULL GROUP BY `organisation_id`, `skills`;
--> statement-breakpoint
CREATE INDEX `workers_org_skills_idx` ON `workers` (`organisation_id`, `skills`, `skill_level`, `employment_status`, `employment_need`, `birth_date`, `township_code`, `updated_at`) WHERE `archived_at` IS NULL AND `skills` IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `ledger_skill_texts_insert` AFTER INSERT ON `workers`
  WHEN NEW.`archived_at` IS NULL AND NEW.`skills` IS NOT NULL BEGIN
  INSERT INTO `ledger_skill_texts` (`organisation_id`, `skills`, `workers`) VALUES (NEW.`organisation_id`, NEW.`skills`, 1)
    ON CONFLICT (`organisation_id`, `skills`) DO UPDATE SET `workers` = `workers` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_skill_texts_delete` AFTER DELETE ON `workers`
  WHEN OLD.`archived_at` IS NULL AND OLD.`skills` IS NOT NULL BEGIN
  UPDATE `ledger_skill_texts` SET `workers` = `workers` - 1 WHERE `organisation_id` = OLD.`organisation_id` AND `skills` = OLD.`skills`;
  DELETE FROM `ledger_skill_texts` WHERE `organisation_id` = OLD.`organisation_id` AND `skills` = OLD.`skills` AND `workers` <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_skill_texts_update` AFTER UPDATE OF `organisation_id`, `skills`, `archived_at` ON `workers`
  WHEN OLD.`organisation_id` IS NOT NEW.`organisation_id` OR OLD.`skills` IS NOT NEW.`skills`
    OR (OLD.`archived_at` IS NULL) <> (NEW.`archived_at` IS NULL) BEGIN
  UPDATE `ledger_skill_texts` SET `workers` = `workers` - 1
    WHERE OLD.`archived_at` IS NULL AND `organisation_id` = OLD.`organisation_id` AND `skills` = OLD.`skills`;
  DELETE FROM `ledger_skill_texts`
    WHERE OLD.`archived_at` IS NULL AND `organisation_id` = OLD.`organisation_id` AND `skills` = OLD.`skills` AND `workers` <= 0;
  INSERT INTO `ledger_skill_texts` (`organisation_id`, `skills`, `workers`)
    SELECT NEW.`organisation_id`, NEW.`skills`, 1 WHERE NEW.`archived_at` IS NULL AND NEW.`skills` IS NOT NULL
    ON CONFLICT (`organisation_id`, `skills`) DO UPDATE SET `workers` = `workers` + 1;
END;
