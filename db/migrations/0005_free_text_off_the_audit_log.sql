ALTER TABLE `applications` ADD `decision_note` text;--> statement-breakpoint
ALTER TABLE `vacancies` ADD `close_reason` text;