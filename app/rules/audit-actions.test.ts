import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { ACTION_LABELS } from './audit-actions'

// The admin's audit search and export show each action by its Chinese label; an action written anywhere in the
// app without one would show as a code such as `registry.archive`.

/** Where audit entries are written: the app, and the seed and demo data (the trail a reviewer reads first). */
const WRITERS = ['app', 'db']

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

test('每个写入审计的动作都有中文名称 / every audited action written by the app has a Chinese label', () => {
  const written = new Set<string>()
  for (const file of WRITERS.flatMap(sourceFiles)) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/action: (?:[^'\n]*\? )?'([a-z_]+\.[a-z_]+)'(?: : '([a-z_]+\.[a-z_]+)')?/g)) {
      written.add(match[1])
      if (match[2]) written.add(match[2])
    }
  }
  expect(written.size).toBeGreaterThan(40)
  expect([...written].filter((action) => !(action in ACTION_LABELS))).toEqual([])
})
