import type { ReactNode } from 'react'
import { AuditSection, type AuditRow } from './audit-table'
import { Figures, type FigureItem } from './figures'

/**
 * The one layout of a staff home page (工作台 of /east, /west and /admin): the heading, the figures, the
 * page's own cards (children), and last the recent-activity card read from the audit log. Takes the
 * title, the figures (`label` names the list for screen readers) and the activity card's title, rows
 * and hidden caption.
 */
export function StaffHome({
  title,
  figures,
  activity,
  children,
}: {
  title: string
  figures: { label: string; items: FigureItem[] }
  activity: { title: string; rows: AuditRow[]; caption: string }
  children: ReactNode
}) {
  return (
    <main className="container page">
      <h1>{title}</h1>
      <Figures label={figures.label} items={figures.items} />
      {children}
      <AuditSection title={activity.title} rows={activity.rows} caption={activity.caption} />
    </main>
  )
}
