import fs from 'node:fs'
import path from 'node:path'
import { openDatabase } from '../../db/connection'
import { seedDemoData } from '../../db/seed'
import type { TestProject } from 'vitest/node'
import { TEST_TMP } from './paths'

declare module 'vitest' {
  export interface ProvidedContext {
    baseDatabasePath: string
    uploadsDir: string
  }
}

/**
 * Once per run: a database migrated with the real migrations and filled with the demo data. Each test
 * file then works on its own copy of it (tests/setup/db-setup.ts), so files never share state.
 */
export default async function setup(project: TestProject) {
  fs.mkdirSync(TEST_TMP, { recursive: true })
  // One base file per run, so two test runs at once never copy each other's half-written database.
  const base = path.join(TEST_TMP, `base-${process.pid}.db`)
  // The demo's ticket pictures, and whatever the tests upload, go to the run's own folder, never data/.
  const uploadsDir = path.join(TEST_TMP, `uploads-${process.pid}`)
  const db = openDatabase(base)
  await seedDemoData(db, { uploadsDir })
  db.$client.pragma('wal_checkpoint(TRUNCATE)')
  db.$client.close()
  project.provide('baseDatabasePath', base)
  project.provide('uploadsDir', uploadsDir)
  return () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(base + suffix, { force: true })
    fs.rmSync(uploadsDir, { recursive: true, force: true })
  }
}
