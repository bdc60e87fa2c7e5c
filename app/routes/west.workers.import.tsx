import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { Field, FormErrors, SubmitButton } from '~/components/forms'
import { getAreaName } from '~/models/area.server'
import { importRegistryRows } from '~/models/worker-import.server'
import { readRegistrySheet } from '~/models/worker-import-read.server'
import { KEPT_PROBLEMS, validateRegistryRowsInSlices, type RowError } from '~/models/worker-import-validate.server'
import { shortAreaName } from '~/rules/areas'
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '~/rules/registry-sheet'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { failure, failureReply, type Failure } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { useIsPending } from '~/utils/pending'
import { readUpload, UploadError, uploadFormData, type UploadLimits } from '~/utils/upload.server'
import { pageTitle } from '~/utils/meta'
import { useZodForm } from '~/utils/zod-form'

const ImportSchema = z.object({
  file: z.instanceof(File, { error: '请选择要导入的 xlsx 或 CSV 文件' }),
})

const TOO_LARGE = '文件超过 10 MB，请分成几个文件导入'

/** One file of at most 10 MB in a small form; xlsx (ZIP), CSV (text), and old .xls only to explain it. */
const IMPORT_UPLOAD: UploadLimits = {
  fileFields: ['file'],
  accept: ['zip', 'text', 'ole'],
  maxFileBytes: IMPORT_MAX_BYTES,
  maxFiles: 1,
  // Room for the multipart envelope around a file of the maximum size.
  maxBodyBytes: IMPORT_MAX_BYTES + 64 * 1024,
  maxParts: 8,
  maxFieldBytes: 1024,
  tooLargeMessage: TOO_LARGE,
  wrongTypeMessage: '只能导入 .xlsx 或 .csv 文件，请在 Excel 中另存为这两种格式之一后再上传',
}

type ActionData = { result: SubmissionResult<string[]>; problems: RowError[] | null; total: number }

export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'west' })
  return { countyName: shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName), maxRows: IMPORT_MAX_ROWS }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  let formData: FormData
  try {
    formData = uploadFormData(await readUpload(args.request, IMPORT_UPLOAD))
  } catch (error) {
    if (error instanceof UploadError) return refuse(failure(error.message, { status: error.status }))
    throw error
  }

  const submission = parseWithZod(formData, { schema: ImportSchema })
  if (submission.status !== 'success') return data<ActionData>({ result: submission.reply(), problems: null, total: 0 }, { status: 400 })
  const { file } = submission.value
  const sheet = await readRegistrySheet(new Uint8Array(await file.arrayBuffer()), file.name, { owner: actor.userId, signal: args.request.signal })
  if (!sheet.ok) return refuse(sheet)

  const checked = await validateRegistryRowsInSlices(sheet.rows, actor)
  // 429 when this account's checks against other counties' ledgers are refused for today.
  if (!checked.ok) return 'errors' in checked ? problems(checked.errors, checked.total) : refuse(checked)
  const imported = importRegistryRows(actor, checked.values)
  if (!imported.ok) {
    if (!('conflicts' in imported)) return refuse(imported)
    return problems(
      imported.conflicts.slice(0, KEPT_PROBLEMS).map((c) => ({ line: checked.lines[c.index], column: '身份证号码', message: c.message })),
      imported.conflicts.length,
    )
  }
  throw await redirectWithNotice('/west/workers', { text: `已导入 ${imported.count} 条记录。` })
}

/**
 * A refusal of the whole file (upload limits 413/415, unreadable file, busy 503, refused checks 429, a
 * lost race 409) as a form error, with no problem table. No submission is replied to: the upload may
 * fail before one exists, and a reply must never echo the file back.
 */
function refuse(f: Failure) {
  return failureReply(null, f, { beside: { problems: null, total: 0 } })
}

/** The problem table's data: never more than KEPT_PROBLEMS rows, whatever the file held; `total` counts all. */
function problems(errors: RowError[], total: number) {
  return data<ActionData>({ result: { status: 'error', error: {} }, problems: errors.slice(0, KEPT_PROBLEMS), total }, { status: 400 })
}

export default function ImportWorkers() {
  const { countyName, maxRows } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  // While a file is being checked, the last answer no longer describes the page.
  const pending = useIsPending()
  const [form, fields] = useZodForm(ImportSchema, {
    id: 'registry-import',
    lastResult: pending ? null : actionData?.result,
    htmlConstraints: false,
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onSubmit',
  })

  return (
    <main className="container page">
      <BackLink to="/west/workers">返回务工人员台账</BackLink>
      <h1>批量导入台账</h1>
      <section className="card">
        <h2>怎么导入</h2>
        <ol>
          <li>
            下载<a href="/west/workers/template.xlsx">{countyName}台账模板（xlsx）</a>，按列名填写；已有的表格只要列名一致即可，列的顺序不限。
          </li>
          <li>支持 .xlsx 和 .csv（UTF-8 或 Excel 默认的 GBK 编码），一次最多 {maxRows.toLocaleString('en-US')} 行、10 MB。</li>
          <li>系统先逐行检查。只要有一行不合格，就不会导入任何数据，并列出每个问题所在的行号和列。</li>
        </ol>
      </section>
      <section className="card">
        <Form method="post" encType="multipart/form-data" className="form" {...getFormProps(form)}>
          <Field label="台账文件" hint="行号与 Excel 左侧的行号一致（表头为第 1 行）。" meta={fields.file} type="file" accept=".xlsx,.csv" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <SubmitButton pending={pending} pendingLabel="正在检查…">
            检查并导入
          </SubmitButton>
        </Form>
      </section>
      {actionData?.problems && !pending ? <ProblemTable problems={actionData.problems} total={actionData.total} /> : null}
    </main>
  )
}

function ProblemTable({ problems, total }: { problems: RowError[]; total: number }) {
  return (
    <section className="card" aria-labelledby="problems-heading">
      <h2 id="problems-heading">检查结果</h2>
      <p className="form-error" role="alert">
        共 {total} 处问题，未导入任何数据。请在文件中改正后重新上传。
      </p>
      {total > problems.length ? <p className="muted small">这里列出前 {problems.length} 处。</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col" className="num">
                行号
              </th>
              <th scope="col">列</th>
              <th scope="col">问题</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={i}>
                <td className="num">{p.line}</td>
                <td>{p.column}</td>
                <td className="wrap">{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

export const meta = pageTitle('批量导入台账')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
