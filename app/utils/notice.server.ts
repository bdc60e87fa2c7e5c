import { createCookie, redirect } from '@remix-run/node'
import { z } from 'zod'
import { env } from './env.server'

// One-time notices after a mutation (Post/Redirect/Get): the action redirects with the notice in a
// short-lived signed cookie, the root loader reads it once and clears it, and the root renders it —
// with or without JavaScript. Nothing goes into the URL, so a refresh or a bookmark never shows it again
// (the epic stack's toast, decision 027 there).

const NoticeSchema = z.object({
  tone: z.enum(['ok', 'amber']).default('ok'),
  /** Chinese text shown as it is, at most 200 characters. */
  text: z.string().min(1).max(200),
})

export type Notice = z.infer<typeof NoticeSchema>

const noticeCookie = createCookie('__notice', {
  httpOnly: true,
  sameSite: 'lax',
  secure: env.isProduction,
  path: '/',
  secrets: env.sessionSecrets,
  // Long enough for the redirect to be followed on a slow network, short enough to die if it is not.
  maxAge: 120,
})

/**
 * A redirect to `url` that carries a one-time notice. Takes the target, the notice (`text` in Chinese,
 * `tone` ok or amber) and optional extra headers (merged; Set-Cookie values are kept alongside).
 * Returns the 302 Response for the action to throw or return.
 */
export async function redirectWithNotice(url: string, notice: { text: string; tone?: Notice['tone'] }, init: { headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await noticeCookie.serialize(NoticeSchema.parse(notice)))
  return redirect(url, { headers })
}

/**
 * The notice waiting for this request, if any, and the header that clears it. Takes the request;
 * returns `{ notice: null, headers: {} }` when there is none or the cookie does not verify.
 */
export async function takeNotice(request: Request): Promise<{ notice: Notice | null; headers: Record<string, string> }> {
  const raw: unknown = await noticeCookie.parse(request.headers.get('Cookie'))
  if (raw == null) return { notice: null, headers: {} }
  const parsed = NoticeSchema.safeParse(raw)
  const clear = await noticeCookie.serialize('', { maxAge: 0, expires: new Date(0) })
  return { notice: parsed.success ? parsed.data : null, headers: { 'Set-Cookie': clear } }
}
