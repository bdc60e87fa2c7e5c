import type { SubmissionResult } from '@conform-to/react'
import { getFormProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { CardSchema, ProofSchema } from '~/rules/claim-form'
import { formatFen } from '~/rules/money'
import { EMPLOYMENT_PROOFS, PAYMENT_CARD_KINDS, WORK_DISTANCES, type EmploymentProof } from '~/rules/subsidy-enums'
import { EMPLOYMENT_PROOF_LABELS, PAYMENT_CARD_KIND_LABELS, WORK_DISTANCE_LABELS } from '~/rules/subsidy-labels'
import { useIsPending } from '~/utils/pending'
import { useZodForm } from '~/utils/zod-form'
import { useAutosave } from './claim-form-autosave'
import { CLAIM_FILE_ACCEPT } from './claim-form-ticket'
import { ClaimFileLink, type SummaryFile } from './claim-summary'
import { ChoiceGroup, ErrorList, Field, FormErrors, SelectField, SubmitButton } from './forms'

// The sections of the worker's claim editor (issue 13 §3) other than tickets: the proof of work, the flat
// amount without tickets, and the card the money goes to. Each is its own plain post (multipart where it
// carries files), saved by its own button, so the page works without JavaScript.

type Reply = SubmissionResult<string[]> | null | undefined

/** The proof of work: a portal employment record of the worker's, or an uploaded document of a kind the county accepts. */
export function ClaimProofForm({
  current,
  accepted,
  employment,
  proofFiles,
  lastResult,
}: {
  current: { proofKind: EmploymentProof | null; employmentRecordId: number | null; workDistance: string }
  accepted: readonly EmploymentProof[]
  employment: readonly { id: number; employerName: string; cityName: string; startDate: string }[]
  proofFiles: readonly SummaryFile[]
  lastResult: Reply
}) {
  const [form, fields] = useZodForm(ProofSchema, {
    id: 'proof',
    lastResult,
    htmlConstraints: false,
    defaultValue: {
      proofKind: current.proofKind ?? (employment.length ? 'employment_record' : undefined),
      employmentRecordId: current.employmentRecordId == null ? undefined : String(current.employmentRecordId),
      workDistance: current.workDistance,
    },
  })
  const pending = useIsPending({ intent: 'proof' })
  const autosave = useAutosave('proof')
  const kinds = EMPLOYMENT_PROOFS.filter((k) => accepted.includes(k) && (k !== 'employment_record' || employment.length > 0))
  const fileErrors = lastResult?.error?.files
  return (
    <Form method="post" action="?form=proof" encType="multipart/form-data" className="form" {...getFormProps(form)} onChange={autosave.handlers.onChange}>
      <input type="hidden" name="intent" value="proof" />
      <div className="form-grid">
        <SelectField label="务工地" meta={fields.workDistance} options={WORK_DISTANCES.map((d) => ({ value: d, label: WORK_DISTANCE_LABELS[d] }))} />
        <SelectField
          label="务工证明"
          meta={fields.proofKind}
          placeholder="请选择"
          options={kinds.map((k) => ({ value: k, label: EMPLOYMENT_PROOF_LABELS[k] }))}
        />
        {employment.length ? (
          // Radios, not a select: an employer's full name and city wrap on a 360 px phone instead of being cut.
          <ChoiceGroup
            legend="平台就业记录"
            meta={fields.employmentRecordId}
            type="radio"
            options={[
              ...employment.map((e) => ({ value: String(e.id), label: `${e.employerName}（${e.cityName}，${e.startDate} 起）` })),
              { value: '', label: '不用平台记录，上传证明' },
            ]}
          >
            <p className="field__hint">选“平台就业记录”时不用上传证明</p>
          </ChoiceGroup>
        ) : null}
        <div className="field">
          <label htmlFor="proof-files">证明的照片或 PDF</label>
          <input
            id="proof-files"
            name="files"
            type="file"
            multiple
            accept={CLAIM_FILE_ACCEPT}
            aria-invalid={fileErrors?.length ? true : undefined}
            aria-describedby={`proof-files-hint${fileErrors?.length ? ' proof-files-error' : ''}`}
          />
          <p id="proof-files-hint" className="field__hint">
            用工单位证明、劳动合同、近 3 个月工资流水或社保缴纳记录，拍照或选 PDF，可以一次选几张。
          </p>
          <ErrorList id="proof-files-error" errors={fileErrors} />
        </div>
      </div>
      {proofFiles.length ? (
        <ul className="small">
          {proofFiles.map((f) => (
            <li key={f.id}>
              已上传：
              <ClaimFileLink file={f} />
            </li>
          ))}
        </ul>
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <SubmitButton pending={pending} pendingLabel="正在保存…">
        保存务工证明
      </SubmitButton>
      <p className="small muted" role="status" aria-live="polite">
        {autosave.words}
      </p>
    </Form>
  )
}

/** Claim the flat amount when there are no tickets (¥200 outside Chongqing, ¥50 outside the county in Chongqing by default). */
export function ClaimFlatForm({
  flat,
  amounts,
  lastResult,
}: {
  flat: boolean
  amounts: { outsideChongqingFen: number; outsideCountyFen: number }
  lastResult: Reply
}) {
  const pending = useIsPending({ intent: 'flat' })
  const errors = lastResult?.error?.flat ?? lastResult?.error?.['']
  return (
    <Form method="post" action="?form=flat" className="form">
      <input type="hidden" name="intent" value="flat" />
      <p className="small">
        没有车票也可以申请定额补助：重庆市外务工 {formatFen(amounts.outsideChongqingFen)}，市内其他区县务工 {formatFen(amounts.outsideCountyFen)}。
        以后找到车票，可以再按实际票价申请补差。
      </p>
      {flat ? <input type="hidden" name="flat" value="" /> : <input type="hidden" name="flat" value="on" />}
      <ErrorList errors={errors} />
      <SubmitButton pending={pending} pendingLabel="正在保存…" className="button button--secondary">
        {flat ? '不按定额，改为添加车票' : '没有车票，按定额申请'}
      </SubmitButton>
    </Form>
  )
}

/** The card the money goes to: kind, number typed twice; once saved it shows masked and can be changed. */
export function ClaimCardForm({ lastResult, currentKind }: { lastResult: Reply; currentKind: string | null }) {
  const [form, fields] = useZodForm(CardSchema, {
    id: 'card',
    lastResult,
    htmlConstraints: false,
    defaultValue: { cardKind: currentKind ?? 'social_security' },
  })
  const pending = useIsPending({ intent: 'card' })
  return (
    <Form method="post" action="?form=card" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="card" />
      <div className="form-grid">
        <SelectField label="收款卡" meta={fields.cardKind} options={PAYMENT_CARD_KINDS.map((k) => ({ value: k, label: PAYMENT_CARD_KIND_LABELS[k] }))} />
        <Field label="卡号" hint="社保卡填背面的 16 至 19 位银行账号" meta={fields.cardNumber} inputMode="numeric" autoComplete="off" />
        <Field label="再输入一次卡号" meta={fields.cardNumberAgain} inputMode="numeric" autoComplete="off" />
      </div>
      <FormErrors id={form.errorId} errors={form.errors} />
      <SubmitButton pending={pending} pendingLabel="正在保存…">
        保存卡号
      </SubmitButton>
    </Form>
  )
}
