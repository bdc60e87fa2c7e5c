// `npm run size [-- BUILD_DIR]`: the JavaScript a browser downloads for each public page, read from a
// production build's Remix manifest (public/build/manifest-*.js): the entry, the root route and the page's
// own route with every chunk they import, each gzipped as the server sends it. Builds into
// .cache/size first when no build folder is given. Fails (exit 1) when /jobs passes its budget or when a
// page marked noValidationLibrary (the home page, the board) ships one (issue 9 §13: they validate
// nothing in the browser), or when any browser file carries the chart library (decision 030: charts are
// drawn on the server); the other public pages' libraries are reported.
import { spawnSync } from 'node:child_process'
import { browserFilesMatching, CHART_LIBRARY_SIGNS, pageScripts, PUBLIC_PAGES } from './bundle-size-lib'

const given = process.argv[2]
const buildDir = given ?? '.cache/size'
if (!given) {
  const build = spawnSync('npx', ['remix', 'build'], { env: { ...process.env, NODE_ENV: 'production', BUILD_DIR: buildDir }, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

let failed = false
for (const page of PUBLIC_PAGES) {
  const report = pageScripts(buildDir, page.routes)
  const kb = (report.gzipBytes / 1024).toFixed(1)
  const over = page.budgetBytes != null && report.gzipBytes > page.budgetBytes
  const libraries = report.validationChunks.length > 0
  failed ||= over || (libraries && page.noValidationLibrary === true)
  console.log(
    `${page.path.padEnd(10)} ${kb.padStart(6)} kB gzipped JavaScript in ${report.files.length} files` +
      (page.budgetBytes != null ? ` (budget ${(page.budgetBytes / 1024).toFixed(0)} kB${over ? ', OVER' : ''})` : '') +
      (libraries ? `; validation library in ${report.validationChunks.join(', ')}` : ''),
  )
}
const charts = browserFilesMatching(buildDir, CHART_LIBRARY_SIGNS)
console.log(
  charts.length > 0 ? `chart library (ECharts) in the browser build, OVER: ${charts.join(', ')}` : 'chart library (ECharts): none in the browser build',
)
failed ||= charts.length > 0
process.exit(failed ? 1 : 0)
