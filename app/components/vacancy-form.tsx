import type { SubmissionResult } from '@conform-to/react'
import { Link } from '@remix-run/react'
import { lazy, Suspense, useState } from 'react'
import { ClientOnly } from '~/components/client-only'
import { Checkbox, ChoiceGroup, ErrorList, Field, FieldGroup, RecordForm, SelectField, TextareaField } from '~/components/forms'
import { EmployerSchema } from '~/rules/employer'
import { INDUSTRY_LABELS, parsePoint, VacancySchema } from '~/rules/vacancy'
import type { z } from '~/rules/zod'
import { useZodForm } from '~/utils/zod-form'
import type { MapTiles } from '~/rules/map'
import type { Point } from './point-picker.client'

// The two forms of the east side of the vacancy board: employers and posts. Both work without
// JavaScript (plain posts, server validation); with it, conform validates as staff type.

const PointPicker = lazy(() => import('./point-picker.client'))

const PHONE_HINT = '手机号或带区号的固定电话，如 0536-8881234'

export type EmployerFormDefaults = Partial<Record<keyof z.input<typeof EmployerSchema>, string | null>>

/** The employer form, shared by "new" and "edit". */
export function EmployerForm({
  lastResult,
  defaultValue,
  submitLabel,
  cancelTo,
  formToken,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue: EmployerFormDefaults
  submitLabel: string
  cancelTo: string
  /** A new record's form: its token (RecordForm). */
  formToken?: string
}) {
  const [form, fields] = useZodForm(EmployerSchema, { id: 'employer', lastResult, defaultValue })
  return (
    <RecordForm form={form} className="vacancy-form" submitLabel={submitLabel} cancelTo={cancelTo} formToken={formToken}>
      <FieldGroup legend="单位信息">
        <Field label="单位名称" hint="与营业执照一致" meta={fields.name} autoComplete="organization" />
        <Field
          label="统一社会信用代码"
          hint="18 位，见营业执照；系统会核对校验位"
          meta={fields.uscc}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          className="mono"
        />
        <SelectField label="行业" meta={fields.industry} labels={INDUSTRY_LABELS} placeholder="请选择" />
        <Field label="单位地址" meta={fields.address} autoComplete="street-address" />
        <Field label="联系人" meta={fields.contactName} autoComplete="off" />
        <Field label="联系电话" hint={PHONE_HINT} meta={fields.contactPhone} type="tel" autoComplete="off" />
      </FieldGroup>
    </RecordForm>
  )
}

export type VacancyFormDefaults = Partial<Record<Exclude<keyof z.input<typeof VacancySchema>, 'targets'>, string | null>> & { targets?: string[] }

export type EmployerChoice = { id: number; name: string; industry: string; address: string; contactName: string; contactPhone: string }

/** What the posting form offers and where its map starts: getVacancyFormContext in app/models/vacancy-form.server.ts. */
export type VacancyFormChoices = {
  employers: EmployerChoice[]
  counties: { code: string; name: string }[]
  city: { name: string; lat: number; lng: number }
  tileUrl: string | null
  /** The operator's tiles with their coordinate system (env.mapTiles; null: the bundled outline). */
  tiles: MapTiles | null
}

