import type { TestProject } from 'vitest/node'
import { startPortal } from './portal'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    databasePath: string
  }
}

/**
 * Browser journeys and HTTP checks run against the real thing: a production build, served by the
 * real server in production mode, on a fresh database migrated and seeded by `npm run setup`.
 */
export default async function setup(project: TestProject) {
  const portal = await startPortal('e2e')
  project.provide('baseURL', portal.baseURL)
  project.provide('databasePath', portal.databasePath)
  return () => portal.stop()
}
