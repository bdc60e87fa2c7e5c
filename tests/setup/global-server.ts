import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { TEST_TMP } from './paths'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    databasePath: string
  }
}

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

async function waitForHealth(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 60_000
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

/**
 * Browser journeys and HTTP checks run against the real thing: a production build, served by the
 * real express server in production mode, on a fresh database migrated and seeded by `npm run setup`.
 */
export default async function setup(project: TestProject) {
  fs.mkdirSync(TEST_TMP, { recursive: true })
  const databasePath = path.join(TEST_TMP, `e2e-${process.pid}.db`)
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true })
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_PATH: databasePath,
    SESSION_SECRET: 'e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    BUILD_DIR: path.join(TEST_TMP, `build-${process.pid}`),
  }
  const build = spawnSync('npx', ['remix', 'build'], { env, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`remix build failed:\n${build.stdout}\n${build.stderr}`)
  const seed = spawnSync('npx', ['tsx', 'scripts/setup.ts'], { env, encoding: 'utf8' })
  if (seed.status !== 0) throw new Error(`setup failed:\n${seed.stdout}\n${seed.stderr}`)

  let output = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const baseURL = `http://localhost:${port}`
  await waitForHealth(baseURL, child, () => output)
  project.provide('baseURL', baseURL)
  project.provide('databasePath', databasePath)

  return async () => {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    if (process.env.E2E_SERVER_LOG) fs.writeFileSync(process.env.E2E_SERVER_LOG, output)
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true })
    fs.rmSync(env.BUILD_DIR!, { recursive: true, force: true })
  }
}
