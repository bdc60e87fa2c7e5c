-- Entries written before target_organisation_id existed (migration 0047) get it the way writeAudit
-- (app/utils/audit.server.ts) now sets it: the organisation of the account, organisation, ledger row or post
-- acted on, when that is not the acting organisation. Only those entries are touched (none of the 805,000 of
-- the benchmark database: they are applications and a city's own posts). The log is append-only (0001): its
-- no-update trigger is dropped for this one statement and recreated unchanged in the same transaction.
DROP TRIGGER `audit_log_no_update`;
--> statement-breakpoint
UPDATE `audit_log` SET `target_organisation_id` = `owned`.`target`
FROM (
  SELECT `id`, nullif(CASE `entity`
      WHEN 'organisation' THEN CAST(`entity_id` AS INTEGER)
      WHEN 'user' THEN (SELECT `organisation_id` FROM `users` WHERE `id` = CAST(`l`.`entity_id` AS INTEGER))
      WHEN 'worker' THEN (SELECT `organisation_id` FROM `workers` WHERE `id` = CAST(`l`.`entity_id` AS INTEGER))
      WHEN 'vacancy' THEN (SELECT `organisation_id` FROM `vacancies` WHERE `id` = CAST(`l`.`entity_id` AS INTEGER))
    END, `organisation_id`) AS `target`
  FROM `audit_log` AS `l`
  WHERE `entity` IN ('organisation', 'user', 'worker', 'vacancy') AND `entity_id` IS NOT NULL
) AS `owned`
WHERE `audit_log`.`id` = `owned`.`id` AND `owned`.`target` IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
