DROP INDEX `vacancies_employer_idx`;--> statement-breakpoint
CREATE INDEX `vacancies_employer_idx` ON `vacancies` (`employer_id`,`organisation_id`,`status`,`valid_until`);