import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, inject } from 'vitest'
import { TEST_TMP } from './paths'

// Runs before each test file's imports: point the app at a private copy of the seeded database.
const file = path.join(TEST_TMP, `test-${process.env.VITEST_POOL_ID ?? '0'}-${crypto.randomUUID()}.db`)
fs.copyFileSync(inject('baseDatabasePath'), file)
process.env.DATABASE_PATH = file
process.env.UPLOADS_DIR = inject('uploadsDir')
process.env.NODE_ENV = 'test'

afterAll(async () => {
  const { db } = await import('~/utils/db.server')
  db.$client.close()
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
})
