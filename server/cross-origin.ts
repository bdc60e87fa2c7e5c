const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export type WriteRequestFacts = {
  method: string
  origin: string | undefined
  secFetchSite: string | undefined
  /** This site's own origin, e.g. "https://luyu.example.gov.cn". */
  ownOrigin: string
}

/**
 * Cross-site request forgery guard (OWASP CSRF cheat sheet, "Fetch Metadata" and "Verifying origin").
 * SameSite=Lax is not enough here: every *.gov.cn host is "same-site" with every other, so a page on
 * another government site could post to us. A state-changing request is refused when the browser says
 * it came from anywhere but this origin. Requests without either header come from non-browser clients
 * (curl, monitoring), which carry no ambient cookies of a victim and are allowed.
 */
export function isCrossOriginWrite({ method, origin, secFetchSite, ownOrigin }: WriteRequestFacts) {
  if (SAFE_METHODS.has(method.toUpperCase())) return false
  if (secFetchSite && secFetchSite !== 'same-origin' && secFetchSite !== 'none') return true
  if (origin !== undefined) {
    if (origin === 'null') return true
    return origin.toLowerCase() !== ownOrigin.toLowerCase()
  }
  return false
}
