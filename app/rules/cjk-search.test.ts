import Database from 'better-sqlite3'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { searchDocument, searchQuery } from './cjk-search'

function index(docs: string[]) {
  const db = new Database(':memory:')
  db.exec("create virtual table s using fts5(uni, bi, tokenize = 'unicode61')")
  const insert = db.prepare('insert into s (rowid, uni, bi) values (?, ?, ?)')
  docs.forEach((d, i) => {
    const doc = searchDocument(d)
    insert.run(i + 1, doc.uni, doc.bi)
  })
  return (typed: string) => {
    const q = searchQuery(typed)
    if (!q) return []
    return (db.prepare('select rowid from s where s match ? order by rowid').all(q) as { rowid: number }[]).map((r) => r.rowid)
  }
}

test('两个字的词能找到更长的词 / a two-character word finds a longer word containing it', () => {
  const find = index(['招聘电焊工 10 名', '家政服务员', '叉车司机', '焊接技术员'])
  expect(find('焊工')).toEqual([1])
  expect(find('电焊工')).toEqual([1])
  expect(find('家政')).toEqual([2])
  expect(find('焊')).toEqual([1, 4])
  expect(find('工焊')).toEqual([])
})

test('多个词同时满足，字段之间不串词 / several words must all match; a phrase never spans two fields', () => {
  const db = new Database(':memory:')
  db.exec("create virtual table s using fts5(uni, bi, tokenize = 'unicode61')")
  const doc = searchDocument('普工', '工厂')
  db.prepare('insert into s (rowid, uni, bi) values (1, ?, ?)').run(doc.uni, doc.bi)
  const match = (typed: string) => db.prepare('select rowid from s where s match ?').all(searchQuery(typed)!).length
  expect(match('普工')).toBe(1)
  expect(match('工工')).toBe(0)
  expect(match('普工 工厂')).toBe(1)
})

test('字母数字和全角也能搜 / Latin words, numbers and full-width characters are searchable', () => {
  const find = index(['CNC 操作工', 'ＡＢＣ物流 5000 元'])
  expect(find('cnc')).toEqual([1])
  expect(find('abc')).toEqual([2])
  expect(find('5000')).toEqual([2])
})

test('查询表达式永远不会被特殊字符破坏 / the match expression is never broken by special characters', () => {
  const db = new Database(':memory:')
  db.exec("create virtual table s using fts5(uni, bi, tokenize = 'unicode61')")
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (typed) => {
      const q = searchQuery(typed)
      if (q) expect(() => db.prepare('select rowid from s where s match ?').all(q)).not.toThrow()
    }),
    { numRuns: 300 },
  )
})

test('任意中文子串都能找到原文 / any Han substring of a document finds it', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...'电焊工家政服务员叉车司机普工包吃住月薪'), { minLength: 2, maxLength: 12 }), fc.nat(), fc.nat(), (chars, a, b) => {
      const text = chars.join('')
      const start = a % chars.length
      const end = start + 1 + (b % (chars.length - start))
      const find = index([text, '无关内容'])
      expect(find(chars.slice(start, end).join(''))).toContain(1)
    }),
    { numRuns: 100 },
  )
})
