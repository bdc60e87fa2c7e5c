import type { Role } from '../../db/schema'

export const HOME_OF: Record<Role, string> = { east: '/east', west: '/west', worker: '/me', admin: '/admin' }

const PRIVATE_AREAS = Object.values(HOME_OF)

function isUnder(path: string, area: string) {
  return path === area || path.startsWith(`${area}/`) || path.startsWith(`${area}?`)
}

/**
 * Where a user goes after signing in: back to the page that sent them to /login when it is a page of
 * this site they may see (their own side, or a public page), otherwise to their side's home. A link
 * to another site or another side's page never carries them there.
 */
export function landingAfterLogin(role: Role, redirectTo: string | null | undefined) {
  const home = HOME_OF[role]
  if (!redirectTo || !redirectTo.startsWith('/') || redirectTo.startsWith('//') || redirectTo.startsWith('/\\')) return home
  if (/[\u0000-\u001f\\]/.test(redirectTo)) return home
  if (isUnder(redirectTo, home)) return redirectTo
  if (PRIVATE_AREAS.some((area) => isUnder(redirectTo, area))) return home
  if (redirectTo === '/login' || redirectTo.startsWith('/login?') || redirectTo.startsWith('/logout')) return home
  return redirectTo
}
