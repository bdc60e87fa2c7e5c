import http from 'node:http'
import type net from 'node:net'

/**
 * A phone's signal that a test can cut: an HTTP relay in front of the portal at `baseURL`. The browser is
 * pointed at `url`; the relay passes each request on as if it were made to `baseURL` itself (Host, Origin and
 * Referer rewritten, so the portal's same-origin checks see its own origin) and rewrites absolute redirects
 * back. `cut()` closes every open connection and refuses new ones, `restore()` lets them through again.
 * Unlike the browser's own offline emulation, which does not reliably cover requests a service worker makes
 * or lets fall through (Playwright issue 2311), a cut relay stops page and service worker alike, keep-alive
 * connections included. Close it with `close()`.
 */
export async function cuttableSignal(baseURL: string) {
  const target = new URL(baseURL)
  const sockets = new Set<net.Socket>()
  let cut = false
  let ownOrigin = ''
  const toTarget = (value: string | undefined) => value?.split(ownOrigin).join(target.origin)
  const relay = http.createServer((request, response) => {
    const headers = { ...request.headers, host: target.host }
    if (headers.origin) headers.origin = toTarget(headers.origin)
    if (headers.referer) headers.referer = toTarget(headers.referer)
    const upstream = http.request({ hostname: target.hostname, port: target.port, method: request.method, path: request.url, headers }, (answer) => {
      const back = { ...answer.headers }
      if (back.location) back.location = back.location.split(target.origin).join(ownOrigin)
      response.writeHead(answer.statusCode ?? 502, back)
      answer.pipe(response)
    })
    upstream.on('error', () => response.destroy())
    request.pipe(upstream)
  })
  relay.on('connection', (socket) => {
    if (cut) return socket.destroy()
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
  const { port } = relay.address() as net.AddressInfo
  ownOrigin = `http://localhost:${port}`
  return {
    url: ownOrigin,
    cut() {
      cut = true
      for (const socket of sockets) socket.destroy()
    },
    restore() {
      cut = false
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        relay.close(() => resolve())
      }),
  }
}
