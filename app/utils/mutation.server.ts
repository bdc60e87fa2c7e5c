import type { SubmissionResult } from '@conform-to/react'
import { data } from '@remix-run/node'
import type { z } from 'zod'

// One way for an action to read its intent and to turn a model's refusal into a form reply (issue 8 §3).
// An action: requireActor → load the record and check it is this tenant's (404 otherwise) → readIntent
// (an unknown intent is a 400) → parseWithZod with the intent's schema → call the model → on a Failure,
// failureReply; on success, redirectWithNotice (utils/notice.server.ts).

/** What a model returns when it refuses: a Chinese message, the field it belongs beside, an HTTP status. */
export type Failure = { ok: false; message: string; field?: string; status?: 400 | 409 | 429 }

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

/**
 * The action's answer to a refused mutation. Takes the conform submission and the model's Failure;
 * returns `data(reply, { status })` with the message beside its field and the Failure's status (400 by
 * default). `hideFields` (passwords) are never echoed back.
 */
export function failureReply(
  submission: { reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }) => SubmissionResult<string[]> },
  f: Failure,
  { hideFields }: { hideFields?: string[] } = {},
) {
  return data(submission.reply({ ...failureErrors(f), hideFields }), { status: f.status ?? 400 })
}
