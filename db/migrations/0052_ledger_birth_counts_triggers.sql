-- The recommend page's age range (decision 019): each county's live ledger rows per birth date
-- (ledger_birth_counts, db/schema/ledger-birth-counts.ts), counted once here and then kept by triggers on every
-- insert, delete and update of a ledger row that changes its county, its birth date or whether it is archived,
-- whichever code path writes it. A date no live row has any more is deleted. About 1 s on the benchmark database.
INSERT INTO `ledger_birth_counts` (`organisation_id`, `birth_date`, `workers`)
  SELECT `organisation_id`, `birth_date`, count(*) FROM `workers` WHERE `archived_at` IS NULL GROUP BY `organisation_id`, `birth_date`;
--> statement-breakpoint
CREATE TRIGGER `ledger_birth_counts_insert` AFTER INSERT ON `workers`
  WHEN NEW.`archived_at` IS NULL BEGIN
  INSERT INTO `ledger_birth_counts` (`organisation_id`, `birth_date`, `workers`) VALUES (NEW.`organisation_id`, NEW.`birth_date`, 1)
    ON CONFLICT (`organisation_id`, `birth_date`) DO UPDATE SET `workers` = `workers` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_birth_counts_delete` AFTER DELETE ON `workers`
  WHEN OLD.`archived_at` IS NULL BEGIN
  UPDATE `ledger_birth_counts` SET `workers` = `workers` - 1 WHERE `organisation_id` = OLD.`organisation_id` AND `birth_date` = OLD.`birth_date`;
  DELETE FROM `ledger_birth_counts` WHERE `organisation_id` = OLD.`organisation_id` AND `birth_date` = OLD.`birth_date` AND `workers` <= 0;
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_birth_counts_update` AFTER UPDATE OF `organisation_id`, `birth_date`, `archived_at` ON `workers`
  WHEN OLD.`organisation_id` IS NOT NEW.`organisation_id` OR OLD.`birth_date` IS NOT NEW.`birth_date`
    OR (OLD.`archived_at` IS NULL) <> (NEW.`archived_at` IS NULL) BEGIN
  UPDATE `ledger_birth_counts` SET `workers` = `workers` - 1
    WHERE OLD.`archived_at` IS NULL AND `organisation_id` = OLD.`organisation_id` AND `birth_date` = OLD.`birth_date`;
  DELETE FROM `ledger_birth_counts`
    WHERE OLD.`archived_at` IS NULL AND `organisation_id` = OLD.`organisation_id` AND `birth_date` = OLD.`birth_date` AND `workers` <= 0;
  INSERT INTO `ledger_birth_counts` (`organisation_id`, `birth_date`, `workers`)
    SELECT NEW.`organisation_id`, NEW.`birth_date`, 1 WHERE NEW.`archived_at` IS NULL
    ON CONFLICT (`organisation_id`, `birth_date`) DO UPDATE SET `workers` = `workers` + 1;
END;
