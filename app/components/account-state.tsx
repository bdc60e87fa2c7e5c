import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { ChoiceGroup, Field, FormFooter } from '~/components/forms'
import type { reasonWithNote } from '~/rules/fields'
import { EnableSchema } from '~/rules/account-admin'
import { useZodForm } from '~/utils/zod-form'

// An account's state as its page shows it, for county staff (a worker's account) and the platform operator
// (any account) alike: the notice on a disabled one, and the form that disables or re-enables it.

/** The notice at the top of a disabled account's page: since when (a date) and why; the person cannot sign in meanwhile. */
export function DisabledNotice({ on, reason }: { on: string; reason: string | null }) {
  return (
    <p className="notice" role="status">
      此账号已于 {on} 停用，原因：{reason ?? '未说明'}。停用期间本人不能登录。
    </p>
  )
}

type StateFormProps<C extends string> = {
  /** Whether the account is disabled now: the enable form is shown, else the disable form. */
  disabled: boolean
  lastResult: SubmissionResult<string[]> | undefined
  /** The disable form's schema (rules/account-admin.ts DisableSchema or StaffDisableSchema) and its reasons' labels. */
  schema: ReturnType<typeof reasonWithNote<'disable', C>>
  reasons: Readonly<Record<C, string>>
  /** What disabling leaves untouched, and what enabling gives back, in the words of the page's reader. */
  disableHint: string
  enableHint: string
}

/**
 * The form that changes an account's state (posts `intent` disable with `reasonCode` and `note`, or enable,
 * to the page's own action): the reason picked from `reasons`, a note required for 其他.
 */
export function AccountStateForm<C extends string>({ disabled, lastResult, ...props }: StateFormProps<C>) {
  return disabled ? <EnableForm lastResult={lastResult} hint={props.enableHint} /> : <DisableForm lastResult={lastResult} {...props} />
}

function DisableForm<C extends string>({ lastResult, schema, reasons, disableHint }: Omit<StateFormProps<C>, 'disabled' | 'enableHint'>) {
  const [form, fields] = useZodForm(schema, { id: 'disable', lastResult, shouldValidate: 'onSubmit', shouldRevalidate: 'onSubmit' })
  const options = Object.entries<string>(reasons).map(([value, label]) => ({ value, label }))
  return (
    <section className="card">
      <h2>停用账号</h2>
      <p className="muted small">{disableHint}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="disable" />
        <ChoiceGroup legend="停用原因" meta={fields.reasonCode} type="radio" options={options} />
        <Field label="说明（选填；选“其他”时必填）" meta={fields.note} maxLength={200} />
        <FormFooter form={form} submitLabel="停用此账号" buttonClassName="button button--secondary" />
      </Form>
    </section>
  )
}

function EnableForm({ lastResult, hint }: { lastResult: SubmissionResult<string[]> | undefined; hint: string }) {
  const [form] = useZodForm(EnableSchema, { id: 'enable', lastResult })
  return (
    <section className="card">
      <h2>重新启用</h2>
      <p className="muted small">{hint}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="enable" />
        <FormFooter form={form} submitLabel="启用此账号" />
      </Form>
    </section>
  )
}
