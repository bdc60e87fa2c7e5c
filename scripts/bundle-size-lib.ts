import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

/**
 * A public page: its path, the Remix route ids it renders (root first), its gzipped JavaScript budget in
 * bytes, and whether it must ship no validation library (pages that validate nothing in the browser).
 */
export type PublicPage = { path: string; routes: string[]; budgetBytes?: number; noValidationLibrary?: boolean }

/**
 * The pages anyone may open without signing in; /jobs is the board workers open on a phone (issue 9 §13:
 * ≤ 100 kB). The home page, the board and the map show and search only, so none may ship zod or conform's
 * zod adapter (issue 14 §6 for the map); the post, sign-in and registration pages have forms and are only
 * reported for now.
 */
export const PUBLIC_PAGES: PublicPage[] = [
  { path: '/', routes: ['root', 'routes/_index'], noValidationLibrary: true },
  { path: '/jobs', routes: ['root', 'routes/jobs._index'], budgetBytes: 100 * 1024, noValidationLibrary: true },
  { path: '/jobs/:id', routes: ['root', 'routes/jobs.$jobId'] },
  { path: '/login', routes: ['root', 'routes/login'] },
  { path: '/register', routes: ['root', 'routes/register'] },
  // The map page's own scripts; Leaflet, its plugins and the outline come after, in the lazily loaded map
  // chunk (decision 028), which this does not count.
  { path: '/map', routes: ['root', 'routes/map._index'], noValidationLibrary: true },
]

type ManifestEntry = { module: string; imports?: string[] }
type Manifest = { entry: ManifestEntry; routes: Record<string, ManifestEntry> }

/**
 * Signs of the chart library in a browser file: ECharts and its renderer zrender draw the dashboards' charts on
 * the server only (utils/charts.server.ts, decision 030); both keep these names in minified code.
 */
export const CHART_LIBRARY_SIGNS = [/echarts/, /zrender/]

/** Signs that a chunk holds a validation library (zod's error class and internals, conform's zod adapter). */
const VALIDATION_SIGNS = [/\bZodError\b/, /\$ZodType\b/, /parseWithZod/]

/**
 * Reads the Remix browser manifest of the build in `buildDir` (the folder given to `remix build` as BUILD_DIR).
 * Throws when the build is missing.
 */
export function readManifest(buildDir: string): Manifest {
  const dir = path.join(buildDir, 'public', 'build')
  const file = fs.readdirSync(dir).find((name) => /^manifest-[\w-]+\.js$/.test(name))
  if (!file) throw new Error(`no Remix manifest in ${dir}; build first`)
  const text = fs.readFileSync(path.join(dir, file), 'utf8')
  return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as Manifest
}

/**
 * The JavaScript a browser loads for a page made of `routeIds` (root first): the entry and each route's
 * module with the chunks they import, each counted once. Returns the files (URLs under /build), their total
 * size gzipped as the server sends it (bytes), and the files that carry a validation library.
 */
export function pageScripts(buildDir: string, routeIds: string[]) {
  const manifest = readManifest(buildDir)
  const urls = new Set<string>()
  for (const part of [manifest.entry, ...routeIds.map((id) => manifest.routes[id])]) {
    if (!part) throw new Error(`route not in the build: ${routeIds.join(', ')}`)
    for (const url of [part.module, ...(part.imports ?? [])]) urls.add(url)
  }
  let gzipBytes = 0
  const validationChunks: string[] = []
  for (const url of urls) {
    const source = fs.readFileSync(path.join(buildDir, 'public', url))
    gzipBytes += zlib.gzipSync(source).length
    const text = source.toString('utf8')
    if (VALIDATION_SIGNS.some((sign) => sign.test(text))) validationChunks.push(url)
  }
  return { files: [...urls], gzipBytes, validationChunks }
}

/**
 * The JavaScript and CSS a page's HTML makes a browser load from the build: its stylesheet links and its
 * module scripts and modulepreload links under /build/ (what Remix renders for the entry, the matched routes
 * and their chunks). Works for any page, signed-in ones included, from the HTML the server sent.
 * @returns the URLs of each kind, each counted once
 */
export function assetsInHtml(html: string) {
  const js = new Set<string>()
  const css = new Set<string>()
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0]
    const href = /\bhref="(\/build\/[^"]+)"/.exec(tag)?.[1]
    if (!href) continue
    if (/\brel="stylesheet"/.test(tag)) css.add(href)
    else if (/\brel="modulepreload"/.test(tag)) js.add(href)
  }
  for (const match of html.matchAll(/\b(?:src="|import\s*(?:\*\s*as\s+\w+\s+from\s*)?["'])(\/build\/[^"']+\.js)/g)) js.add(match[1])
  return { js: [...js], css: [...css] }
}

/** The total size, gzipped as the server sends it (bytes), of build files named by their /build/… URLs. */
export function gzippedSize(buildDir: string, urls: string[]) {
  let bytes = 0
  for (const url of urls) bytes += zlib.gzipSync(fs.readFileSync(path.join(buildDir, 'public', url))).length
  return bytes
}

/**
 * Every file a browser may load from the build in `buildDir` (all of public/build: entry, routes, shared
 * chunks, stylesheets) whose text matches one of `signs`, as /build/… URLs — for a library that must never
 * reach any page, whichever route would import it. Throws when the build is missing.
 */
export function browserFilesMatching(buildDir: string, signs: RegExp[]) {
  const dir = path.join(buildDir, 'public', 'build')
  const found: string[] = []
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const file = path.join(dir, name)
    if (!fs.statSync(file).isFile()) continue
    const text = fs.readFileSync(file, 'utf8')
    if (signs.some((sign) => sign.test(text))) found.push(`/build/${name.split(path.sep).join('/')}`)
  }
  return found
}
