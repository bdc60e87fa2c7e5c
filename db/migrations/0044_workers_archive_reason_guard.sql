-- workers.archive_reason (migration 0029) was added as a plain column: SQLite cannot add a CHECK to an existing
-- table without rebuilding it (500,000 rows and their triggers on the benchmark database). These two guards are
-- that CHECK: any other code is refused on insert and on update, with the constraint's name, whichever code
-- path writes. db/schema/enums.test.ts holds their codes equal to ARCHIVE_REASONS.
CREATE TRIGGER `workers_archive_reason_check_insert` BEFORE INSERT ON `workers`
  WHEN NEW.`archive_reason` IS NOT NULL AND NEW.`archive_reason` NOT IN ('moved_away', 'deceased', 'duplicate', 'over_age', 'other') BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: workers_archive_reason_check');
END;
--> statement-breakpoint
CREATE TRIGGER `workers_archive_reason_check_update` BEFORE UPDATE OF `archive_reason` ON `workers`
  WHEN NEW.`archive_reason` IS NOT NULL AND NEW.`archive_reason` NOT IN ('moved_away', 'deceased', 'duplicate', 'over_age', 'other') BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: workers_archive_reason_check');
END;
