import type { ButtonHTMLAttributes } from 'react'

// The one submit button, in a file of its own: pages that only search and filter (the public board) use
// it without loading the form library the record forms need (issue 9 §13). ./forms.tsx re-exports it.

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
