import type { SubmissionResult } from '@conform-to/react'
import { useState } from 'react'
import { useHydrated } from '~/components/client-only'
import { Field, FieldGroup, LabelOptions, RecordForm, SelectField, TextareaField } from '~/components/forms'
import { EMPLOYMENT_NEED_LABELS, EMPLOYMENT_STATUS_LABELS, HOUSEHOLD_LABELS, RegistryRowSchema, SKILL_LEVEL_LABELS } from '~/rules/registry'
import { RegistryEditSchema } from '~/rules/registry-edit'
import { useZodForm } from '~/utils/zod-form'

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

/**
 * The ledger form, shared by "new" and "edit". Works without JavaScript; with it, villages follow the
 * township. `editing` checks the ID number without the 16–65 age rule (rules/registry-edit.ts), as the
 * server does for an edit.
 */
export function RegistryForm({
  lastResult,
  defaultValue,
  townships,
  villages,
  submitLabel,
  cancelTo,
  editing = false,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue: LedgerFormDefaults
  townships: Division[]
  villages: Village[]
  submitLabel: string
  cancelTo: string
  editing?: boolean
}) {
  const [form, fields] = useZodForm(editing ? RegistryEditSchema : RegistryRowSchema, { id: 'ledger', lastResult, defaultValue })
  const [township, setTownship] = useState(defaultValue.township ?? '')
  // Before hydration every village is offered, grouped by township (a no-JS browser needs them all).
  const hydrated = useHydrated()
  const groups = townships
    .map((t) => ({ township: t, villages: villages.filter((v) => v.townshipCode === t.code) }))
    .filter((g) => g.villages.length > 0 && (!hydrated || g.township.code === township))

  return (
    <RecordForm form={form} submitLabel={submitLabel} cancelTo={cancelTo}>
      <FieldGroup legend="基本信息">
        <Field label="姓名" meta={fields.name} autoComplete="off" />
        <Field
          label="身份证号码"
          hint="18 位，最后一位可以是 X；性别和出生日期从号码中读取。"
          meta={fields.idNumber}
          autoComplete="off"
          inputMode="text"
          spellCheck={false}
        />
        <Field label="手机号码（选填）" meta={fields.phone} type="tel" autoComplete="off" />
        <SelectField label="户类型" meta={fields.householdStatus} labels={HOUSEHOLD_LABELS} placeholder="请选择" />
        <SelectField
          label="乡镇（街道）"
          meta={fields.township}
          options={townships.map((t) => ({ value: t.code, label: t.name }))}
          placeholder="请选择"
          onChange={(e) => setTownship(e.currentTarget.value)}
        />
        <SelectField label="村（社区）（选填）" meta={fields.village} placeholder={hydrated && !township ? '请先选择乡镇（街道）' : '不填'}>
          {groups.map((g) => (
            <optgroup key={g.township.code} label={g.township.name}>
              <LabelOptions options={g.villages.map((v) => ({ value: v.code, label: v.name }))} />
            </optgroup>
          ))}
        </SelectField>
      </FieldGroup>

      <FieldGroup legend="五清情况">
        <SelectField label="就业状态" meta={fields.employmentStatus} labels={EMPLOYMENT_STATUS_LABELS} placeholder="请选择" />
        <SelectField label="就业需求" meta={fields.employmentNeed} labels={EMPLOYMENT_NEED_LABELS} placeholder="请选择" />
        <SelectField label="技能水平" meta={fields.skillLevel} labels={SKILL_LEVEL_LABELS} placeholder="请选择" />
        <Field label="技能特长（选填）" hint="如：电焊、家政服务、叉车驾驶" meta={fields.skills} />
        <TextareaField label="困难问题（选填）" meta={fields.difficulties} />
        <TextareaField label="帮扶措施（选填）" meta={fields.assistanceMeasures} />
        <div className="span-2">
          <TextareaField label="备注（选填）" meta={fields.notes} />
        </div>
      </FieldGroup>
    </RecordForm>
  )
}
