import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { formSubmissions, type FormEntityKind } from '../../db/schema'
import { db, writeTransaction } from './db.server'
import { FORM_TOKEN_FIELD, FORM_TOKEN_PATTERN } from './form-token'
import { failure, type Result } from './mutation.server'

// Every create form is sent once (issue 9 §5; security.md §13). Its page's loader hands out a random token
// (issueFormToken) that the form sends back in a hidden field; the action creates through createOnce,
// which records the token with what it created in the same write transaction, under a unique index. A
// second POST of the same form — a double click without JavaScript, a re-sent request, a second process
// racing the first — finds the token and gets the first record back (`replayed`), so it redirects to
// the same page with the same notice and nothing is created twice.

/** One create form's sending: its token, who sent it, what kind of record it makes. */
export type FormOnce = { token: string; userId: number; kind: FormEntityKind }

/** A new token for a create form's page: 18 random bytes, base64url (24 characters). */
export function issueFormToken() {
  return randomBytes(18).toString('base64url')
}

/**
 * The sending of a create form: takes the form data, the acting user's id and the kind of record the form
 * makes; returns its FormOnce, or null when the form carries no token (a client that is not the portal's
 * page) or a value that is not one — such a request is saved as before, once per request.
 */
export function formOnce(formData: FormData, userId: number, kind: FormEntityKind): FormOnce | null {
  const token = formData.get(FORM_TOKEN_FIELD)
  return typeof token === 'string' && FORM_TOKEN_PATTERN.test(token) ? { token, userId, kind } : null
}

/** The id of what an earlier sending of this form created, or null; a token of another user or kind is not found. */
export function findFormSubmission(once: FormOnce): number | null {
  const row = db.select().from(formSubmissions).where(eq(formSubmissions.token, once.token)).get()
  return row && row.userId === once.userId && row.entityKind === once.kind ? row.entityId : null
}

const TAKEN = '此表单已经提交过。请刷新页面后重新填写。'

/**
 * Runs `create` once per form token. Takes the sending (null: run `create` as it is) and the model call,
 * which returns a Result with the new record's `id` (or null for a record that is not the actor's). Returns
 * `create`'s answer the first time, with the token recorded in the same write transaction (its rows and
 * the token commit together or not at all); for every later sending, `{ ok: true, id, replayed: true }`
 * with the first record's id, without calling `create`. The check runs under the write lock (BEGIN
 * IMMEDIATE), so a second process sending the same token waits and then finds it. A token already used by
 * another user (or for another kind of record) is a 409 Failure. `create` must be synchronous.
 */
export function createOnce<R extends { id: number }>(once: FormOnce | null, create: () => Result<R> | null): Result<R | { id: number; replayed: true }> | null {
  if (!once) return create()
  return writeTransaction((tx) => {
    const earlier = tx.select().from(formSubmissions).where(eq(formSubmissions.token, once.token)).get()
    if (earlier) {
      return earlier.userId === once.userId && earlier.entityKind === once.kind
        ? { ok: true as const, id: earlier.entityId, replayed: true as const }
        : failure(TAKEN, { status: 409 })
    }
    const result = create()
    if (result?.ok) tx.insert(formSubmissions).values({ token: once.token, userId: once.userId, entityKind: once.kind, entityId: result.id }).run()
    return result
  })
}
