-- bureau_post_counts (db/schema/bureau-post-counts.ts): posts per bureau and stored status, filled from
-- vacancies and kept by triggers whichever code path writes a post. Rows are kept at 0, never deleted.
INSERT INTO `bureau_post_counts` (`organisation_id`, `status`, `posts`)
  SELECT `organisation_id`, `status`, count(*) FROM `vacancies` GROUP BY `organisation_id`, `status`;
--> statement-breakpoint
CREATE TRIGGER `bureau_post_counts_insert` AFTER INSERT ON `vacancies` BEGIN
  INSERT INTO `bureau_post_counts` (`organisation_id`, `status`, `posts`) VALUES (NEW.`organisation_id`, NEW.`status`, 1)
    ON CONFLICT (`organisation_id`, `status`) DO UPDATE SET `posts` = `posts` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `bureau_post_counts_delete` AFTER DELETE ON `vacancies` BEGIN
  UPDATE `bureau_post_counts` SET `posts` = `posts` - 1 WHERE `organisation_id` = OLD.`organisation_id` AND `status` = OLD.`status`;
END;
--> statement-breakpoint
CREATE TRIGGER `bureau_post_counts_update` AFTER UPDATE OF `status`, `organisation_id` ON `vacancies`
  WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`organisation_id` IS NOT NEW.`organisation_id` BEGIN
  UPDATE `bureau_post_counts` SET `posts` = `posts` - 1 WHERE `organisation_id` = OLD.`organisation_id` AND `status` = OLD.`status`;
  INSERT INTO `bureau_post_counts` (`organisation_id`, `status`, `posts`) VALUES (NEW.`organisation_id`, NEW.`status`, 1)
    ON CONFLICT (`organisation_id`, `status`) DO UPDATE SET `posts` = `posts` + 1;
END;
