import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import type { ReactNode } from 'react'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormAlert } from '~/components/form-alert'
import { ListExportBar } from '~/components/list-filters'
import { SubmitButton, TextareaField } from '~/components/forms'
import { Pager } from '~/components/pager'
import { countReportsForBureau, isReportOfBureau, listReportsForBureau, resolveReport } from '~/models/vacancy-report.server'
import { formatDate } from '~/rules/dates'
import { optionalText } from '~/rules/fields'
import { REPORT_REASON_LABELS } from '~/rules/vacancy'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { failureReply, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { useIsPending } from '~/utils/pending'
import { pageInfo, paginateSearch } from '~/utils/list'
import { pageTitle } from '~/utils/meta'

/** Reports per page, open ones first: a bureau with hundreds of reports still gets a page it can read. */
const PAGE_SIZE = 20

// What the bureau found and did is the record of the complaint; it must say something.
const ResolveSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('resolve'),
    resolution: optionalText('处理结果', 500, { required: true, multiline: true }),
  }),
])

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const counts = countReportsForBureau(actor)
  const list = paginateSearch(new URL(args.request.url).searchParams, PAGE_SIZE, {
    total: counts.open + counts.resolved,
    rows: (limit, offset) => listReportsForBureau(actor, { limit, offset }),
  })
  const reports = list.rows.map((r) => ({
    id: r.id,
    vacancyId: r.vacancyId,
    title: r.title,
    employerName: r.employerName,
    reason: REPORT_REASON_LABELS[r.reason],
    note: r.note,
    reportedOn: formatDate(r.createdAt),
    resolvedOn: r.resolvedAt ? formatDate(r.resolvedAt) : null,
    resolution: r.resolution,
  }))
  return {
    ...pageInfo(list),
    counts,
    open: reports.filter((r) => r.resolvedOn == null),
    resolved: reports.filter((r) => r.resolvedOn != null),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const formData = await args.request.formData()
  const reportId = requireRecordId(formData.get('reportId'))
  // Another bureau's report answers exactly like a missing one, before anything about the form is said.
  if (!isReportOfBureau(actor, reportId)) throw new Response('Not Found', { status: 404 })
  readIntent(formData, ResolveSchema)
  const submission = parseWithZod(formData, { schema: ResolveSchema })
  if (submission.status !== 'success') return data({ reportId, result: submission.reply() }, { status: 400 })
  const result = resolveReport(actor, reportId, submission.value.resolution!)
  if (!result) throw new Response('Not Found', { status: 404 })
  // One form per report: the reply names the report it belongs to.
  if (!result.ok) return failureReply(submission, result, { beside: { reportId } })
  throw await redirectWithNotice('/east/reports', { text: '已记录处理结果。' })
}

export default function ReportsPage() {
  const { open, resolved, counts, page, pageCount } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <main className="container page">
      <h1>举报处理</h1>
      <p className="muted">务工人员对本局岗位的举报。请核实岗位信息，必要时联系用人单位或关闭岗位，再填写处理结果。举报人信息不向本局公开。</p>
      <ListExportBar action="/east/reports.xlsx" params={[]}>
        共 {counts.open + counts.resolved} 条举报
      </ListExportBar>

      <h2>待处理（{counts.open}）</h2>
      {counts.open === 0 ? <p className="card muted">没有待处理的举报。</p> : null}
      {open.map((r) => (
        <ReportCard key={r.id} report={r}>
          <ResolveForm reportId={r.id} errors={actionData?.reportId === r.id ? actionData.result.error : null} />
        </ReportCard>
      ))}

      <h2>已处理（{counts.resolved}）</h2>
      {counts.resolved === 0 ? <p className="card muted">还没有已处理的举报。</p> : null}
      {resolved.map((r) => (
        <ReportCard key={r.id} report={r}>
          <p className="report__resolution">
            <span className="badge badge--ok">已处理</span> {r.resolvedOn}：<span className="prewrap">{r.resolution}</span>
          </p>
        </ReportCard>
      ))}
      <Pager page={page} pageCount={pageCount} />
    </main>
  )
}

type ReportView = ReturnType<typeof useLoaderData<typeof loader>>['open'][number]

function ReportCard({ report, children }: { report: ReportView; children: ReactNode }) {
  return (
    <article className="card report" aria-labelledby={`report-${report.id}`}>
      <h3 id={`report-${report.id}`} className="report__title">
        <span className="badge badge--warn">{report.reason}</span> <Link to={`/east/jobs/${report.vacancyId}`}>{report.title}</Link>
      </h3>
      <p className="muted small">
        {report.employerName} · 举报于 {report.reportedOn}
      </p>
      {report.note ? <p className="report__note prewrap">“{report.note}”</p> : null}
      {children}
    </article>
  )
}

function ResolveForm({ reportId, errors }: { reportId: number; errors: Record<string, string[] | null> | null | undefined }) {
  // While one result is being saved, no other can be: every report's button waits (label unchanged).
  const pending = useIsPending()
  return (
    <Form method="post" className="form report__form">
      <input type="hidden" name="intent" value="resolve" />
      <input type="hidden" name="reportId" value={reportId} />
      <TextareaField
        label="处理结果"
        id={`resolution-${reportId}`}
        name="resolution"
        rows={2}
        maxLength={500}
        required
        placeholder="如：已电话核实，用人单位不收取任何费用，已要求招聘专员更正说法"
        errors={errors?.resolution}
      />
      <FormAlert messages={errors?.['']} />
      <div>
        <SubmitButton className="button button--small" pending={pending} pendingLabel="标记为已处理">
          标记为已处理
        </SubmitButton>
      </div>
    </Form>
  )
}

export const meta = pageTitle('举报处理')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
