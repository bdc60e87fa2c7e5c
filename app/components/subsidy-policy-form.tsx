import type { SubmissionResult } from '@conform-to/react'
import { formatFen } from '~/rules/money'
import type { PolicyTerms } from '~/rules/subsidy'
import { EMPLOYMENT_PROOFS, TRAVEL_MODES } from '~/rules/subsidy-enums'
import { EMPLOYMENT_PROOF_LABELS, TRAVEL_MODE_LABELS } from '~/rules/subsidy-labels'
import { PolicySchema } from '~/rules/subsidy-policy-form'
import { useZodForm } from '~/utils/zod-form'
import { Facts, type Fact } from './facts'
import { ChoiceGroup, Field, FieldGroup, RecordForm } from './forms'

// A county's transport-subsidy policy for a year (issue 13 §1): what it says, and its editor. The same for the
// county's own page (/west/subsidy-policy/<year>) and the operator's (/admin/subsidy-policies/<county>/<year>).

/** The policy's terms as a definition list: window, modes, cap, flat amounts (without tickets), proofs. Terms stay short for a 360 px phone. */
export function PolicyFacts({ terms }: { terms: PolicyTerms }) {
  const items: Fact[] = [
    { term: '受理时间', value: `${terms.opensOn} 至 ${terms.closesOn}` },
    { term: '补报截止', value: terms.lateUntil ?? '不设补报期' },
    { term: '可补贴方式', value: terms.eligibleModes.map((m) => TRAVEL_MODE_LABELS[m]).join('、') || '未设置' },
    { term: '每人封顶', value: terms.capFen == null ? '不封顶' : formatFen(terms.capFen) },
    { term: '市外无票定额', value: formatFen(terms.flatOutsideChongqingFen) },
    { term: '县外无票定额', value: formatFen(terms.flatOutsideCountyFen) },
    { term: '务工证明', value: terms.acceptedProofs.map((p) => EMPLOYMENT_PROOF_LABELS[p]).join('、') || '未设置' },
  ]
  return <Facts items={items} />
}

export type PolicyFormDefaults = {
  opensOn: string
  closesOn: string
  lateUntil: string
  eligibleModes: string[]
  capYuan: string
  flatOutsideChongqingYuan: string
  flatOutsideCountyYuan: string
  acceptedProofs: string[]
  stamp: string
}

/**
 * The editor of one year's policy: dates, modes and proofs as checkboxes, amounts in yuan. `stamp` (in the
 * defaults) says which version the form edits, so a form left open while someone else saved is refused, not
 * silently applied. Works without JavaScript; a refused post lists its problems at the top.
 */
export function SubsidyPolicyForm({
  lastResult,
  defaultValue,
  submitLabel,
  cancelTo,
}: {
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue: PolicyFormDefaults
  submitLabel: string
  cancelTo: string
}) {
  const [form, fields] = useZodForm(PolicySchema, { id: 'subsidy-policy', lastResult, defaultValue })
  return (
    <RecordForm form={form} submitLabel={submitLabel} cancelTo={cancelTo}>
      <input type="hidden" name={fields.stamp.name} value={defaultValue.stamp} />
      <FieldGroup legend="受理时间">
        <Field label="受理开始日期" meta={fields.opensOn} type="date" />
        <Field label="受理截止日期" meta={fields.closesOn} type="date" />
        <Field label="补报截止日期（选填）" hint="截止后仍可补报到这一天；返乡车票多在春节前后" meta={fields.lateUntil} type="date" />
      </FieldGroup>
      <FieldGroup legend="补贴标准">
        <ChoiceGroup
          legend="可补贴的乘坐方式"
          meta={fields.eligibleModes}
          type="checkbox"
          options={TRAVEL_MODES.map((m) => ({ value: m, label: TRAVEL_MODE_LABELS[m] }))}
        >
          <p className="muted small">渝人社发〔2016〕295号：限乘坐火车硬席、高铁/动车二等座和公交长途汽车，按票价据实补贴。</p>
        </ChoiceGroup>
        <Field label="每人每年封顶金额（元，选填）" hint="留空为不封顶" meta={fields.capYuan} inputMode="decimal" autoComplete="off" />
        <Field label="无车票定额：重庆市外务工（元）" hint="如 200" meta={fields.flatOutsideChongqingYuan} inputMode="decimal" autoComplete="off" />
        <Field label="无车票定额：市内本区县外务工（元）" hint="如 50" meta={fields.flatOutsideCountyYuan} inputMode="decimal" autoComplete="off" />
      </FieldGroup>
      <FieldGroup legend="务工证明">
        <ChoiceGroup
          legend="认可的务工证明"
          meta={fields.acceptedProofs}
          type="checkbox"
          options={EMPLOYMENT_PROOFS.map((p) => ({ value: p, label: EMPLOYMENT_PROOF_LABELS[p] }))}
        />
      </FieldGroup>
    </RecordForm>
  )
}

type VersionView = { version: number; terms: PolicyTerms; claims: number }

/** What the editor page's loader gives (app/models/subsidy-policy-page.server.ts policyEditorData). */
export type PolicyEditorView = {
  county: { name: string; shortName: string }
  year: number
  current: VersionView | null
  earlier: VersionView[]
  defaults: PolicyFormDefaults
}

/**
 * One county's policy for a year: the version in force with its facts, then the editor (open at once when there
 * is no policy yet or a post was refused), saying beforehand when saving will make a new version, then the
 * year's earlier versions. `showCounty` puts the county's name in the heading (the operator's page).
 */
export function PolicyVersions({
  editor,
  lastResult,
  cancelTo,
  showCounty = false,
}: {
  editor: PolicyEditorView
  lastResult: SubmissionResult<string[]> | null | undefined
  cancelTo: string
  showCounty?: boolean
}) {
  const { year, current, earlier } = editor
  const form = <SubsidyPolicyForm lastResult={lastResult} defaultValue={editor.defaults} submitLabel={current ? '保存修改' : '建立政策'} cancelTo={cancelTo} />
  return (
    <>
      <h1>
        {showCounty ? `${editor.county.name} ` : null}
        {year}年交通补助政策
      </h1>
      {current ? (
        <section className="card">
          <h2>第 {current.version} 版（现行）</h2>
          <p className="muted small">{current.claims > 0 ? `已有 ${current.claims} 份申请按这一版提交。` : '还没有申请按这一版提交。'}</p>
          <PolicyFacts terms={current.terms} />
        </section>
      ) : (
        <p className="notice">{year}年的政策还没有建立，工人暂时不能申领这一年的交通补助。下面已按市里的政策原文和区县通行做法填好默认值，核对后建立即可。</p>
      )}
      {current ? (
        <details className="card spaced-top" open={lastResult != null ? true : undefined}>
          <summary>修改政策</summary>
          {current.claims > 0 ? (
            <p className="notice">
              已有申请按第 {current.version} 版提交，这一版不再改动：保存后修改将另存为第 {current.version + 1} 版，已提交的申请仍按第 {current.version}{' '}
              版审核，此后提交的申请按新版办理。
            </p>
          ) : null}
          {form}
        </details>
      ) : (
        form
      )}
      {earlier.length > 0 ? (
        <section className="spaced-top">
          <h2>以前的版本</h2>
          {earlier.map((v) => (
            <details key={v.version} className="card">
              <summary>
                第 {v.version} 版 · {v.claims} 份申请按此版提交
              </summary>
              <PolicyFacts terms={v.terms} />
            </details>
          ))}
        </section>
      ) : null}
    </>
  )
}
