DROP INDEX `audit_log_target_org_idx`;--> statement-breakpoint
CREATE INDEX `audit_log_target_org_actor_idx` ON `audit_log` (`target_organisation_id`,`actor_user_id`,`at`) WHERE "audit_log"."target_organisation_id" is not null;--> statement-breakpoint
CREATE INDEX `audit_log_target_org_action_idx` ON `audit_log` (`target_organisation_id`,`action`,`at`) WHERE "audit_log"."target_organisation_id" is not null;--> statement-breakpoint
CREATE INDEX `audit_log_target_org_idx` ON `audit_log` (`target_organisation_id`,`at`) WHERE "audit_log"."target_organisation_id" is not null;