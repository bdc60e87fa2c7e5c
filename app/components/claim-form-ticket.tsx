import type { SubmissionResult } from '@conform-to/react'
import { getFormProps } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { TicketSchema } from '~/rules/claim-form'
import { LEG_DIRECTIONS, TRAVEL_MODES, type TravelMode } from '~/rules/subsidy-enums'
import { LEG_DIRECTION_LABELS, TRAVEL_MODE_LABELS } from '~/rules/subsidy-labels'
import { useIsPending } from '~/utils/pending'
import { useZodForm } from '~/utils/zod-form'
import { useAutosave } from './claim-form-autosave'
import { ErrorSummary, errorSummaryItems } from './error-summary'
import { ErrorList, Field, FormErrors, SelectField, SubmitButton } from './forms'

// One ticket of a claim (issue 13 §3): add one (with its photos or PDFs in one pick) or correct one. A plain
// multipart post, so it works without JavaScript on a 360 px phone; the fare is typed in yuan and stored in fen
// exactly. The modes the county does not pay for are marked in the choice, so the worker knows before adding.

/** What the file input takes: photos from the camera or the gallery, or PDFs; `capture` is not forced, so both stay open. */
export const CLAIM_FILE_ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf'

/** A stored ticket as the form shows it for correction (fare in fen). */
export type TicketDefaults = {
  id: number
  direction: string
  mode: string
  travelDate: string
  fromPlace: string
  toPlace: string
  fareFen: number
  ticketNumber: string
}

/** Fen as the fare box shows it: `456.5` → `456.50`. */
function yuanText(fen: number) {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
}

/** The ticket form: a new ticket (`ticket` null, with the file pick) or the correction of one (no files: those are added beside it). */
export function ClaimTicketForm({
  ticket,
  eligibleModes,
  lastResult,
  defaultDirection = 'outbound',
}: {
  ticket: TicketDefaults | null
  eligibleModes: readonly TravelMode[]
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultDirection?: string
}) {
  const formKey = ticket ? `ticket-${ticket.id}` : 'ticket-new'
  const [form, fields] = useZodForm(TicketSchema, {
    id: formKey,
    lastResult,
    htmlConstraints: false,
    defaultValue: ticket
      ? { ...ticket, ticketId: String(ticket.id), fare: yuanText(ticket.fareFen) }
      : { direction: defaultDirection, mode: eligibleModes[0] ?? 'hsr_second' },
  })
  const pending = useIsPending({ intent: 'ticket', match: ticket ? { ticketId: ticket.id } : {} })
  // A stored ticket saves itself as it is corrected; a new one is added by its button.
  const autosave = useAutosave(formKey)
  const fileErrors = lastResult?.error?.files
  const modeOptions = TRAVEL_MODES.map((m) => ({ value: m, label: eligibleModes.includes(m) ? TRAVEL_MODE_LABELS[m] : `${TRAVEL_MODE_LABELS[m]}（不予补助）` }))
  return (
    <Form
      method="post"
      action={`?form=${formKey}`}
      encType="multipart/form-data"
      className="form"
      {...getFormProps(form)}
      onChange={ticket ? autosave.handlers.onChange : undefined}
    >
      <input type="hidden" name="intent" value="ticket" />
      {ticket ? <input type="hidden" name="ticketId" value={ticket.id} /> : null}
      <ErrorSummary items={errorSummaryItems(form.allErrors, (name) => `${form.id}-${name}`)} />
      <div className="form-grid">
        <SelectField label="去程还是返程" meta={fields.direction} options={LEG_DIRECTIONS.map((d) => ({ value: d, label: LEG_DIRECTION_LABELS[d] }))} />
        <SelectField label="乘坐方式" hint="火车硬座/硬卧、高铁/动车二等座、长途汽车可以补助" meta={fields.mode} options={modeOptions} />
        <Field label="乘车日期" meta={fields.travelDate} type="date" />
        <Field label="出发地" hint="如 重庆北、开州" meta={fields.fromPlace} />
        <Field label="到达地" hint="如 潍坊" meta={fields.toPlace} />
        <Field label="票价（元）" hint="照车票上印的填，如 456.50" meta={fields.fare} inputMode="decimal" autoComplete="off" />
        <Field label="票号" hint="车票上的编号（火车票左上角的红色编号）" meta={fields.ticketNumber} autoComplete="off" />
        {ticket ? null : (
          <div className="field">
            <label htmlFor={`${formKey}-files`}>车票照片或 PDF</label>
            <input
              id={`${formKey}-files`}
              name="files"
              type="file"
              multiple
              accept={CLAIM_FILE_ACCEPT}
              aria-invalid={fileErrors?.length ? true : undefined}
              aria-describedby={`${formKey}-files-hint${fileErrors?.length ? ` ${formKey}-files-error` : ''}`}
            />
            <p id={`${formKey}-files-hint`} className="field__hint">
              可以一次选几张：拍照或从相册选，也可以选 PDF（电子客票的报销凭证）。每个不超过 10 MB。
            </p>
            <ErrorList id={`${formKey}-files-error`} errors={fileErrors} />
          </div>
        )}
      </div>
      <FormErrors id={form.errorId} errors={form.errors} />
      <SubmitButton pending={pending} pendingLabel="正在保存…">
        {ticket ? '保存修改' : '添加这张车票'}
      </SubmitButton>
      {ticket ? (
        <p className="small muted" role="status" aria-live="polite">
          {autosave.words}
        </p>
      ) : null}
    </Form>
  )
}

/** A small form adding photos or PDFs to a stored ticket (or, with `ticketId` null, proof files). */
export function ClaimFilesForm({
  ticketId,
  label,
  lastResult,
}: {
  ticketId: number | null
  label: string
  lastResult: SubmissionResult<string[]> | null | undefined
}) {
  const formKey = ticketId == null ? 'proof-files' : `files-${ticketId}`
  const pending = useIsPending({ intent: 'files', match: ticketId == null ? {} : { ticketId } })
  const errors = lastResult?.error?.files ?? lastResult?.error?.['']
  return (
    <Form method="post" action={`?form=${formKey}`} encType="multipart/form-data" className="form">
      <input type="hidden" name="intent" value="files" />
      {ticketId == null ? null : <input type="hidden" name="ticketId" value={ticketId} />}
      <div className="field">
        <label htmlFor={`${formKey}-input`}>{label}</label>
        <input
          id={`${formKey}-input`}
          name="files"
          type="file"
          multiple
          accept={CLAIM_FILE_ACCEPT}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? `${formKey}-error` : undefined}
        />
        <ErrorList id={`${formKey}-error`} errors={errors} />
      </div>
      <SubmitButton pending={pending} pendingLabel="正在上传…" className="button button--secondary">
        上传
      </SubmitButton>
    </Form>
  )
}
