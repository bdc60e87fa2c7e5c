import { useEffect, useRef } from 'react'

// The error summary (GOV.UK Design System pattern): when a form comes back refused, a box at the top of the
// page says how many things need changing and links each message to its field. Without JavaScript a refused
// post reloads the page at its top, so on a long page (a batch with hundreds of people) the message beside
// the field far below would never be seen; the summary is what the person sees first.

/** One problem: the message, and the id of the field (or of the line showing the message) it belongs to. */
export type ErrorSummaryItem = { id: string; message: string }

/**
 * "有 N 处需要修改" and each message as a link to `#id`. Takes the problems (none: renders nothing). It is a
 * role="alert" region (read out when it appears) and focusable; with JavaScript it takes the focus when its
 * messages change, so the page scrolls to it after a refused submission too.
 */
export function ErrorSummary({ items }: { items: readonly ErrorSummaryItem[] }) {
  const ref = useRef<HTMLDivElement>(null)
  const key = items.map((i) => `${i.id}:${i.message}`).join('\n')
  useEffect(() => {
    if (key) ref.current?.focus()
  }, [key])
  if (items.length === 0) return null
  return (
    <div ref={ref} className="form-error error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-summary__title">
        有 {items.length} 处需要修改
      </h2>
      <ul className="error-summary__list">
        {items.map((item) => (
          <li key={`${item.id}:${item.message}`}>
            <a href={`#${item.id}`}>{item.message}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * The summary's items from a conform reply's errors (`result.error`: field name → messages): each field's
 * messages, linked to `idOf(field)`; the form-level ones (key '') are left out (FormAlert shows them).
 */
export function errorSummaryItems(
  errors: Record<string, readonly string[] | null | undefined> | undefined,
  idOf: (field: string) => string,
): ErrorSummaryItem[] {
  return Object.entries(errors ?? {}).flatMap(([field, messages]) =>
    field === '' || !messages ? [] : messages.map((message) => ({ id: idOf(field), message })),
  )
}
