-- One counter for everything the anonymous public pages show (issue 10 §3): the response cache of each
-- worker process (server/public-cache.ts) reads it on every request and serves a stored page only while
-- it is unchanged, so a post published, edited or closed in any process shows at once everywhere.
-- Triggers bump it on any change of posts and their targets, of employers' and bureaus' names, of
-- pairings and of area names. Not a drizzle table: only the cache reads it, by plain SQL.
CREATE TABLE `public_board_version` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `public_board_version` (`id`, `version`) VALUES (1, 1);
--> statement-breakpoint
CREATE TRIGGER `public_board_version_vacancies_insert` AFTER INSERT ON `vacancies` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `public_board_version_vacancies_update` AFTER UPDATE ON `vacancies` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `public_board_version_vacancies_delete` AFTER DELETE ON `vacancies` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `public_board_version_vacancy_targets_insert` AFTER INSERT ON `vacancy_targets` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `public_board_version_vacancy_targets_update` AFTER UPDATE ON `vacancy_targets` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `public_board_version_vacancy_targets_delete` AFTER DELETE ON `vacancy_targets` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `public_board_version_pairings_insert` AFTER INSERT ON `pairings` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `public_board_version_pairings_update` AFTER UPDATE ON `pairings` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `public_board_version_pairings_delete` AFTER DELETE ON `pairings` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `public_board_version_areas_insert` AFTER INSERT ON `areas` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `public_board_version_areas_update` AFTER UPDATE ON `areas` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `public_board_version_areas_delete` AFTER DELETE ON `areas` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `public_board_version_employers_update` AFTER UPDATE OF `name`, `industry` ON `employers` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `public_board_version_employers_delete` AFTER DELETE ON `employers` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `public_board_version_organisations_update` AFTER UPDATE OF `name`, `short_name` ON `organisations` BEGIN UPDATE `public_board_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
