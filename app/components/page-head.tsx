import type { ReactNode } from 'react'

/**
 * A page's heading row: the `h1` and, beside it, the page's main actions (links or buttons) in
 * `div.actions`. Takes the title and the actions as children; without children only the heading shows.
 */
export function PageHead({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-head">
      <h1>{title}</h1>
      {children ? <div className="actions">{children}</div> : null}
    </div>
  )
}
