import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { and, asc, count, eq, isNull } from 'drizzle-orm'
import { subsidyClaims, subsidyFiles, subsidyTickets, workers, type ClaimFilePurpose, type SelectSubsidyFile } from '../../db/schema'
import type { SessionUser } from '~/utils/auth.server'
import { db, writeTransaction, type Queryable } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { looksLikePdf, photoHash, reencodePhoto } from '~/utils/image.server'
import { failure, type Result } from '~/utils/mutation.server'
import { UploadError, type UploadLimits, type UploadedFile } from '~/utils/upload.server'

// The files of a subsidy claim (issue 13 §4, security.md 9–11, decision 025): ticket photos and proofs of
// employment. A file is typed by its magic bytes (upload.server), images are re-encoded upright without
// metadata (image.server) and hashed for the duplicate search (claim-flags.server); PDFs are kept as sent.
// Files live under UPLOADS_DIR/claims (never under public/) by a random name; the database row keeps the
// name the worker's phone gave, for display only. A refused upload leaves no row and no file behind.

/** Largest single file, in bytes (a phone photo is 2–6 MB). */
export const MAX_CLAIM_FILE_BYTES = 10 * 1024 * 1024
/** Files in one request (a ticket with front and back, several tickets' worth of photos). */
export const MAX_FILES_PER_REQUEST = 12
/** Files one ticket may have, and proof files one claim may have. */
export const MAX_FILES_PER_TICKET = 6

/**
 * What the claim form's upload may hold (issue 13 §4): files in the field `files`, JPEG / PNG / WebP / PDF by
 * their first bytes, 10 MB a file, 12 files and 60 MB a request. iPhones send JPEG when the browser picks
 * the photo; a HEIC file (or any other kind) is refused with the way round it.
 */
export const CLAIM_UPLOAD_LIMITS: UploadLimits = {
  fileFields: ['files'],
  accept: ['jpeg', 'png', 'webp', 'pdf'],
  maxFileBytes: MAX_CLAIM_FILE_BYTES,
  maxFiles: MAX_FILES_PER_REQUEST,
  maxBodyBytes: 60 * 1024 * 1024,
  maxParts: MAX_FILES_PER_REQUEST + 60,
  maxFieldBytes: 10_000,
  tooLargeMessage: '每个文件不能超过 10 MB，一次合计不能超过 60 MB。请分几次上传，或截图后上传',
  wrongTypeMessage: '只能上传 JPG、PNG、WebP 照片或 PDF 文件。苹果手机的 HEIC 照片请在“设置 → 相机 → 格式”中选“兼容性最佳”后重新拍摄，或截屏后上传截图',
}

/** The folder claim files are kept in (created when first needed). */
export function claimFilesDir() {
  return path.resolve(env.UPLOADS_DIR, 'claims')
}

// Stored names are made here and nowhere else: 32 random hex digits and the stored kind's extension. Checking
// the pattern before joining it to the folder means no row, however written, can point outside it.
const STORED_NAME = /^[0-9a-f]{32}\.(jpg|pdf)$/

/** The absolute path of a stored file, or null when the name is not one this module makes. */
export function storedFilePath(storedName: string) {
  return STORED_NAME.test(storedName) ? path.join(claimFilesDir(), storedName) : null
}

/** A file ready to store: what goes to disk and what goes in the row. */
type PreparedFile = {
  bytes: Buffer
  kind: 'jpeg' | 'pdf'
  originalName: string
  sha256: string
  photo: { hash: string; bands: [number, number, number, number] } | null
}

/**
 * Turns one uploaded file into what is stored: an image re-encoded (JPEG, upright, no metadata) and hashed,
 * a PDF as sent. `sha256` is of the bytes as uploaded, so the same file sent twice matches whatever the
 * re-encoding. Throws UploadError (400 unreadable, 413 too large, 415 wrong kind).
 */
async function prepareFile(file: UploadedFile): Promise<PreparedFile> {
  if (file.bytes.byteLength > MAX_CLAIM_FILE_BYTES) throw new UploadError(413, CLAIM_UPLOAD_LIMITS.tooLargeMessage)
  const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex')
  const originalName = file.name || '未命名文件'
  if (file.kind === 'pdf') {
    if (!looksLikePdf(file.bytes)) throw new UploadError(415, CLAIM_UPLOAD_LIMITS.wrongTypeMessage)
    return { bytes: Buffer.from(file.bytes), kind: 'pdf', originalName, sha256, photo: null }
  }
  if (file.kind !== 'jpeg' && file.kind !== 'png' && file.kind !== 'webp') throw new UploadError(415, CLAIM_UPLOAD_LIMITS.wrongTypeMessage)
  const photo = await reencodePhoto(file.bytes)
  return { bytes: photo.bytes, kind: 'jpeg', originalName, sha256, photo: await photoHash(photo.bytes) }
}

