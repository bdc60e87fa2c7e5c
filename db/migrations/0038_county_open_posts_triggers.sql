-- county_open_posts (db/schema/county-board.ts): the published posts open to each county per valid-until day,
-- filled once from county_board and then kept by triggers on county_board, which its own triggers keep from
-- vacancies and vacancy_targets (0032), so every write that moves a post on or off a county's board moves this.
INSERT INTO `county_open_posts` (`county_code`, `valid_until`, `posts`)
  SELECT `county_code`, `valid_until`, count(*) FROM `county_board` WHERE `status` = 'published' GROUP BY `county_code`, `valid_until`;
--> statement-breakpoint
CREATE TRIGGER `county_open_posts_insert` AFTER INSERT ON `county_board` WHEN NEW.`status` = 'published' BEGIN
  INSERT INTO `county_open_posts` (`county_code`, `valid_until`, `posts`) VALUES (NEW.`county_code`, NEW.`valid_until`, 1)
    ON CONFLICT (`county_code`, `valid_until`) DO UPDATE SET `posts` = `posts` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `county_open_posts_delete` AFTER DELETE ON `county_board` WHEN OLD.`status` = 'published' BEGIN
  UPDATE `county_open_posts` SET `posts` = `posts` - 1 WHERE `county_code` = OLD.`county_code` AND `valid_until` = OLD.`valid_until`;
END;
--> statement-breakpoint
CREATE TRIGGER `county_open_posts_update` AFTER UPDATE OF `status`, `valid_until`, `county_code` ON `county_board`
  WHEN (OLD.`status` = 'published' OR NEW.`status` = 'published')
    AND (OLD.`status` IS NOT NEW.`status` OR OLD.`valid_until` IS NOT NEW.`valid_until` OR OLD.`county_code` IS NOT NEW.`county_code`) BEGIN
  UPDATE `county_open_posts` SET `posts` = `posts` - 1
    WHERE OLD.`status` = 'published' AND `county_code` = OLD.`county_code` AND `valid_until` = OLD.`valid_until`;
  INSERT INTO `county_open_posts` (`county_code`, `valid_until`, `posts`)
    SELECT NEW.`county_code`, NEW.`valid_until`, 1 WHERE NEW.`status` = 'published'
    ON CONFLICT (`county_code`, `valid_until`) DO UPDATE SET `posts` = `posts` + 1;
END;
