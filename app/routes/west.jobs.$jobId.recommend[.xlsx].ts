import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_DATES, exportNames } from '~/exports/file-name.server'
import { recommendXlsxResponse } from '~/exports/recommend.server'
import { countyPostView, getCountyContact, getPostForCounty } from '~/models/county-post.server'
import { recommendListToShare } from '~/models/recommend-share.server'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'

/**
 * The recommend page's filtered list for one post as xlsx (issue 11 §4), phones masked, at most
 * RECOMMEND_EXPORT_MAX rows, with the same 提示 as the screen and the post and filters in title rows, the file named by exportNames
 * (county, 推荐名单, post, filters, day), the title row saying 全部日期 (the ledger has no date filter); a
 * post not open to the county is 404.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const found = getPostForCounty(actor, requireRecordId(args.params.jobId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const post = countyPostView(found)
  const { today, total, rows, filterLine } = recommendListToShare(actor, post, new URL(args.request.url).searchParams)
  const cut = total > rows.length ? `，列出最近更新的 ${rows.length} 人` : ''
  const county = getCountyContact(actor).name
  const { fileName, asciiFallback } = exportNames({
    organisation: county,
    list: '推荐名单',
    filters: [post.title, ...fileLabelsOf(filterLine)],
    range: ALL_DATES,
    ascii: `recommend-${post.id}`,
    day: today,
  })
  return recommendXlsxResponse(rows, {
    // The ledger as it stands (no date filter), so the range is 全部日期; the filters are the second title row.
    title: `推荐名单：${post.title}（${post.employerName}）· ${county} · 日期范围：${ALL_DATES} · 共 ${total} 人${cut} · 导出于 ${today}`,
    filterLine,
    fileName,
    asciiFallback,
  })
}

/**
 * The filters of the list's 筛选条件 line (describeRecommendFilters) as file-name labels: each condition
 * as written, a name or number searched as 查找结果 (what was typed never goes into a file name), none
 * when the line says 无.
 */
function fileLabelsOf(filterLine: string) {
  const body = filterLine.replace(/^筛选条件：/, '')
  if (body.startsWith('无')) return []
  return body.split('；').map((p) => (p.startsWith('姓名含') || p === '按号码查找' ? '查找结果' : p.replace(/[“”]/g, '')))
}
