import { action as importAction } from '~/routes/west.workers.import'
import { BASE, context, settle, unwrapData } from './request'

// The ledger import (/west/workers/import) as the route tests drive it: an upload request, the real
// action, and its answer when it answers with data instead of redirecting.

/** What the import answers with data: the problems by spreadsheet line (null when not checked), the rows read, and the form's errors ('' is the form's own). */
export type ImportData = {
  problems: { line: number; column: string; message: string }[] | null
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
