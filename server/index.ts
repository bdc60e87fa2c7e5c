import { createServer } from './app'
import { env } from '../app/utils/env.server'

const app = await createServer()
const server = app.listen(env.PORT, () => {
  console.log(`鲁渝劳务协作 portal listening on http://localhost:${env.PORT} (${env.NODE_ENV}, database ${env.DATABASE_PATH})`)
})

// Finish in-flight requests on a stop signal, so no request is cut half-way through a write.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 5000).unref()
  })
}
