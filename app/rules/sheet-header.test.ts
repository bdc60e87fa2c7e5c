import { expect, test } from 'vitest'
import { findHeaderIndex, headerKey, isBlankRow } from './sheet-header'

const known = new Set(['姓名', '身份证号码', '乡镇(街道)'].map(headerKey))
const row = (...cells: string[]) => ({ cells })

test('表头行：前十个非空行中第一个认得三列的行 / the header row: the first of the top ten non-blank rows naming three known columns', () => {
  expect(headerKey(' 乡镇（街道）* ')).toBe('乡镇(街道)')
  expect(isBlankRow([' ', '', undefined])).toBe(true)
  const header = row('姓名', ' 身份证号码 ', '乡镇（街道）')
  expect(findHeaderIndex([row('开州区台账'), row(' ', ''), header], known)).toBe(2)
  // Blank rows do not count towards the ten.
  const blanks = Array.from({ length: 12 }, () => row(''))
  expect(findHeaderIndex([...blanks, header], known)).toBe(12)
  const titles = Array.from({ length: 10 }, (_, i) => row(`第 ${i} 行`))
  expect(findHeaderIndex([...titles, header], known)).toBe(-1)
  // Each cell counts, as before: a name three times is three hits (the import then names the doubled header).
  expect(findHeaderIndex([row('姓名', '姓名', '姓名')], known)).toBe(0)
  expect(findHeaderIndex([row('姓名', '身份证号码')], known)).toBe(-1)
})
