import type { SubmissionResult } from '@conform-to/react'
import { MAX_COMPANIONS, OwnDemandSchema, StaffDemandSchema } from '~/rules/travel-demand'
import { useZodForm } from '~/utils/zod-form'
import { errorSummaryItems } from './error-summary'
import { Field, FieldGroup, RecordForm, SelectField, TextareaField } from './forms'

// The travel demand form (出行需求登记, issue 12 §1): the worker's own at /me/trips/demand and staff's for a
// ledger worker at /west/demand/new (which adds the worker's ID number). A plain post: it works without
// JavaScript on a 360 px phone; the server checks everything again.

/** What the form offers: the pair's cities, their employers, the county's townships, the worker's hired posts. */
export type DemandFormChoices = {
  cities: { code: string; name: string }[]
  employers: { id: number; name: string; cityCode: string }[]
  townships: { code: string; name: string }[]
  hiredPosts: { vacancyId: number; title: string; employerName: string }[]
}

export type DemandFormDefaults = Partial<Record<'earliestDate' | 'latestDate' | 'cityCode' | 'pickupTownshipCode', string | null>>

/** The fields top to bottom, so the error summary lists the problems in the order the form shows them. */
const FIELD_ORDER = ['idNumber', 'earliestDate', 'latestDate', 'cityCode', 'employerId', 'vacancyId', 'pickupTownshipCode', 'companions', 'note']

function inFormOrder(errors: Record<string, string[]>) {
  const rank = (name: string) => (FIELD_ORDER.includes(name) ? FIELD_ORDER.indexOf(name) : FIELD_ORDER.length)
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)))
}

/** The demand form; `staff` adds the ledger worker's ID number first. */
export function DemandForm({
  staff,
  lastResult,
  defaultValue,
  choices,
  cancelTo,
  formToken,
}: {
  staff: boolean
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue: DemandFormDefaults
  choices: DemandFormChoices
  cancelTo: string
  formToken: string
}) {
  const [form, fields] = useZodForm(staff ? StaffDemandSchema : OwnDemandSchema, { id: 'demand', lastResult, defaultValue })
  const cityName = (code: string) => choices.cities.find((c) => c.code === code)?.name ?? ''
  return (
    <RecordForm
      form={form}
      submitLabel="登记出行需求"
      cancelTo={cancelTo}
      formToken={formToken}
      // The summary lists the problems in the order of the fields (conform's is the schema's).
      summary={errorSummaryItems(inFormOrder(form.allErrors), (name) => `${form.id}-${name}`)}
    >
      {staff ? null : <input type="hidden" name="intent" value="register" />}
      {staff ? (
        <FieldGroup legend="务工人员">
          <Field
            label="身份证号码"
            hint="本区县台账中的人员"
            meta={(fields as typeof fields & { idNumber: typeof fields.cityCode }).idNumber}
            autoComplete="off"
          />
        </FieldGroup>
      ) : null}
      <FieldGroup legend="什么时候走">
        <Field label="最早出发日期" meta={fields.earliestDate} type="date" />
        <Field label="最晚出发日期" hint="这几天里哪天走都可以" meta={fields.latestDate} type="date" />
      </FieldGroup>
      <FieldGroup legend="去哪里">
        <SelectField label="目的地城市" hint="对口协作城市" meta={fields.cityCode} options={choices.cities.map((c) => ({ value: c.code, label: c.name }))} />
        <SelectField
          label="用人单位"
          hint="已经联系好的单位；不确定可以不选"
          meta={fields.employerId}
          placeholder="不确定"
          options={choices.employers.map((e) => ({ value: String(e.id), label: choices.cities.length > 1 ? `${e.name}（${cityName(e.cityCode)}）` : e.name }))}
        />
        {choices.hiredPosts.length > 0 ? (
          <SelectField
            label="已录用的岗位"
            meta={fields.vacancyId}
            placeholder="不选"
            options={choices.hiredPosts.map((p) => ({ value: String(p.vacancyId), label: `${p.title}（${p.employerName}）` }))}
          />
        ) : null}
      </FieldGroup>
      <FieldGroup legend="在哪里上车、和谁一起">
        <SelectField
          label="上车乡镇（街道）"
          hint={staff ? '不选就按台账里的乡镇' : '不选就按您户籍所在的乡镇'}
          meta={fields.pickupTownshipCode}
          placeholder="按台账"
          options={choices.townships.map((t) => ({ value: t.code, label: t.name }))}
        />
        <TextareaField
          label="同行人"
          hint={`想坐一起的本区县老乡，每行填一位的手机号或身份证号，最多 ${MAX_COMPANIONS} 位。对方确认后会安排坐在一起。`}
          meta={fields.companions}
          inputMode="numeric"
          autoComplete="off"
        />
        <TextareaField label="备注" hint="如 带小孩、行李多" meta={fields.note} />
      </FieldGroup>
    </RecordForm>
  )
}
