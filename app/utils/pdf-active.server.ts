import { constants, inflateSync } from 'node:zlib'

// Whether a PDF carries active content — a script, a launch action, an embedded file, an XFA form — that a
// reviewer's desktop reader would run or open (security.md 9: an upload is content, never code). The portal
// keeps a claim's PDFs as sent (they are proofs), so it refuses such a PDF at upload instead of cleaning it.
// The keys are looked for in the file's text and inside its object streams (/ObjStm, where a PDF 1.5+ writer
// packs dictionaries, deflated), with #xx escapes in names decoded (/J#61vaScript is /JavaScript). No
// maintained Node library answers this question (pdf-lib parses but does not inspect; Ghostscript rewrites the
// whole file): decision 027.

/** The names whose presence makes a PDF active (ISO 32000-1 §12.6.4 actions, §7.11.4 embedded files, XFA forms). */
const ACTIVE_NAMES = ['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA', 'SubmitForm', 'ImportData', 'GoToE']
const ACTIVE_NAME = new RegExp(`/(?:${ACTIVE_NAMES.join('|')})(?=[\\s/<>\\[\\]()%{}]|$)`)
/** An object stream's content is at most this many bytes once inflated; larger (or undecodable) is refused. */
const MAX_OBJECT_STREAM_BYTES = 8 * 1024 * 1024
/** Object streams looked into at most; a file with more is refused (no honest proof has that many). */
const MAX_OBJECT_STREAMS = 2_000

/** `text` (latin1) with every #xx escape decoded, as a PDF reader reads names. */
function decodeNameEscapes(text: string) {
  return text.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

/**
 * Whether the PDF `bytes` holds active content (script, launch action, embedded file, XFA, form submission)
 * or hides its dictionaries where they cannot be read (an object stream that will not inflate within
 * MAX_OBJECT_STREAM_BYTES, or more than MAX_OBJECT_STREAMS of them). Takes the file's bytes; returns true to
 * refuse. Never throws.
 */
export function pdfHasActiveContent(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  if (ACTIVE_NAME.test(decodeNameEscapes(text))) return true
  const streamStart = /stream\r?\n/g
  let objectStreams = 0
  for (let m = streamStart.exec(text); m; m = streamStart.exec(text)) {
    const dictionaryFrom = text.lastIndexOf('obj', m.index)
    const dictionary = decodeNameEscapes(text.slice(Math.max(dictionaryFrom, m.index - 2000), m.index))
    if (!/\/Type\s*\/ObjStm\b/.test(dictionary)) continue
    if (++objectStreams > MAX_OBJECT_STREAMS) return true
    const from = m.index + m[0].length
    const to = text.indexOf('endstream', from)
    if (to < 0) return true
    try {
      const inflated = inflateSync(bytes.subarray(from, to), { maxOutputLength: MAX_OBJECT_STREAM_BYTES, finishFlush: constants.Z_SYNC_FLUSH })
      if (ACTIVE_NAME.test(decodeNameEscapes(inflated.toString('latin1')))) return true
    } catch {
      return true
    }
    streamStart.lastIndex = to
  }
  return false
}
