import type { LoaderFunctionArgs } from '@remix-run/node'
import { recommendXlsxResponse } from '~/exports/recommend.server'
import { countyPostView, getCountyContact, getPostForCounty } from '~/models/county-post.server'
import { recommendListToShare } from '~/models/recommend-share.server'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'

/**
 * The recommend page's filtered list for one post as xlsx (issue 11 §4), phones masked, at most
 * RECOMMEND_EXPORT_MAX rows, with the same 提示 as the screen and the post and filters in title rows; a
 * post not open to the county is 404.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const found = getPostForCounty(actor, requireRecordId(args.params.jobId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const post = countyPostView(found)
  const { today, total, rows, filterLine } = recommendListToShare(actor, post, new URL(args.request.url).searchParams)
  const cut = total > rows.length ? `，列出最近更新的 ${rows.length} 人` : ''
  return recommendXlsxResponse(rows, {
    title: `推荐名单：${post.title}（${post.employerName}）· ${getCountyContact(actor).name} · ${today} · 共 ${total} 人${cut}`,
    filterLine,
    fileName: `推荐名单-${post.title.slice(0, 30)}-${today}.xlsx`,
    asciiFallback: `recommend-${post.id}-${today}.xlsx`,
  })
}
