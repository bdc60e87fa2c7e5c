// `npm test`: type-check and the static checks (ESLint, Prettier, the layer rules), then the vitest suite
// in two runs — unit, route, HTTP and browser journeys first, then the security suite (hostile bodies,
// spreadsheets and bursts against a portal of its own, which must not load the machine while a browser
// journey runs) — then one closing line "N passed, N failed" for CI. The type check and each static check
// count as one test; a failing one is reported and the suite still runs. STATIC_CHECKS=off leaves out the
// three static checks (the type check always runs). With arguments, one vitest run with those arguments
// (e.g. `npm run test:security` is `--project security`).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

fs.mkdirSync('.test-results', { recursive: true })

const extraArgs = process.argv.slice(2)
let passed = 0
let failed = 0

/** Runs one whole-repository check (a command that exits 0 when clean) and counts it as one test. */
function check(name, command, args) {
  const run = spawnSync(command, args, { stdio: 'inherit' })
  if (run.status === 0) passed++
  else {
    failed++
    console.error(`${name} failed.`)
  }
}

if (extraArgs.length === 0) {
  check('Type check', 'npx', ['tsc', '--noEmit'])
  if (process.env.STATIC_CHECKS !== 'off') {
    check('Layer rules (npm run deps:check)', 'npm', ['run', '--silent', 'deps:check'])
    check('Format check (npm run format:check)', 'npm', ['run', '--silent', 'format:check'])
    check('Lint (npm run lint)', 'npm', ['run', '--silent', 'lint'])
  }
}

const runs =
  extraArgs.length > 0
    ? [extraArgs]
    : [
        ['--project', 'unit', '--project', 'e2e'],
        ['--project', 'security'],
      ]
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
