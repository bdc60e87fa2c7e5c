// `npm run db:reset`: throw away the demo database and seed a fresh one. Stop the portal first.
import fs from 'node:fs'
import { openDatabase } from '../db/connection'
import { seedDemoData } from '../db/seed'
import { env } from '../app/utils/env.server'

if (env.isProduction) {
  console.error('Refusing to reset a production database.')
  process.exit(1)
}
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(env.DATABASE_PATH + suffix, { force: true })
const db = openDatabase(env.DATABASE_PATH)
const result = await seedDemoData(db)
db.$client.close()
console.log(`Reset ${env.DATABASE_PATH}: ${JSON.stringify(result)}`)
