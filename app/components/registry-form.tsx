import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { useState } from 'react'
import { useHydrated } from '~/components/client-only'
import { Field, FormErrors, LabelOptions, SelectField, SubmitButton, TextareaField } from '~/components/forms'
import { EMPLOYMENT_NEED_LABELS, EMPLOYMENT_STATUS_LABELS, HOUSEHOLD_LABELS, RegistryRowSchema, SKILL_LEVEL_LABELS } from '~/rules/registry'
import { useIsPending } from '~/utils/pending'

export type LedgerFormDefaults = Partial<
  Record<
    | 'name'
    | 'idNumber'
    | 'phone'
    | 'township'
    | 'village'
    | 'householdStatus'
    | 'employmentStatus'
    | 'employmentNeed'
    | 'skillLevel'
    | 'skills'
    | 'difficulties'
    | 'assistanceMeasures'
    | 'notes',
    string | null
  >
>

type Division = { code: string; name: string }
type Village = Division & { townshipCode: string }

/** The ledger form, shared by "new" and "edit". Works without JavaScript; with it, villages follow the township. */
export function RegistryForm({
  lastResult,
  defaultValue,
  townships,
  villages,
  submitLabel,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue: LedgerFormDefaults
  townships: Division[]
  villages: Village[]
  submitLabel: string
  cancelTo: string
}) {
  const pending = useIsPending()
  const [form, fields] = useForm({
    id: 'ledger',
    lastResult,
    defaultValue,
    constraint: getZodConstraint(RegistryRowSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegistryRowSchema }),
  })
  const [township, setTownship] = useState(defaultValue.township ?? '')
  // Before hydration every village is offered, grouped by township (a no-JS browser needs them all).
  const hydrated = useHydrated()
  const groups = townships
    .map((t) => ({ township: t, villages: villages.filter((v) => v.townshipCode === t.code) }))
    .filter((g) => g.villages.length > 0 && (!hydrated || g.township.code === township))

  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <fieldset className="group">
        <legend>基本信息</legend>
        <div className="form-grid">
          <Field label="姓名" inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'off' }} errors={fields.name.errors} />
          <Field
            label="身份证号码"
            hint="18 位，最后一位可以是 X；性别和出生日期从号码中读取。"
            inputProps={{ ...getInputProps(fields.idNumber, { type: 'text' }), autoComplete: 'off', inputMode: 'text', spellCheck: false }}
            errors={fields.idNumber.errors}
          />
          <Field label="手机号码（选填）" inputProps={{ ...getInputProps(fields.phone, { type: 'tel' }), autoComplete: 'off' }} errors={fields.phone.errors} />
          <SelectField label="户类型" selectProps={getSelectProps(fields.householdStatus)} errors={fields.householdStatus.errors}>
            <LabelOptions labels={HOUSEHOLD_LABELS} placeholder="请选择" />
          </SelectField>
          <SelectField
            label="乡镇（街道）"
            selectProps={{ ...getSelectProps(fields.township), onChange: (e) => setTownship(e.currentTarget.value) }}
            errors={fields.township.errors}
          >
            <option value="">请选择</option>
            {townships.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="村（社区）（选填）" selectProps={getSelectProps(fields.village)} errors={fields.village.errors}>
            <option value="">{hydrated && !township ? '请先选择乡镇（街道）' : '不填'}</option>
            {groups.map((g) => (
              <optgroup key={g.township.code} label={g.township.name}>
                {g.villages.map((v) => (
                  <option key={v.code} value={v.code}>
                    {v.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>五清情况</legend>
        <div className="form-grid">
          <SelectField label="就业状态" selectProps={getSelectProps(fields.employmentStatus)} errors={fields.employmentStatus.errors}>
            <LabelOptions labels={EMPLOYMENT_STATUS_LABELS} placeholder="请选择" />
          </SelectField>
          <SelectField label="就业需求" selectProps={getSelectProps(fields.employmentNeed)} errors={fields.employmentNeed.errors}>
            <LabelOptions labels={EMPLOYMENT_NEED_LABELS} placeholder="请选择" />
          </SelectField>
          <SelectField label="技能水平" selectProps={getSelectProps(fields.skillLevel)} errors={fields.skillLevel.errors}>
            <LabelOptions labels={SKILL_LEVEL_LABELS} placeholder="请选择" />
          </SelectField>
          <Field
            label="技能特长（选填）"
            hint="如：电焊、家政服务、叉车驾驶"
            inputProps={getInputProps(fields.skills, { type: 'text' })}
            errors={fields.skills.errors}
          />
          <TextareaField label="困难问题（选填）" textareaProps={getTextareaProps(fields.difficulties)} errors={fields.difficulties.errors} />
          <TextareaField label="帮扶措施（选填）" textareaProps={getTextareaProps(fields.assistanceMeasures)} errors={fields.assistanceMeasures.errors} />
          <div className="span-2">
            <TextareaField label="备注（选填）" textareaProps={getTextareaProps(fields.notes)} errors={fields.notes.errors} />
          </div>
        </div>
      </fieldset>

      <div role="alert">
        <FormErrors id={form.errorId} errors={form.errors} />
      </div>
      <div className="actions">
        <SubmitButton pending={pending} pendingLabel="正在保存…">
          {submitLabel}
        </SubmitButton>
        <Link to={cancelTo} className="button button--secondary">
          取消
        </Link>
      </div>
    </Form>
  )
}
