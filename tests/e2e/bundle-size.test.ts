import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { browserFilesMatching, CHART_LIBRARY_SIGNS, pageScripts, PUBLIC_PAGES } from '../../scripts/bundle-size-lib'
import { TEST_TMP } from '../setup/paths'

// Issue 9 §13: the public board ships no validation library and at most 100 kB of gzipped JavaScript,
// read from a real production build's manifest (the same reading as `npm run size`).
const buildDir = path.join(TEST_TMP, `build-size-${process.pid}`)

beforeAll(() => {
  // A production build, as the server ships it (vitest sets NODE_ENV=test, which would build unminified).
  const build = spawnSync('npx', ['remix', 'build'], { env: { ...process.env, NODE_ENV: 'production', BUILD_DIR: buildDir }, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`remix build failed:\n${build.stdout}\n${build.stderr}`)
}, 180_000)

afterAll(() => fs.rmSync(buildDir, { recursive: true, force: true }))

test('岗位大厅的脚本不超过 100 kB（gzip）/ /jobs ships at most 100 kB of gzipped JavaScript', () => {
  const jobs = PUBLIC_PAGES.find((page) => page.path === '/jobs')!
  const report = pageScripts(buildDir, jobs.routes)
  console.log(`[figures] /jobs ${(report.gzipBytes / 1024).toFixed(1)} kB gzipped JavaScript`)
  expect(report.gzipBytes).toBeLessThanOrEqual(100 * 1024)
})

const showOnly = PUBLIC_PAGES.filter((page) => page.noValidationLibrary)

test('首页、岗位大厅和地图都不带校验库 / the home page, the board and the map are the pages that must ship no validation library', () => {
  expect(showOnly.map((page) => page.path)).toEqual(['/', '/jobs', '/map'])
})

test.each(showOnly.map((page) => [page.path, page.routes] as const))('公开页面 %s 不带校验库 / no validation library in the browser', (_path, routes) => {
  expect(pageScripts(buildDir, [...routes]).validationChunks).toEqual([])
})

test('其余公开页面的脚本大小照实报告 / the other public pages are measured and reported', () => {
  for (const page of PUBLIC_PAGES.filter((p) => !p.noValidationLibrary)) {
    const report = pageScripts(buildDir, page.routes)
    console.log(
      `[figures] ${page.path} ${(report.gzipBytes / 1024).toFixed(1)} kB gzipped JavaScript; validation library: ${report.validationChunks.length > 0 ? 'yes' : 'no'}`,
    )
    expect(report.gzipBytes).toBeGreaterThan(0)
  }
})

// Issue 15 §2, decision 030: the dashboards' charts are SVG drawn on the server; ECharts never reaches a
// browser, whichever page or component would import it (a *.server module is left out of the browser build,
// a direct import of 'echarts' would not be).
test('浏览器拿到的文件里没有图表库 / no browser file carries ECharts', () => {
  expect(browserFilesMatching(buildDir, CHART_LIBRARY_SIGNS)).toEqual([])
})
