import { action as importPageAction } from '~/routes/west.imports.$importId'
import { action as importAction } from '~/routes/west.workers.import'
import { BASE, context, settle, unwrapData } from './request'
import { FORM_TOKEN_FIELD } from '~/utils/form-token'
import { issueFormToken } from '~/utils/form-token.server'

// The ledger import (/west/workers/import) as the route tests drive it: an upload request, the real
// action, and its answer when it answers with data instead of redirecting.

/** What the import answers with data: the problems by spreadsheet line (null when not checked), the rows read, and the form's errors ('' is the form's own). */
export type ImportData = {
  problems: { line: number; column: string; message: string; value: string }[] | null
  groups: { lines: string; text: string; count: number }[]
  importId: number | null
  total: number
  result: { error?: Record<string, string[] | null> }
}

/**
 * A multipart POST to /west/workers/import signed in by `cookie`, carrying `file` (bytes, or text sent as
 * UTF-8) named `fileName`. `fields` go along as extra form fields (the import must ignore them); `signal`
 * aborts the request the way a closed tab does.
 */
export function ledgerUpload(
  file: Uint8Array | string,
  fileName: string,
  cookie: string,
  { fields = {}, signal }: { fields?: Record<string, string>; signal?: AbortSignal } = {},
) {
  const form = new FormData()
  form.append('file', new File([typeof file === 'string' ? file : new Uint8Array(file)], fileName))
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return new Request(`${BASE}/west/workers/import`, { method: 'POST', body: form, headers: { Cookie: cookie }, signal })
}

/** The real import action run on `request`: `{ thrown }` for a redirect or error response, `{ value }` for data. */
export function runImport(request: Request) {
  return settle(() => importAction({ request, context: context(), params: {} }))
}

/** The status and data of an import that answered with data. Throws, naming the status, when it threw a response instead. */
export function importAnswer(result: Awaited<ReturnType<typeof runImport>>) {
  if (!('value' in result)) throw new Error(`expected data, got ${result.thrown.status} ${result.thrown.headers.get('Location') ?? ''}`)
  return unwrapData<ImportData>(result.value)
}

/** The form-level error of an import answer (the first message under ''), or '' when there is none. */
export function formError(data: ImportData) {
  return data.result.error?.['']?.[0] ?? ''
}

/** The import id a preview redirect points at (/west/imports/:id), or throws naming what came instead. */
export function previewIdOf(result: Awaited<ReturnType<typeof runImport>>) {
  const location = 'thrown' in result ? result.thrown.headers.get('Location') : null
  const match = location?.match(/^\/west\/imports\/(\d+)$/)
  if (!match) throw new Error(`expected a preview redirect, got ${'thrown' in result ? `${result.thrown.status} ${location}` : JSON.stringify(result.value)}`)
  return Number(match[1])
}

/**
 * Posts `intent` (confirm or undo) to /west/imports/:id as `cookie`: what the action threw (the redirect) or
 * returned. An undo is sent as the confirmation view's form sends it, with a form token (`formToken`, or a
 * fresh one; null sends none).
 */
export function postImportIntent(importId: number, intent: 'confirm' | 'undo', cookie: string, formToken: string | null = issueFormToken()) {
  const fields: Record<string, string> = intent === 'undo' && formToken != null ? { intent, [FORM_TOKEN_FIELD]: formToken } : { intent }
  const request = new Request(`${BASE}/west/imports/${importId}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  })
  return settle(() => importPageAction({ request, context: context(), params: { importId: String(importId) } }))
}

/** Uploads and confirms at once, as a person who reads the preview and clicks 确认导入: the confirm's answer. */
export async function importAndConfirm(request: Request, cookie: string) {
  const id = previewIdOf(await runImport(request))
  return { id, confirmed: await postImportIntent(id, 'confirm', cookie) }
}
