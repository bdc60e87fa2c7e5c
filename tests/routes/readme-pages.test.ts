import fs from 'node:fs'
import { expect, test } from 'vitest'

// README.md's "What it does today" table lists every page a person can open (issue 11, new-user walkthrough:
// eleven pages were missing). This fails when a page route is added without its line there.

/**
 * The URL of a route module by Remix's flat-file convention: dots are slashes, `_index` is the folder
 * itself, `$name` a parameter (written `:id`), a trailing `_` only opts out of the parent's layout.
 */
function urlOf(file: string) {
  const segments = file
    .replace(/\.tsx$/, '')
    .split('.')
    .filter((s) => s !== '_index')
    .map((s) => (s.startsWith('$') ? ':id' : s.replace(/_$/, '')))
  return `/${segments.join('/')}`
}

/** Page routes: .tsx modules with a component (resource routes — exports, feeds, action-only — have none). */
function pageRoutes() {
  return fs
    .readdirSync('app/routes')
    .filter((f) => f.endsWith('.tsx') && !f.includes('.test.') && /^export default /m.test(fs.readFileSync(`app/routes/${f}`, 'utf8')))
    .map(urlOf)
}

function readmePages() {
  const readme = fs.readFileSync('README.md', 'utf8')
  const section = readme.slice(readme.indexOf('## What it does today'), readme.indexOf('\n## ', readme.indexOf('## What it does today') + 1))
  return new Set([...section.matchAll(/`(\/[^`\s]*)`/g)].map((m) => m[1].replace(/:\w+/g, ':id')))
}

test('路由文件名换算成网址 / a route file name becomes its URL', () => {
  expect(urlOf('_index.tsx')).toBe('/')
  expect(urlOf('west.jobs.$jobId.recommend_.print.tsx')).toBe('/west/jobs/:id/recommend/print')
  expect(urlOf('west.workers.$workerId._index.tsx')).toBe('/west/workers/:id')
  expect(urlOf('admin.organisations.new.tsx')).toBe('/admin/organisations/new')
})

test('README 的页面表列出每个页面 / the README page table lists every page route', () => {
  const pages = pageRoutes()
  expect(pages.length).toBeGreaterThan(40)
  const listed = readmePages()
  expect(pages.filter((url) => !listed.has(url))).toEqual([])
})
