import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useIsPending } from '~/utils/pending'
import { SubmitButton } from './submit-button'

// One way to write a list page's filter form (issue 8 §2): a card of labelled fields and the 查询 /
// 清除条件 actions. A list read from the URL uses method="get", so a filtered list is a link; the
// ledger lists post instead, so a typed phone number or ID tail never lands in a URL (the action
// answers with a redirect to the sealed search).

/**
 * The filter form: `values` keys the form, so the fields show the URL's values again after each
 * navigation. Takes the method, an optional `action` and extra class (e.g. `filters--jobs`), and the
 * fields as children (FilterSearch, FilterSelect, hidden inputs…) followed by FilterActions.
 */
export function FilterForm({
  method = 'get',
  action,
  className,
  values,
  children,
}: {
  method?: 'get' | 'post'
  action?: string
  className?: string
  values: unknown
  children: ReactNode
}) {
  return (
    <Form method={method} action={action} className={['card filters', className].filter(Boolean).join(' ')} key={JSON.stringify(values)}>
      {children}
    </Form>
  )
}

/** The free-text field of a filter form: a labelled search input showing the current value. */
export function FilterSearch({
  name = 'q',
  label,
  value,
  placeholder,
  maxLength = 40,
}: {
  name?: string
  label: string
  value: string
  placeholder?: string
  maxLength?: number
}) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input id={name} name={name} type="search" defaultValue={value} placeholder={placeholder} maxLength={maxLength} />
    </div>
  )
}

/**
 * A choice of a filter form: a labelled select whose first option (`placeholder`, 全部 by default; none
 * when null) means "no filter". Takes the parameter name, label, the code → label map (or code/name
 * pairs, listed in their order) and the current value.
 */
export function FilterSelect({
  name,
  label,
  labels,
  value,
  placeholder = '全部',
}: {
  name: string
  label: string
  labels: Record<string, string> | { code: string; name: string }[]
  value: string | number | null | undefined
  placeholder?: string | null
}) {
  // Pairs keep the caller's order: an object keyed by area codes would list them by number instead.
  const options = Array.isArray(labels) ? labels.map((o) => [o.code, o.name] as const) : Object.entries(labels)
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value == null ? '' : String(value)}>
        {placeholder != null ? <option value="">{placeholder}</option> : null}
        {options.map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </select>
    </div>
  )
}

/** A yes/no filter as a checkbox (value 1), e.g. 包吃. */
export function FilterCheckbox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label className="checkbox">
      <input type="checkbox" name={name} value="1" defaultChecked={checked} /> {label}
    </label>
  )
}

/**
 * The form's actions: anything before the button (checkboxes), 查询 (the one SubmitButton, pending while
 * this page's form is being sent), and 清除条件 back to `clearTo` while a filter is set. `secondary`
 * draws 查询 as a secondary button; `formAction` is the form's action when it is not the route's own,
 * `intent` the form's hidden intent when the route's action serves several forms.
 */
export function FilterActions({
  filtered,
  clearTo,
  secondary = false,
  formAction,
  intent,
  children,
}: {
  filtered: boolean
  clearTo: string
  secondary?: boolean
  formAction?: string
  intent?: string
  children?: ReactNode
}) {
  const pending = useIsPending({ formAction, intent })
  return (
    <div className="actions filters__actions">
      {children}
      <SubmitButton pending={pending} pendingLabel="查询中…" className={secondary ? 'button button--secondary' : 'button'}>
        查询
      </SubmitButton>
      {filtered ? (
        <Link to={clearTo} className="button button--secondary">
          清除条件
        </Link>
      ) : null}
    </div>
  )
}
