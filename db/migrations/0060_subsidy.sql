CREATE TABLE `subsidy_claim_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`actor_user_id` integer,
	`reason` text,
	`message` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `subsidy_claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "subsidy_claim_events_state_check" CHECK("subsidy_claim_events"."to_state" in ('draft', 'submitted', 'under_review', 'approved', 'partially_approved', 'rejected', 'returned', 'in_payout', 'paid', 'payment_failed')),
	CONSTRAINT "subsidy_claim_events_from_check" CHECK("subsidy_claim_events"."from_state" in ('draft', 'submitted', 'under_review', 'approved', 'partially_approved', 'rejected', 'returned', 'in_payout', 'paid', 'payment_failed')),
	CONSTRAINT "subsidy_claim_events_reason_check" CHECK("subsidy_claim_events"."reason" in ('ineligible_mode', 'batch_leg', 'duplicate_ticket', 'unreadable', 'mismatch', 'outside_year', 'not_eligible_person', 'no_employment_proof', 'other'))
);
--> statement-breakpoint
CREATE INDEX `subsidy_claim_events_claim_idx` ON `subsidy_claim_events` (`claim_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `subsidy_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`worker_id` integer NOT NULL,
	`user_id` integer,
	`assisted_by_user_id` integer,
	`year` integer NOT NULL,
	`policy_id` integer NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`work_distance` text DEFAULT 'outside_chongqing' NOT NULL,
	`workplace_code` text,
	`employment_record_id` integer,
	`proof_kind` text,
	`flat` integer DEFAULT false NOT NULL,
	`top_up_of_claim_id` integer,
	`card_kind` text,
	`card_number` text,
	`commitment_name` text,
	`committed_at` integer,
	`expected_fen` integer DEFAULT 0 NOT NULL,
	`approved_fen` integer,
	`decision_reason` text,
	`decision_message` text,
	`decided_by_user_id` integer,
	`decided_at` integer,
	`submitted_at` integer,
	`paid_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assisted_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`policy_id`) REFERENCES `subsidy_policies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workplace_code`) REFERENCES `areas`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employment_record_id`) REFERENCES `employment_records`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "subsidy_claims_state_check" CHECK("subsidy_claims"."state" in ('draft', 'submitted', 'under_review', 'approved', 'partially_approved', 'rejected', 'returned', 'in_payout', 'paid', 'payment_failed')),
	CONSTRAINT "subsidy_claims_distance_check" CHECK("subsidy_claims"."work_distance" in ('outside_chongqing', 'outside_county')),
	CONSTRAINT "subsidy_claims_proof_check" CHECK("subsidy_claims"."proof_kind" in ('employment_record', 'employer_certificate', 'labour_contract', 'wage_records', 'social_insurance')),
	CONSTRAINT "subsidy_claims_card_kind_check" CHECK("subsidy_claims"."card_kind" in ('social_security', 'bank')),
	CONSTRAINT "subsidy_claims_reason_check" CHECK("subsidy_claims"."decision_reason" in ('ineligible_mode', 'batch_leg', 'duplicate_ticket', 'unreadable', 'mismatch', 'outside_year', 'not_eligible_person', 'no_employment_proof', 'other')),
	CONSTRAINT "subsidy_claims_money_check" CHECK("subsidy_claims"."expected_fen" >= 0 and ("subsidy_claims"."approved_fen" is null or "subsidy_claims"."approved_fen" >= 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subsidy_claims_worker_year_uq` ON `subsidy_claims` (`worker_id`,`year`) WHERE "subsidy_claims"."state" not in ('draft', 'rejected') and "subsidy_claims"."top_up_of_claim_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX `subsidy_claims_worker_draft_uq` ON `subsidy_claims` (`worker_id`) WHERE "subsidy_claims"."state" = 'draft';--> statement-breakpoint
CREATE INDEX `subsidy_claims_org_state_idx` ON `subsidy_claims` (`organisation_id`,`state`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `subsidy_claims_worker_idx` ON `subsidy_claims` (`worker_id`,`year`);--> statement-breakpoint
CREATE TABLE `subsidy_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`ticket_id` integer,
	`purpose` text NOT NULL,
	`kind` text NOT NULL,
	`stored_name` text NOT NULL,
	`original_name` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`photo_hash` text,
	`band0` integer,
	`band1` integer,
	`band2` integer,
	`band3` integer,
	`uploaded_by_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `subsidy_claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `subsidy_tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "subsidy_files_kind_check" CHECK("subsidy_files"."kind" in ('jpeg', 'png', 'webp', 'pdf')),
	CONSTRAINT "subsidy_files_purpose_check" CHECK("subsidy_files"."purpose" in ('ticket', 'proof'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subsidy_files_stored_name_uq` ON `subsidy_files` (`stored_name`);--> statement-breakpoint
CREATE INDEX `subsidy_files_claim_idx` ON `subsidy_files` (`claim_id`,`ticket_id`);--> statement-breakpoint
CREATE INDEX `subsidy_files_sha_idx` ON `subsidy_files` (`sha256`);--> statement-breakpoint
CREATE INDEX `subsidy_files_band0_idx` ON `subsidy_files` (`band0`);--> statement-breakpoint
CREATE INDEX `subsidy_files_band1_idx` ON `subsidy_files` (`band1`);--> statement-breakpoint
CREATE INDEX `subsidy_files_band2_idx` ON `subsidy_files` (`band2`);--> statement-breakpoint
CREATE INDEX `subsidy_files_band3_idx` ON `subsidy_files` (`band3`);--> statement-breakpoint
CREATE TABLE `subsidy_flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`ticket_id` integer,
	`kind` text NOT NULL,
	`other_claim_id` integer NOT NULL,
	`other_ticket_id` integer,
	`distance` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `subsidy_claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ticket_id`) REFERENCES `subsidy_tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`other_claim_id`) REFERENCES `subsidy_claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`other_ticket_id`) REFERENCES `subsidy_tickets`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "subsidy_flags_kind_check" CHECK("subsidy_flags"."kind" in ('ticket_number', 'file_hash', 'photo_hash'))
);
--> statement-breakpoint
CREATE INDEX `subsidy_flags_claim_idx` ON `subsidy_flags` (`claim_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `subsidy_flags_pair_uq` ON `subsidy_flags` (`claim_id`,`kind`,`other_claim_id`,`ticket_id`,`other_ticket_id`);--> statement-breakpoint
CREATE TABLE `subsidy_payout_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payout_id` integer NOT NULL,
	`claim_id` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`result` text DEFAULT 'pending' NOT NULL,
	`failure_message` text,
	`marked_by_user_id` integer,
	`marked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`payout_id`) REFERENCES `subsidy_payouts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`claim_id`) REFERENCES `subsidy_claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`marked_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "subsidy_payout_rows_amount_check" CHECK("subsidy_payout_rows"."amount_fen" > 0),
	CONSTRAINT "subsidy_payout_rows_result_check" CHECK("subsidy_payout_rows"."result" in ('pending', 'paid', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subsidy_payout_rows_pending_uq` ON `subsidy_payout_rows` (`claim_id`) WHERE "subsidy_payout_rows"."result" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX `subsidy_payout_rows_payout_claim_uq` ON `subsidy_payout_rows` (`payout_id`,`claim_id`);--> statement-breakpoint
CREATE INDEX `subsidy_payout_rows_claim_idx` ON `subsidy_payout_rows` (`claim_id`);--> statement-breakpoint
CREATE TABLE `subsidy_payouts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`title` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`notice_from` text,
	`notice_until` text,
	`created_by_user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "subsidy_payouts_state_check" CHECK("subsidy_payouts"."state" in ('open', 'exported', 'closed'))
);
--> statement-breakpoint
CREATE INDEX `subsidy_payouts_org_idx` ON `subsidy_payouts` (`organisation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `subsidy_policies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`year` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`opens_on` text NOT NULL,
	`closes_on` text NOT NULL,
	`late_until` text,
	`eligible_modes` text NOT NULL,
	`cap_fen` integer,
	`flat_outside_chongqing_fen` integer NOT NULL,
	`flat_outside_county_fen` integer NOT NULL,
	`accepted_proofs` text NOT NULL,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "subsidy_policies_window_check" CHECK("subsidy_policies"."opens_on" <= "subsidy_policies"."closes_on" and ("subsidy_policies"."late_until" is null or "subsidy_policies"."late_until" >= "subsidy_policies"."closes_on")),
	CONSTRAINT "subsidy_policies_amounts_check" CHECK("subsidy_policies"."flat_outside_chongqing_fen" >= 0 and "subsidy_policies"."flat_outside_county_fen" >= 0 and ("subsidy_policies"."cap_fen" is null or "subsidy_policies"."cap_fen" > 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subsidy_policies_org_year_version_uq` ON `subsidy_policies` (`organisation_id`,`year`,`version`);--> statement-breakpoint
CREATE TABLE `subsidy_tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`direction` text NOT NULL,
	`position` integer NOT NULL,
	`mode` text NOT NULL,
	`travel_date` text NOT NULL,
	`from_place` text NOT NULL,
	`to_place` text NOT NULL,
	`fare_fen` integer NOT NULL,
	`ticket_number` text NOT NULL,
	`batch_id` integer,
	`decision` text,
	`reject_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `subsidy_claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "subsidy_tickets_fare_check" CHECK("subsidy_tickets"."fare_fen" >= 0),
	CONSTRAINT "subsidy_tickets_mode_check" CHECK("subsidy_tickets"."mode" in ('train_hard_seat', 'train_hard_sleeper', 'train_soft_seat', 'train_soft_sleeper', 'hsr_second', 'hsr_first', 'hsr_business', 'coach', 'flight', 'taxi', 'private_car', 'other')),
	CONSTRAINT "subsidy_tickets_direction_check" CHECK("subsidy_tickets"."direction" in ('outbound', 'return')),
	CONSTRAINT "subsidy_tickets_decision_check" CHECK("subsidy_tickets"."decision" in ('approved', 'rejected')),
	CONSTRAINT "subsidy_tickets_reason_check" CHECK("subsidy_tickets"."reject_reason" in ('ineligible_mode', 'batch_leg', 'duplicate_ticket', 'unreadable', 'mismatch', 'outside_year', 'not_eligible_person', 'no_employment_proof', 'other'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subsidy_tickets_claim_position_uq` ON `subsidy_tickets` (`claim_id`,`position`);--> statement-breakpoint
CREATE INDEX `subsidy_tickets_number_idx` ON `subsidy_tickets` (`ticket_number`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_form_submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token` text NOT NULL,
	`user_id` integer NOT NULL,
	`entity_kind` text NOT NULL,
	`entity_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "form_submissions_kind_check" CHECK("__new_form_submissions"."entity_kind" in ('vacancy', 'employer', 'worker', 'account', 'application', 'ledger_import_undo', 'batch', 'travel_demand', 'subsidy_claim', 'subsidy_payout'))
);
--> statement-breakpoint
INSERT INTO `__new_form_submissions`("id", "token", "user_id", "entity_kind", "entity_id", "created_at") SELECT "id", "token", "user_id", "entity_kind", "entity_id", "created_at" FROM `form_submissions`;--> statement-breakpoint
DROP TABLE `form_submissions`;--> statement-breakpoint
ALTER TABLE `__new_form_submissions` RENAME TO `form_submissions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `form_submissions_token_uq` ON `form_submissions` (`token`);