// `DATABASE_PATH=tests/.tmp/<copy>.db npx tsx scripts/bench-manifest.ts [seats] [runs]`: times the manifest of
// a batch with `seats` seated people (default 300: five 60-seat buses) in-process — the read
// (models/manifest.server.ts readManifest, one query for the people), the page's data (manifestView) and the
// server render of the sheet (renderToString of components/manifest-sheet.tsx) — issue 12's "a manifest of
// 300 seats renders in under 100 ms". Makes the batch in 开州 from existing ledger rows through the real
// models (book, close), so run it on a COPY of a database (it writes); prints the median, p95 and max.
import { performance } from 'node:perf_hooks'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'

const SEATS = Number(process.argv[2] ?? 300)
const RUNS = Number(process.argv[3] ?? 50)
if (!process.env.DATABASE_PATH || process.env.DATABASE_PATH.includes('.bench/'))
  throw new Error('Set DATABASE_PATH to a copy of the database (never .bench/ itself)')

const { db } = await import('../app/utils/db.server')
const { and, eq, isNull, sql } = await import('drizzle-orm')
const schema = await import('../db/schema')
const { createBatch, addVehicle, moveBatch, pairedCityOf } = await import('../app/models/batch.server')
const { bookSeat } = await import('../app/models/seat.server')
const { readManifest, manifestView } = await import('../app/models/manifest.server')
const { ManifestSheet } = await import('../app/components/manifest-sheet')
const { addDays, todayInShanghai } = await import('../app/rules/dates')

const staff = db
  .select({ id: schema.users.id, organisationId: schema.users.organisationId, areaCode: schema.organisations.areaCode })
  .from(schema.users)
  .innerJoin(schema.organisations, eq(schema.organisations.id, schema.users.organisationId))
  .where(eq(schema.users.username, 'kaizhou'))
  .get()!
const actor = { userId: staff.id, role: 'west' as const, organisationId: staff.organisationId, areaCode: staff.areaCode, ip: null }

function must<T extends { ok: boolean } | null>(r: T, what: string) {
  if (!r?.ok) throw new Error(`${what}: ${JSON.stringify(r)}`)
  return r as Extract<NonNullable<T>, { ok: true }>
}

const employerIds = db
  .select({ id: schema.employers.id })
  .from(schema.employers)
  .innerJoin(schema.organisations, eq(schema.organisations.id, schema.employers.organisationId))
  .where(and(eq(schema.organisations.areaCode, pairedCityOf(actor)!), isNull(schema.employers.archivedAt)))
  .limit(3)
  .all()
  .map((e) => e.id)
const departureDate = addDays(todayInShanghai(), 200 + Math.floor(Math.random() * 100))
const { id: batchId } = must(
  createBatch(actor, {
    cityCode: pairedCityOf(actor)!,
    pickupName: '汉丰街道汽车站',
    pickupAddress: '开州区汉丰街道滨湖路 1 号',
    pickupLat: null,
    pickupLng: null,
    departureDate,
    departureTime: '07:30',
    notes: null,
    escortName: '李干部',
    escortPhone: '13800001111',
    employerIds,
  }),
  'createBatch',
)
const buses = Math.ceil(SEATS / 60)
for (let i = 0; i < buses; i++) must(addVehicle(actor, batchId, { plate: `渝D${20001 + i}`, seats: 60 }), 'addVehicle')
must(moveBatch(actor, batchId, 'open'), 'open')
const people = db
  .select({ id: schema.workers.id })
  .from(schema.workers)
  .where(and(eq(schema.workers.organisationId, actor.organisationId), isNull(schema.workers.archivedAt)))
  .orderBy(sql`random()`)
  .limit(SEATS)
  .all()
let t = performance.now()
for (const p of people) must(bookSeat(actor, batchId, { workerId: p.id }), 'bookSeat')
console.log(`booked ${people.length} by the model in ${(performance.now() - t).toFixed(0)} ms`)
must(moveBatch(actor, batchId, 'close'), 'close')
const batch = db.select().from(schema.batches).where(eq(schema.batches.id, batchId)).get()!

const times = { read: [] as number[], total: [] as number[] }
let html = ''
for (let i = 0; i < RUNS; i++) {
  t = performance.now()
  const view = manifestView(readManifest(batch))
  const read = performance.now() - t
  html = renderToString(createElement(ManifestSheet, { batch: view.batch, buses: view.buses, preplan: view.preplan, full: false }))
  times.read.push(read)
  times.total.push(performance.now() - t)
}
const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(1)
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${s[s.length - 1].toFixed(1)} ms`
}
console.log(`manifest of ${SEATS} seats on ${buses} buses, ${RUNS} runs (batch ${batchId}, ${(html.length / 1024).toFixed(0)} KiB of HTML)`)
console.log(`  read + view: ${stat(times.read)}`)
console.log(`  read + view + render: ${stat(times.total)}`)
