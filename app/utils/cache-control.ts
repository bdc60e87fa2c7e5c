// The Cache-Control values routes may ask for where the portal's cache rule (server/remix-handler.ts,
// issue 7 §8) would otherwise make an answer `private, no-store`.

/**
 * The one Cache-Control a route may keep for a signed-in browser: stored by that browser only and
 * revalidated every time (the route's ETag answers 304). Only for answers without personal data — the
 * map's data per pair (issue 14 §6: sites, open posts, a pair's batch routes), large and rarely changed.
 */
export const SIGNED_IN_REVALIDATE = 'private, no-cache'
