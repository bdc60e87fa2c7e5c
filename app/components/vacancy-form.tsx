import { getCollectionProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form, Link } from '@remix-run/react'
import { lazy, Suspense, useState } from 'react'
import { ClientOnly } from '~/components/client-only'
import { ErrorList, Field, LabelOptions, SelectField, SubmitButton, TextareaField } from '~/components/forms'
import { EmployerSchema } from '~/rules/employer'
import { INDUSTRY_LABELS, parsePoint, VacancySchema } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { useIsPending } from '~/utils/pending'
import type { Point } from './point-picker.client'

// The two forms of the east side of the vacancy board: employers and posts. Both work without
// JavaScript (plain posts, server validation); with it, conform validates as staff type.

const PointPicker = lazy(() => import('./point-picker.client'))

export type EmployerFormDefaults = Partial<Record<keyof z.input<typeof EmployerSchema>, string | null>>

function FormFooter({ errors, errorId, submitLabel, cancelTo }: { errors?: string[]; errorId: string; submitLabel: string; cancelTo: string }) {
  const pending = useIsPending()
  return (
    <>
      {errors?.length ? (
        <div className="form-error" role="alert">
          <ErrorList id={errorId} errors={errors} />
        </div>
      ) : null}
      <div className="actions">
        <SubmitButton pending={pending} pendingLabel="正在保存…">
          {submitLabel}
        </SubmitButton>
        <Link to={cancelTo} className="button button--secondary">
          取消
        </Link>
      </div>
    </>
  )
}

export function EmployerForm({
  lastResult,
  defaultValue,
  submitLabel,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue: EmployerFormDefaults
  submitLabel: string
  cancelTo: string
}) {
  const [form, fields] = useForm({
    id: 'employer',
    lastResult,
    defaultValue,
    constraint: getZodConstraint(EmployerSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EmployerSchema }),
  })
  return (
    <Form method="post" className="form vacancy-form" {...getFormProps(form)}>
      <fieldset className="group">
        <legend>单位信息</legend>
        <div className="form-grid">
          <Field
            label="单位名称"
            hint="与营业执照一致"
            inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'organization' }}
            errors={fields.name.errors}
          />
          <Field
            label="统一社会信用代码"
            hint="18 位，见营业执照；系统会核对校验位"
            inputProps={{
              ...getInputProps(fields.uscc, { type: 'text' }),
              autoComplete: 'off',
              spellCheck: false,
              autoCapitalize: 'characters',
              className: 'mono',
            }}
            errors={fields.uscc.errors}
          />
          <SelectField label="行业" selectProps={getSelectProps(fields.industry)} errors={fields.industry.errors}>
            <LabelOptions labels={INDUSTRY_LABELS} placeholder="请选择" />
          </SelectField>
          <Field
            label="单位地址"
            inputProps={{ ...getInputProps(fields.address, { type: 'text' }), autoComplete: 'street-address' }}
            errors={fields.address.errors}
          />
          <Field
            label="联系人"
            inputProps={{ ...getInputProps(fields.contactName, { type: 'text' }), autoComplete: 'off' }}
            errors={fields.contactName.errors}
          />
          <Field
            label="联系电话"
            hint="手机号或带区号的固定电话，如 0536-8881234"
            inputProps={{ ...getInputProps(fields.contactPhone, { type: 'tel' }), autoComplete: 'off' }}
            errors={fields.contactPhone.errors}
          />
        </div>
      </fieldset>
      <FormFooter errors={form.errors} errorId={form.errorId} submitLabel={submitLabel} cancelTo={cancelTo} />
    </Form>
  )
}

export type VacancyFormDefaults = Partial<Record<Exclude<keyof z.input<typeof VacancySchema>, 'targets'>, string | null>> & { targets?: string[] }

export type EmployerChoice = { id: number; name: string; industry: string; address: string; contactName: string; contactPhone: string }

