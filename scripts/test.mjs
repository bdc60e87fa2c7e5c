// `npm test`: type-check, then the whole vitest suite (unit, route, HTTP and browser journeys), then one
// closing line "N passed, N failed" for CI. The type check counts as one test.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

const resultsFile = '.test-results/vitest.json'
fs.mkdirSync('.test-results', { recursive: true })
fs.rmSync(resultsFile, { force: true })

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

const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...extraArgs], {
  stdio: 'inherit',
})
if (fs.existsSync(resultsFile)) {
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'))
  passed += results.numPassedTests
  failed += results.numFailedTests
  // A file that crashed before its tests ran has no failed test but must still fail the run.
  const brokenFiles = results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.every((t) => t.status !== 'failed'))
  failed += brokenFiles.length
} else {
  failed++
}
if (vitest.status !== 0 && failed === 0) failed++

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
