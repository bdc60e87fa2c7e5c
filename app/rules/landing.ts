import type { Role } from './permissions'

export const HOME_OF: Record<Role, string> = { east: '/east', west: '/west', worker: '/me', admin: '/admin' }

const PRIVATE_AREAS = Object.values(HOME_OF)

/** Longest way back kept, in characters (after percent-encoding); a longer one lands on the home page. */
export const MAX_REDIRECT_LENGTH = 2000

// Only used to resolve a path against "this site": nothing is ever sent there.
const PLACEHOLDER_ORIGIN = 'http://landing.invalid'

function isUnder(path: string, area: string) {
  return path === area || path.startsWith(`${area}/`)
}

/**
 * A user-supplied path made safe for a `Location` header: the same-origin path, query and fragment,
 * resolved (`..`, `%2e%2e`) and percent-encoded (non-ASCII, spaces), or null when it is not a path of
 * this site — another origin, `//host`, `\host`, a scheme, control characters — or is too long. The
 * result is printable ASCII only, so building the redirect cannot throw.
 */
export function safeLocalPath(target: unknown): { href: string; pathname: string } | null {
  if (typeof target !== 'string' || target.length === 0 || target.length > MAX_REDIRECT_LENGTH) return null
  if (!target.startsWith('/') || target.startsWith('//')) return null
  // The URL parser drops tabs and newlines and reads "\" as "/": "/\tevil" or "/\evil" would become "//evil".
  if (/[\p{Cc}\\]/u.test(target)) return null
  let url: URL
  try {
    url = new URL(target, PLACEHOLDER_ORIGIN)
  } catch {
    return null
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return null
  const href = url.pathname + url.search + url.hash
  if (href.length > MAX_REDIRECT_LENGTH || !/^\/(?![/\\])[\x21-\x7e]*$/.test(href)) return null
  // Routes match case-insensitively on the decoded path, so the area checks look at it the same way.
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname).toLowerCase()
  } catch {
    return null
  }
  return { href, pathname }
}

/**
 * Where a user goes after signing in: back to the page that sent them to /login when it is a page of
 * this site they may see (their own side, or a public page), otherwise to their side's home. A link
 * to another site or another side's page never carries them there. The answer is always a path that
 * a `Location` header can carry (printable ASCII, percent-encoded), whatever `redirectTo` holds.
 */
export function landingAfterLogin(role: Role, redirectTo: string | null | undefined) {
  const home = HOME_OF[role]
  const target = safeLocalPath(redirectTo)
  if (!target) return home
  const { href, pathname } = target
  if (pathname.endsWith('.data')) return home
  if (isUnder(pathname, home)) return href
  if (PRIVATE_AREAS.some((area) => isUnder(pathname, area))) return home
  if (pathname === '/login' || pathname === '/logout' || pathname.startsWith('/logout/')) return home
  return href
}

/** Longest way back carried to /login; a longer request URL (a huge query) just goes to /login. */
const MAX_WAY_BACK = 1000

/**
 * The sign-in page for an anonymous request, carrying the page asked for (path and query, without the
 * `.data` suffix and `_routes` of a single-fetch data request) as `redirectTo` — percent-encoded, so the
 * Location is ASCII whatever the URL held.
 */
export function loginRedirectFor(requestUrl: string) {
  const url = new URL(requestUrl)
  if (url.searchParams.has('_routes')) url.searchParams.delete('_routes')
  const path = url.pathname === '/_root.data' ? '/' : url.pathname.replace(/\.data$/, '')
  const back = path + url.search
  if (back.length > MAX_WAY_BACK) return '/login'
  return `/login?${new URLSearchParams({ redirectTo: back })}`
}
