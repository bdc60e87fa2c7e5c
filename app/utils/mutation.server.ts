import type { Submission, SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import type { z } from 'zod'
import { redirectWithNotice } from './notice.server'

// One way for an action to read its intent and to turn a model's refusal into a form reply (issue 8 §3).
// An action: requireActor → load the record and check it is this tenant's (404 otherwise) → readIntent
// (an unknown intent is a 400) → parseWithZod with the intent's schema → call the model → on a Failure,
// failureReply; on success, redirectWithNotice (utils/notice.server.ts).

/**
 * What a model (or an action) returns when it refuses: a Chinese message, the field it belongs beside, an
 * HTTP status — 403 not allowed, 409 a lost race, 413/415 an upload too large or of the wrong type, 429
 * throttled, 503 busy.
 */
export type Failure = { ok: false; message: string; field?: string; status?: 400 | 403 | 409 | 413 | 415 | 429 | 503 }

/** A model's answer: its value, or a Failure. */
export type Result<T = object> = ({ ok: true } & T) | Failure

/** A Failure: `message` in Chinese, shown beside `field` (or above the form without one); status 400 by default. */
export function failure(message: string, { field, status }: { field?: string; status?: Failure['status'] } = {}): Failure {
  return { ok: false, message, ...(field ? { field } : {}), ...(status ? { status } : {}) }
}

type IntentUnion = z.ZodDiscriminatedUnion<z.ZodObject<{ intent: z.ZodLiteral<string> }>[], 'intent'>

/**
 * The intent a form was submitted with, checked against the intents of a `z.discriminatedUnion('intent',
 * …)` schema. Takes the form data and the schema; returns the intent. Throws a 400 Response for a missing
 * or unknown intent (own values only: `constructor` or `__proto__` are unknown like any other).
 */
export function readIntent<S extends IntentUnion>(formData: FormData, schema: S): z.output<S>['intent'] {
  const intent = formData.get('intent')
  const known = schema.options.map((o) => o.shape.intent.value)
  if (typeof intent !== 'string' || !known.includes(intent)) {
    throw new Response('Bad Request', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  return intent
}

/** Conform's reply options for a Failure: the message beside its field, or as a form error. */
export function failureErrors(f: Failure) {
  return f.field ? { fieldErrors: { [f.field]: [f.message] } } : { formErrors: [f.message] }
}

type Replier = { reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }) => SubmissionResult<string[]> }

type ReplyOptions = { hideFields?: string[] }

/**
 * The action's answer to a refused mutation. Takes the conform submission (null when the form could not
 * be read at all, e.g. an upload refused before its fields were parsed) and the Failure; returns
 * `data(reply, { status })` with the message beside its field (or above the form) and the Failure's
 * status (400 by default). `hideFields` (passwords) are never echoed back. With `beside`, the answer is
 * `{ ...beside, result: reply }`: for a page whose reply carries more than the form's (which of two forms
 * it answers, the rows of a problem table).
 */
export function failureReply(submission: Replier | null, f: Failure, options?: ReplyOptions): ReturnType<typeof data<SubmissionResult<string[]>>>
export function failureReply<B extends object>(
  submission: Replier | null,
  f: Failure,
  options: ReplyOptions & { beside: B },
): ReturnType<typeof data<B & { result: SubmissionResult<string[]> }>>
export function failureReply(submission: Replier | null, f: Failure, { hideFields, beside }: ReplyOptions & { beside?: object } = {}) {
  const reply: SubmissionResult<string[]> = submission
    ? submission.reply({ ...failureErrors(f), hideFields })
    : { status: 'error', error: { [f.field ?? '']: [f.message] } }
  return data(beside ? { ...beside, result: reply } : reply, { status: f.status ?? 400 })
}

/** A form parsed with one schema: conform's submission (for the reply) and, when it holds, its value. */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S) {
  const submission = parseWithZod(formData, { schema })
  return { submission, values: submission.status === 'success' ? submission.value : null }
}

/**
 * The end every create and edit action shares, after its tenancy check. Takes the parsed form (from
 * parseForm or a form's own parser: `values` null when it did not hold), `save` (the model call, given
 * the values; it returns a Result, or null for a record that is not the actor's) and where to go once
 * saved: `to` (a path, or one made from the saved Result) with the one-time `notice` shown there.
 * Returns the 400 reply when the form did not hold and failureReply's answer when the model refused;
 * throws a 404 for null and the redirect on success.
 */
export async function saveForm<V, R extends object>(
  { submission, values }: { submission: Submission<unknown, string[], unknown>; values: V | null },
  save: (values: V) => Result<R> | null,
  { to, notice }: { to: string | ((saved: { ok: true } & R) => string); notice: string },
) {
  if (values == null) return data(submission.reply(), { status: 400 })
  const result = save(values)
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(submission, result)
  throw await redirectWithNotice(typeof to === 'string' ? to : to(result), { text: notice })
}
