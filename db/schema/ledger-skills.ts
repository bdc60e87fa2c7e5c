import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { organisations } from './areas-organisations'

/**
 * The distinct skill texts (技能, `workers.skills` as typed) of each county's live ledger rows, with how
 * many live rows hold each (issue 11 §4, decision 019). The recommend page matches its skill box against
 * these few hundred texts with the same LIKE it used on the rows, then reads only the rows holding a
 * matching text (workers_org_skills_idx), so a skill nobody has costs nothing and a rare one a few rows.
 * Kept by triggers on workers (migration 0048_ledger_skill_texts_triggers); a text no live row holds any
 * more is deleted, so the list stays the county's current vocabulary. Never written by the application.
 */
export const ledgerSkillTexts = sqliteTable(
  'ledger_skill_texts',
  {
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    /** One value of `workers.skills` exactly as stored (not split): a LIKE on it is a LIKE on the rows. */
    skills: text().notNull(),
    /** Live (not archived) rows of the county holding exactly this text; always ≥ 1. */
    workers: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.skills] })],
)
