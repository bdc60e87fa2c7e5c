import { expect, test } from 'vitest'
import { findHeader, findHeaderIndex, headerKey, isBlankRow } from './sheet-header'

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

// Two-row headers (issue 11 §1, variant 4): a merged group cell above its columns, the other columns
// named in the upper row and merged down (an xlsx after its merges are applied) or left empty below (a CSV).
const ledger = new Set(['序号', '姓名', '身份证号码', '乡镇(街道)', '户类型', '就业状态', '就业需求', '技能水平'].map(headerKey))
const lines = (...rows: string[][]) => rows.map((cells, i) => ({ line: i + 1, cells }))
const upper = ['序号', '姓名', '身份证号码', '乡镇（街道）', '户类型', '五清情况', '', '']
const lower = ['', '', '', '', '', '就业状态', '就业需求', '技能水平']
const merged = ['序号', '姓名', '身份证号码', '乡镇（街道）', '户类型', '就业状态', '就业需求', '技能水平']
const data = ['1', '冉秀英', '500154199207080011', '汉丰街道', '脱贫人口', '未就业', '赴山东务工', '初级工']

test.each([
  { case: '一行表头 / one row', rows: lines(merged, data), found: { index: 0, first: 0, cells: merged } },
  { case: '标题行下的一行表头 / one row under a title', rows: lines(['开州区五清台账'], merged, data), found: { index: 1, first: 1, cells: merged } },
  {
    case: 'CSV：分组词在上，下面的格空着 / CSV: group word above, cells below empty',
    rows: lines(upper, lower, data),
    found: { index: 1, first: 0, cells: merged },
  },
  {
    case: 'xlsx 合并后：上面的名称向下合并、分组横向合并 / xlsx after merges: names merged down, the group across',
    rows: lines(['序号', '姓名', '身份证号码', '乡镇（街道）', '户类型', '五清情况', '五清情况', '五清情况'], merged, data),
    found: { index: 1, first: 0, cells: merged },
  },
  {
    case: 'xlsx 合并前（工作表先给行、后给合并）/ xlsx before its merges are applied',
    rows: lines(['序号', '姓名', '身份证号码', '乡镇（街道）', '户类型', '五清情况', '', ''], lower, data),
    found: { index: 1, first: 0, cells: merged },
  },
  {
    case: '“基本信息”“五清情况”都在上，下面一行认得的多 / 基本信息 and 五清情况 above, more names below',
    rows: lines(
      ['序号', '基本信息', '', '', '', '五清情况', '', ''],
      ['', '姓名', '身份证号码', '乡镇（街道）', '户类型', '就业状态', '就业需求', '技能水平'],
      data,
    ),
    found: { index: 1, first: 0, cells: merged },
  },
  {
    case: '标题行、两行表头，再数据 / a title, a two-row header, then data',
    rows: lines(['开州区五清台账'], ['填报单位：汉丰街道'], upper, lower, data),
    found: { index: 3, first: 2, cells: merged },
  },
  {
    case: '下一行是数据：仍是一行表头 / the row below is data: still one row',
    rows: lines(['序号', '姓名', '身份证号码', '乡镇（街道）', '户类型', '就业状态', '就业需求', '家庭人口'], [...data.slice(0, 7), '就业需求']),
    found: { index: 0, first: 0, cells: ['序号', '姓名', '身份证号码', '乡镇（街道）', '户类型', '就业状态', '就业需求', '家庭人口'] },
  },
  {
    case: '中间隔着空行的两行不算一个表头 / two rows with a blank line between are not one header',
    rows: [
      { line: 1, cells: upper },
      { line: 3, cells: lower },
    ],
    found: { index: 0, first: 0, cells: upper },
  },
  {
    case: '上一行的标题不补空缺 / a title above fills no gap',
    rows: lines(['开州区五清台账', '', '', '', '', '', '', '填报日期'], merged),
    found: { index: 1, first: 1, cells: merged },
  },
  { case: '没有表头 / no header', rows: lines(['开州区五清台账'], lower.slice(5, 7)), found: null },
])('两行表头：$case / two-row headers', ({ rows, found }) => {
  expect(findHeader(rows, ledger)).toEqual(found)
  expect(findHeaderIndex(rows, ledger)).toBe(found?.index ?? -1)
})
