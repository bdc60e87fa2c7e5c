import type { ButtonHTMLAttributes, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'
import { useId } from 'react'

export type ListOfErrors = (string | null | undefined)[] | null | undefined

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

/** A labelled input whose error sits right under it and is tied to it for screen readers. */
export function Field({
  label,
  hint,
  inputProps,
  errors,
}: {
  label: ReactNode
  hint?: ReactNode
  inputProps: InputHTMLAttributes<HTMLInputElement>
  errors?: ListOfErrors
}) {
  const fallbackId = useId()
  const id = inputProps.id ?? fallbackId
  const errorId = errors?.length ? `${id}-error` : undefined
  const hintId = hint ? `${id}-hint` : undefined
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input {...inputProps} id={id} aria-invalid={errorId ? true : undefined} aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined} />
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

function describedBy(id: string, errors?: ListOfErrors, hint?: ReactNode) {
  const errorId = errors?.filter(Boolean).length ? `${id}-error` : undefined
  const hintId = hint ? `${id}-hint` : undefined
  return { errorId, hintId, describedBy: [errorId, hintId].filter(Boolean).join(' ') || undefined }
}

export function SelectField({
  label,
  hint,
  selectProps,
  errors,
  children,
}: {
  label: ReactNode
  hint?: ReactNode
  selectProps: SelectHTMLAttributes<HTMLSelectElement>
  errors?: ListOfErrors
  children: ReactNode
}) {
  const fallbackId = useId()
  const id = selectProps.id ?? fallbackId
  const { errorId, hintId, describedBy: aria } = describedBy(id, errors, hint)
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select {...selectProps} id={id} aria-invalid={errorId ? true : undefined} aria-describedby={aria}>
        {children}
      </select>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

export function TextareaField({
  label,
  hint,
  textareaProps,
  errors,
}: {
  label: ReactNode
  hint?: ReactNode
  textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement>
  errors?: ListOfErrors
}) {
  const fallbackId = useId()
  const id = textareaProps.id ?? fallbackId
  const { errorId, hintId, describedBy: aria } = describedBy(id, errors, hint)
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea rows={3} {...textareaProps} id={id} aria-invalid={errorId ? true : undefined} aria-describedby={aria} />
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

/** Options for a select from a code → label map, with an optional empty first choice. */
export function LabelOptions({ labels, placeholder }: { labels: Record<string, string>; placeholder?: string }) {
  return (
    <>
      {placeholder != null ? <option value="">{placeholder}</option> : null}
      {Object.entries(labels).map(([code, label]) => (
        <option key={code} value={code}>
          {label}
        </option>
      ))}
    </>
  )
}

/** Errors of the whole form (not of one field), e.g. "用户名或密码不正确。", in a red box. */
export function FormErrors({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  if (!errors?.filter(Boolean).length) return null
  return (
    <div className="form-error">
      <ErrorList id={id} errors={errors} />
    </div>
  )
}

/**
 * The one submit button: disabled and saying `pendingLabel` while its form is being submitted (see
 * useIsPending in utils/pending.ts), so a double click never sends twice with JavaScript; without
 * JavaScript it is a plain button. Takes `pending` and the usual button attributes.
 */
export function SubmitButton({
  pending,
  pendingLabel = '提交中…',
  children,
  className = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { pending: boolean; pendingLabel?: string }) {
  return (
    <button type="submit" {...props} className={className} disabled={pending || props.disabled} aria-disabled={pending || undefined}>
      {pending ? pendingLabel : children}
    </button>
  )
}
