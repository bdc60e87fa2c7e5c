import { todayInShanghai } from '~/rules/dates'
import { monthInWords } from '~/utils/hire-filters.server'

// How every export is named (issue 11 §3, issue 15 §3): by organisation, list, the filters applied and the
// day it was made in Asia/Shanghai, e.g. 开州区-务工人员台账-和谦镇-已就业-2026-12-01.xlsx, so two filtered
// exports of one list never arrive as the same file; and the title row above the sheet's headers says the
// same in words with the list's date range, which offices reporting upward read first:
// 开州区录用人员 · 日期范围：2026年11月 · 筛选条件：和谦镇 · 导出于 2026-12-01. Filter labels name choices only
// (a township, a status, a month): a searched phone number or ID tail never goes into a file name, the
// caller passes 查找结果 instead.

/** The range of a list with no date filter: every row, whenever it was made. */
export const ALL_DATES = '全部日期'

/** The range of a month filter `YYYY-MM` (Asia/Shanghai): 2026年11月. */
export function monthRange(month: string) {
  return monthInWords(month)
}

/**
 * The range of a from/to day filter (`YYYY-MM-DD`, either may be missing): 2026-11-01 至 2026-11-30,
 * 2026-11-01 至今, 截至 2026-11-30, one day alone, or ALL_DATES when neither is given.
 */
export function dayRange(from: string | null | undefined, to: string | null | undefined) {
  if (from && to) return from === to ? from : `${from} 至 ${to}`
  if (from) return `${from} 至今`
  if (to) return `截至 ${to}`
  return ALL_DATES
}

/** The longest a filter label may be in a file name (an employer's name is cut there). */
const PART_MAX = 20
/** Characters Windows, macOS or a mail client refuse or treat specially in a file name. */
const UNSAFE = /[\\/:*?"<>|\p{Cc}\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu

function clean(text: string) {
  return text.normalize('NFKC').replace(UNSAFE, '').replace(/\s+/g, ' ').trim()
}

function part(text: string) {
  return clean(text).slice(0, PART_MAX)
}

/**
 * An export's names. Takes the organisation (e.g. 开州区), the list (务工人员台账), the labels of the
 * filters applied in the list's order (empty when none), the date range of the rows (`range`: monthRange,
 * dayRange or ALL_DATES; a label equal to it is not repeated in the title), whether it carries full numbers
 * (完整信息), an ASCII slug for the fallback name (`registry`) and the day (`YYYY-MM-DD`, today in Shanghai
 * by default). Returns `fileName` (Chinese, for filename*: the labels, then the range unless the name
 * already says it or it is ALL_DATES, so a file's name changes only when the range tells something new),
 * `asciiFallback` (slug, `filtered` when filters or a range apply, `full`, day) and `title` (the sheet's
 * title row: organisation and list, range, filters, day). Never throws.
 */
export function exportNames({
  organisation,
  list,
  filters,
  range,
  full = false,
  ascii,
  day = todayInShanghai(),
}: {
  organisation: string
  list: string
  filters: readonly string[]
  /** Every export names its rows' dates (issue 15 §3): ALL_DATES when its list has no date filter. */
  range: string
  full?: boolean
  ascii: string
  day?: string
}) {
  const labels = filters.map(part).filter(Boolean)
  const head = [part(organisation), part(list), ...labels]
  const rangePart = clean(range).replace(/\s+/g, '')
  const rangeAdds = rangePart !== '' && range !== ALL_DATES && !head.some((p) => p.includes(rangePart))
  const name = [...head, rangeAdds ? rangePart : null, full ? '完整信息' : null, day].filter(Boolean).join('-')
  const asciiFallback = [ascii.replace(/[^a-z0-9-]/gi, ''), labels.length > 0 || rangeAdds ? 'filtered' : null, full ? 'full' : null, day]
    .filter(Boolean)
    .join('-')
  const shownRange = clean(range)
  const conditions = labels.filter((l) => l !== shownRange && l.replace(/\s+/g, '') !== rangePart)
  const title = [
    `${part(organisation)}${part(list)}${full ? '（完整信息）' : ''}`,
    `日期范围：${shownRange || ALL_DATES}`,
    `筛选条件：${conditions.length > 0 ? conditions.join('，') : '无'}`,
    `导出于 ${day}`,
  ].join(' · ')
  return { fileName: `${name}.xlsx`, asciiFallback: `${asciiFallback}.xlsx`, title }
}
