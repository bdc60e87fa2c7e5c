import type { SubmissionResult } from '@conform-to/react'
import type { LinksFunction } from '@remix-run/node'
import { Form } from '@remix-run/react'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { lazy, Suspense, useEffect, useState } from 'react'
import { BackLink } from '~/components/back-link'
import { ClientOnly } from '~/components/client-only'
import { ChoiceGroup, Field, FieldGroup, RecordForm, SelectField, SubmitButton } from '~/components/forms'
import { StatusBadge } from '~/components/status-badge'
import type { MapTiles } from '~/rules/map'
import type { SiteExample } from '~/rules/site-examples'
import { SITE_SERVICE_LABELS, SITE_STATUS, SITE_TYPE_LABELS, siteFieldsSchema, siteServicesText, type SiteFields, type SiteStatus } from '~/rules/site'
import { parsePoint } from '~/rules/vacancy'
import { useIsPending } from '~/utils/pending'
import { useZodForm } from '~/utils/zod-form'

// The site form of the owner's pages (issue 14 §1), shared by "new" and the site's own page. Without
// JavaScript the map point is two plain inputs (纬度, 经度) checked by the server; with it, the point
// picker (Leaflet, loaded lazily) fills the same two inputs, and typing in them moves its marker.

const PointPicker = lazy(() => import('./point-picker.client'))

/** The `links` of a route showing the site form: Leaflet's stylesheet for the point picker. */
export const siteFormLinks: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }]

const SERVICE_OPTIONS = Object.entries(SITE_SERVICE_LABELS).map(([value, label]) => ({ value, label }))

/** The form's starting values as text, as a form sends them (services as codes). */
export type SiteFormDefaults = Partial<
  Record<'type' | 'siteNumber' | 'name' | 'address' | 'lat' | 'lng' | 'contactName' | 'contactPhone' | 'openingHours' | 'workersHelped', string>
> & {
  services?: string[]
}

/**
 * The site form: type, number, name, address, point, contact, hours, services and workers helped, posted
 * to this route's action with `intent` save (and `version`, for an edit: a stale form is refused). Takes
 * the action's last reply, the starting values, where the map starts (the owner's city or county centre),
 * the operator's tiles (null: the bundled outline), the submit label, where 取消 goes and, for a new site, its
 * form token (no `version`); for an edit, the `version` (no token).
 */
