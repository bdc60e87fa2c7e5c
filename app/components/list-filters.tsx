import { Form, Link, useLocation } from '@remix-run/react'
import { useEffect, useRef, type ReactNode } from 'react'
import { quoteTyped } from '~/rules/normalise'
import { periodRange } from '~/rules/statistics'
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

/**
 * A county list's filter form, one for the ledger, the hires and the applications (issue 11 §3): the
 * search field (if any) always in view, the choices folded under a summary the way the public board
 * folds them (details/summary, so it works without JavaScript), open while a choice is applied and, once
 * the page runs, on a screen 720 px or wider, where the choices fit beside each other. Takes the form's
 * method and values (FilterForm), the search field, the summary's text, how many choices are applied,
 * whether anything is filtered (清除条件 shown) and where clearing leads; the choices as children.
 */
export function FoldedFilterForm({
  method = 'get',
  values,
  search,
  summary,
  applied,
  filtered,
  clearTo,
  children,
}: {
  method?: 'get' | 'post'
  values: unknown
  search?: ReactNode
  summary: string
  applied: number
  filtered: boolean
  clearTo: string
  children: ReactNode
}) {
  const fold = useRef<HTMLDetailsElement>(null)
  const key = JSON.stringify(values)
  useEffect(() => {
    if (fold.current && window.matchMedia('(min-width: 720px)').matches) fold.current.open = true
  }, [key])
  return (
    <FilterForm method={method} values={values} className="filters--folded">
      {search}
      <details className="filters__fold" open={applied > 0} ref={fold}>
        <summary>
          {summary}
          {applied > 0 ? `（已选 ${applied} 项）` : ''}
        </summary>
        <div className="filters__grid">{children}</div>
      </details>
      <FilterActions filtered={filtered} clearTo={clearTo} />
    </FilterForm>
  )
}

/**
 * A month field of a filter form (`YYYY-MM`), e.g. 录用月份. A period of several months (`YYYY-MM/YYYY-MM`,
 * as a dashboard's year-to-date link sends it) is no value of a month input: it is shown in words, kept by
 * a hidden input when the form is sent again, and a link leads to the same list without it to pick a month.
 * A `name` parameter in the URL that is no period (so `value` is null) is said beside the field as not applied.
 */
export function FilterMonth({ name = 'month', label, value, required = false }: { name?: string; label: string; value: string | null; required?: boolean }) {
  const { pathname, search } = useLocation()
  const period = value?.includes('/') ? periodRange(value) : null
  if (period) {
    const rest = new URLSearchParams(search)
    rest.delete(name)
    rest.delete('page')
    return (
      <div className="field filter-period" role="group" aria-labelledby={`${name}-label`}>
        <span className="filter-period__label" id={`${name}-label`}>
          {label}
        </span>
        <span className="filter-period__value">
          <input type="hidden" name={name} value={period.period} />
          <strong>{period.label}</strong>{' '}
          <Link to={rest.size > 0 ? `${pathname}?${rest}` : pathname} aria-label={`去掉${label}“${period.label}”，改选一个月`}>
            改选月份
          </Link>
        </span>
      </div>
    )
  }
  // A period in the URL that the list dropped (not a month, a reversed or too long interval) is said here,
  // so the list shown over all months is never taken for the period asked for.
  const asked = new URLSearchParams(search).get(name)
  const dropped = value === null && asked ? quoteTyped(asked) : null
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type="month"
        defaultValue={value ?? ''}
        required={required}
        placeholder="如 2026-11"
        pattern="[0-9]{4}-[0-9]{2}"
        title="年-月，如 2026-11"
        aria-invalid={dropped !== null ? true : undefined}
        aria-describedby={dropped !== null ? `${name}-dropped` : undefined}
      />
      {dropped !== null ? (
        <p id={`${name}-dropped`} className="field__error">
          「{dropped}」不是月份（如 2026-11），下面没有按{label}筛选。
        </p>
      ) : null}
    </div>
  )
}

/**
 * The line above a county list: how many match (`children`) and the 导出 Excel form carrying the list's
 * filters (`params`, as the loader gives them) to `action`; `full` adds the audited 完整信息 tick box.
 */
export function ListExportBar({ action, params, full = false, children }: { action: string; params: [string, string][]; full?: boolean; children: ReactNode }) {
  return (
    <div className="pager">
      <p className="muted" aria-live="polite">
        {children}
      </p>
      <form method="get" action={action} className="export-form">
        {params.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {full ? (
          <label className="checkbox small">
            <input type="checkbox" name="full" value="1" /> 完整信息（将记录）
          </label>
        ) : null}
        <button type="submit" className="button button--secondary button--small">
          导出 Excel
        </button>
      </form>
    </div>
  )
}
