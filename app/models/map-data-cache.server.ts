import { acceptedEncodings, COMPRESS_THRESHOLD, compressBody, type Encoding } from '../../server/compress'

// The serialized answers of `/map/data/:pairId`, kept (issue 14 §6: "the map stays responsive with 5,000
// markers; map data comes from one request per pair, cacheable"). A pair's answer is ~2.4 MB of JSON at
// 5,000 sites: building, serializing and compressing it took ~0.6 s a request on a busy machine, while
// sending the same bytes takes a few milliseconds. So each (pair, staff or not) keeps its newest answer —
// the JSON and, made on first use, its gzip and brotli forms — under the ETag it was built for; a new
// version (a site, post or batch changed, the day turned) replaces it. Bounded in entries and bytes, in
// this process only (each of WEB_CONCURRENCY's workers keeps its own).

/** At most this many answers are kept (3 pairs × public and staff, with room). */
export const MAP_CACHE_ENTRIES = 8
/** At most this many bytes (JSON plus its compressed forms) are kept; the oldest answers go first. */
export const MAP_CACHE_BYTES = 24 * 1024 * 1024

/** Bytes as a Fetch Response takes them (a Buffer's type may be backed by a SharedArrayBuffer; these never are). */
type Bytes = Uint8Array<ArrayBuffer>

type Entry = { etag: string; json: Bytes; encoded: Partial<Record<'br' | 'gzip', Bytes>>; bytes: number }

// A Map iterates in insertion order: re-inserting on use makes the first key the least recently used.
const entries = new Map<string, Entry>()

function totalBytes() {
  let n = 0
  for (const e of entries.values()) n += e.bytes
  return n
}

function trim() {
  for (const key of entries.keys()) {
    if (entries.size <= MAP_CACHE_ENTRIES && totalBytes() <= MAP_CACHE_BYTES) return
    entries.delete(key)
  }
}

/**
 * The body of one pair's map data for a client, from the cache or built once. Takes the cache key (the
 * pair and whether the answer holds its staff's routes), the ETag of the current version, the client's
 * Accept-Encoding header and `build` (returns the data, or null for no such pair). Returns the bytes and
 * their encoding ('identity' when the client accepts neither brotli nor gzip, or the body is tiny), or null
 * when `build` returns null. The server's compression (server/compress.ts) leaves an answer that already
 * has a Content-Encoding as it is, so the caller sets that header from `encoding`.
 */
export function cachedMapBody(key: string, etag: string, acceptEncoding: string | undefined, build: () => unknown): { body: Bytes; encoding: Encoding } | null {
  let entry = entries.get(key)
  if (entry && entry.etag !== etag) {
    entries.delete(key)
    entry = undefined
  }
  if (!entry) {
    const data = build()
    if (data == null) return null
    const json = new TextEncoder().encode(JSON.stringify(data))
    entry = { etag, json, encoded: {}, bytes: json.byteLength }
  }
  // Most recently used last.
  entries.delete(key)
  entries.set(key, entry)
  const accepted = acceptedEncodings(acceptEncoding)
  const encoding = accepted.br ? 'br' : accepted.gzip ? 'gzip' : 'identity'
  if (encoding === 'identity' || entry.json.byteLength < COMPRESS_THRESHOLD) {
    trim()
    return { body: entry.json, encoding: 'identity' }
  }
  let body = entry.encoded[encoding]
  if (!body) {
    body = new Uint8Array(compressBody(Buffer.from(entry.json.buffer, entry.json.byteOffset, entry.json.byteLength), encoding))
    entry.encoded[encoding] = body
    entry.bytes += body.byteLength
  }
  trim()
  return { body, encoding }
}
