import Database from 'better-sqlite3'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { SEARCH_SEPARATOR, searchDocument, searchQuery } from './cjk-search'

// Issue 9 §11: `q=zzsep` matched every post, because the word between fields was one a person could type.
// The separator is now a private-use character; these tests say no typed text can ever reach it.

function searchTable() {
  const db = new Database(':memory:')
  db.exec("create virtual table s using fts5(uni, bi, tokenize = 'unicode61')")
  return db
}

/** Anything a person may type or paste: any code point, including private-use ones and "zzsep" itself. */
const typed = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom('zzsep', SEARCH_SEPARATOR, '\uE001', '\uF8FF', '潍坊', ' ', '"', '*', 'bi', ':', 'NEAR'), { maxLength: 8 }).map((p) => p.join('')),
)

test('搜索 zzsep 找不到任何岗位 / the old internal word zzsep finds nothing', () => {
  const db = searchTable()
  const doc = searchDocument('电焊工', '潍坊瑞丰机械有限公司', '制造业', null, '潍坊市')
  db.prepare('insert into s (rowid, uni, bi) values (1, ?, ?)').run(doc.uni, doc.bi)
  expect(doc.bi).not.toContain('zzsep')
  const q = searchQuery('zzsep')!
  expect(db.prepare('select rowid from s where s match ?').all(q)).toEqual([])
  // The same document is found by a word it holds, so the empty answer above is the separator's doing.
  expect(db.prepare('select rowid from s where s match ?').all(searchQuery('电焊')!)).toEqual([{ rowid: 1 }])
})

test('分隔符是一个词，仍然隔开字段 / the separator is a token of its own, so a phrase still never spans two fields', () => {
  const db = searchTable()
  db.prepare('insert into s (rowid, uni, bi) values (1, ?, ?)').run('', ['焊工', SEARCH_SEPARATOR, '普工'].join(' '))
  expect(db.prepare('select rowid from s where s match ?').all(`bi : "${SEARCH_SEPARATOR}"`)).toEqual([{ rowid: 1 }])
  expect(db.prepare('select rowid from s where s match ?').all('bi : "焊工 普工"')).toEqual([])
})

test('任何输入生成的查询都不含分隔符 / no typed text makes a query that contains the separator', () => {
  fc.assert(
    fc.property(typed, (text) => {
      expect(searchQuery(text) ?? '').not.toContain(SEARCH_SEPARATOR)
    }),
    { numRuns: 2000 },
  )
})

test('任何输入都匹配不到只含分隔符的文档 / no typed text matches a document made of separators only', () => {
  const db = searchTable()
  // Fields with no words in them: the document is the separators alone, and nothing typed may find it.
  db.prepare('insert into s (rowid, uni, bi) values (1, ?, ?)').run('', Array(5).fill(SEARCH_SEPARATOR).join(' '))
  const find = db.prepare('select rowid from s where s match ?')
  // Typed words do make queries, and the one that spans the separator finds nothing.
  expect(searchQuery('潍坊')).not.toBeNull()
  expect(find.all(searchQuery('焊工 普工')!)).toEqual([])
  fc.assert(
    fc.property(typed, (text) => {
      const q = searchQuery(text)
      if (q) expect(find.all(q)).toEqual([])
    }),
    { numRuns: 2000 },
  )
})
