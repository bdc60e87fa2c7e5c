import type { SubmissionResult } from '@conform-to/react'
import { lazy, Suspense } from 'react'
import { BatchSchema } from '~/rules/batch-form'
import { parsePoint } from '~/rules/vacancy'
import { useZodForm } from '~/utils/zod-form'
import { ClientOnly } from './client-only'
import { ChoiceGroup, Field, FieldGroup, RecordForm, SelectField, TextareaField } from './forms'
import type { MapTiles } from '~/rules/map'
import type { Point } from './point-picker.client'

// Leaflet touches `window` when it loads: the map is loaded only in the browser, after hydration. The two
// degree fields stay in the form either way, so without JavaScript staff can still type a point.
const PointPicker = lazy(() => import('./point-picker.client'))

/**
 * What the batch form offers: destination cities (paired first), the employers it lists to tick, and where
 * the pickup map starts (the county's centre) with the operator's tiles (null: a blank map). No `map`: the
 * degree fields only.
 */
export type BatchFormChoices = {
  cities: { code: string; name: string }[]
  employers: { id: number; name: string }[]
  map?: { centre: Point & { name: string }; tileUrl: string | null; tiles: MapTiles | null } | null
}

export type BatchFormDefaults = Partial<
  Record<
    'cityCode' | 'pickupName' | 'pickupAddress' | 'lat' | 'lng' | 'departureDate' | 'departureTime' | 'escortName' | 'escortPhone' | 'notes',
    string | null
  >
> & {
  employerIds?: string[]
}

/** The county's batch form (issue 12 §2), for a new batch and for editing one. */
export function BatchForm({
  lastResult,
  defaultValue,
  choices,
  submitLabel,
  cancelTo,
  formToken,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue: BatchFormDefaults
  choices: BatchFormChoices
  submitLabel: string
  cancelTo: string
  /** The new-batch page's form token (issueFormToken), so a draft is saved once however often it is sent. */
  formToken?: string
}) {
  const [form, fields] = useZodForm(BatchSchema, { id: 'batch', lastResult, defaultValue })
  // The map shows what the degree fields hold, and a click on it writes them.
  const point = parsePoint(fields.lat.value, fields.lng.value)
  // One update for both fields: two in a row would each re-read the form, and the first would be lost.
  function pick(p: Point | null) {
    form.update({ value: { ...form.value, lat: p ? String(p.lat) : '', lng: p ? String(p.lng) : '' } })
  }
  return (
    <RecordForm form={form} submitLabel={submitLabel} cancelTo={cancelTo} formToken={formToken}>
      <FieldGroup legend="出发">
        <Field label="集合地点" hint="如 汉丰街道汽车站" meta={fields.pickupName} autoComplete="off" />
        <Field label="集合地址" meta={fields.pickupAddress} autoComplete="off" />
        <div className="span-2 field">
          <span className="field__label">{choices.map ? '集合地点的地图位置（选填）' : '集合地点的经纬度（选填）'}</span>
          {choices.map ? (
            <ClientOnly fallback={<p className="muted small">在下面填写纬度和经度；启用 JavaScript 后也可以在地图上点选。</p>}>
              {() => (
                <Suspense fallback={<p className="muted small">正在加载地图…</p>}>
                  <PointPicker
                    centre={choices.map!.centre}
                    cityName={choices.map!.centre.name}
                    value={point}
                    onChange={pick}
                    tileUrl={choices.map!.tileUrl}
                    tiles={choices.map!.tiles}
                    label="在地图上点选集合地点"
                    pointLabel="集合地点"
                    emptyText="未选位置（可不选）"
                  />
                </Suspense>
              )}
            </ClientOnly>
          ) : null}
        </div>
        <Field label="纬度" hint="北纬，度，如 31.16122" meta={fields.lat} inputMode="decimal" autoComplete="off" />
        <Field label="经度" hint="东经，度，如 108.39307" meta={fields.lng} inputMode="decimal" autoComplete="off" />
        <Field label="发车日期" meta={fields.departureDate} type="date" />
        <Field label="发车时间" hint="24 小时制，如 07:30" meta={fields.departureTime} inputMode="numeric" autoComplete="off" />
      </FieldGroup>
      <FieldGroup legend="目的地">
        <SelectField
          label="目的地城市"
          hint="默认为对口协作城市"
          meta={fields.cityCode}
          options={choices.cities.map((c) => ({ value: c.code, label: c.name }))}
        />
        <ChoiceGroup
          legend="用人单位"
          meta={fields.employerIds}
          type="checkbox"
          options={choices.employers.map((e) => ({ value: String(e.id), label: e.name }))}
        >
          {choices.employers.length === 0 ? <p className="muted small">对口城市人社局还没有登记用人单位，可以先不选。</p> : null}
        </ChoiceGroup>
      </FieldGroup>
      <FieldGroup legend="带队">
        <Field label="带队干部" meta={fields.escortName} autoComplete="off" />
        <Field label="带队干部手机" meta={fields.escortPhone} type="tel" autoComplete="off" />
        <TextareaField label="备注" hint="如 携带身份证、行李限一件" meta={fields.notes} />
      </FieldGroup>
    </RecordForm>
  )
}
