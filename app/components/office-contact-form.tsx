import type { SubmissionResult } from '@conform-to/react'
import { getFormProps } from '@conform-to/react'
import { Form, Link } from '@remix-run/react'
import { Field, FormFooter } from '~/components/forms'
import { OfficeContactSchema } from '~/rules/office-phone'
import { siteExample } from '~/rules/site-examples'
import { useZodForm } from '~/utils/zod-form'

/** An organisation's kind (app/rules/organisation-enums.ts), which decides the examples and what the phone is for. */
export type OfficeKind = 'centre' | 'bureau' | 'platform'

/**
 * The hints for an organisation of `kind` in area `areaCode`: a county centre's number is printed on its
 * post notices and account slips; a Shandong bureau's is its office line; the platform's its own. The
 * examples are the organisation's own area's (siteExample: 秀山 sees a 秀山 address and 023, 德州 0534), never
 * another area's, which staff would copy. Returns the phone's and the address's hint.
 */
export function officeContactHints(kind: OfficeKind, areaCode: string): { phone: string; address: string } {
  if (kind === 'platform') return { phone: '手机号，或带区号的固定电话，如 023-63891234。', address: '选填，如 重庆市渝中区中山三路 128 号。' }
  const example = siteExample(areaCode, kind === 'bureau' ? 'east' : 'west')
  const printed = kind === 'centre' ? '印在岗位公告和账号告知单上。' : ''
  return { phone: `手机号，或带区号的固定电话，如 ${example.contactPhone}。${printed}`, address: `选填，如 ${example.address}。` }
}

/**
 * The form for an organisation's contact phone and address (app/rules/office-phone.ts), as the county sets
 * its own on /west/settings and the operator any on /admin/organisations/:orgId. Takes the current values,
 * the action's last reply, and an `intent` sent with it when the page has other forms, and the organisation's
 * `kind` (default centre: /west/settings) and `areaCode` for the hints' wording and examples.
 */
export function OfficeContactForm({
  contactPhone,
  address,
  lastResult,
  intent,
  kind = 'centre',
  areaCode,
}: {
  contactPhone: string | null
  address: string | null
  lastResult: SubmissionResult<string[]> | undefined
  intent?: string
  kind?: OfficeKind
  /** The organisation's area (six-digit code), whose examples the hints show. */
  areaCode: string
}) {
  const hints = officeContactHints(kind, areaCode)
  const [form, fields] = useZodForm(OfficeContactSchema, {
    id: 'office-contact',
    lastResult,
    defaultValue: { contactPhone: contactPhone ?? '', address: address ?? '' },
  })
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <Field label="联系电话" hint={hints.phone} meta={fields.contactPhone} inputMode="tel" maxLength={24} autoComplete="off" />
      <Field label="地址" hint={hints.address} meta={fields.address} />
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
