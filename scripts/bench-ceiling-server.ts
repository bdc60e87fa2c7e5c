// The ceiling of `npm run bench` (issue 10 §2): a bare node:http server, one process, that answers every
// request with one recorded response — the same status, headers and body bytes (compressed as the portal
// sent them) — so a page's req/s can be set against what this machine serves when no application runs at
// all. Started by scripts/bench.ts with fork(): it listens on the port in argv[2], says { ready } once
// listening, and swaps the response whenever the parent sends { status, headers, body (base64) }, answering
// { set: true }. Runs in its own process so it never shares an event loop with the load generator.
import http from 'node:http'

type Recorded = { status: number; headers: Record<string, string | string[]>; body: string }

let status = 200
let headers: Record<string, string | string[]> = {}
let body = Buffer.alloc(0)

const server = http.createServer((_req, res) => {
  res.writeHead(status, { ...headers, 'content-length': body.length })
  res.end(body)
})
server.keepAliveTimeout = 65_000

process.on('message', (message: Recorded) => {
  status = message.status
  headers = message.headers
  body = Buffer.from(message.body, 'base64')
  process.send?.({ set: true })
})
process.on('disconnect', () => process.exit(0))

server.listen(Number(process.argv[2]), '127.0.0.1', () => process.send?.({ ready: true }))