export function SiteForm({
  lastResult,
  defaultValue,
  centre,
  tiles,
  submitLabel,
  cancelTo,
  example,
  version,
  formToken,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue: SiteFormDefaults
  centre: { name: string; lat: number; lng: number }
  tiles: MapTiles | null
  /** The owner's example site (siteExample): the hints show its number and phone, never the other side's. */
  example: SiteExample
  submitLabel: string
  cancelTo: string
  /** An existing site's version, sent back so a colleague's later change is not overwritten. */
  version?: number
  /** A new site's form token (issueFormToken), so the site is made once however often the form is sent. */
  formToken?: string
}) {
  // The schema's number cells (text or number, for the import) and its point step are beyond conform's
  // constraint reader, so the browser checks with the schema itself on blur rather than HTML constraints.
  const [form, fields] = useZodForm(siteFieldsSchema, { id: 'site', lastResult, defaultValue, htmlConstraints: false })
  // The picker shows what the two inputs hold, read from the inputs themselves: conform's field values lag a
  // programmatic update by a render, so the marker showed the tap before last (or one tap's latitude with
  // the next one's longitude). A tap sets the point at once and writes both inputs.
  const [point, setPoint] = useState(() => parsePoint(textOf(fields.lat.value), textOf(fields.lng.value)))
  useEffect(() => {
    const formEl = document.getElementById(form.id)
    if (!(formEl instanceof HTMLFormElement)) return
    const valueOf = (name: string) => {
      const input = formEl.elements.namedItem(name)
      return input instanceof HTMLInputElement ? input.value : ''
    }
    const read = () => setPoint(parsePoint(valueOf(fields.lat.name), valueOf(fields.lng.name)))
    // Also after a server reply (a refused save), which brings the inputs' values back.
    read()
    const onInput = (e: Event) => {
      const name = e.target instanceof HTMLInputElement ? e.target.name : ''
      if (name === fields.lat.name || name === fields.lng.name) read()
    }
    formEl.addEventListener('input', onInput)
    return () => formEl.removeEventListener('input', onInput)
  }, [form.id, fields.lat.name, fields.lng.name, lastResult])
  function pick(p: { lat: number; lng: number } | null) {
    setPoint(p)
    // A message beside 纬度/经度 (a refused save's "请在地图上选点…" or "位置不在…") goes once a point is chosen:
    // the fields are marked not yet validated, and checked again on blur or on saving. Not form.validate here:
    // conform writes the picked values into the inputs only after the next render, so a validation now read
    // the inputs as they were and showed "请在地图上选点" beside a freshly picked point.
    form.update({ name: fields.lat.name, value: p ? String(p.lat) : '', validated: false })
    form.update({ name: fields.lng.name, value: p ? String(p.lng) : '', validated: false })
  }
  return (
    <RecordForm form={form} className="vacancy-form site-form" submitLabel={submitLabel} cancelTo={cancelTo} formToken={formToken}>
      <input type="hidden" name="intent" value="save" />
      {version != null ? <input type="hidden" name="version" value={version} /> : null}
      <FieldGroup legend="站点信息">
        <SelectField label="站点类型" meta={fields.type} labels={SITE_TYPE_LABELS} placeholder="请选择" />
        <Field
          label="站点编号"
          hint={`字母、数字或短横线，全平台唯一，如 ${example.siteNumber}`}
          meta={fields.siteNumber}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          className="mono"
        />
        <div className="span-2">
          <Field label="站点名称" meta={fields.name} autoComplete="off" />
        </div>
        <div className="span-2">
          <Field label="地址" hint="写到门牌号，方便群众找到" meta={fields.address} autoComplete="off" />
        </div>
      </FieldGroup>

      <FieldGroup legend="地图位置">
        <Field label="纬度" hint={`如 ${centre.lat.toFixed(4)}（北纬）`} meta={fields.lat} inputMode="decimal" autoComplete="off" />
        <Field label="经度" hint={`如 ${centre.lng.toFixed(4)}（东经）`} meta={fields.lng} inputMode="decimal" autoComplete="off" />
        <div className="span-2">
          <ClientOnly fallback={<p className="muted small">可从手机地图应用中复制坐标（WGS-84）；启用 JavaScript 后可以在地图上点选。</p>}>
            {() => (
              <Suspense fallback={<p className="muted small">正在加载地图…</p>}>
                <PointPicker
                  centre={centre}
                  cityName={centre.name}
                  value={point}
                  onChange={pick}
                  tiles={tiles}
                  label="在地图上点选站点位置"
                  pointLabel="站点位置"
                  emptyText="未选位置：请在地图上点选，或填写纬度和经度"
                />
              </Suspense>
            )}
          </ClientOnly>
        </div>
      </FieldGroup>

      <FieldGroup legend="联系与服务">
        <Field label="联系人" meta={fields.contactName} autoComplete="off" />
        <Field label="联系电话" hint={`手机号或带区号的固定电话，如 ${example.contactPhone}`} meta={fields.contactPhone} type="tel" autoComplete="off" />
        <div className="span-2">
          <Field label="开放时间" hint="如：周一至周五 8:30-17:30" meta={fields.openingHours} autoComplete="off" />
        </div>
        <div className="span-2">
          <ChoiceGroup legend="服务内容（至少选一项）" meta={fields.services} type="checkbox" options={SERVICE_OPTIONS} />
        </div>
        <Field label="服务人数" hint="累计服务的务工人员人数" meta={fields.workersHelped} inputMode="numeric" autoComplete="off" />
      </FieldGroup>
    </RecordForm>
  )
}

