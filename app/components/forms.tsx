import { ErrorSummary, errorSummaryItems, type ErrorSummaryItem } from './error-summary'
import { getCollectionProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata, type FormMetadata } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { useId } from 'react'
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'
import { FORM_TOKEN_FIELD } from '~/utils/form-token'
import { useIsPending } from '~/utils/pending'
import { SubmitButton } from './submit-button'

// The form controls of the portal. Each field is one element: a label, the control, a hint and the
// field's errors, tied together by ids (`<id>-hint`, `<id>-error`) so a screen reader reads the error
// with the control. Pass `meta` (conform's field, from useZodForm in utils/zod-form.ts) and the control
// takes its name, id, default value, constraints and errors from it; without `meta`, give the control's
// attributes and `errors` yourself. Other attributes (autoComplete, inputMode…) pass through to the control.

export type ListOfErrors = (string | null | undefined)[] | null | undefined

/** One choice of a select or of a group of checkboxes or radios. */
export type Option = { value: string; label: ReactNode }

/** What every field takes: its label, an optional hint, and conform's field or the errors to show. */
type FieldProps<S> = { label: ReactNode; hint?: ReactNode; meta?: FieldMetadata<S>; errors?: ListOfErrors }

/** The error messages of one field (or of a form), as a list; nothing when there are none. */
export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const messages = errors?.filter(Boolean)
  if (!messages?.length) return null
  return (
    <ul id={id} className="field__errors" role="list">
      {messages.map((message) => (
        <li key={message} className="field__error">
          {message}
        </li>
      ))}
    </ul>
  )
}

type ControlIds = { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }

