// `npm run bench:map [-- --seconds N] [-- --runs N] [-- --throttle N] [-- --no-build] [-- --no-report]` (issue 14 §6):
// the map with 5,000 markers beside the same page with 50, and the one cacheable data request per pair
// (scripts/bench-map-run.ts says what is measured, scripts/bench-map-lib.ts the targets). Builds the portal
// into its own BUILD_DIR (default .bench/map-build; --no-build uses the one there), makes its database in
// .bench/map/, starts the production server on BENCH_MAP_PORT (default 3450; the ceiling takes the next),
// prints the figures, rewrites the map section of docs/benchmarks.md (not with --no-report) and exits 1 when
// a target is missed. A full `npm run bench` runs the same and puts the section in its report.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { busyMachineWarning } from './bench-lib'
import { withMapSection } from './bench-map-lib'
import { runMapBench } from './bench-map-run'

const args = process.argv.slice(2)
const flag = (name: string) => args.includes(`--${name}`)
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? Number(args[i + 1]) : fallback
}

async function main() {
  const buildDir = path.resolve(process.env.BUILD_DIR ?? '.bench/map-build')
  process.env.BUILD_DIR = buildDir
  if (!flag('no-build')) {
    console.log(`building into ${buildDir}…`)
    const built = spawnSync('npx', ['remix', 'build'], { env: { ...process.env, NODE_ENV: 'production', BUILD_DIR: buildDir }, stdio: 'inherit' })
    if (built.status !== 0) process.exit(2)
  }
  if (!fs.existsSync(path.join(buildDir, 'build', 'index.js'))) {
    console.error(`no production build in ${buildDir}; run without --no-build`)
    process.exit(2)
  }
  const busy = busyMachineWarning(os.loadavg(), os.availableParallelism())
  if (busy) console.warn(busy)
  const { checks, section } = await runMapBench({
    port: Number(process.env.BENCH_MAP_PORT ?? 3450),
    seconds: option('seconds', 5),
    runs: option('runs', 3),
    throttle: option('throttle', 1),
    databasePath: path.resolve('.bench/map/portal.db'),
  })
  console.log('')
  for (const c of checks)
    console.log(`${c.verdict.pass ? 'PASS' : 'FAIL'}  ${c.name}: ${c.figures}${c.verdict.pass ? '' : ` — ${c.verdict.reasons.join('; ')}`}`)
  if (!flag('no-report')) {
    const file = 'docs/benchmarks.md'
    fs.writeFileSync(file, `${withMapSection(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n', section)}\n`)
    console.log(`\nwrote the map section of ${file}`)
  }
  process.exit(checks.every((c) => c.verdict.pass) ? 0 : 1)
}

await main()
