import Database from 'better-sqlite3'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { countiesOfCity } from '../models/vacancy-search.server'
import { searchDocument, searchQuery } from './cjk-search'
import { countiesInAddress, shortPlaceNames, vacancySearchFields } from './vacancy-search'

// Issue 9 §10: every county-level division of the board's cities is found by its full name and its short
// form, whichever of the two the address was written with.

const CITIES = ['370700', '371400', '370400']

function finds(fields: (string | null | undefined)[], typed: string) {
  const db = new Database(':memory:')
  db.exec("create virtual table s using fts5(uni, bi, tokenize = 'unicode61')")
  const doc = searchDocument(...fields)
  db.prepare('insert into s (rowid, uni, bi) values (1, ?, ?)').run(doc.uni, doc.bi)
  return db.prepare('select rowid from s where s match ?').all(searchQuery(typed)!).length === 1
}

test('短名：去掉市区县，太短或仍含市区县的不要 / short forms drop the suffix; too short or still suffixed ones are left out', () => {
  expect(shortPlaceNames('寿光市')).toEqual(['寿光'])
  expect(shortPlaceNames('奎文区')).toEqual(['奎文'])
  expect(shortPlaceNames('市中区')).toEqual([])
  expect(shortPlaceNames('秀山土家族苗族自治县')).toEqual(['秀山'])
  expect(countiesInAddress('枣庄市中心大街', countiesOfCity('370400'))).not.toContain('市中区')
})

test('对口城市的每个区县，地址写全称或简称都能用两种写法搜到 / each county of the board cities, written either way in the address, is found either way', () => {
  const counties = CITIES.flatMap((c) => countiesOfCity(c).map((name) => ({ city: c, name })))
  expect(counties.length).toBeGreaterThan(25)
  fc.assert(
    fc.property(fc.constantFrom(...counties), fc.boolean(), fc.constantFrom('', '北海路 1 号', '经济开发区'), ({ city, name }, short, rest) => {
      const written = short && shortPlaceNames(name).length > 0 ? shortPlaceNames(name)[0] : name
      const fields = vacancySearchFields({
        title: '普工',
        employerName: '某某有限公司',
        industry: 'manufacturing',
        requirements: null,
        address: `${written}${rest}`,
        cityName: '某市',
        countiesOfCity: countiesOfCity(city),
      })
      for (const typed of [name, ...shortPlaceNames(name), `${name} 普工`]) expect(finds(fields, typed), `${written} → ${typed}`).toBe(true)
    }),
    { numRuns: 300 },
  )
})
