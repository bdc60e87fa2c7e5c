import type { SubmissionResult } from '@conform-to/react'
import { getFormProps } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { Field, FormFooter } from '~/components/forms'
import { OfficeContactSchema } from '~/rules/office-phone'
import { useZodForm } from '~/utils/zod-form'

/**
 * The form for an organisation's contact phone and address (app/rules/office-phone.ts), as the county sets
 * its own on /west/settings and the operator any on /admin/organisations/:orgId. Takes the current values,
 * the action's last reply, and an `intent` sent with it when the page has other forms.
 */
export function OfficeContactForm({
  contactPhone,
  address,
  lastResult,
  intent,
}: {
  contactPhone: string | null
  address: string | null
  lastResult: SubmissionResult<string[]> | undefined
  intent?: string
}) {
  const [form, fields] = useZodForm(OfficeContactSchema, {
    id: 'office-contact',
    lastResult,
    defaultValue: { contactPhone: contactPhone ?? '', address: address ?? '' },
  })
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <Field
        label="联系电话"
        hint="手机号，或带区号的固定电话，如 023-52222608。印在岗位公告和账号告知单上。"
        meta={fields.contactPhone}
        inputMode="tel"
        maxLength={24}
        autoComplete="off"
      />
      <Field label="地址" hint="选填，如 汉丰街道开州大道中段 168 号。" meta={fields.address} />
      <FormFooter form={form} submitLabel="保存联系方式" pendingLabel="正在保存…" />
    </Form>
  )
}

/**
 * A warning to staff, on screen only (`no-print`): their centre has no phone, so what they print names the
 * centre with no number to call. Links to /west/settings, which comes back to `back` after saving; in a
 * new tab with `newTab` (the account slip, whose one-time password must stay on screen).
 */
export function MissingOfficePhone({ back, newTab = false }: { back: string; newTab?: boolean }) {
  return (
    <p className="notice notice--amber no-print" role="alert">
      本中心还没有填写联系电话，打印出来的材料上只有单位名称，群众无法打电话咨询。
      <Link to={`/west/settings?back=${encodeURIComponent(back)}`} {...(newTab ? { target: '_blank', rel: 'noopener' } : {})}>
        填写本单位联系电话{newTab ? '（在新窗口打开，本页不关闭）' : ''}
      </Link>
    </p>
  )
}
