import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { Field, FormErrors, SubmitButton } from '~/components/forms'
import { ImportProblems } from '~/components/import-problems'
import { getAreaName } from '~/models/area.server'
import { previewImport } from '~/models/worker-import.server'
import { readRegistrySheet } from '~/models/worker-import-read.server'
import type { RowError } from '~/models/worker-import-validate.server'
import { shortAreaName } from '~/rules/areas'
import type { ProblemGroup } from '~/rules/registry-sheet'
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
  file: z.instanceof(File, { error: '请选择要导入的 xlsx、CSV 或 txt 文件' }),
})

const TOO_LARGE = '文件超过 10 MB，请分成几个文件导入'

/** One file of at most 10 MB in a small form; xlsx (ZIP), CSV or Unicode text (text), and OLE (old .xls, password-protected workbooks) only to explain it. */
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
  wrongTypeMessage: '只能导入 .xlsx、.csv 或“Unicode 文本”(.txt) 文件，请在 Excel 中另存为其中一种格式后再上传',
}

/** `problems` the first KEPT_PROBLEMS by line (null when the file was not checked), `groups` the same problems grouped, `total` all of them, `importId` the refused import whose full list downloads. */
type ActionData = { result: SubmissionResult<string[]>; problems: RowError[] | null; groups: ProblemGroup[]; total: number; importId: number | null }

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
  if (submission.status !== 'success')
    return data<ActionData>({ result: submission.reply(), problems: null, groups: [], total: 0, importId: null }, { status: 400 })
  const { file } = submission.value
  const sheet = await readRegistrySheet(new Uint8Array(await file.arrayBuffer()), file.name, { owner: actor.userId, signal: args.request.signal })
  if (!sheet.ok) return refuse(sheet)

  const preview = await previewImport(actor, safeName(file.name), sheet)
  // 429 when this account's checks against other counties' ledgers are refused for today.
  if (!preview.ok) return refuse(preview)
  if (!preview.refused) throw await redirectWithNotice(`/west/imports/${preview.id}`, { text: '文件已检查，请核对下面的变动后确认导入。' })
  return data<ActionData>(
    { result: { status: 'error', error: {} }, problems: preview.problems, groups: preview.groups, total: preview.total, importId: preview.id },
    { status: 400 },
  )
}

function safeName(name: string) {
  return [...name].slice(0, 120).join('') || '未命名文件'
}

/**
 * A refusal of the whole file (upload limits 413/415, unreadable file, busy 503, refused checks 429, a
 * lost race 409) as a form error, with no problem table. No submission is replied to: the upload may
 * fail before one exists, and a reply must never echo the file back.
 */
function refuse(f: Failure) {
  return failureReply(null, f, { beside: { problems: null, groups: [], total: 0, importId: null } })
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
            下载<a href="/west/workers/template.xlsx">{countyName}台账模板（xlsx）</a>
            ，按列名填写；已有的表格只要列名一致即可（人员类别、就业情况、公民身份号码等常用叫法也认），列的顺序不限，表头可以在标题行下面，也可以分上下两行。
          </li>
          <li>
            支持 .xlsx、.csv（UTF-8 或 Excel 默认的 GBK 编码）和 Excel 另存的“Unicode 文本”(.txt)，一次最多 {maxRows.toLocaleString('en-US')} 行、10
            MB；合计、小计行会自动跳过。
          </li>
          <li>
            上传后先看预览：哪些人是新增、哪些人的哪几项有变动、哪些没变。确认后才写入；本县台账里已有的身份证号码会按文件更新。导入后发现不对，可以在
            <Link to="/west/imports">导入记录</Link>里撤销最近一次导入。
          </li>
          <li>只要有一行不合格，就不会导入任何数据，并按问题归类列出行号；完整的问题清单可以下载成标出问题单元格的表格。</li>
        </ol>
      </section>
      <section className="card">
        <Form method="post" encType="multipart/form-data" className="form" {...getFormProps(form)}>
          <Field
            label="台账文件"
            hint="行号与 Excel 左侧的行号一致。"
            meta={fields.file}
            type="file"
            accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,text/plain"
          />
          <FormErrors id={form.errorId} errors={form.errors} />
          <SubmitButton pending={pending} pendingLabel="正在检查…">
            检查并预览
          </SubmitButton>
        </Form>
      </section>
      {actionData?.problems && !pending ? (
        <ImportProblems groups={actionData.groups} problems={actionData.problems} total={actionData.total} importId={actionData.importId} />
      ) : null}
    </main>
  )
}

export const meta = pageTitle('批量导入台账')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
