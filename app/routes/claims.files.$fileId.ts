import fs from 'node:fs'
import { Readable } from 'node:stream'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { ROLES } from '../../db/schema'
import { claimFileForViewer } from '~/models/claim-file.server'
import { requireActor } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { requireRecordId } from '~/utils/params.server'

// A claim's photo or PDF (issue 13 §4, security.md 10): only the claim's worker, staff of the claim's county
// and the platform operator get it; anyone else — another worker, another county, a Shandong bureau — gets
// the same 404 as a file that does not exist. Photos open in the page (inline): they were re-encoded, so they
// are plain JPEG pixels. PDFs are kept as sent, so they are downloaded (attachment), never rendered in the
// portal's origin. The type is the one detected at upload; nosniff and a sandboxing CSP stop a browser from
// guessing otherwise; private, no-store keeps the file out of shared caches and the back-forward cache.

const NOT_FOUND = () => new Response('Not Found', { status: 404 })

/** The download name: the phone's name with the stored kind's extension (a re-encoded photo is a .jpg). */
function downloadName(originalName: string, kind: string) {
  const extension = kind === 'pdf' ? '.pdf' : '.jpg'
  const base = originalName.replace(/\.[^.]{1,8}$/, '') || '文件'
  return base + extension
}

/** RFC 5987 encoding for `filename*`: encodeURIComponent leaves ' ( ) * ! as they are, which the header may not hold. */
function encodeRfc5987(value: string) {
  return encodeURIComponent(value).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** Streams the file from disk with the headers above; 404 for anyone but its viewers and for a missing file. */
export async function loader(args: LoaderFunctionArgs) {
  const { user } = await requireActor(args, { role: ROLES })
  const found = claimFileForViewer(db, user, requireRecordId(args.params.fileId))
  if (!found) throw NOT_FOUND()
  const stat = await fs.promises.stat(found.path).catch(() => null)
  if (!stat?.isFile()) throw NOT_FOUND()
  const pdf = found.file.kind === 'pdf'
  const name = downloadName(found.file.originalName, found.file.kind)
  const stream = Readable.toWeb(fs.createReadStream(found.path)) as ReadableStream<Uint8Array>
  return new Response(stream, {
    headers: {
      'Content-Type': pdf ? 'application/pdf' : 'image/jpeg',
      'Content-Length': String(stat.size),
      'Content-Disposition': `${pdf ? 'attachment' : 'inline'}; filename="claim-file-${found.file.id}${pdf ? '.pdf' : '.jpg'}"; filename*=UTF-8''${encodeRfc5987(name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  })
}
