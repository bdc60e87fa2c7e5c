import { Link } from '@remix-run/react'

/**
 * "第 2 / 7 页" with previous/next links; plain links, so paging works without JavaScript. Hidden on a
 * single page unless a total is given to show.
 */
export function Pager({ page, pages, prev, next, total }: { page: number; pages: number; prev: string | null; next: string | null; total?: number }) {
  if (pages <= 1 && total == null) return null
  return (
    <nav className="pager" aria-label="分页">
      <span className="muted small">
        {total != null ? `共 ${total} 个，` : ''}第 {page} / {pages} 页
      </span>
      <span className="pager__links">
        {prev ? (
          <Link to={prev} className="button button--secondary button--small" rel="prev">
            上一页
          </Link>
        ) : null}
        {next ? (
          <Link to={next} className="button button--secondary button--small" rel="next">
            下一页
          </Link>
        ) : null}
      </span>
    </nav>
  )
}
