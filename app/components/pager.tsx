import { Link, useLocation } from '@remix-run/react'
import { searchWithPage } from '~/utils/page'

/**
 * "共 N 条，第 2 / 7 页" with previous/next links built from the current URL (every other parameter
 * kept), so paging works without JavaScript. Takes the Page's `page`, `pageCount` and, optionally,
 * `total` to show; hidden on a single page unless a total is given.
 */
export function Pager({ page, pageCount, total }: { page: number; pageCount: number; total?: number }) {
  const { pathname, search } = useLocation()
  if (pageCount <= 1 && total == null) return null
  return (
    <nav className="pager" aria-label="分页">
      <span className="muted small">
        {total != null ? `共 ${total} 条，` : ''}第 {page} / {pageCount} 页
      </span>
      <span className="pager__links">
        {page > 1 ? (
          <Link to={pathname + searchWithPage(search, page - 1)} className="button button--secondary button--small" rel="prev">
            上一页
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link to={pathname + searchWithPage(search, page + 1)} className="button button--secondary button--small" rel="next">
            下一页
          </Link>
        ) : null}
      </span>
    </nav>
  )
}
