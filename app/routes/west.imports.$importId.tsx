import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { DataTable, type Column } from '~/components/data-table'
import { Facts } from '~/components/facts'
import { FormAlert } from '~/components/form-alert'
import { ImportProblems } from '~/components/import-problems'
import { ConfirmUndo } from '~/components/import-undo-confirm'
import { PageHead } from '~/components/page-head'
import { Pager } from '~/components/pager'
import { StatusBadge } from '~/components/status-badge'
import { SubmitButton } from '~/components/submit-button'
import { cancelImport, countImportRows, getImportForPage, isCountyImport, listImportRows } from '~/models/ledger-import.server'
import { confirmImport, undoImport } from '~/models/worker-import.server'
import { formatDateTime } from '~/rules/dates'
import { IMPORT_PREVIEW_MINUTES, LEDGER_IMPORT_STATUS } from '~/rules/ledger-import'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { pageInfo, paginateSearch } from '~/utils/list'
import { issueFormToken } from '~/utils/form-token.server'
import { FORM_TOKEN_FIELD, FORM_TOKEN_PATTERN } from '~/utils/form-token'
import { createOnce, formOnce } from '~/utils/form-token.server'
import { failure, failureReply, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { useIsPending } from '~/utils/pending'
import { pageTitle } from '~/utils/meta'

// One ledger import (issue 11 §1): the preview of a checked file — new people, changed fields old → new,
// how many are unchanged — with its one confirm; afterwards the same page shows what was written, and
// the county's last import can be undone from here — in two steps, without JavaScript: 撤销这次导入 opens
// ?confirm=undo, which says exactly how many people are removed and restored, and only its form (with its
// token) undoes. A second sending finds the import undone and says so. 取消，重新上传 is a POST (intent
// cancel): the preview becomes 已取消, its kept rows are deleted, and the upload page opens with a notice.

const IntentSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('confirm') }),
  z.object({ intent: z.literal('cancel') }),
  z.object({ intent: z.literal('undo') }),
])

/** Changed rows shown a page at a time (each with its fields old → new); new rows likewise. */
const PAGE_SIZE = 50

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const importId = requireRecordId(args.params.importId)
  const page = getImportForPage(actor, importId)
  if (!page) throw new Response('Not Found', { status: 404 })
  const search = new URL(args.request.url).searchParams
  const show = search.get('show') === 'new' ? 'new' : 'changed'
  const rows = paginateSearch(search, PAGE_SIZE, {
    total: () => countImportRows(actor, importId, show),
    rows: (limit, offset) => listImportRows(actor, importId, show, { limit, offset }),
  })
  const imp = page.import
  // The confirmation step of an undo: what it will do, counted from the import's kept rows.
  const confirmUndo =
    page.mayUndo && search.get('confirm') === 'undo'
      ? { removed: countImportRows(actor, importId, 'new'), restored: countImportRows(actor, importId, 'changed'), formToken: issueFormToken() }
      : null
  return {
    confirmUndo,
    ...pageInfo(rows),
    rows: rows.rows,
    show,
    mayConfirm: page.mayConfirm,
    mayCancel: page.mayCancel,
    mayUndo: page.mayUndo,
    uploadedBy: page.uploadedBy,
    import: {
      id: imp.id,
      fileName: imp.fileName,
      status: imp.status,
      createdAt: formatDateTime(imp.createdAt),
      appliedAt: imp.appliedAt ? formatDateTime(imp.appliedAt) : null,
      undoneAt: imp.undoneAt ? formatDateTime(imp.undoneAt) : null,
      counts: { new: imp.newRows, changed: imp.changedRows, unchanged: imp.unchangedRows, problems: imp.problems, skipped: imp.skippedRows },
      problemGroups: imp.problemGroups ?? [],
      rowsKept: imp.rowsKept,
    },
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const importId = requireRecordId(args.params.importId)
  // Another county's import is a 404 before the form is read: a bad form must not tell it exists.
  if (!isCountyImport(actor, importId)) throw new Response('Not Found', { status: 404 })
  const formData = await args.request.formData()
  const intent = readIntent(formData, IntentSchema)
  if (intent === 'cancel') {
    const cancelled = cancelImport(actor, importId)
    if (!cancelled) throw new Response('Not Found', { status: 404 })
    if (!cancelled.ok) return failureReply(null, cancelled)
    throw await redirectWithNotice('/west/workers/import', {
      text: cancelled.already ? '这次预览已经取消过了。' : '已取消这次预览，没有写入任何数据；请重新上传文件。',
    })
  }
  if (intent === 'undo') {
    // Only the confirmation view's form undoes: it carries the token that page handed out.
    const token = formData.get(FORM_TOKEN_FIELD)
    if (typeof token !== 'string' || !FORM_TOKEN_PATTERN.test(token)) return failureReply(null, failure('请在确认页面上点“确认撤销”。', { status: 400 }))
  }
  // An undo is recorded with its confirmation form's token: the same form sent again is told so.
  const result =
    intent === 'confirm'
      ? confirmImport(actor, importId)
      : createOnce(formOnce(formData, actor.userId, 'ledger_import_undo'), () => {
          const undone = undoImport(actor, importId)
          return undone?.ok ? { ...undone, id: importId } : undone
        })
  if (!result) throw new Response('Not Found', { status: 404 })
  const replayed = result.ok && 'replayed' in result
  if (replayed || (!result.ok && intent === 'undo' && getImportForPage(actor, importId)?.import.status === 'undone')) {
    // Sent again (a double click, a refresh of the POST): the first sending undid it.
    throw await redirectWithNotice(`/west/imports/${importId}`, { text: '这次导入已经撤销过了，没有再次撤销。' })
  }
  if (!result.ok) return failureReply(null, result)
  const text =
    'removed' in result
      ? `已撤销这次导入：删除新增的 ${result.removed} 人，恢复 ${result.restored} 人原来的内容。`
      : result.already
        ? '这份文件已经导入过了，没有重复写入。'
        : `已导入：新增 ${result.created} 人，更新 ${result.changed} 人。`
  throw await redirectWithNotice(`/west/imports/${importId}`, { text })
}

