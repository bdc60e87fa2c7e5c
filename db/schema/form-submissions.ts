import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { FORM_ENTITY_KINDS } from '../../app/rules/form-token-enums'
import { users } from './accounts'
import { inList, moment, requiredId, serialId } from './columns'

export { FORM_ENTITY_KINDS, type FormEntityKind } from '../../app/rules/form-token-enums'

/**
 * One row per create form that saved something (issue 9 §5): the random token the form's page handed out,
 * who sent it and what it created. The unique token makes a double-clicked or re-sent form answer with the
 * record the first sending made instead of making a second one (app/utils/form-token.server.ts).
 * `entityId` is not a foreign key: the kinds live in different tables, and a draft deleted later leaves
 * its row so that a late re-send still does not create it again.
 */
export const formSubmissions = sqliteTable(
  'form_submissions',
  {
    id: serialId(),
    token: text().notNull(),
    userId: requiredId(() => users.id),
    entityKind: text({ enum: FORM_ENTITY_KINDS }).notNull(),
    entityId: integer().notNull(),
    createdAt: moment()
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [uniqueIndex('form_submissions_token_uq').on(t.token), check('form_submissions_kind_check', inList(t.entityKind, FORM_ENTITY_KINDS))],
)

export type SelectFormSubmission = typeof formSubmissions.$inferSelect
