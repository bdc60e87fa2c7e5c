import fc from 'fast-check'
import { expect, test } from 'vitest'
import { parseBankCard, makeBankCard } from './bank-card'
import { searchDocument, searchQuery } from './cjk-search'
import { makeIdNumber, parseIdNumber } from './id-number'
import { normalizeLoginName } from './login-name'
import { parseMobile } from './mobile'
import { parseYuanToFen } from './money'
import { isInvisible, normaliseTyped } from './normalise'
import { parsePersonName } from './person-name'
import { interpretRegistrySearch } from './registry-search'
import { makeUscc, parseUscc } from './uscc'

const TODAY = new Date('2026-03-01T04:00:00Z')

/** Every code point the shared normaliser drops (Unicode Cf and the other default-ignorable ones). */
const INVISIBLES: string[] = []
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue
  const ch = String.fromCodePoint(cp)
  if (isInvisible(ch)) INVISIBLES.push(ch)
}
const CF = INVISIBLES.filter((ch) => /\p{Cf}/u.test(ch))

/** A value with invisible characters put in at random places (before, between and after its characters). */
function sprinkled(value: string) {
  const chars = [...value]
  return fc
    .array(fc.tuple(fc.integer({ min: 0, max: chars.length }), fc.array(fc.constantFrom(...INVISIBLES), { minLength: 1, maxLength: 3 })), {
      minLength: 1,
      maxLength: 6,
    })
    .map((inserts) => {
      const out = chars.map((c) => [c])
      const slots: string[][] = Array.from({ length: chars.length + 1 }, () => [])
      for (const [at, what] of inserts) slots[at].push(...what)
      return slots.map((s, i) => s.join('') + (out[i]?.[0] ?? '')).join('')
    })
}

/**
 * Checks that invisible characters sprinkled anywhere into `values` (one string, or an arbitrary of them)
 * leave `check`'s answer as `expected` gives it for the clean value (by default, `check`'s own answer).
 */
function assertInvisiblesIgnored(values: string | fc.Arbitrary<string>, check: (typed: string) => unknown, expected: (clean: string) => unknown = check) {
  const clean = typeof values === 'string' ? fc.constant(values) : values
  fc.assert(
    fc.property(
      clean.chain((v) => fc.tuple(fc.constant(v), sprinkled(v))),
      ([v, typed]) => {
        expect(check(typed)).toEqual(expected(v))
      },
    ),
  )
}

const accepted = (value: string) => ({ ok: true, value })

test('不可见字符全部去掉：Cf 类每一个，以及常见的几个 / every Cf character and the usual suspects are dropped', () => {
  for (const ch of [
    '\u200b',
    '\u200c',
    '\u200d',
    '\u200e',
    '\u200f',
    '\u202a',
    '\u202c',
    '\u202e',
    '\u2060',
    '\u2066',
    '\u2069',
    '\ufeff',
    '\u00ad',
    '\u061c',
    '\u180e',
  ]) {
    expect(CF).toContain(ch)
  }
  expect(CF.length).toBeGreaterThan(150)
  for (const ch of INVISIBLES) expect(normaliseTyped(`1${ch}2`, 'drop')).toBe('12')
  expect(normaliseTyped('\u00a0 张\u3000三 \ufeff', 'drop')).toBe('张三')
  expect(normaliseTyped('\u00a0 潍坊\u200b\u3000  电焊 ', 'collapse')).toBe('潍坊 电焊')
  expect(normaliseTyped('\u202a 潍坊 电焊\u202c ')).toBe('潍坊 电焊')
})

test('问题 9-6 的输入：带零宽空格的手机号、身份证号 / issue 9 item 6: a phone and an ID with a zero-width space', () => {
  expect(parseMobile('13900000011\u200b')).toEqual({ ok: true, value: '13900000011' })
  const id = makeIdNumber({ areaCode: '500230', birthDate: '1984-04-14', sequence: 204 })
  expect(parseIdNumber(`${id}\u200b`, TODAY)).toEqual(parseIdNumber(id, TODAY))
  expect(parseIdNumber(`${id}\u200b`, TODAY).ok).toBe(true)
  expect(normalizeLoginName('\u202a13996000001\u202c')).toBe('13996000001')
  expect(normalizeLoginName('\u2066kaizhou\u2069')).toBe('kaizhou')
})