/** The frame every field shares; `control` renders the input, select or textarea with the ids it is given. */
function FieldFrame({
  id,
  label,
  hint,
  errors,
  control,
}: {
  id?: string
  label: ReactNode
  hint?: ReactNode
  errors?: ListOfErrors
  control: (ids: ControlIds) => ReactNode
}) {
  const fallbackId = useId()
  const controlId = id ?? fallbackId
  const errorId = errors?.filter(Boolean).length ? `${controlId}-error` : undefined
  const hintId = hint ? `${controlId}-hint` : undefined
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      {control({ id: controlId, 'aria-invalid': errorId ? true : undefined, 'aria-describedby': describedBy })}
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

type InputType = 'text' | 'tel' | 'password' | 'date' | 'file' | 'email' | 'number' | 'search' | 'url'

/**
 * A labelled input (`type` text unless given): `<Field label="姓名" meta={fields.name} autoComplete="name" />`.
 * The error sits right under it and is tied to it for screen readers.
 */
export function Field<S>({
  label,
  hint,
  meta,
  errors,
  type = 'text',
  ...attrs
}: FieldProps<S> & { type?: InputType } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const props = meta ? { ...getInputProps(meta, { type }), ...attrs } : { type, ...attrs }
  return <FieldFrame id={props.id} label={label} hint={hint} errors={meta ? meta.errors : errors} control={(ids) => <input {...props} {...ids} />} />
}

/**
 * A labelled select. Its choices: an empty first one saying `placeholder` (if given), then `labels` (a code →
 * label map, in its order) or `options`, then any `children` (e.g. optgroups).
 */
export function SelectField<S>({
  label,
  hint,
  meta,
  errors,
  labels,
  options,
  placeholder,
  children,
  ...attrs
}: FieldProps<S> & { labels?: Record<string, string>; options?: readonly Option[]; placeholder?: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  const props = meta ? { ...getSelectProps(meta), ...attrs } : attrs
  return (
    <FieldFrame
      id={props.id}
      label={label}
      hint={hint}
      errors={meta ? meta.errors : errors}
      control={(ids) => (
        <select {...props} {...ids}>
          <LabelOptions labels={labels} options={options} placeholder={placeholder} />
          {children}
        </select>
      )}
    />
  )
}

/** A labelled textarea, three rows unless `rows` says otherwise. */
export function TextareaField<S>({ label, hint, meta, errors, ...attrs }: FieldProps<S> & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const props = meta ? { ...getTextareaProps(meta), ...attrs } : attrs
  return (
    <FieldFrame id={props.id} label={label} hint={hint} errors={meta ? meta.errors : errors} control={(ids) => <textarea rows={3} {...props} {...ids} />} />
  )
}

/** One checkbox with its label after it (`on` when ticked), e.g. 包吃. */
export function Checkbox<S>({ meta, label }: { meta: FieldMetadata<S>; label: ReactNode }) {
  return (
    <label className="checkbox">
      <input {...getInputProps(meta, { type: 'checkbox' })} /> {label}
    </label>
  )
}

/**
 * A group of checkboxes (several values of one field) or radios (one value) under a legend, one per
 * option; `children` go after the options (e.g. a note that there are none). The group's errors sit at
 * its end and the fieldset is described by them.
 */
export function ChoiceGroup<S>({
  legend,
  meta,
  type,
  options,
  children,
}: {
  legend: ReactNode
  meta: FieldMetadata<S>
  type: 'checkbox' | 'radio'
  options: readonly Option[]
  children?: ReactNode
}) {
  const errorId = meta.errors?.length ? meta.errorId : undefined
  const inputs = getCollectionProps(meta, { type, options: options.map((o) => o.value) })
  return (
    // The group's id is the field's (the error summary links to it; each input's is the id and its value).
    <fieldset id={meta.id} tabIndex={-1} className={type === 'checkbox' ? 'field choice-group' : 'radio-list'} aria-describedby={errorId}>
      <legend>{legend}</legend>
      {inputs.map(({ key, ...props }, i) => (
        <label key={key} className={type === 'checkbox' ? 'checkbox' : undefined}>
          <input {...props} /> {options[i]?.label}
        </label>
      ))}
      {children}
      <ErrorList id={errorId} errors={meta.errors} />
    </fieldset>
  )
}

/** Options for a select from a code → label map or a list, with an optional empty first choice. */
export function LabelOptions({ labels, options, placeholder }: { labels?: Record<string, string>; options?: readonly Option[]; placeholder?: string }) {
  const choices = options ?? Object.entries(labels ?? {}).map(([value, label]) => ({ value, label }))
  return (
    <>
      {placeholder != null ? <option value="">{placeholder}</option> : null}
      {choices.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  )
}

/**
 * Errors of the whole form (not of one field), e.g. "用户名或密码不正确。", in a red box inside a polite
 * live region that is always there, so a screen reader reads them out when they appear.
 */
export function FormErrors({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  return (
    <div role="alert" aria-live="polite">
      {errors?.filter(Boolean).length ? (
        <div className="form-error">
          <ErrorList id={id} errors={errors} />
        </div>
      ) : null}
    </div>
  )
}

/**
 * The end of a form: its errors (conform's `form.errorId` and `form.errors`), then the submit button saying
 * `submitLabel` (`pendingLabel` while the form is sent, as SubmitButton; `pending` defaults to
 * useIsPending() for this route's action) and, with `cancelTo`, a 取消 link back there beside it.
 */
export function FormFooter({
  form,
  submitLabel,
  pendingLabel,
  pending,
  buttonClassName,
  cancelTo,
}: {
  form: ConformFormErrors
  submitLabel: string
  pendingLabel?: string
  pending?: boolean
  buttonClassName?: string
  cancelTo?: string
}) {
  const routePending = useIsPending()
  const button = (
    <SubmitButton pending={pending ?? routePending} pendingLabel={pendingLabel} className={buttonClassName}>
      {submitLabel}
    </SubmitButton>
  )
  return (
    <>
      <FormErrors id={form.errorId} errors={form.errors} />
      {cancelTo ? (
        <div className="actions">
          {button}
          <Link to={cancelTo} className="button button--secondary">
            取消
          </Link>
        </div>
      ) : (
        button
      )}
    </>
  )
}

/** What the form's errors are read from: conform's form (`useZodForm`'s first value). */
type ConformFormErrors = { errorId: string; errors?: ListOfErrors }

/**
 * A create or edit form of a record (posts, employers, ledger rows, sites, batches): a plain post with
 * conform's form props, the ErrorSummary of a refused sending (有 N 处需要修改, each linked to its field),
 * its field groups (children), then the FormFooter with `submitLabel` (正在保存… while saving) and
 * a 取消 link back to `cancelTo`. `className` adds to `form`.
 */
export function RecordForm<S extends Record<string, unknown>>({
  form,
  className,
  submitLabel,
  cancelTo,
  formToken,
  summary,
  children,
}: {
  form: FormMetadata<S>
  className?: string
  submitLabel: string
  cancelTo: string
  /** The error summary's items in the form's own order, where conform's order is not it (default: form.allErrors as conform gives them). */
  summary?: readonly ErrorSummaryItem[]
  /** A create form's token from its loader (issueFormToken), so the form is saved once however often it is sent. */
  formToken?: string
  children: ReactNode
}) {
  return (
    <Form method="post" className={className ? `form ${className}` : 'form'} {...getFormProps(form)}>
      {formToken ? <FormToken value={formToken} /> : null}
      {/* Without JavaScript a refused post reloads at the top: the problems are listed there, each linked to its field. */}
      <ErrorSummary items={summary ?? errorSummaryItems(form.allErrors, (name) => `${form.id}-${name}`)} />
      {children}
      <FormFooter form={form} submitLabel={submitLabel} pendingLabel="正在保存…" cancelTo={cancelTo} />
    </Form>
  )
}

/**
 * The hidden token of a create form (utils/form-token.server.ts): the loader hands it out, the action
 * passes it to createOnce, and a second sending of the same form gets the first record back. `form` ties
 * it to a form it is not inside (the HTML `form` attribute).
 */
export function FormToken({ value, form }: { value: string; form?: string }) {
  return <input type="hidden" name={FORM_TOKEN_FIELD} value={value} form={form} />
}

/** A titled group of fields (`fieldset.group`), laid out in the form grid. */
export function FieldGroup({ legend, children }: { legend: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="group">
      <legend>{legend}</legend>
      <div className="form-grid">{children}</div>
    </fieldset>
  )
}

export { SubmitButton }
