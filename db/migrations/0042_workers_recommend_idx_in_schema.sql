-- workers_org_recommend_idx was created by the custom migration 0041; it is now declared in db/schema/ledger.ts so
-- drizzle-kit's snapshot knows it (a later change to the workers table keeps or drops it knowingly). Same
-- columns and condition, so on a migrated database this does nothing.
CREATE INDEX IF NOT EXISTS `workers_org_recommend_idx` ON `workers` (`organisation_id`,`updated_at`,`township_code`,`employment_status`,`employment_need`,`skill_level`,`birth_date`,`skills`,`name`,`phone`,`id_number`) WHERE "workers"."archived_at" is null;
