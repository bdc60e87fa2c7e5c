import crypto from 'node:crypto'
import { env } from './env.server'

// Search terms such as a phone number or an ID tail must not appear in URLs (they end up in browser
// history, proxy logs and Referer headers). A search is sealed into an opaque, authenticated token
// instead: AES-256-GCM with a key derived from the session secret, so the URL stays shareable within
// the office and bookmarkable, yet reveals nothing.

function keyFor(secret: string) {
  return crypto.createHash('sha256').update(`sealed-search:${secret}`).digest()
}

export function seal(value: unknown) {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFor(env.sessionSecrets[0]), iv)
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')
}

/** The sealed value, or null when the token is missing, damaged, or sealed with an unknown secret. */
export function unseal<T>(token: string | null | undefined): T | null {
  if (!token || token.length > 2000) return null
  const raw = Buffer.from(token, 'base64url')
  if (raw.length < 29) return null
  for (const secret of env.sessionSecrets) {
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', keyFor(secret), raw.subarray(0, 12))
      decipher.setAuthTag(raw.subarray(12, 28))
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
      return JSON.parse(text) as T
    } catch {
      // try the next secret
    }
  }
  return null
}
