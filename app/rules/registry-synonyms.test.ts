import { expect, test } from 'vitest'
import { makeIdNumber } from './id-number'
import { matchTownshipStem, townshipStem } from './division-match'
import { changeColumnsFor } from './ledger-import'
import { RegistryRowSchema, toLedgerValues, type RegistryRowInput } from './registry'
import { FIELD_BY_HEADER, groupProblems, isTotalsRow, lineRanges, problemText } from './registry-sheet'
import { codeFromSynonym, REGISTRY_SYNONYMS } from './registry-synonyms'
import { headerKey } from './sheet-header'

const ROW: RegistryRowInput = {
  name: '冉秀英',
  idNumber: makeIdNumber({ areaCode: '500154', birthDate: '1990-05-01', sequence: 11 }),
  township: '汉丰街道',
  householdStatus: '脱贫人口',
  employmentStatus: '未就业',
  employmentNeed: '赴山东务工',
  skillLevel: '初级工',
}

test.each(Object.entries(REGISTRY_SYNONYMS.headers).flatMap(([field, words]) => words.map((w) => [w, field])))(
  '表头“%s”读作 %s / the header %s names its field',
  (word, field) => {
    expect(FIELD_BY_HEADER.get(headerKey(word))).toBe(field)
  },
)

test('一个表头词只对应一个字段 / no header word names two fields', () => {
  const seen = new Map<string, string>()
  for (const [field, words] of Object.entries(REGISTRY_SYNONYMS.headers)) {
    for (const w of words) {
      const key = headerKey(w)
      expect(seen.get(key) ?? field, w).toBe(field)
      seen.set(key, field)
    }
  }
})

test.each(
  Object.entries(REGISTRY_SYNONYMS.values).flatMap(([field, words]) =>
    Object.entries(words).map(([word, code]) => [field, word, code] as [keyof RegistryRowInput, string, string]),
  ),
)('%s 填“%s”按 %s 读入 / a county word reads as its code', (field, word, code) => {
  const parsed = RegistryRowSchema.safeParse({ ...ROW, [field]: word })
  expect(parsed.success && parsed.data[field as 'householdStatus']).toBe(code)
})

test('题目点名的词：人员类别、就业情况、就业意愿、技能等级、公民身份号码、身份证号码（18位）；脱贫户、监测户、一般农户、公益岗 / the words the issue names', () => {
  expect(
    ['人员类别', '就业情况', '就业意愿', '技能等级', '公民身份号码', '身份证号码（18位）', '身份证号码(18位)'].map((h) => FIELD_BY_HEADER.get(headerKey(h))),
  ).toEqual(['householdStatus', 'employmentStatus', 'employmentNeed', 'skillLevel', 'idNumber', 'idNumber', 'idNumber'])
  expect(codeFromSynonym('householdStatus', '脱贫户')).toBe('alleviated')
  expect(codeFromSynonym('householdStatus', ' 监测户 ')).toBe('monitored')
  expect(codeFromSynonym('householdStatus', '一般农户')).toBe('other')
  expect(codeFromSynonym('employmentStatus', '公益岗')).toBe('public_post')
  expect(codeFromSynonym('householdStatus', '贫困户')).toBeNull()
  const bad = RegistryRowSchema.safeParse({ ...ROW, householdStatus: '贫困户' })
  expect(bad.success).toBe(false)
})

test('乡镇不写“镇/乡/街道”时唯一匹配才认，重名列出候选 / a township stem matches only when unambiguous', () => {
  const towns = [
    { code: '1', name: '和谦镇' },
    { code: '2', name: '汉丰街道' },
    { code: '3', name: '白桥镇' },
    { code: '4', name: '白桥乡' },
    { code: '5', name: '麻柳乡' },
  ]
  expect(townshipStem('汉丰街道')).toBe('汉丰')
  expect(matchTownshipStem('和谦', towns)).toEqual({ kind: 'one', code: '1' })
  expect(matchTownshipStem('汉丰', towns)).toEqual({ kind: 'one', code: '2' })
  expect(matchTownshipStem('和谦乡', towns)).toEqual({ kind: 'one', code: '1' })
  expect(matchTownshipStem('白桥', towns)).toEqual({ kind: 'many', names: ['白桥镇', '白桥乡'] })
  expect(matchTownshipStem('清泉', towns)).toEqual({ kind: 'none' })
  expect(matchTownshipStem('镇', towns)).toEqual({ kind: 'none' })
})

test.each([
  [['合计', '', ''], '', true],
  [['', '合 计', '2000人'], '', true],
  [['小计（汉丰街道）', '', ''], '', true],
  [['总计'], '', true],
  [['合计', '冉秀英'], ROW.idNumber, false],
  [['1', '冉秀英', '汉丰街道'], '', false],
  [['', '合川人', ''], '', false],
] as const)('合计/小计行：%j → %s / totals rows are recognised', (cells, id, expected) => {
  expect(isTotalsRow(cells, id)).toBe(expected)
})

test('问题按相同内容归组，行号写成区间 / problems that read the same are grouped into line ranges', () => {
  expect(lineRanges([2, 3, 4, 9, 11, 12])).toBe('2–4、9、11–12')
  expect(lineRanges([5, 3, 4, 3])).toBe('3–5')
  expect(lineRanges([1, 3, 5], 2)).toBe('1、3 等')
  const problems = Array.from({ length: 2000 }, (_, i) => ({ line: i + 2, column: '户类型', value: '贫困户', message: '户类型应为：脱贫人口、监测对象、其他' }))
  problems.push({ line: 5000, column: '姓名', value: '', message: '请填写姓名' })
  expect(groupProblems(problems)).toEqual([
    { lines: '2–2001', text: '户类型“贫困户”：户类型应为：脱贫人口、监测对象、其他', count: 2000, firstLine: 2 },
    { lines: '5000', text: '姓名（空）：请填写姓名', count: 1, firstLine: 5000 },
  ])
  expect(problemText('备注', 'x'.repeat(40), '太长')).toBe(`备注“${'x'.repeat(30)}…”：太长`)
})

test('重新导入只比较文件里有的列；换了乡镇又没有村列时清掉村 / a re-import compares only the columns the file has', () => {
  const parsed = RegistryRowSchema.parse({ ...ROW, notes: '' })
  const next = toLedgerValues(parsed, { townshipCode: 'T2', villageCode: null })
  const current = { ...next, townshipCode: 'T1', villageCode: 'V1', notes: '旧备注', employmentStatus: 'in_county' as const }
  expect(
    changeColumnsFor(current, next, new Set(['name', 'idNumber', 'township', 'householdStatus', 'employmentStatus', 'employmentNeed', 'skillLevel'])),
  ).toEqual(['townshipCode', 'villageCode', 'employmentStatus'])
  expect(changeColumnsFor(current, next, new Set(['name', 'idNumber', 'township', 'village', 'notes']))).toEqual(['townshipCode', 'villageCode', 'notes'])
  expect(changeColumnsFor({ ...next }, next, new Set(['name', 'idNumber', 'township', 'village', 'notes']))).toEqual([])
})
