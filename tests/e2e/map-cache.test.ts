import { expect, inject, test } from 'vitest'
import { staffCookieAt } from './http-forms'

// Issue 14 §6 "map data … cacheable", through the real server's cache rule (server/remix-handler.ts): a
// signed-in worker or staff member re-downloaded a pair's whole map data (~1.5 MB with 4,000 sites) on
// every view, because every signed-in answer was forced to `private, no-store`. The map data holds no
// personal data, so it keeps `private, no-cache` with its ETag and an unchanged pair answers 304; every
// other signed-in answer stays `private, no-store`.

const baseURL = inject('baseURL')

test('登录后地图数据可以按 ETag 重新验证（304），页面本身仍不缓存 / signed in, the map data revalidates by ETag (304) while pages stay uncached', async () => {
  for (const username of ['13996000001', 'kaizhou']) {
    const cookie = await staffCookieAt(baseURL, username)
    const first = await fetch(`${baseURL}/map/data/1`, { headers: { Cookie: cookie } })
    expect(first.status, username).toBe(200)
    expect(first.headers.get('cache-control'), username).toBe('private, no-cache')
    const etag = first.headers.get('etag')
    expect(etag, username).toMatch(/^"/)
    const again = await fetch(`${baseURL}/map/data/1`, { headers: { Cookie: cookie, 'If-None-Match': etag! } })
    expect(again.status, username).toBe(304)
    expect(again.headers.get('cache-control'), username).toBe('private, no-cache')
    const page = await fetch(`${baseURL}/map`, { headers: { Cookie: cookie } })
    expect(page.headers.get('cache-control'), username).toBe('private, no-store')
    const home = await fetch(`${baseURL}/me`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(home.headers.get('cache-control'), username).toBe('private, no-store')
  }
  const anonymous = await fetch(`${baseURL}/map/data/1`)
  expect(anonymous.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300')
})
