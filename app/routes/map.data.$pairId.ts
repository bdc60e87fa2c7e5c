import { createHash } from 'node:crypto'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { cachedMapBody } from '~/models/map-data-cache.server'
import { listMapPairs, mapDataVersion, pairMapData } from '~/models/map-data.server'
import { isStaffOfPair } from '~/rules/map'
import { actorOf, getViewer } from '~/utils/auth.server'
import { SIGNED_IN_REVALIDATE } from '~/utils/cache-control'

// One pair's map data as JSON (issue 14 §6: "map data comes from one request per pair, cacheable"): the
// browser map fetches `/map/data/:pairId` for each shown pair. What anyone may see (sites, open posts) is
// `public, max-age=60`; to a signed-in viewer (with the pair's batch routes for its staff) it is
// SIGNED_IN_REVALIDATE, `private, no-cache`: kept by that browser and revalidated each time. Both vary by cookie. Both carry an ETag from mapDataVersion, so an unchanged pair answers 304 without its body.
// The body itself, and its gzip and brotli forms, are kept per pair, staff or not, and version
// (map-data-cache.server.ts), so a repeat request costs the version check, not ~2.4 MB rebuilt.

const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300'

function notFound() {
  return Response.json({ error: '没有这个对口协作关系。' }, { status: 404, headers: { 'Cache-Control': 'no-store' } })
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = /^\d{1,9}$/.test(params.pairId ?? '') ? Number(params.pairId) : null
  if (id == null) return notFound()
  const pair = listMapPairs().find((p) => p.id === id)
  if (!pair) return notFound()
  const user = await getViewer(request)
  const actor = user ? actorOf(user, context) : null
  const staff = isStaffOfPair(actor, pair)
  const version = mapDataVersion(id, staff)
  if (version == null) return notFound()
  const etag = `"${createHash('sha256').update(version).digest('base64url').slice(0, 27)}"`
  // Both vary by cookie: a browser that kept the public answer must not show it to staff who just signed in.
  const headers = { ETag: etag, 'Cache-Control': user ? SIGNED_IN_REVALIDATE : PUBLIC_CACHE, Vary: 'Cookie' }
  const asked = request.headers.get('If-None-Match')
  if (
    asked &&
    asked
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .includes(etag)
  ) {
    return new Response(null, { status: 304, headers })
  }
  const answer = cachedMapBody(`${id}:${staff ? 'staff' : 'public'}`, etag, request.headers.get('Accept-Encoding') ?? undefined, () => pairMapData(id, actor))
  if (!answer) return notFound()
  return new Response(answer.body, {
    headers: {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(answer.body.byteLength),
      // Encoded here, the server's compression leaves it as it is and adds no Vary of its own.
      ...(answer.encoding === 'identity' ? {} : { 'Content-Encoding': answer.encoding, Vary: 'Cookie, Accept-Encoding' }),
    },
  })
}
