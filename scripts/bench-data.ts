// `npm run bench:data [-- --out FILE] [--scale 0.1] [--force]`: builds the benchmark database of issue 10
// §1 (default .bench/portal.db; decision 015) — the demo data plus 100,000 posts, 500,000 ledger rows,
// 50,000 worker accounts and 500,000 applications at scale 1 — and prints the time per table and the size.
// Never the demo database: writing over data/portal.db or DATABASE_PATH is refused.
import os from 'node:os'
import { parseArgs } from 'node:util'
import { buildBenchDatabase } from './bench-data-build'

const { values } = parseArgs({
  options: { out: { type: 'string', default: '.bench/portal.db' }, scale: { type: 'string', default: '1' }, force: { type: 'boolean', default: false } },
})

try {
  console.log(`building ${values.out} at scale ${values.scale} (${os.cpus().length} CPUs)`)
  const result = await buildBenchDatabase({ out: values.out, scale: Number(values.scale), force: values.force })
  console.log('rows per table:')
  for (const [table, n] of Object.entries(result.rows)) console.log(`  ${table.padEnd(28)} ${n.toLocaleString('en-US').padStart(10)}`)
  console.log(`${result.file}: ${(result.bytes / 1024 / 1024).toFixed(1)} MB, built in ${(result.seconds / 60).toFixed(1)} min`)
  process.exit(0)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
