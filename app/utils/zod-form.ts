import { useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import type { z } from '~/rules/zod'

/** The values a form's fields hold, as conform sees them: the schema's input, always an object. */
type FormInput<S extends z.ZodType> = Extract<z.input<S>, Record<string, unknown>>

type FormOptions<S extends z.ZodType> = Parameters<typeof useForm<FormInput<S>, z.output<S>>>[0]

/**
 * conform's useForm wired to one zod schema, the same one the action parses with: the browser validates
 * with it as staff type (on blur, then again on every keystroke once a field has been checked), and the
 * schema's limits become the controls' HTML constraints (required, maxLength…). Takes the schema and the
 * form's `id`, `lastResult` (the action's reply) and `defaultValue`; any other useForm option given
 * overrides these defaults, and `htmlConstraints: false` leaves the HTML constraints off (a note that may
 * be typed too long and then told so, rather than cut short). Returns useForm's `[form, fields]`.
 */
export function useZodForm<S extends z.ZodType>(
  schema: S,
  {
    htmlConstraints = true,
    ...options
  }: Omit<FormOptions<S>, 'lastResult'> & { lastResult: SubmissionResult<string[]> | null | undefined; htmlConstraints?: boolean },
) {
  return useForm<FormInput<S>, z.output<S>>({
    constraint: htmlConstraints ? getZodConstraint(schema) : undefined,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    ...options,
  })
}