/** A form value as the text it was typed as ('' for anything else). */
function textOf(value: unknown) {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

/** The new-site page: its heading and an empty form (the map starts at the owner's centre). */
export function NewSitePage({
  side,
  lastResult,
  centre,
  tiles,
  example,
  formToken,
}: {
  side: 'east' | 'west'
  lastResult: SubmissionResult<string[]> | null | undefined
  centre: { name: string; lat: number; lng: number }
  tiles: MapTiles | null
  example: SiteExample
  /** The page's form token from newSiteLoader. */
  formToken: string
}) {
  return (
    <main className="container page">
      <BackLink to={`/${side}/sites`}>服务站点</BackLink>
      <h1>新增服务站点</h1>
      <SiteForm
        lastResult={lastResult}
        defaultValue={{}}
        centre={centre}
        tiles={tiles}
        example={example}
        submitLabel="保存站点"
        cancelTo={`/${side}/sites`}
        formToken={formToken}
      />
    </main>
  )
}

/** A site as its page shows it (siteLoader in app/models/site-page.server.ts): its fields, status and version. */
export type SitePageSite = SiteFields & { id: number; status: SiteStatus; version: number }

/**
 * A site's own page: what the public map shows of it (the phone a tap-to-call link), 关闭 / 重新开放, and
 * the edit form under 修改站点信息 (open when the last sending was refused). Takes the side, the site, the
 * action's last reply and the form's map start and tiles.
 */
export function SitePage({
  side,
  site,
  lastResult,
  centre,
  tiles,
  example,
}: {
  side: 'east' | 'west'
  site: SitePageSite
  lastResult: SubmissionResult<string[]> | null | undefined
  centre: { name: string; lat: number; lng: number }
  tiles: MapTiles | null
  example: SiteExample
}) {
  const pending = useIsPending({ intent: site.status === 'active' ? 'close' : 'reopen' })
  // A refused save comes back with the form's values (conform's reply): its messages, a stale form's too,
  // show in the form, opened. A refused 关闭 / 重新开放 has none: its message shows at the top. Never both.
  const saveReply = lastResult?.initialValue != null ? lastResult : null
  const refused = saveReply?.status === 'error'
  const pageErrors = saveReply ? null : (lastResult?.error?.[''] ?? null)
  return (
    <main className="container page">
      <BackLink to={`/${side}/sites`}>服务站点</BackLink>
      <h1>
        {site.name} <StatusBadge spec={SITE_STATUS} status={site.status} />
      </h1>
      {pageErrors ? (
        <p className="notice" role="alert">
          {pageErrors.join(' ')}
        </p>
      ) : null}
      <section className="card">
        <dl className="facts">
          <dt>类型</dt>
          <dd>{SITE_TYPE_LABELS[site.type]}</dd>
          <dt>站点编号</dt>
          <dd className="mono">{site.siteNumber}</dd>
          <dt>地址</dt>
          <dd>{site.address}</dd>
          <dt>位置</dt>
          <dd>
            北纬 {site.lat}，东经 {site.lng}
          </dd>
          <dt>联系人</dt>
          <dd>{site.contactName}</dd>
          <dt>联系电话</dt>
          <dd>
            <a href={`tel:${site.contactPhone}`}>{site.contactPhone}</a>
          </dd>
          <dt>开放时间</dt>
          <dd>{site.openingHours}</dd>
          <dt>服务内容</dt>
          <dd>{siteServicesText(site.services)}</dd>
          <dt>服务人数</dt>
          <dd>{site.workersHelped.toLocaleString('zh-CN')}</dd>
        </dl>
        <Form method="post" className="actions site-status-form">
          <input type="hidden" name="version" value={site.version} />
          {site.status === 'active' ? (
            <>
              <SubmitButton pending={pending} name="intent" value="close" className="button button--secondary">
                关闭站点
              </SubmitButton>
              <span className="muted small">关闭后不再显示在公开地图上，可以随时重新开放。</span>
            </>
          ) : (
            <>
              <SubmitButton pending={pending} name="intent" value="reopen" className="button">
                重新开放
              </SubmitButton>
              <span className="muted small">已关闭，不显示在公开地图上。</span>
            </>
          )}
        </Form>
      </section>
      <details className="card site-edit" open={refused}>
        <summary>修改站点信息</summary>
        <SiteForm
          lastResult={saveReply}
          defaultValue={{
            type: site.type,
            siteNumber: site.siteNumber,
            name: site.name,
            address: site.address,
            lat: String(site.lat),
            lng: String(site.lng),
            contactName: site.contactName,
            contactPhone: site.contactPhone,
            openingHours: site.openingHours,
            services: site.services,
            workersHelped: String(site.workersHelped),
          }}
          centre={centre}
          tiles={tiles}
          example={example}
          submitLabel="保存修改"
          cancelTo={`/${side}/sites/${site.id}`}
          version={site.version}
        />
      </details>
    </main>
  )
}
