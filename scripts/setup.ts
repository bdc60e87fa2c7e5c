// `npm start` runs this before the server: migrate the database and, when it is empty, seed demo data.
import { isSeeded, seedDemoData } from '../db/seed'
import { openDatabase } from '../db/connection'
import { ensureVacancySearchCurrent } from '../app/models/vacancy-search.server'
import { env } from '../app/utils/env.server'

const db = openDatabase(env.DATABASE_PATH)
if (isSeeded(db)) {
  console.log(`Database ${env.DATABASE_PATH} already has data; not seeding.`)
} else {
  const result = await seedDemoData(db)
  console.log(`Seeded ${env.DATABASE_PATH}: ${JSON.stringify(result)}`)
}
// The board's search documents are made by the application, so a new format is rebuilt here, not by a
// migration (db/schema/search.ts).
const rebuilt = ensureVacancySearchCurrent(db)
if (rebuilt != null) console.log(`Rebuilt ${rebuilt} vacancy search documents.`)
db.$client.close()
