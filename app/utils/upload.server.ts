import busboy from 'busboy'
import { pdfHasActiveContent } from './pdf-active.server'

// Reading a multipart/form-data upload with limits that hold while the body arrives (issue 7, security
// targets 9 and 17): a declared oversize body is refused before a byte is read; every byte is counted,
// chunked bodies without Content-Length included; parts, files and field sizes are capped; files are
// kept in memory only up to their limit; the file's type is decided by its first bytes, never by its
// name or declared type. Parsing is busboy's (file names with quotes, `=`, `;`, non-ASCII or RFC 2231
// `filename*` all arrive intact), so no file name can turn into a 500.

/** What the first bytes of a file say it is. `text` is anything without NUL bytes (CSV, TXT). */
export type FileKind = 'zip' | 'ole' | 'pdf' | 'jpeg' | 'png' | 'webp' | 'text'

/** How an upload may look; sizes in bytes. Messages are shown to the user as they are. */
export type UploadLimits = {
  /** Field names whose parts are files; a file under any other name is read and dropped. */
  fileFields: readonly string[]
  /** Kinds of file accepted (by magic bytes); any other is refused with 415. */
  accept: readonly FileKind[]
  /** Largest single file. */
  maxFileBytes: number
  /** Files at most (empty file inputs do not count). */
  maxFiles: number
  /** Whole request body, envelope included. */
  maxBodyBytes: number
  /** Parts of any kind (files and text fields). */
  maxParts: number
  /** Largest text field value. */
  maxFieldBytes: number
  /** 413 message when a file or the body is too large, e.g. '文件超过 10 MB，请分成几个文件导入'. */
  tooLargeMessage: string
  /** 415 message when a file is not of an accepted kind. */
  wrongTypeMessage: string
}

export type UploadedFile = {
  /** Form field name. */
  field: string
  /** File name as sent, reduced to a safe display name (no path, no control characters, ≤ 255 characters). */
  name: string
  /** Declared type from the part header: for information only, never trusted. */
  declaredType: string
  kind: FileKind
  bytes: Uint8Array
}

export type Upload = {
  /** Text fields, in order (a name may repeat). */
  fields: [string, string][]
  files: UploadedFile[]
}

/** A refused upload: `status` is 400 (malformed), 413 (too large or too many parts) or 415 (wrong type). */
export class UploadError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message)
  }
}

const MALFORMED = '上传的内容无法识别，请在本页选择文件后重新提交'
const TOO_MANY_PARTS = '表单内容过多，请在本页选择文件后重新提交'
const PDF_ACTIVE = '这个 PDF 文件里带有脚本、附件或表单程序，不能上传。请直接拍照上传，或用“打印 → 另存为 PDF”重新生成后再上传'

/**
 * Whether the request declares a body larger than `maxBytes` (Content-Length). Lets a route answer 413
 * before reading anything; a body without Content-Length is counted while it is read instead.
 */
export function declaresBodyOver(request: Request, maxBytes: number) {
  const declared = request.headers.get('Content-Length')
  return declared != null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes
}

/**
 * Reads a multipart/form-data request within `limits`. Returns the text fields and the files (in
 * memory, each with its sniffed kind). Throws UploadError — 413 for a declared or counted oversize
 * body, a file over maxFileBytes, too many parts or files, or a field over maxFieldBytes; 415 for a
 * file whose magic bytes are not in `accept`; 400 for a body that is not well-formed multipart. Any
 * other error is a bug and propagates. Call after the auth check: reading the body is the costly part.
 */
