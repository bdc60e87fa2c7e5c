import type { LoaderFunctionArgs } from '@remix-run/node'
import { RECOMMEND_EXPORT } from '~/exports/recommend.server'
import { countyPostView, getPostForCounty } from '~/models/county-post.server'
import { listCandidatesToShare } from '~/models/recommend-candidates.server'
import { todayInShanghai } from '~/rules/dates'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'
import { readRecommendFilters } from '~/utils/recommend-filters.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * The recommend page's filtered list for one post as xlsx (issue 11 §4), phones masked, at most
 * RECOMMEND_EXPORT_MAX rows; a post not open to the county is 404.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const found = getPostForCounty(actor, requireRecordId(args.params.jobId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const post = countyPostView(found)
  const today = todayInShanghai()
  const { q: _typed, ...filters } = readRecommendFilters(new URL(args.request.url).searchParams, actor)
  const { rows } = listCandidatesToShare(actor, filters, post, today)
  return xlsxResponse(RECOMMEND_EXPORT, rows, {
    fileName: `推荐名单-${post.title.slice(0, 30)}-${today}.xlsx`,
    asciiFallback: `recommend-${post.id}-${today}.xlsx`,
  })
}
