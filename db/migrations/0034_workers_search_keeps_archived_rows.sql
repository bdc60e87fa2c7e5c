-- workers_search goes back to indexing every ledger row, archived or not (the triggers of 0017). Migration
-- 0030 had it hold live rows only, but an external-content FTS5 index is only sound when it holds what its
-- content table holds: FTS5's own 'integrity-check' and 'rebuild' assume it, and after a 'rebuild' a
-- restore would have indexed a row twice. Archived rows stay out of every search because the ledger's
-- queries check archived_at on each hit (app/models/worker.server.ts), as they check the county.
DROP TRIGGER `workers_search_insert`;
--> statement-breakpoint
DROP TRIGGER `workers_search_delete`;
--> statement-breakpoint
DROP TRIGGER `workers_search_update`;
--> statement-breakpoint
-- Rows archived while 0030's triggers were in place were taken out of the index: put them back.
INSERT INTO `workers_search` (`rowid`, `name`, `phone`, `id_number`) SELECT `id`, `name`, `phone`, `id_number` FROM `workers` WHERE `archived_at` IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `workers_search_insert` AFTER INSERT ON `workers` BEGIN
  INSERT INTO `workers_search` (`rowid`, `name`, `phone`, `id_number`) VALUES (NEW.`id`, NEW.`name`, NEW.`phone`, NEW.`id_number`);
END;
--> statement-breakpoint
CREATE TRIGGER `workers_search_delete` AFTER DELETE ON `workers` BEGIN
  INSERT INTO `workers_search` (`workers_search`, `rowid`, `name`, `phone`, `id_number`) VALUES ('delete', OLD.`id`, OLD.`name`, OLD.`phone`, OLD.`id_number`);
END;
--> statement-breakpoint
CREATE TRIGGER `workers_search_update` AFTER UPDATE OF `name`, `phone`, `id_number` ON `workers` BEGIN
  INSERT INTO `workers_search` (`workers_search`, `rowid`, `name`, `phone`, `id_number`) VALUES ('delete', OLD.`id`, OLD.`name`, OLD.`phone`, OLD.`id_number`);
  INSERT INTO `workers_search` (`rowid`, `name`, `phone`, `id_number`) VALUES (NEW.`id`, NEW.`name`, NEW.`phone`, NEW.`id_number`);
END;