export async function readUpload(request: Request, limits: UploadLimits): Promise<Upload> {
  if (declaresBodyOver(request, limits.maxBodyBytes)) throw new UploadError(413, limits.tooLargeMessage)
  const contentType = request.headers.get('Content-Type') ?? ''
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) throw new UploadError(400, MALFORMED)

  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8',
      limits: {
        fileSize: limits.maxFileBytes,
        // Files are counted below (an empty file input is a part too); busboy caps parts of any kind.
        files: limits.maxParts,
        parts: limits.maxParts,
        fields: limits.maxParts,
        fieldSize: limits.maxFieldBytes,
        fieldNameSize: 200,
        headerPairs: 20,
      },
    })
  } catch {
    // No boundary, or one busboy cannot use.
    throw new UploadError(400, MALFORMED)
  }

  const upload: Upload = { fields: [], files: [] }
  const reader = request.body.getReader()
  // Set from the parser's callbacks; read through the object so the checks below see its real type.
  const state: { failure: UploadError | null } = { failure: null }
  const fail = (error: UploadError) => {
    state.failure ??= error
  }

  parser.on('field', (name, value, info) => {
    if (info.valueTruncated || info.nameTruncated) fail(new UploadError(413, TOO_MANY_PARTS))
    else upload.fields.push([name, value])
  })
  parser.on('file', (name, stream, info) => {
    const keep = limits.fileFields.includes(name)
    const chunks: Buffer[] = []
    let size = 0
    stream.on('data', (chunk: Buffer) => {
      size += chunk.byteLength
      if (keep && !state.failure) chunks.push(chunk)
    })
    stream.on('limit', () => fail(new UploadError(413, limits.tooLargeMessage)))
    // A body cut short ends the file stream with an error; the parser's own error already answers it.
    stream.on('error', () => fail(new UploadError(400, MALFORMED)))
    stream.on('end', () => {
      // A file input left empty arrives as a part without a name and without content.
      if (!keep || state.failure || (size === 0 && !info.filename)) return
      if (size === 0) {
        fail(new UploadError(400, `文件“${safeFileName(info.filename ?? '')}”是空的（0 字节），请重新选择文件`))
        return
      }
      const bytes = new Uint8Array(Buffer.concat(chunks, size))
      const kind = sniffFileKind(bytes)
      if (!kind || !limits.accept.includes(kind)) {
        fail(new UploadError(415, limits.wrongTypeMessage))
        return
      }
      if (kind === 'pdf' && pdfHasActiveContent(bytes)) {
        fail(new UploadError(415, PDF_ACTIVE))
        return
      }
      if (upload.files.length >= limits.maxFiles) {
        fail(new UploadError(413, TOO_MANY_PARTS))
        return
      }
      upload.files.push({ field: name, name: safeFileName(info.filename ?? ''), declaredType: info.mimeType, kind, bytes })
    })
  })
  parser.on('partsLimit', () => fail(new UploadError(413, TOO_MANY_PARTS)))
  parser.on('filesLimit', () => fail(new UploadError(413, TOO_MANY_PARTS)))
  parser.on('fieldsLimit', () => fail(new UploadError(413, TOO_MANY_PARTS)))

  const finished = new Promise<void>((resolve, reject) => {
    parser.on('close', resolve)
    parser.on('error', () => reject(new UploadError(400, MALFORMED)))
  })
  // Without a handler, an early rejection (a malformed body) would be unhandled while we still write.
  finished.catch(() => {})

  let received = 0
  try {
    for (;;) {
      if (state.failure) break
      const { done, value } = await reader.read()
      if (done) break
      received += value.byteLength
      if (received > limits.maxBodyBytes) {
        fail(new UploadError(413, limits.tooLargeMessage))
        break
      }
      if (!parser.write(value)) await Promise.race([new Promise((resolve) => parser.once('drain', resolve)), finished])
    }
  } catch {
    // The client went away, or the body stream broke.
    fail(new UploadError(400, MALFORMED))
  }
  if (state.failure) {
    await reader.cancel().catch(() => {})
    parser.destroy()
    throw state.failure
  }
  parser.end()
  await finished
  // The parser's callbacks may have refused something while it finished.
  const late = failureOf(state)
  if (late) throw late
  return upload
}

function failureOf(state: { failure: UploadError | null }) {
  return state.failure
}

/**
 * The kind of file its first bytes show: ZIP (xlsx, docx), OLE (old .xls/.doc), PDF, JPEG, PNG, WebP,
 * or `text` (no NUL byte in the first 4 KB, or a UTF-16 byte-order mark). Null for anything else and
 * for an empty file.
 */
export function sniffFileKind(bytes: Uint8Array): FileKind | null {
  if (bytes.byteLength === 0) return null
  const has = (magic: number[], at = 0) => bytes.byteLength >= at + magic.length && magic.every((b, i) => bytes[at + i] === b)
  if (has([0x50, 0x4b, 0x03, 0x04]) || has([0x50, 0x4b, 0x05, 0x06])) return 'zip'
  if (has([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole'
  if (has([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'
  if (has([0xff, 0xd8, 0xff])) return 'jpeg'
  if (has([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (has([0x52, 0x49, 0x46, 0x46]) && has([0x57, 0x45, 0x42, 0x50], 8)) return 'webp'
  if (has([0xff, 0xfe]) || has([0xfe, 0xff])) return 'text'
  return bytes.subarray(0, 4096).includes(0) ? null : 'text'
}

/** A file name fit to show or log: last path segment, control and bidi characters dropped, NFC, ≤ 255 characters. */
export function safeFileName(raw: string) {
  const base = raw.split(/[/\\]/).pop() ?? ''

  const clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .trim()
  return [...clean].slice(0, 255).join('')
}

/** The upload as FormData (files as File objects), for a form schema that validates with conform. */
export function uploadFormData(upload: Upload) {
  const formData = new FormData()
  for (const [name, value] of upload.fields) formData.append(name, value)
  for (const file of upload.files) formData.append(file.field, new File([file.bytes as Uint8Array<ArrayBuffer>], file.name))
  return formData
}
