// `npx tsx scripts/bench-import.ts [rows]`: times the registry import (read → validate → write) of a
// generated Kaizhou ledger, default 10,000 rows, on a throw-away copy of the demo database. Also times
// reading the same rows from xlsx, the slower of the two formats.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import ExcelJS from 'exceljs'
import { openDatabase } from '../db/connection'
import { seedDemoData } from '../db/seed'

const ROWS = Number(process.argv[2] ?? 10_000)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'))
const file = path.join(dir, 'bench.db')

const seeded = openDatabase(file)
await seedDemoData(seeded, { accountsPerCounty: 4, registryPerCounty: 20 })
seeded.$client.close()

// The app's modules open DATABASE_PATH when first imported, so point it at the copy before importing them.
process.env.DATABASE_PATH = file
const { db } = await import('../app/utils/db.server')
const { listTownships, listVillages } = await import('../app/models/area.server')
const { confirmImport, previewImport } = await import('../app/models/worker-import.server')
const { readRegistrySheet } = await import('../app/models/worker-import-read.server')
const { validateRegistryRows } = await import('../app/models/worker-import-validate.server')
const { makeIdNumber } = await import('../app/rules/id-number')
const { REGISTRY_COLUMNS, shortVillageName } = await import('../app/rules/registry')
const schema = await import('../db/schema')
const { eq } = await import('drizzle-orm')

const org = db.select().from(schema.organisations).where(eq(schema.organisations.areaCode, '500154')).get()!
const user = db.select().from(schema.users).where(eq(schema.users.username, 'kaizhou')).get()!
const taken = new Set(
  db
    .select({ id: schema.workers.idNumber })
    .from(schema.workers)
    .all()
    .map((r) => r.id),
)

const towns = listTownships('500154')
const villages = listVillages('500154')
const SURNAMES = ['谭', '冉', '向', '陈', '李', '王', '张', '刘', '杨', '黄']
const GIVEN = ['建华', '秀英', '德芬', '明亮', '小红', '国强', '春梅', '永福', '大勇', '玉兰']
const HOUSEHOLD = ['脱贫人口', '监测对象', '其他']
const STATUS = ['省外务工', '市内县外务工', '县内务工', '自主创业', '公益性岗位', '未就业']
const NEED = ['赴山东务工', '到其他省市务工', '就近就地就业', '参加技能培训', '自主创业', '暂无需求']
const SKILL = ['无技能', '有技能无证书', '初级工', '中级工', '高级工及以上']

const lines: string[] = [REGISTRY_COLUMNS.map((c) => c.header).join(',')]
const cells: string[][] = []
for (let i = 0, n = 0; n < ROWS; i++) {
  const day = new Date(Date.UTC(1975, 0, 1) + Math.floor(i / 400) * 86_400_000).toISOString().slice(0, 10)
  const id = makeIdNumber({ areaCode: '500154', birthDate: day, sequence: 500 + (i % 400) })
  if (taken.has(id)) continue
  const town = towns[n % towns.length]
  const inTown = villages.filter((v) => v.townshipCode === town.code)
  const village = inTown.length > 0 && n % 3 !== 0 ? shortVillageName(inTown[n % inTown.length].name) : ''
  const row = [
    SURNAMES[n % 10] + GIVEN[Math.floor(n / 10) % 10],
    id,
    `139${String(10_000_000 + n).padStart(8, '0')}`,
    town.name,
    village,
    HOUSEHOLD[n % 3],
    STATUS[n % 6],
    NEED[n % 6],
    SKILL[n % 5],
    n % 4 === 0 ? '电焊' : '',
    n % 7 === 0 ? '家中有老人需要照顾' : '',
    n % 7 === 0 ? '推荐潍坊企业岗位' : '',
    '',
  ]
  cells.push(row)
  lines.push(row.join(','))
  n++
}
const csvBytes = new TextEncoder().encode(lines.join('\r\n'))

function time<T>(label: string, run: () => T): T {
  const start = performance.now()
  const result = run()
  timings.push([label, (performance.now() - start) / 1000])
  return result
}
async function timeAsync<T>(label: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now()
  const result = await run()
  timings.push([label, (performance.now() - start) / 1000])
  return result
}
const timings: [string, number][] = []

const sheet = await timeAsync('read CSV', () => readRegistrySheet(csvBytes, 'bench.csv'))
if (!sheet.ok) throw new Error(sheet.message)
const actor = { userId: user.id, role: 'west' as const, organisationId: org.id, areaCode: '500154', ip: null }
const checked = time('validate (alone)', () => validateRegistryRows(sheet.rows, actor))
if (!checked.ok || checked.problems > 0) throw new Error(`validation failed: ${JSON.stringify(checked.ok ? checked.problemRows.slice(0, 5) : checked)}`)
timings.pop()
const preview = await timeAsync('preview (validate, sort, keep)', () =>
  previewImport(actor, 'bench.csv', { rows: sheet.rows, fields: sheet.fields, skipped: sheet.skipped }),
)
if (!preview.ok || preview.refused) throw new Error(`preview failed: ${JSON.stringify(preview.ok ? preview.problems.slice(0, 5) : preview)}`)
const imported = time('confirm (one transaction)', () => confirmImport(actor, preview.id))
if (!imported?.ok) throw new Error(`import failed: ${JSON.stringify(imported)}`)
const total = timings.reduce((sum, [, s]) => sum + s, 0)

// For comparison: the same rows as an xlsx file (reading only).
const workbook = new ExcelJS.Workbook()
const ws = workbook.addWorksheet('台账')
ws.addRow(REGISTRY_COLUMNS.map((c) => c.header))
for (const row of cells) ws.addRow(row)
const xlsxBytes = new Uint8Array(await workbook.xlsx.writeBuffer())
const fromXlsx = await timeAsync('read xlsx (comparison)', () => readRegistrySheet(xlsxBytes, 'bench.xlsx'))
if (!fromXlsx.ok || fromXlsx.rows.length !== ROWS) throw new Error('xlsx read failed')

console.log(`${imported.created} rows (CSV ${(csvBytes.byteLength / 1024).toFixed(0)} KB, xlsx ${(xlsxBytes.byteLength / 1024).toFixed(0)} KB)`)
for (const [label, seconds] of timings) console.log(`${label.padEnd(26)} ${seconds.toFixed(3)} s`)
console.log(`${'total CSV import'.padEnd(26)} ${total.toFixed(3)} s`)

db.$client.close()
fs.rmSync(dir, { recursive: true, force: true })
