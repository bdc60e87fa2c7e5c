import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { ENTITY_LABELS, plainIp, REASON_LABELS, reasonLabelOf } from './audit-reasons'

/** Where audit entries are written: the app, and the seed and demo data (the trail a reviewer reads first). */
const WRITERS = ['app', 'db']

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

test('IPv4 映射地址显示为普通 IPv4 / an IPv4-mapped address reads as plain IPv4', () => {
  expect(plainIp('::ffff:1.2.3.4')).toBe('1.2.3.4')
  expect(plainIp('::FFFF:223.104.88.247')).toBe('223.104.88.247')
  expect(plainIp('223.104.88.247')).toBe('223.104.88.247')
  expect(plainIp('2408:8207::1')).toBe('2408:8207::1')
  expect(plainIp('::1')).toBe('::1')
  expect(plainIp(' ')).toBeNull()
  expect(plainIp(null)).toBeNull()
})

test('原因代码显示为表单里的中文 / a reason code shows as its form label', () => {
  expect(reasonLabelOf('registry.archive', 'moved_away')).toBe('迁出')
  expect(reasonLabelOf('registry.archive', 'deceased')).toBe('死亡')
  expect(reasonLabelOf('account.disable', 'deceased')).toBe('本人已身故')
  expect(reasonLabelOf('account.disable', 'left_post')).toBe('调离或离职')
  expect(reasonLabelOf('account.reject', 'not_in_ledger')).toBe('台账中无此人')
  expect(reasonLabelOf('vacancy.report', 'fees')).toBe('收取押金或中介费')
  expect(reasonLabelOf('auth.login_failed', 'wrong_password')).toBe('密码不正确')
  expect(reasonLabelOf('auth.login', null)).toBe('')
})

test('应用写入的每个原因代码都有中文 / every reason code the app writes has a label', () => {
  const written = new Set<string>()
  for (const file of WRITERS.flatMap(sourceFiles)) {
    const source = fs.readFileSync(file, 'utf8')
    // Inside each writeAudit/writeActorAudit call: `reason: 'code'` or `reason: x ? 'a' : y ? 'b' : 'c'`;
    // and the throttle helpers' `audit('action', 'code')`.
    const calls = [...source.matchAll(/write(?:Actor)?Audit\(/g)].map((m) => source.slice(m.index, source.indexOf('})', m.index)))
    for (const m of calls.join('\n').matchAll(/reason: (?:[^'\n]*\? )?'([a-z_]+)'(?: : (?:[^'\n]*\? )?'([a-z_]+)')?(?: : '([a-z_]+)')?/g)) {
      for (const code of m.slice(1)) if (code) written.add(code)
    }
    for (const m of source.matchAll(/audit\('[a-z_]+\.[a-z_]+', (?:[^'\n]*\? )?'([a-z_]+)'(?: : '([a-z_]+)')?\)/g)) {
      for (const code of m.slice(1)) if (code) written.add(code)
    }
  }
  expect(written.size).toBeGreaterThan(6)
  expect([...written].filter((code) => !(code in REASON_LABELS))).toEqual([])
})

test('每种对象都有中文名称 / every audited record kind has a glossary name', () => {
  const written = new Set<string>()
  for (const file of WRITERS.flatMap(sourceFiles)) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/entity: '([a-z_]+)'/g)) written.add(m[1])
  }
  expect(written.size).toBeGreaterThan(5)
  expect([...written].filter((e) => !(e in ENTITY_LABELS))).toEqual([])
})