test('性质：身份证号里插入不可见字符，结果不变 / property: invisible characters anywhere leave an ID number verdict unchanged', () => {
  const id = fc
    .record({ birth: fc.integer({ min: 0, max: 15_000 }), sequence: fc.integer({ min: 0, max: 999 }) })
    .map(({ birth, sequence }) =>
      makeIdNumber({ areaCode: '500154', birthDate: new Date(Date.UTC(1965, 0, 1) + birth * 86_400_000).toISOString().slice(0, 10), sequence }),
    )
  const parse = (typed: string) => parseIdNumber(typed, TODAY)
  assertInvisiblesIgnored(id, parse)
  // A wrong number stays wrong with the same message.
  assertInvisiblesIgnored('50015419900501123', parse)
})

test('性质：手机号和登录名里插入不可见字符，结果不变 / property: invisible characters leave a phone and a login name unchanged', () => {
  const phone = fc.integer({ min: 0, max: 99_999_999 }).map((n) => `139${String(n).padStart(8, '0')}`)
  assertInvisiblesIgnored(phone, parseMobile, accepted)
  assertInvisiblesIgnored(phone, normalizeLoginName, (v) => v)
  assertInvisiblesIgnored(
    phone.map((v) => `+86 ${v}`),
    normalizeLoginName,
    (prefixed) => prefixed.slice('+86 '.length),
  )
  assertInvisiblesIgnored('Weifang', normalizeLoginName, () => 'weifang')
  assertInvisiblesIgnored('1390000001', parseMobile)
})

test('性质：信用代码、银行卡号、金额里插入不可见字符，结果不变 / property: invisible characters leave a USCC, a bank card and an amount unchanged', () => {
  const uscc = fc.integer({ min: 0, max: 9_999_999 }).map((n) => makeUscc(`91370700MA${String(n).padStart(7, '0')}`))
  assertInvisiblesIgnored(uscc, parseUscc, accepted)
  assertInvisiblesIgnored('91ABCDEFMA0000001K', parseUscc)
  const card = fc.integer({ min: 0, max: 999_999_999 }).map((n) => makeBankCard(`622202${String(n).padStart(9, '0')}`))
  assertInvisiblesIgnored(card, parseBankCard, accepted)
  assertInvisiblesIgnored('6500.50', parseYuanToFen)
})

test('性质：姓名里插入不可见字符，结果不变 / property: invisible characters leave a name and its verdict unchanged', () => {
  for (const name of ['张三', '阿依·木拉提', '欧阳娜娜', '𠮷野家', '张', 'Tom']) assertInvisiblesIgnored(name, parsePersonName)
})

test('性质：搜索词和台账搜索里插入不可见字符，结果不变 / property: invisible characters leave board and ledger searches unchanged', () => {
  for (const typed of ['电焊工', '潍坊 电焊', 'CNC 操作工', '焊']) assertInvisiblesIgnored(typed, searchQuery)
  expect(searchDocument('招聘电\u200b焊工')).toEqual(searchDocument('招聘电焊工'))
  for (const typed of ['冉秀英', '500154199005011236', '0011', '139 8800']) assertInvisiblesIgnored(typed, interpretRegistrySearch)
})

test('不是字符的码位（非字符、半个代理对）去掉，emoji 等完整字符保留 / code points that are no character (noncharacters, lone surrogates) are dropped; whole characters such as emoji stay', () => {
  // The attack's input (issue 15): U+FFFF in a report note made every xlsx carrying it unreadable.
  expect(normaliseTyped('bad \uFFFF char =1+1')).toBe('bad  char =1+1')
  expect(normaliseTyped('a\uFFFEb\uFDD0c\uD800d\uDFFFe\u{10FFFF}f')).toBe('abcdef')
  expect(normaliseTyped('工友😀加油')).toBe('工友😀加油')
})
