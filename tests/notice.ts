import { takeNotice } from '~/utils/notice.server'
import { BASE, toCookieHeader } from './request'

/**
 * The one-time notice a redirect carries (utils/notice.server.ts), read the way the root loader reads it
 * on the next request: takes the redirect Response; returns its Location and the notice's text (null
 * when it sets none or the cookie does not verify).
 */
export async function noticeOf(response: Response): Promise<{ location: string | null; text: string | null }> {
  const setCookie = response.headers.get('Set-Cookie')
  const next = new Request(`${BASE}/`, { headers: setCookie ? { Cookie: toCookieHeader(setCookie) } : {} })
  const { notice } = await takeNotice(next)
  return { location: response.headers.get('Location'), text: notice?.text ?? null }
}
