import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { FormFooter, SelectField, TextareaField } from '~/components/forms'
import { archiveWorker, restoreWorker } from '~/models/worker-archive.server'
import { getWorker } from '~/models/worker.server'
import { formatDate, todayInShanghai } from '~/rules/dates'
import { ageOn } from '~/rules/id-number'
import { ARCHIVE_REASON_LABELS, ArchiveWorkerSchema, RestoreWorkerSchema } from '~/rules/ledger-archive'
import type { Actor } from '~/rules/permissions'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { failureReply, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { pageTitle } from '~/utils/meta'
import { useZodForm } from '~/utils/zod-form'

// Archiving a ledger row with a reason, and restoring it (issue 11 §2). The row keeps its applications
// and employment records; it leaves the list, the county's figure and the search until restored.

const IntentSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('archive') }), z.object({ intent: z.literal('restore') })])

function ownWorker(actor: Actor, id: number) {
  const found = getWorker(actor, id)
  if (!found) throw new Response('Not Found', { status: 404 })
  return found.worker
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const w = ownWorker(actor, requireRecordId(args.params.workerId))
  return {
    id: w.id,
    name: w.name,
    age: ageOn(w.birthDate, todayInShanghai()),
    archived: w.archivedAt
      ? { on: formatDate(w.archivedAt), reason: w.archiveReason ? ARCHIVE_REASON_LABELS[w.archiveReason] : '—', note: w.archiveNote }
      : null,
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const id = requireRecordId(args.params.workerId)
  ownWorker(actor, id)
  const formData = await args.request.formData()
  const intent = readIntent(formData, IntentSchema)
  if (intent === 'restore') {
    const submission = parseWithZod(formData, { schema: RestoreWorkerSchema })
    const result = restoreWorker(actor, id)
    if (!result) throw new Response('Not Found', { status: 404 })
    if (!result.ok) return failureReply(submission, result)
    throw await redirectWithNotice(`/west/workers/${id}`, { text: '已恢复到台账。' })
  }
  const submission = parseWithZod(formData, { schema: ArchiveWorkerSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = archiveWorker(actor, id, submission.value)
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(submission, result)
  throw await redirectWithNotice(`/west/workers/${id}`, { text: '已归档。此人不再出现在台账列表和统计中，可在“已归档”中找到并恢复。' })
}

export default function ArchiveWorkerPage() {
  const w = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <main className="container page">
      <BackLink to={`/west/workers/${w.id}`}>返回 {w.name}</BackLink>
      <h1>{w.archived ? `恢复：${w.name}` : `归档：${w.name}`}</h1>
      {w.archived ? <RestoreForm id={w.id} archived={w.archived} lastResult={lastResult} /> : <ArchiveForm id={w.id} age={w.age} lastResult={lastResult} />}
    </main>
  )
}

function ArchiveForm({ id, age, lastResult }: { id: number; age: number; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useZodForm(ArchiveWorkerSchema, { id: 'archive-worker', lastResult, defaultValue: age > 65 ? { reason: 'over_age' } : {} })
  return (
    <section className="card">
      <p className="muted small">归档后，此人不再出现在台账列表、台账人数和查找结果中，也不能再被推荐报名；已有的报名和就业记录保留。以后可以恢复。</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="archive" />
        <SelectField label="归档原因" meta={fields.reason} labels={ARCHIVE_REASON_LABELS} placeholder="请选择" />
        <TextareaField label="说明" hint="原因为“其他”时必填，最多 200 字。" meta={fields.note} maxLength={200} />
        <FormFooter form={form} submitLabel="归档" cancelTo={`/west/workers/${id}`} />
      </Form>
    </section>
  )
}

function RestoreForm({
  id,
  archived,
  lastResult,
}: {
  id: number
  archived: { on: string; reason: string; note: string | null }
  lastResult: SubmissionResult<string[]> | undefined
}) {
  const [form] = useZodForm(RestoreWorkerSchema, { id: 'restore-worker', lastResult })
  return (
    <section className="card">
      <p>
        {archived.on} 因“{archived.reason}”归档{archived.note ? `：${archived.note}` : ''}。
      </p>
      <p className="muted small">恢复后，此人回到台账列表、台账人数和查找结果中。</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="restore" />
        <FormFooter form={form} submitLabel="恢复到台账" cancelTo={`/west/workers/${id}`} />
      </Form>
    </section>
  )
}

export const meta = pageTitle('归档台账人员')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
