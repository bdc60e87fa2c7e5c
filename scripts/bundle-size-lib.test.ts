import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { TEST_TMP } from '../tests/setup/paths'
import { browserFilesMatching, CHART_LIBRARY_SIGNS } from './bundle-size-lib'

// The check that keeps ECharts off the browser (decision 030) finds it in any file of a build, chunks in
// sub-folders included — on a made-up build folder, since a real build carries none.

test('图表库出现在任何浏览器文件里都会被找到 / the chart library is found in any browser file of a build', () => {
  fs.mkdirSync(TEST_TMP, { recursive: true })
  const buildDir = fs.mkdtempSync(path.join(TEST_TMP, 'bundle-signs-'))
  try {
    const dir = path.join(buildDir, 'public', 'build')
    fs.mkdirSync(path.join(dir, '_shared'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'entry.client-AAAA.js'), 'export const x=1;')
    fs.writeFileSync(path.join(dir, 'root-BBBB.css'), '.chart-figure{margin:0}')
    expect(browserFilesMatching(buildDir, CHART_LIBRARY_SIGNS)).toEqual([])

    // What a minified ECharts keeps: its instance key, and zrender's name in its version string.
    fs.writeFileSync(path.join(dir, '_shared', 'chunk-CCCC.js'), 'var Vd="_echarts_instance_";')
    fs.writeFileSync(path.join(dir, 'dashboard-DDDD.js'), 'var v="zrender";')
    expect(browserFilesMatching(buildDir, CHART_LIBRARY_SIGNS)).toEqual(['/build/_shared/chunk-CCCC.js', '/build/dashboard-DDDD.js'])
  } finally {
    fs.rmSync(buildDir, { recursive: true, force: true })
  }
})
