import fs from 'node:fs'
import { openDatabase } from '../../db/connection'
import { seedDemoData } from '../../db/seed'
import { BASE_DB, TEST_TMP } from './paths'

/**
 * Once per run: a database migrated with the real migrations and filled with the demo data. Each test
 * file then works on its own copy of it (tests/setup/db-setup.ts), so files never share state.
 */
export default async function setup() {
  fs.mkdirSync(TEST_TMP, { recursive: true })
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(BASE_DB + suffix, { force: true })
  const db = openDatabase(BASE_DB)
  await seedDemoData(db)
  db.$client.pragma('wal_checkpoint(TRUNCATE)')
  db.$client.close()
}