/** The posting form, shared by "new" and "edit". */
export function VacancyForm({
  lastResult,
  defaultValue,
  employers,
  counties,
  city,
  tileUrl,
  submitLabel,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue: VacancyFormDefaults
  employers: EmployerChoice[]
  counties: { code: string; name: string }[]
  city: { name: string; lat: number; lng: number }
  tileUrl: string | null
  submitLabel: string
  cancelTo: string
}) {
  const [form, fields] = useForm({
    id: 'vacancy',
    lastResult,
    defaultValue,
    constraint: getZodConstraint(VacancySchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VacancySchema }),
  })
  const sent = lastResult?.initialValue as Record<string, unknown> | undefined
  const [point, setPoint] = useState<Point | null>(() => parsePoint(textOf(sent?.lat ?? defaultValue.lat), textOf(sent?.lng ?? defaultValue.lng)))

  // Choosing an employer fills what a post usually shares with it, where staff have not typed anything.
  function prefillFrom(employerId: string) {
    const employer = employers.find((e) => String(e.id) === employerId)
    if (!employer) return
    const pairs = [
      [fields.industry, employer.industry],
      [fields.address, employer.address],
      [fields.contactName, employer.contactName],
      [fields.contactPhone, employer.contactPhone],
    ] as const
    for (const [field, value] of pairs) if (!field.value) form.update({ name: field.name, value })
  }

  return (
    <Form method="post" className="form vacancy-form" {...getFormProps(form)}>
      <fieldset className="group">
        <legend>岗位信息</legend>
        <div className="form-grid">
          <Field
            label="岗位名称"
            hint="如：数控车床操作工"
            inputProps={{ ...getInputProps(fields.title, { type: 'text' }), autoComplete: 'off' }}
            errors={fields.title.errors}
          />
          <SelectField
            label="用人单位"
            hint={
              <>
                列表中没有？先<Link to="/east/employers/new">登记用人单位</Link>
              </>
            }
            selectProps={{ ...getSelectProps(fields.employerId), onChange: (e) => prefillFrom(e.currentTarget.value) }}
            errors={fields.employerId.errors}
          >
            <option value="">请选择</option>
            {employers.map((e) => (
              <option key={e.id} value={String(e.id)}>
                {e.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="行业" selectProps={getSelectProps(fields.industry)} errors={fields.industry.errors}>
            <LabelOptions labels={INDUSTRY_LABELS} placeholder="请选择" />
          </SelectField>
          <Field
            label="招聘人数"
            inputProps={{ ...getInputProps(fields.headcount, { type: 'text' }), inputMode: 'numeric' }}
            errors={fields.headcount.errors}
          />
          <Field
            label="最低月薪（元）"
            inputProps={{ ...getInputProps(fields.salaryMin, { type: 'text' }), inputMode: 'numeric' }}
            errors={fields.salaryMin.errors}
          />
          <Field
            label="最高月薪（元）"
            hint="整数元；固定工资两项填同一个数"
            inputProps={{ ...getInputProps(fields.salaryMax, { type: 'text' }), inputMode: 'numeric' }}
            errors={fields.salaryMax.errors}
          />
          <Field
            label="合同期限（月，选填）"
            inputProps={{ ...getInputProps(fields.contractMonths, { type: 'text' }), inputMode: 'numeric' }}
            errors={fields.contractMonths.errors}
          />
          <Field
            label="工作时间（选填）"
            hint="如：长白班，做六休一"
            inputProps={getInputProps(fields.workingHours, { type: 'text' })}
            errors={fields.workingHours.errors}
          />
          <Field
            label="最低年龄（选填）"
            inputProps={{ ...getInputProps(fields.ageMin, { type: 'text' }), inputMode: 'numeric' }}
            errors={fields.ageMin.errors}
          />
          <Field
            label="最高年龄（选填）"
            inputProps={{ ...getInputProps(fields.ageMax, { type: 'text' }), inputMode: 'numeric' }}
            errors={fields.ageMax.errors}
          />
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>工作地点</legend>
        <div className="form-grid">
          <div className="span-2">
            <Field label="详细地址" inputProps={{ ...getInputProps(fields.address, { type: 'text' }), autoComplete: 'off' }} errors={fields.address.errors} />
          </div>
          <div className="span-2 field">
            <span className="field__label" id="point-label">
              地图位置
            </span>
            <input type="hidden" name="lat" value={point ? String(point.lat) : ''} />
            <input type="hidden" name="lng" value={point ? String(point.lng) : ''} />
            <ClientOnly
              fallback={
                <p className="muted small">
                  {point ? '保留已保存的地图位置。' : `保存时使用${city.name}中心作为地图位置；启用 JavaScript 后可以在地图上点选。`}
                </p>
              }
            >
              {() => (
                <Suspense fallback={<p className="muted small">正在加载地图…</p>}>
                  <PointPicker centre={city} cityName={city.name} value={point} onChange={setPoint} tileUrl={tileUrl} label="在地图上点选工作地点" />
                </Suspense>
              )}
            </ClientOnly>
            <ErrorList id={`${fields.lat.id}-error`} errors={fields.lat.errors} />
          </div>
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>待遇与要求</legend>
        <div className="form-grid">
          <div className="span-2 checks">
            <label className="checkbox">
              <input {...getInputProps(fields.providesMeals, { type: 'checkbox' })} /> 包吃
            </label>
            <label className="checkbox">
              <input {...getInputProps(fields.providesHousing, { type: 'checkbox' })} /> 包住
            </label>
          </div>
          <TextareaField
            label="福利待遇（选填）"
            hint="如：五险一金、返岗补贴"
            textareaProps={getTextareaProps(fields.benefits)}
            errors={fields.benefits.errors}
          />
          <TextareaField
            label="岗位要求（选填）"
            hint="如：身体健康，能适应倒班"
            textareaProps={getTextareaProps(fields.requirements)}
            errors={fields.requirements.errors}
          />
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>联系与发布</legend>
        <div className="form-grid">
          <Field
            label="联系人"
            inputProps={{ ...getInputProps(fields.contactName, { type: 'text' }), autoComplete: 'off' }}
            errors={fields.contactName.errors}
          />
          <Field
            label="联系电话"
            hint="手机号或带区号的固定电话，如 0536-8881234"
            inputProps={{ ...getInputProps(fields.contactPhone, { type: 'tel' }), autoComplete: 'off' }}
            errors={fields.contactPhone.errors}
          />
          <fieldset className="field choice-group" aria-describedby={fields.targets.errors?.length ? `${fields.targets.id}-error` : undefined}>
            <legend>面向区县</legend>
            {getCollectionProps(fields.targets, { type: 'checkbox', options: counties.map((c) => c.code) }).map((props) => (
              <label key={props.key} className="checkbox">
                <input {...props} /> {counties.find((c) => c.code === props.value)?.name}
              </label>
            ))}
            {counties.length === 0 ? <p className="muted small">本市尚未设置对口区县，请联系平台管理员。</p> : null}
            <ErrorList id={`${fields.targets.id}-error`} errors={fields.targets.errors} />
          </fieldset>
          <Field
            label="有效期至"
            hint="过了这一天岗位自动过期，不再接受报名"
            inputProps={getInputProps(fields.validUntil, { type: 'date' })}
            errors={fields.validUntil.errors}
          />
        </div>
      </fieldset>

      <FormFooter errors={form.errors} errorId={form.errorId} submitLabel={submitLabel} cancelTo={cancelTo} />
    </Form>
  )
}

/** A form value as the text it was typed as ('' for anything else). */
function textOf(value: unknown) {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}