/** The posting form, shared by "new" and "edit". */
export function VacancyForm({
  lastResult,
  defaultValue,
  choices: { employers, counties, city, tileUrl, tiles },
  submitLabel,
  cancelTo,
  formToken,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue: VacancyFormDefaults
  choices: VacancyFormChoices
  submitLabel: string
  cancelTo: string
  /** A new record's form: its token (RecordForm). */
  formToken?: string
}) {
  const [form, fields] = useZodForm(VacancySchema, { id: 'vacancy', lastResult, defaultValue })
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
    <RecordForm form={form} className="vacancy-form" submitLabel={submitLabel} cancelTo={cancelTo} formToken={formToken}>
      <FieldGroup legend="岗位信息">
        <Field label="岗位名称" hint="如：数控车床操作工" meta={fields.title} autoComplete="off" />
        <SelectField
          label="用人单位"
          hint={
            <>
              列表中没有？先<Link to="/east/employers/new">登记用人单位</Link>
            </>
          }
          meta={fields.employerId}
          options={employers.map((e) => ({ value: String(e.id), label: e.name }))}
          placeholder="请选择"
          onChange={(e) => prefillFrom(e.currentTarget.value)}
        />
        <SelectField label="行业" meta={fields.industry} labels={INDUSTRY_LABELS} placeholder="请选择" />
        <Field label="招聘人数" meta={fields.headcount} inputMode="numeric" />
        <Field label="最低月薪（元）" meta={fields.salaryMin} inputMode="numeric" />
        <Field label="最高月薪（元）" hint="整数元；固定工资两项填同一个数" meta={fields.salaryMax} inputMode="numeric" />
        <Field label="合同期限（月，选填）" meta={fields.contractMonths} inputMode="numeric" />
        <Field label="工作时间（选填）" hint="如：长白班，做六休一" meta={fields.workingHours} />
        <Field label="最低年龄（选填）" meta={fields.ageMin} inputMode="numeric" />
        <Field label="最高年龄（选填）" meta={fields.ageMax} inputMode="numeric" />
      </FieldGroup>

      <FieldGroup legend="工作地点">
        <div className="span-2">
          <Field label="详细地址" meta={fields.address} autoComplete="off" />
        </div>
        <div className="span-2 field">
          <span className="field__label" id="point-label">
            地图位置
          </span>
          <input type="hidden" name="lat" value={point ? String(point.lat) : ''} />
          <input type="hidden" name="lng" value={point ? String(point.lng) : ''} />
          <ClientOnly
            fallback={
              <p className="muted small">{point ? '保留已保存的地图位置。' : `保存时使用${city.name}中心作为地图位置；启用 JavaScript 后可以在地图上点选。`}</p>
            }
          >
            {() => (
              <Suspense fallback={<p className="muted small">正在加载地图…</p>}>
                <PointPicker
                  centre={city}
                  cityName={city.name}
                  value={point}
                  onChange={setPoint}
                  tileUrl={tileUrl}
                  tiles={tiles}
                  label="在地图上点选工作地点"
                />
              </Suspense>
            )}
          </ClientOnly>
          <ErrorList id={`${fields.lat.id}-error`} errors={fields.lat.errors} />
        </div>
      </FieldGroup>

      <FieldGroup legend="待遇与要求">
        <div className="span-2 checks">
          <Checkbox meta={fields.providesMeals} label="包吃" />
          <Checkbox meta={fields.providesHousing} label="包住" />
        </div>
        <TextareaField label="福利待遇（选填）" hint="如：五险一金、返岗补贴" meta={fields.benefits} />
        <TextareaField label="岗位要求（选填）" hint="如：身体健康，能适应倒班" meta={fields.requirements} />
      </FieldGroup>

      <FieldGroup legend="联系与发布">
        <Field label="联系人" meta={fields.contactName} autoComplete="off" />
        <Field label="联系电话" hint={PHONE_HINT} meta={fields.contactPhone} type="tel" autoComplete="off" />
        <ChoiceGroup legend="面向区县" meta={fields.targets} type="checkbox" options={counties.map((c) => ({ value: c.code, label: c.name }))}>
          {counties.length === 0 ? <p className="muted small">本市尚未设置对口区县，请联系平台管理员。</p> : null}
        </ChoiceGroup>
        <Field label="有效期至" hint="过了这一天岗位自动过期，不再接受报名" meta={fields.validUntil} type="date" />
      </FieldGroup>
    </RecordForm>
  )
}

/** A form value as the text it was typed as ('' for anything else). */
function textOf(value: unknown) {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}
