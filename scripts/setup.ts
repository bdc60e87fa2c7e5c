// `npm start` runs this before the server: migrate the database and, when it is empty, seed demo data.
import { isSeeded, seedDemoData } from '../db/seed'
import { openDatabase } from '../db/connection'
import { env } from '../app/utils/env.server'

const db = openDatabase(env.DATABASE_PATH)
if (isSeeded(db)) {
  console.log(`Database ${env.DATABASE_PATH} already has data; not seeding.`)
} else {
  const result = await seedDemoData(db)
  console.log(`Seeded ${env.DATABASE_PATH}: ${JSON.stringify(result)}`)
}
db.$client.close()
