-- Each county's ledger size (ledger_counts, db/schema/ledger.ts), counted once here and then kept by
-- triggers on every insert, delete and move of a ledger row, whichever code path writes it (forms,
-- imports, scripts), so the county's figure is one row read instead of a count over the whole ledger.
INSERT INTO `ledger_counts` (`organisation_id`, `workers`) SELECT `organisation_id`, count(*) FROM `workers` GROUP BY `organisation_id`;
--> statement-breakpoint
CREATE TRIGGER `ledger_counts_workers_insert` AFTER INSERT ON `workers` BEGIN
  INSERT INTO `ledger_counts` (`organisation_id`, `workers`) VALUES (NEW.`organisation_id`, 1)
    ON CONFLICT (`organisation_id`) DO UPDATE SET `workers` = `workers` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_counts_workers_delete` AFTER DELETE ON `workers` BEGIN
  UPDATE `ledger_counts` SET `workers` = `workers` - 1 WHERE `organisation_id` = OLD.`organisation_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_counts_workers_move` AFTER UPDATE OF `organisation_id` ON `workers`
  WHEN OLD.`organisation_id` IS NOT NEW.`organisation_id` BEGIN
  UPDATE `ledger_counts` SET `workers` = `workers` - 1 WHERE `organisation_id` = OLD.`organisation_id`;
  INSERT INTO `ledger_counts` (`organisation_id`, `workers`) VALUES (NEW.`organisation_id`, 1)
    ON CONFLICT (`organisation_id`) DO UPDATE SET `workers` = `workers` + 1;
END;
