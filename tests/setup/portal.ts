import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { TEST_TMP } from './paths'

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

/** Polls /healthz until it answers 200; throws with the server's output when it exits or times out. */
export async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode != null) throw new Error(`portal exited with ${child.exitCode}:\n${log()}`)
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`portal did not become healthy:\n${log()}`)
}

export type Portal = { baseURL: string; databasePath: string; buildDir: string; pid: number; logPath: string; stop: () => Promise<void> }

/**
 * The real thing, started the way the README starts it in production: a production build, migrated and
 * seeded by `npm run setup` on a fresh database, served by `node --import tsx server/index.ts` (the
 * supervisor and its worker processes) in production mode, with APP_ORIGIN set unless `appOrigin` is
 * false. `name` keeps each suite's build, database
 * and log apart, so two suites never share them.
 */
export async function startPortal(
  name: string,
  { extraEnv = {}, appOrigin = true }: { extraEnv?: Record<string, string>; appOrigin?: boolean } = {},
): Promise<Portal> {
  fs.mkdirSync(TEST_TMP, { recursive: true })
  const databasePath = path.join(TEST_TMP, `${name}-${process.pid}.db`)
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true })
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_PATH: databasePath,
    SESSION_SECRET: 'e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    BUILD_DIR: path.join(TEST_TMP, `build-${name}-${process.pid}`),
    UPLOADS_DIR: path.join(TEST_TMP, `uploads-${name}-${process.pid}`),
    ...extraEnv,
  }
  // As in production, the public origin is configured; without it the portal falls back to the Host header.
  if (appOrigin) env.APP_ORIGIN = `http://localhost:${port}`
  else delete env.APP_ORIGIN
  const build = spawnSync('npx', ['remix', 'build'], { env, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`remix build failed:\n${build.stdout}\n${build.stderr}`)
  const seed = spawnSync('npx', ['tsx', 'scripts/setup.ts'], { env, encoding: 'utf8' })
  if (seed.status !== 0) throw new Error(`setup failed:\n${seed.stdout}\n${seed.stderr}`)

  const logPath = path.join(TEST_TMP, `${name}-${process.pid}.log`)
  const log = fs.createWriteStream(logPath)
  let output = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      log.write(chunk)
      if (output.length < 100_000) output += chunk.toString('utf8')
    })
  }
  const baseURL = `http://localhost:${port}`
  await waitForHealth(baseURL, child, () => output)
  return {
    baseURL,
    databasePath,
    buildDir: env.BUILD_DIR!,
    pid: child.pid!,
    logPath,
    async stop() {
      if (child.exitCode == null) {
        child.kill('SIGTERM')
        await new Promise((r) => child.once('exit', r))
      }
      log.end()
      if (process.env.E2E_SERVER_LOG) fs.writeFileSync(process.env.E2E_SERVER_LOG, output)
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true })
      fs.rmSync(env.BUILD_DIR!, { recursive: true, force: true })
    },
  }
}