type LoaderData = Awaited<ReturnType<typeof loader>>
type Row = LoaderData['rows'][number]

const CHANGED_COLUMNS: Column<Row>[] = [
  { header: '行号', num: true, cell: (r) => r.line },
  { header: '姓名', cell: (r) => r.name },
  { header: '身份证号码', cell: (r) => r.idNumberMasked, className: 'mono' },
  {
    header: '变动（原 → 新）',
    className: 'wrap',
    cell: (r) => (
      <>
        {r.changes.map((c) => (
          <div key={c.header}>
            {c.header}：<del>{c.before}</del> → <ins>{c.after}</ins>
          </div>
        ))}
      </>
    ),
  },
]

const NEW_COLUMNS: Column<Row>[] = [
  { header: '行号', num: true, cell: (r) => r.line },
  { header: '姓名', cell: (r) => r.name },
  { header: '身份证号码', cell: (r) => r.idNumberMasked, className: 'mono' },
  { header: '乡镇（街道）', cell: (r) => r.township },
]

export default function LedgerImport() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const imp = data.import
  const c = imp.counts
  const confirming = useIsPending({ intent: 'confirm' })
  const undoing = useIsPending({ intent: 'undo' })
  const cancelling = useIsPending({ intent: 'cancel' })
  return (
    <main className="container page">
      <BackLink to="/west/imports">返回导入记录</BackLink>
      <PageHead title={imp.status === 'previewed' ? '核对后确认导入' : '导入详情'}>
        <StatusBadge spec={LEDGER_IMPORT_STATUS} status={imp.status} />
      </PageHead>
      <section className="card">
        <Facts
          items={[
            { term: '文件', value: imp.fileName },
            { term: '上传', value: `${data.uploadedBy} · ${imp.createdAt}` },
            ...(imp.appliedAt ? [{ term: '写入', value: imp.appliedAt }] : []),
            ...(imp.undoneAt ? [{ term: '撤销', value: imp.undoneAt }] : []),
            { term: '新增', value: `${c.new} 人` },
            { term: '有变动', value: `${c.changed} 人` },
            { term: '无变动', value: `${c.unchanged} 人` },
            { term: '问题', value: `${c.problems} 处` },
            ...(c.skipped > 0 ? [{ term: '跳过', value: `${c.skipped} 行合计、小计` }] : []),
          ]}
        />
        <FormAlert messages={actionData?.error?.[''] ?? null} />
        {data.mayCancel ? (
          <Form method="post" className="actions">
            {data.mayConfirm ? (
              <>
                <p className="muted small">
                  确认后按上面的预览写入台账（新增 {c.new} 人、更新 {c.changed} 人），预览 {IMPORT_PREVIEW_MINUTES} 分钟内有效。
                </p>
                <SubmitButton name="intent" value="confirm" pending={confirming} pendingLabel="正在写入…">
                  确认导入
                </SubmitButton>
              </>
            ) : null}
            <SubmitButton name="intent" value="cancel" pending={cancelling} pendingLabel="正在取消…" className="button button--secondary">
              取消，重新上传
            </SubmitButton>
          </Form>
        ) : null}
        {imp.status === 'previewed' && !data.mayConfirm ? (
          <p className="muted">{c.new + c.changed === 0 ? '文件与台账一致，没有需要写入的内容。' : '只有上传这份文件的人可以在预览有效期内确认。'}</p>
        ) : null}
        {data.mayUndo && !data.confirmUndo ? (
          <div className="actions">
            <p className="muted small">撤销会删除这次新增的人、恢复被更新的人原来的内容；下一步先确认。</p>
            <Link to="?confirm=undo" className="button button--secondary">
              撤销这次导入…
            </Link>
          </div>
        ) : null}
      </section>
      {data.confirmUndo ? <ConfirmUndo {...data.confirmUndo} importId={imp.id} pending={undoing} /> : null}
      {imp.status === 'refused' ? <ImportProblems groups={imp.problemGroups} problems={[]} total={c.problems} importId={imp.rowsKept ? imp.id : null} /> : null}
      {imp.rowsKept && imp.status !== 'refused' ? (
        <section className="card">
          <nav className="tabs" aria-label="查看">
            <Link to="?show=changed" className="tabs__tab" aria-current={data.show === 'changed' ? 'page' : undefined}>
              有变动（{c.changed}）
            </Link>
            <Link to="?show=new" className="tabs__tab" aria-current={data.show === 'new' ? 'page' : undefined}>
              新增（{c.new}）
            </Link>
          </nav>
          <DataTable
            rows={data.rows}
            columns={data.show === 'new' ? NEW_COLUMNS : CHANGED_COLUMNS}
            stacked
            caption={data.show === 'new' ? '新增的人' : '有变动的人'}
            empty={data.show === 'new' ? '没有新增的人。' : '没有变动的人。'}
          />
          <Pager page={data.page} pageCount={data.pageCount} />
        </section>
      ) : null}
    </main>
  )
}

export const meta = pageTitle('台账导入')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
