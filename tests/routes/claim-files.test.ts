import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, expect, test, vi } from 'vitest'
import { subsidyFiles } from '../../db/schema'
import { CLAIM_UPLOAD_LIMITS, claimFilesDir, deleteClaimFile, saveClaimFiles } from '~/models/claim-file.server'
import { loader } from '~/routes/claims.files.$fileId'
import { db } from '~/utils/db.server'
import { parseEnv } from '~/utils/env.server'
import { UploadError, readUpload, type UploadedFile } from '~/utils/upload.server'
import { claimWithTicket } from '../fixtures/claims/claims'
import { brokenJpeg, exeBytes, heicBytes, hugePng, jpegWithGps, pdfBytes, polyglotJpeg, sidewaysJpeg, trainTicketPng } from '../fixtures/claims/images'
import { callLoader, cookieFor } from '../request'

// Claim uploads (issue 13 §4, security.md 9–11): typed by magic bytes, re-encoded upright without EXIF,
// stored by generated names outside public/, served only to the worker, their county's staff and the admin.

// Before the app's modules are imported: this file's uploads go to a folder of its own.
const uploadsDir = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR || '/tmp'}/claim-files-test-${process.pid}-${Date.now()}`
  process.env.UPLOADS_DIR = dir
  return dir
})

afterAll(() => fs.rmSync(uploadsDir, { recursive: true, force: true }))

/** A multipart POST of `files` in the field `files`, as the claim form sends it. */
function uploadRequest(files: { name: string; bytes: Uint8Array; type?: string }[]) {
  const form = new FormData()
  for (const f of files) form.append('files', new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.type ?? 'image/jpeg' }), f.name)
  return new Request('http://localhost/me/claims/1', { method: 'POST', body: form })
}

/** Reads the upload as the claim form's action does; the UploadError's status and message when it is refused. */
async function read(files: { name: string; bytes: Uint8Array; type?: string }[]) {
  try {
    return { files: (await readUpload(uploadRequest(files), CLAIM_UPLOAD_LIMITS)).files }
  } catch (error) {
    if (error instanceof UploadError) return { status: error.status, message: error.message }
    throw error
  }
}

function storedNames() {
  return fs.existsSync(claimFilesDir()) ? fs.readdirSync(claimFilesDir()) : []
}

function rowsOf(claimId: number) {
  return db.select().from(subsidyFiles).where(eq(subsidyFiles.claimId, claimId)).all()
}

async function store(claimId: number, ticketId: number | null, files: UploadedFile[]) {
  return saveClaimFiles({ claimId, ticketId, purpose: ticketId == null ? 'proof' : 'ticket', files, userId: null })
}

async function readAndStore(claimId: number, ticketId: number, name: string, bytes: Uint8Array) {
  const upload = await read([{ name, bytes }])
  if (!('files' in upload) || !upload.files) throw new Error(`refused: ${JSON.stringify(upload)}`)
  const saved = await store(claimId, ticketId, upload.files)
  if (!saved.ok) throw new Error(saved.message)
  return saved.files[0]
}

test('上传目录默认在 data/uploads，放在 public/ 下启动即报错 / UPLOADS_DIR defaults to data/uploads and refuses public/', () => {
  expect(parseEnv({}).UPLOADS_DIR).toBe('data/uploads')
  expect(() => parseEnv({ UPLOADS_DIR: 'public/uploads' })).toThrow(/UPLOADS_DIR/)
  expect(() => parseEnv({ UPLOADS_DIR: path.resolve('public') })).toThrow(/UPLOADS_DIR/)
  expect(parseEnv({ UPLOADS_DIR: path.join(os.tmpdir(), 'x') }).UPLOADS_DIR).toBe(path.join(os.tmpdir(), 'x'))
  expect(claimFilesDir().startsWith(os.tmpdir())).toBe(true)
})

test('类型看文件内容：改名 .jpg 的 PDF 按 PDF 保存 / a PDF named .jpg is stored as the PDF it is', async () => {
  const { claimId, ticketId } = await claimWithTicket()
  const file = await readAndStore(claimId, ticketId, '车票.jpg', pdfBytes())
  expect(file.kind).toBe('pdf')
  expect(file.photoHash).toBeNull()
  expect(file.storedName).toMatch(/^[0-9a-f]{32}\.pdf$/)
  expect(fs.readFileSync(path.join(claimFilesDir(), file.storedName))).toEqual(pdfBytes())
})

test('改名 .jpg 的 exe 与 HEIC 照片被拒（415，说明怎么办），不留行也不留文件 / an EXE named .jpg and an HEIC photo are refused with the way round', async () => {
  const before = storedNames().length
  expect(await read([{ name: 'photo.jpg', bytes: exeBytes() }])).toEqual({ status: 415, message: CLAIM_UPLOAD_LIMITS.wrongTypeMessage })
  const heic = await read([{ name: 'IMG_0001.HEIC', bytes: heicBytes(), type: 'image/heic' }])
  expect(heic).toMatchObject({ status: 415 })
  expect((heic as { message: string }).message).toMatch(/兼容性最佳/)
  expect((heic as { message: string }).message).toMatch(/截屏/)
  expect(storedNames().length).toBe(before)
})

test('多格式混合文件：附在 JPEG 后的网页脚本不会进入保存的文件 / a JPEG with a script appended is stored as plain pixels', async () => {
  const { claimId, ticketId } = await claimWithTicket()
  const sent = await polyglotJpeg(await trainTicketPng())
  expect(sent.includes('<script')).toBe(true)
  const file = await readAndStore(claimId, ticketId, 'ticket.jpg', sent)
  const stored = fs.readFileSync(path.join(claimFilesDir(), file.storedName))
  expect(file.kind).toBe('jpeg')
  expect(stored.includes('<script')).toBe(false)
  expect((await sharp(stored).metadata()).format).toBe('jpeg')
})

test('照片里的 GPS 等 EXIF 全部去掉 / GPS and every other EXIF field is stripped from a stored photo', async () => {
  const { claimId, ticketId } = await claimWithTicket()
  const sent = await jpegWithGps(await trainTicketPng())
  const sentMeta = await sharp(sent).metadata()
  expect(sentMeta.exif?.includes('GPS')).toBe(true)
  const file = await readAndStore(claimId, ticketId, 'IMG_2041.JPG', sent)
  const stored = fs.readFileSync(path.join(claimFilesDir(), file.storedName))
  const meta = await sharp(stored).metadata()
  expect(meta.exif).toBeUndefined()
  expect(meta.xmp).toBeUndefined()
  expect(meta.icc).toBeUndefined()
  expect(stored.includes('TestPhone')).toBe(false)
  expect(file.originalName).toBe('IMG_2041.JPG')
  expect(file.photoHash).toMatch(/^[0-9a-f]{16}$/)
  expect([file.band0, file.band1, file.band2, file.band3]).toEqual([0, 1, 2, 3].map((i) => parseInt(file.photoHash!.slice(i * 4, i * 4 + 4), 16)))
})

test('竖拍照片（EXIF 方向 6）转正保存 / a photo with EXIF orientation 6 is stored upright', async () => {
  const { claimId, ticketId } = await claimWithTicket()
  const sent = await sidewaysJpeg()
  expect((await sharp(sent).metadata()).orientation).toBe(6)
  const file = await readAndStore(claimId, ticketId, 'upright.jpg', sent)
  const stored = fs.readFileSync(path.join(claimFilesDir(), file.storedName))
  const meta = await sharp(stored).metadata()
  expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([200, 300, 1])
  // The red corner of the sideways picture is at the top right once turned upright.
  const { data, info } = await sharp(stored).raw().toBuffer({ resolveWithObject: true })
  const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)]
  expect(pixel(190, 10)[0]).toBeGreaterThan(200)
  expect(pixel(190, 10)[1]).toBeLessThan(60)
  expect(pixel(10, 10)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)])
  expect(pixel(10, 10)[1]).toBeGreaterThan(200)
})

test('超过 10 MB 的文件 413，超过 12 个文件 413，一张车票超过 6 个文件 400 / a file over 10 MB, 13 files, or a 7th file for a ticket are refused', async () => {
  const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(10 * 1024 * 1024 + 10, 1)])
  expect(await read([{ name: 'big.jpg', bytes: big }])).toEqual({ status: 413, message: CLAIM_UPLOAD_LIMITS.tooLargeMessage })
  const small = await sharp(await trainTicketPng())
    .resize(240)
    .jpeg()
    .toBuffer()
  const thirteen = Array.from({ length: 13 }, (_, i) => ({ name: `p${i}.jpg`, bytes: small }))
  expect(await read(thirteen)).toMatchObject({ status: 413 })

  const { claimId, ticketId } = await claimWithTicket()
  const four = await read(thirteen.slice(0, 4))
  if (!('files' in four) || !four.files) throw new Error('four files refused')
  expect((await store(claimId, ticketId, four.files)).ok).toBe(true)
  const before = storedNames().length
  const refused = await store(claimId, ticketId, [...four.files.slice(0, 3)])
  expect(refused).toEqual({ ok: false, message: '每张车票最多 6 个文件（已有 4 个），请删去多余的再上传', field: 'files' })
  expect(rowsOf(claimId)).toHaveLength(4)
  expect(storedNames().length).toBe(before)
})

test('解压炸弹与损坏的图片被拒，不留行也不留文件 / a decompression bomb (413) and an unreadable JPEG (400) leave nothing behind', async () => {
  const { claimId, ticketId } = await claimWithTicket()
  const before = storedNames().length
  const bomb = await read([{ name: 'bomb.png', bytes: await hugePng(), type: 'image/png' }])
  if (!('files' in bomb) || !bomb.files) throw new Error('bomb refused before sniffing')
  const good = await read([{ name: 'ok.png', bytes: await trainTicketPng(), type: 'image/png' }])
  if (!('files' in good) || !good.files) throw new Error('good refused')
  const refused = await store(claimId, ticketId, [...good.files, ...bomb.files])
  expect(refused).toMatchObject({ ok: false, status: 413, field: 'files', message: expect.stringMatching(/像素太大/) })
  const broken = await read([{ name: 'broken.jpg', bytes: brokenJpeg() }])
  if (!('files' in broken) || !broken.files) throw new Error('broken refused before sniffing')
  expect(await store(claimId, ticketId, broken.files)).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/无法打开/) })
  expect(rowsOf(claimId)).toHaveLength(0)
  expect(storedNames().length).toBe(before)
})

test('只有本人、本区县工作人员和管理员能看文件，其余一律 404 / only the worker, their county staff and admin get a file; others 404', async () => {
  const { claimId, ticketId, cookie } = await claimWithTicket('kaizhou')
  const photo = await readAndStore(claimId, ticketId, '去程 车票.png', await trainTicketPng())
  const pdf = await readAndStore(claimId, ticketId, "单位's 证明(1).pdf", pdfBytes())
  const fetchAs = (who: string | null, id: string) => callLoader(loader, { path: `/claims/files/${id}`, cookie: who ?? undefined, params: { fileId: id } })

  const own = await fetchAs(cookie, String(photo.id))
  if (!('value' in own)) throw new Error(`worker refused: ${own.thrown.status}`)
  const response = own.value
  expect(response.status).toBe(200)
  expect(Object.fromEntries(response.headers)).toMatchObject({
    'content-type': 'image/jpeg',
    'content-disposition': `inline; filename="claim-file-${photo.id}.jpg"; filename*=UTF-8''${encodeURIComponent('去程 车票.jpg')}`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  })
  expect(Buffer.from(await response.arrayBuffer())).toEqual(fs.readFileSync(path.join(claimFilesDir(), photo.storedName)))

  const asPdf = await fetchAs(await cookieFor('kaizhou'), String(pdf.id))
  if (!('value' in asPdf)) throw new Error('county staff refused')
  expect(asPdf.value.headers.get('Content-Type')).toBe('application/pdf')
  expect(asPdf.value.headers.get('Content-Disposition')).toBe(
    `attachment; filename="claim-file-${pdf.id}.pdf"; filename*=UTF-8''${encodeURIComponent('单位')}%27s%20${encodeURIComponent('证明')}%281%29.pdf`,
  )
  expect(asPdf.value.headers.get('X-Content-Type-Options')).toBe('nosniff')
  const admin = await fetchAs(await cookieFor('admin'), String(photo.id))
  expect('value' in admin && admin.value.status).toBe(200)

  const other = await claimWithTicket('kaizhou')
  for (const who of [await cookieFor('xiushan'), await cookieFor('weifang'), other.cookie]) {
    const refused = await fetchAs(who, String(photo.id))
    expect('thrown' in refused && refused.thrown.status).toBe(404)
  }
  const anonymous = await fetchAs(null, String(photo.id))
  expect('thrown' in anonymous && anonymous.thrown.status).toBe(302)
  for (const id of ['../1', '..%2F..%2Fetc%2Fpasswd', `${photo.id}.jpg`, '0', '-1', '1e3', '99999999', photo.storedName]) {
    const refused = await fetchAs(cookie, id)
    expect('thrown' in refused && refused.thrown.status).toBe(404)
  }
  // A row whose stored name were ever tampered with still cannot reach outside the uploads folder.
  db.update(subsidyFiles).set({ storedName: '../../../../etc/passwd' }).where(eq(subsidyFiles.id, pdf.id)).run()
  const tampered = await fetchAs(cookie, String(pdf.id))
  expect('thrown' in tampered && tampered.thrown.status).toBe(404)
})

test('删除草稿里的文件同时删掉磁盘上的文件 / deleting a draft file removes it from disk', async () => {
  const { claimId, ticketId } = await claimWithTicket('fengdu', { state: 'draft' })
  const file = await readAndStore(claimId, ticketId, 'a.png', await trainTicketPng())
  const onDisk = path.join(claimFilesDir(), file.storedName)
  expect(fs.existsSync(onDisk)).toBe(true)
  const other = await claimWithTicket('fengdu', { state: 'draft' })
  expect(await deleteClaimFile(other.claimId, file.id)).toBe(false)
  expect(fs.existsSync(onDisk)).toBe(true)
  expect(await deleteClaimFile(claimId, file.id)).toBe(true)
  expect(fs.existsSync(onDisk)).toBe(false)
  expect(rowsOf(claimId)).toHaveLength(0)
  // No temporary file is left behind by any upload of this file.
  expect(storedNames().filter((n) => n.startsWith('.tmp-'))).toEqual([])
})