/** Writes bytes under a new random name: to a temporary file, synced, then renamed, so no half file ever has a stored name. */
async function writeStoredFile(bytes: Buffer, kind: 'jpeg' | 'pdf') {
  const dir = claimFilesDir()
  await fs.promises.mkdir(dir, { recursive: true })
  const storedName = `${crypto.randomBytes(16).toString('hex')}.${kind === 'pdf' ? 'pdf' : 'jpg'}`
  const temporary = path.join(dir, `.tmp-${crypto.randomBytes(8).toString('hex')}`)
  const handle = await fs.promises.open(temporary, 'wx', 0o600)
  try {
    await handle.writeFile(bytes)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await fs.promises.rename(temporary, path.join(dir, storedName))
  } catch (error) {
    await fs.promises.rm(temporary, { force: true })
    throw error
  }
  return storedName
}

/**
 * Removes stored files by their stored names (after their rows are gone: a deleted draft file, a removed
 * ticket's photos). Names this module did not make are ignored; a file already gone is not an error.
 */
export async function unlinkStoredFiles(storedNames: readonly string[]) {
  await Promise.all(
    storedNames.map(async (name) => {
      const file = storedFilePath(name)
      if (file) await fs.promises.rm(file, { force: true })
    }),
  )
}

/** How many files a ticket (or, with `ticketId` null, the claim's proofs) already has. */
function filesAlready(tx: Queryable, claimId: number, ticketId: number | null) {
  return (
    tx
      .select({ n: count() })
      .from(subsidyFiles)
      .where(and(eq(subsidyFiles.claimId, claimId), ticketId == null ? isNull(subsidyFiles.ticketId) : eq(subsidyFiles.ticketId, ticketId)))
      .get()?.n ?? 0
  )
}

function tooManyMessage(ticketId: number | null, already: number) {
  const what = ticketId == null ? '工作证明' : '每张车票'
  return `${what}最多 ${MAX_FILES_PER_TICKET} 个文件${already > 0 ? `（已有 ${already} 个）` : ''}，请删去多余的再上传`
}

/**
 * Stores uploaded files for a claim (issue 13 §4): each image re-encoded upright as JPEG without EXIF (GPS
 * included) and given its perceptual hash, each PDF kept as sent; written under generated names in
 * UPLOADS_DIR/claims, then their rows inserted in one write transaction. Takes the claim, the ticket the
 * files show (null for a proof of employment), the purpose, the files read by readUpload with
 * CLAIM_UPLOAD_LIMITS, and the uploading user. The caller has checked the claim is the actor's and editable.
 *
 * Returns the stored rows, or a Failure — 400 an unreadable image or more than MAX_FILES_PER_TICKET for the
 * ticket (or the claim's proofs), 413 a file over 10 MB or an image of too many pixels, 415 a file that is not
 * a JPEG, PNG, WebP or PDF — and then nothing is stored, neither row nor file. Throws when the ticket is not
 * the claim's (a caller's bug).
 */
