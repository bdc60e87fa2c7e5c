import type { TestProject } from 'vitest/node'
import { startPortal } from './portal'

declare module 'vitest' {
  export interface ProvidedContext {
    securityBaseURL: string
    securityDatabasePath: string
    securityServerPid: number
    securityLogPath: string
  }
}

/**
 * The security suite gets a portal of its own: it sends hostile bodies and spreadsheets, kills worker
 * processes and reads the server's log, none of which may disturb the browser journeys.
 */
export default async function setup(project: TestProject) {
  // One trusted proxy: each test says which client address it comes from (X-Forwarded-For), so the
  // per-address throttles of one test never block the sign-ins of another. No APP_ORIGIN: the suite
  // checks that a forged Host still cannot reach a cached answer.
  const portal = await startPortal('security', { extraEnv: { TRUST_PROXY: '1' }, appOrigin: false })
  project.provide('securityBaseURL', portal.baseURL)
  project.provide('securityDatabasePath', portal.databasePath)
  project.provide('securityServerPid', portal.pid)
  project.provide('securityLogPath', portal.logPath)
  return () => portal.stop()
}
