import { todayInShanghai } from '~/rules/dates'

// How every export is named (issue 11 §3): by organisation, list, the filters applied and the day it was
// made in Asia/Shanghai, e.g. 开州区-务工人员台账-和谦镇-已就业-2026-12-01.xlsx, so two filtered exports
// of one list never arrive as the same file; and the title row above the sheet's headers says the same
// in words. Filter labels name choices only (a township, a status, a month): a searched phone number or
// ID tail never goes into a file name, the caller passes 查找结果 instead.

/** The longest a filter label may be in a file name (an employer's name is cut there). */
const PART_MAX = 20
/** Characters Windows, macOS or a mail client refuse or treat specially in a file name. */
const UNSAFE = /[\\/:*?"<>|\p{Cc}\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu

function part(text: string) {
  return text.normalize('NFKC').replace(UNSAFE, '').replace(/\s+/g, ' ').trim().slice(0, PART_MAX)
}

/**
 * An export's names. Takes the organisation (e.g. 开州区), the list (务工人员台账), the labels of the
 * filters applied in the list's order (empty when none), whether it carries full numbers (完整信息),
 * an ASCII slug for the fallback name (`registry`) and the day (`YYYY-MM-DD`, today in Shanghai by
 * default). Returns `fileName` (Chinese, for filename*), `asciiFallback` (slug, `filtered` when filters
 * apply, `full`, day) and `title` (the sheet's title row: list, filters, day). Never throws.
 */
export function exportNames({
  organisation,
  list,
  filters,
  full = false,
  ascii,
  day = todayInShanghai(),
}: {
  organisation: string
  list: string
  filters: readonly string[]
  full?: boolean
  ascii: string
  day?: string
}) {
  const labels = filters.map(part).filter(Boolean)
  const name = [part(organisation), part(list), ...labels, full ? '完整信息' : null, day].filter(Boolean).join('-')
  const asciiFallback = [ascii.replace(/[^a-z0-9-]/gi, ''), labels.length > 0 ? 'filtered' : null, full ? 'full' : null, day].filter(Boolean).join('-')
  const title = `${part(organisation)}${part(list)}${labels.length > 0 ? `（${labels.join('，')}）` : '（全部）'}${full ? '（完整信息）' : ''} 导出于 ${day}`
  return { fileName: `${name}.xlsx`, asciiFallback: `${asciiFallback}.xlsx`, title }
}
