import sharp from 'sharp'
import { UploadError } from './upload.server'

// Photos of tickets and proofs (issue 13 §4–5, security.md 9–11, decision 025). Every image is decoded and
// written again by sharp (libvips): upright (the EXIF orientation applied), every piece of metadata dropped
// (EXIF with GPS, XMP, IPTC, ICC), as a JPEG no longer than MAX_IMAGE_SIDE on its longest side. Whatever a
// file carried beside its pixels — a script appended to a JPEG, a polyglot — is not in the stored copy.
// PDFs are kept as they were sent: there is no maintained way here to rewrite one safely, so they are only
// served as downloads (app/routes/claims.files.$fileId.ts).

/**
 * The longest side of a stored photo, in pixels (the issue allows up to 2400): a ticket stays readable, and a
 * 12 MP (4000 × 3000) or 48 MP phone photo can be decoded at a half or a quarter of its size straight from the
 * JPEG (libvips' shrink-on-load), which cut the CPU of four 3 MB photos by about a fifth against 2400 in scripts/bench-claim-upload.ts.
 */
export const MAX_IMAGE_SIDE = 2000

/**
 * The most pixels a decoded image may have (width × height). A 48 MP phone sensor is 8064 × 6048; anything
 * larger is refused before it is decoded, so a small file that expands into gigabytes (a decompression bomb)
 * never reaches memory.
 */
export const MAX_INPUT_PIXELS = 60_000_000

/** Quality of the stored JPEG (libjpeg scale): small enough for a phone's upload, print still legible. */
const JPEG_QUALITY = 82

const UNREADABLE = '这张图片无法打开，可能已损坏。请重新拍照或截图后上传'
const TOO_MANY_PIXELS = '这张图片的像素太大，无法处理。请用手机相机重新拍照，或截图后上传'

/** A photo as stored: JPEG bytes without metadata, upright, with its pixel size. */
export type StoredPhoto = { bytes: Buffer; width: number; height: number }

/**
 * Re-encodes an uploaded image (JPEG, PNG or WebP bytes) as the portal stores it: the EXIF orientation
 * applied, transparency flattened onto white, at most MAX_IMAGE_SIDE px on its longest side (never
 * enlarged), JPEG, with no metadata at all. Takes the uploaded bytes; returns the new bytes and size.
 * Throws UploadError 413 for more than MAX_INPUT_PIXELS pixels and 400 for bytes libvips cannot decode
 * (a truncated or forged image) — the route answers either in Chinese, never with a 500.
 */
export async function reencodePhoto(input: Uint8Array): Promise<StoredPhoto> {
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true })
      .autoOrient()
      .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer({ resolveWithObject: true })
    return { bytes: data, width: info.width, height: info.height }
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw new UploadError(413, TOO_MANY_PIXELS)
    throw new UploadError(400, UNREADABLE)
  }
}

/** Side of the greyscale square the perceptual hash reads. */
const HASH_SAMPLE = 32
/** The low frequencies kept: an 8 × 8 block of the DCT, without the first row and column (the average). */
const HASH_LOW = 8

// cos((2x + 1) u π / 2N) for u = 1 … 8: the DCT-II basis the hash uses, computed once.
const COSINES = Array.from({ length: HASH_LOW }, (_, k) =>
  Float64Array.from({ length: HASH_SAMPLE }, (_, x) => Math.cos(((2 * x + 1) * (k + 1) * Math.PI) / (2 * HASH_SAMPLE))),
)

/** A photo's perceptual hash: 16 hex digits (64 bits) and the four 16-bit bands the duplicate search indexes. */
export type PhotoHash = { hash: string; bands: [number, number, number, number] }

/**
 * The perceptual hash (pHash) of an image (issue 13 §5): greyscale, squeezed to 32 × 32, the 2-D DCT's
 * 8 × 8 lowest frequencies above the average, each bit 1 where the coefficient is above their median.
 * Re-compressing, resizing or brightening a picture moves a few bits; a different picture moves about
 * half. Takes image bytes (the stored JPEG); returns the hash and its bands (band 0 = the first four hex
 * digits). Throws UploadError 400 when the bytes are not an image. Decision 025 gives the measured
 * distances and the limits (two tickets printed on the same template can also be close).
 */
export async function photoHash(image: Uint8Array): Promise<PhotoHash> {
  let grey: Buffer
  try {
    grey = await sharp(image, { limitInputPixels: MAX_INPUT_PIXELS })
      .autoOrient()
      .greyscale()
      .resize(HASH_SAMPLE, HASH_SAMPLE, { fit: 'fill' })
      .raw()
      .toBuffer()
  } catch {
    throw new UploadError(400, UNREADABLE)
  }
  // The 2-D DCT is separable: transform the columns first (rows × 8), then the rows of that.
  const half = new Float64Array(HASH_LOW * HASH_SAMPLE)
  for (let u = 0; u < HASH_LOW; u++) {
    for (let x = 0; x < HASH_SAMPLE; x++) {
      let sum = 0
      for (let y = 0; y < HASH_SAMPLE; y++) sum += COSINES[u][y] * grey[y * HASH_SAMPLE + x]
      half[u * HASH_SAMPLE + x] = sum
    }
  }
  const coefficients: number[] = []
  for (let u = 0; u < HASH_LOW; u++) {
    for (let v = 0; v < HASH_LOW; v++) {
      let sum = 0
      for (let x = 0; x < HASH_SAMPLE; x++) sum += COSINES[v][x] * half[u * HASH_SAMPLE + x]
      coefficients.push(sum)
    }
  }
  const sorted = [...coefficients].sort((a, b) => a - b)
  const median = (sorted[31] + sorted[32]) / 2
  let bits = 0n
  for (const c of coefficients) bits = (bits << 1n) | (c > median ? 1n : 0n)
  const hash = bits.toString(16).padStart(16, '0')
  return { hash, bands: hashBands(hash) }
}

/** The four 16-bit bands of a 16-hex-digit hash, most significant first (each 0 … 65535). */
export function hashBands(hash: string): [number, number, number, number] {
  return [0, 1, 2, 3].map((i) => parseInt(hash.slice(i * 4, i * 4 + 4), 16)) as [number, number, number, number]
}

/** How many of the 64 bits two hashes (16 hex digits each) differ in: 0 for the same picture, ~32 for unrelated ones. */
export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`)
  let count = 0
  while (x > 0n) {
    count += Number(x & 1n)
    x >>= 1n
  }
  return count
}

/** Whether bytes are a PDF as stored: they begin with `%PDF-` (upload.server's sniffing decides the same). */
export function looksLikePdf(bytes: Uint8Array) {
  return bytes.byteLength >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-'
}