export async function saveClaimFiles(input: {
  claimId: number
  ticketId: number | null
  purpose: ClaimFilePurpose
  files: readonly UploadedFile[]
  userId: number | null
}): Promise<Result<{ files: SelectSubsidyFile[] }>> {
  const { claimId, ticketId, purpose, files, userId } = input
  if (files.length === 0) return { ok: true, files: [] }
  if (ticketId != null) {
    const ticket = db
      .select({ id: subsidyTickets.id })
      .from(subsidyTickets)
      .where(and(eq(subsidyTickets.id, ticketId), eq(subsidyTickets.claimId, claimId)))
      .get()
    if (!ticket) throw new Error(`ticket ${ticketId} is not of claim ${claimId}`)
  }
  if (files.length > MAX_FILES_PER_REQUEST) return failure(`一次最多上传 ${MAX_FILES_PER_REQUEST} 个文件，请分几次上传`, { field: 'files', status: 413 })
  const before = filesAlready(db, claimId, ticketId)
  if (before + files.length > MAX_FILES_PER_TICKET) return failure(tooManyMessage(ticketId, before), { field: 'files' })

  let prepared: PreparedFile[]
  try {
    prepared = await Promise.all(files.map(prepareFile))
  } catch (error) {
    if (error instanceof UploadError) return failure(error.message, { field: 'files', status: error.status })
    throw error
  }

  const written: string[] = []
  try {
    for (const file of prepared) written.push(await writeStoredFile(file.bytes, file.kind))
    const rows = writeTransaction((tx) => {
      // Counted again under the write lock: two uploads at once cannot both pass the limit.
      const already = filesAlready(tx, claimId, ticketId)
      if (already + prepared.length > MAX_FILES_PER_TICKET) return null
      return prepared.map((file, i) =>
        tx
          .insert(subsidyFiles)
          .values({
            claimId,
            ticketId,
            purpose,
            kind: file.kind,
            storedName: written[i],
            originalName: file.originalName,
            bytes: file.bytes.byteLength,
            sha256: file.sha256,
            photoHash: file.photo?.hash ?? null,
            band0: file.photo?.bands[0] ?? null,
            band1: file.photo?.bands[1] ?? null,
            band2: file.photo?.bands[2] ?? null,
            band3: file.photo?.bands[3] ?? null,
            uploadedByUserId: userId,
          })
          .returning()
          .get(),
      )
    })
    if (!rows) {
      await unlinkStoredFiles(written)
      return failure(tooManyMessage(ticketId, filesAlready(db, claimId, ticketId)), { field: 'files' })
    }
    return { ok: true, files: rows }
  } catch (error) {
    await unlinkStoredFiles(written)
    throw error
  }
}

/** A claim's files, ticket by ticket (proofs, with no ticket, first), in upload order. Takes a connection or transaction. */
export function filesOfClaim(tx: Queryable, claimId: number) {
  return tx.select().from(subsidyFiles).where(eq(subsidyFiles.claimId, claimId)).orderBy(asc(subsidyFiles.ticketId), asc(subsidyFiles.id)).all()
}

/** The stored names of a claim's files, or of one ticket's: read them before deleting the rows, unlink after. */
export function storedNamesOf(tx: Queryable, claimId: number, ticketId?: number) {
  return tx
    .select({ storedName: subsidyFiles.storedName })
    .from(subsidyFiles)
    .where(and(eq(subsidyFiles.claimId, claimId), ticketId == null ? undefined : eq(subsidyFiles.ticketId, ticketId)))
    .all()
    .map((row) => row.storedName)
}

/**
 * Deletes one file of a claim: its row, then the file on disk. Takes the claim id and file id; the caller
 * has checked the claim is the actor's and still editable (a draft or returned claim). Returns whether a file
 * of that claim was deleted (false: no such file of this claim).
 */
export async function deleteClaimFile(claimId: number, fileId: number) {
  const gone = writeTransaction((tx) =>
    tx
      .delete(subsidyFiles)
      .where(and(eq(subsidyFiles.id, fileId), eq(subsidyFiles.claimId, claimId)))
      .returning({ storedName: subsidyFiles.storedName })
      .get(),
  )
  if (!gone) return false
  await unlinkStoredFiles([gone.storedName])
  return true
}

/**
 * A claim file the signed-in user may see (issue 13 §4): the claim's worker through their own account, staff
 * of the claim's county, or the platform operator (admin, who answers for the platform and may be asked to
 * look at a disputed file). Takes the user and the file id; returns the row and the path on disk, or null
 * for anyone else and for a file that does not exist — the route answers both with the same 404.
 */
export function claimFileForViewer(tx: Queryable, user: Pick<SessionUser, 'id' | 'role' | 'organisation'>, fileId: number) {
  const row = tx
    .select({ file: subsidyFiles, organisationId: subsidyClaims.organisationId, workerUserId: workers.userId })
    .from(subsidyFiles)
    .innerJoin(subsidyClaims, eq(subsidyClaims.id, subsidyFiles.claimId))
    .innerJoin(workers, eq(workers.id, subsidyClaims.workerId))
    .where(eq(subsidyFiles.id, fileId))
    .get()
  if (!row) return null
  const allowed =
    (user.role === 'worker' && row.workerUserId === user.id) || (user.role === 'west' && row.organisationId === user.organisation.id) || user.role === 'admin'
  if (!allowed) return null
  const filePath = storedFilePath(row.file.storedName)
  return filePath ? { file: row.file, path: filePath } : null
}
