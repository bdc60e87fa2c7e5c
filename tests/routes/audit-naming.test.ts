import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'

// One word for the audit trail on screen (issue 11, naming): 操作记录 — in the nav, the page, its buttons and
// exports. 审计日志 / 操作日志 / 审计记录 were used beside it and read as three different things.

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

test('界面上只用“操作记录”一个词 / the screen calls the audit trail 操作记录 only', () => {
  const stray = sourceFiles('app').flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ at: `${file}:${i + 1}`, line }))
      // Comments may say what the trail is; what a person reads may not use another word.
      .filter(({ line }) => /审计日志|操作日志|审计记录/.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line))
      .map(({ at }) => at),
  )
  expect(stray).toEqual([])
  expect(fs.readFileSync('app/components/site-header.tsx', 'utf8')).toContain("{ to: '/admin/audit', label: '操作记录' }")
})
