// `npm test`: type-check, then the vitest suite in two runs — unit, route, HTTP and browser journeys
// first, then the security suite (hostile bodies, spreadsheets and bursts against a portal of its own,
// which must not load the machine while a browser journey runs) — then one closing line
// "N passed, N failed" for CI. The type check counts as one test. With arguments, one vitest run with
// those arguments (e.g. `npm run test:security` is `--project security`).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

fs.mkdirSync('.test-results', { recursive: true })

const extraArgs = process.argv.slice(2)
let passed = 0
let failed = 0

if (extraArgs.length === 0) {
  const tsc = spawnSync('npx', ['tsc', '--noEmit'], { stdio: 'inherit' })
  if (tsc.status === 0) passed++
  else {
    failed++
    console.error('Type check failed.')
  }
}

const runs = extraArgs.length > 0 ? [extraArgs] : [['--project', 'unit', '--project', 'e2e'], ['--project', 'security']]
runs.forEach((args, i) => {
  const resultsFile = `.test-results/vitest-${i}.json`
  fs.rmSync(resultsFile, { force: true })
  const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...args], {
    stdio: 'inherit',
  })
  let runFailed = 0
  if (fs.existsSync(resultsFile)) {
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'))
    passed += results.numPassedTests
    runFailed += results.numFailedTests
    // A file that crashed before its tests ran has no failed test but must still fail the run.
    const brokenFiles = results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.every((t) => t.status !== 'failed'))
    runFailed += brokenFiles.length
  } else {
    runFailed++
  }
  if (vitest.status !== 0 && runFailed === 0) runFailed++
  failed += runFailed
})

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
