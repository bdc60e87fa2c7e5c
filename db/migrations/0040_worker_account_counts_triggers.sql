-- worker_account_counts (db/schema/worker-account-counts.ts): worker accounts per county centre and verification
-- state, filled from users and kept by triggers whichever code path writes an account. The state is
-- verificationState in app/rules/verification.ts (and rule-sql.server.ts's verified / rejected / awaiting
-- decision SQL); tests/routes/worker-account-counts.test.ts holds the two equal. Rows are kept at 0.
INSERT INTO `worker_account_counts` (`organisation_id`, `state`, `accounts`)
  SELECT `organisation_id`, CASE WHEN `verified_at` IS NOT NULL THEN 'verified' WHEN `rejected_at` IS NOT NULL THEN 'rejected' WHEN `disabled_at` IS NULL THEN 'waiting' ELSE 'disabled' END, count(*) FROM `users` WHERE `role` = 'worker' GROUP BY 1, 2;
--> statement-breakpoint
CREATE TRIGGER `worker_account_counts_insert` AFTER INSERT ON `users` WHEN NEW.`role` = 'worker' BEGIN
  INSERT INTO `worker_account_counts` (`organisation_id`, `state`, `accounts`) VALUES (NEW.`organisation_id`, CASE WHEN NEW.`verified_at` IS NOT NULL THEN 'verified' WHEN NEW.`rejected_at` IS NOT NULL THEN 'rejected' WHEN NEW.`disabled_at` IS NULL THEN 'waiting' ELSE 'disabled' END, 1)
    ON CONFLICT (`organisation_id`, `state`) DO UPDATE SET `accounts` = `accounts` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `worker_account_counts_delete` AFTER DELETE ON `users` WHEN OLD.`role` = 'worker' BEGIN
  UPDATE `worker_account_counts` SET `accounts` = `accounts` - 1 WHERE `organisation_id` = OLD.`organisation_id` AND `state` = CASE WHEN OLD.`verified_at` IS NOT NULL THEN 'verified' WHEN OLD.`rejected_at` IS NOT NULL THEN 'rejected' WHEN OLD.`disabled_at` IS NULL THEN 'waiting' ELSE 'disabled' END;
END;
--> statement-breakpoint
CREATE TRIGGER `worker_account_counts_update` AFTER UPDATE OF `role`, `organisation_id`, `verified_at`, `rejected_at`, `disabled_at` ON `users`
  WHEN OLD.`role` = 'worker' OR NEW.`role` = 'worker' BEGIN
  UPDATE `worker_account_counts` SET `accounts` = `accounts` - 1
    WHERE OLD.`role` = 'worker' AND `organisation_id` = OLD.`organisation_id` AND `state` = CASE WHEN OLD.`verified_at` IS NOT NULL THEN 'verified' WHEN OLD.`rejected_at` IS NOT NULL THEN 'rejected' WHEN OLD.`disabled_at` IS NULL THEN 'waiting' ELSE 'disabled' END;
  INSERT INTO `worker_account_counts` (`organisation_id`, `state`, `accounts`)
    SELECT NEW.`organisation_id`, CASE WHEN NEW.`verified_at` IS NOT NULL THEN 'verified' WHEN NEW.`rejected_at` IS NOT NULL THEN 'rejected' WHEN NEW.`disabled_at` IS NULL THEN 'waiting' ELSE 'disabled' END, 1 WHERE NEW.`role` = 'worker'
    ON CONFLICT (`organisation_id`, `state`) DO UPDATE SET `accounts` = `accounts` + 1;
END;
