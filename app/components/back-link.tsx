import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

/**
 * The small "← …" link above a page's heading, back to where the page was reached from (its list, or
 * the record it edits). Takes the target path and the words after the arrow, e.g. `用人单位` or
 * `返回 {name}`.
 */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="small no-print">
      <Link to={to}>← {children}</Link>
    </p>
  )
}
