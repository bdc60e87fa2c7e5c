// The boarding page's service worker (issue 12 §6, decision 022). Registered by the page for its own path
// only (scope /west/batches/<id>/boarding), it keeps a copy of that page and of the files it loads, so the
// escort's phone can reload the list where there is no signal. Pages: the network first (within a few
// seconds), the kept copy when there is none. Built files (/build/…, named by their content): the kept copy
// first. Everything else, and every write, goes to the network untouched: the marks themselves travel in the
// page's own queue (localStorage), never through here. Plain JavaScript, no library.

const CACHE = `boarding:${new URL(self.registration.scope).pathname}`
const NETWORK_WAIT_MS = 4000

self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

// The page hands over the files to keep: itself and its scripts and styles, fetched now while online.
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'keep' || !Array.isArray(event.data.urls)) return
  const urls = event.data.urls.filter((u) => typeof u === 'string' && new URL(u, self.location.origin).origin === self.location.origin)
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(urls.map((u) => keep(cache, u)))))
})

async function keep(cache, url) {
  try {
    const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' })
    if (!response.ok || response.redirected) return
    if (!(response.headers.get('content-type') ?? '').includes('text/html')) return cache.put(url, response)
    // A page: keep it and every built file it names (scripts, styles, the route modules it preloads), so it
    // starts offline even when the escort reached it by a link inside the app rather than by loading it.
    const html = await response.clone().text()
    await cache.put(url, response)
    const files = new Set([...html.matchAll(/["'](\/build\/[^"'\s]+)["']/g)].map((m) => m[1]))
    await Promise.all([...files].map(async (file) => (await cache.match(file)) ?? keep(cache, file)))
  } catch {
    // No signal now: the copy kept before stays.
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (request.mode === 'navigate') event.respondWith(networkFirst(request))
  else if (url.pathname.startsWith('/build/') || url.pathname === '/favicon.svg') event.respondWith(keptFirst(request))
})

async function networkFirst(request) {
  const cache = await caches.open(CACHE)
  try {
    const response = await Promise.race([fetch(request), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), NETWORK_WAIT_MS))])
    if (response.ok && response.type === 'basic' && !response.redirected) await cache.put(request.url, response.clone())
    return response
  } catch (error) {
    const url = new URL(request.url)
    const kept = (await cache.match(request.url)) ?? (await cache.match(url.pathname))
    if (kept) return kept
    throw error
  }
}

async function keptFirst(request) {
  const cache = await caches.open(CACHE)
  const kept = await cache.match(request.url)
  if (kept) return kept
  const response = await fetch(request)
  if (response.ok) await cache.put(request.url, response.clone())
  return response
}
