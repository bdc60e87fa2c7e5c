-- workers_org_skills_idx was created by the custom migration 0048; it is now declared in db/schema/ledger.ts so
-- drizzle-kit's snapshot knows it (a later change to the workers table keeps or drops it knowingly). Same
-- columns and condition, so on a migrated database this does nothing.
CREATE INDEX IF NOT EXISTS `workers_org_skills_idx` ON `workers` (`organisation_id`,`skills`,`skill_level`,`employment_status`,`employment_need`,`birth_date`,`township_code`,`updated_at`) WHERE "workers"."archived_at" is null and "workers"."skills" is not null;
