import { formatDateTime } from '~/rules/dates'
import { DataTable, type Column } from './data-table'

export type AuditRow = {
  id: number
  at: Date | string | number
  action: string
  actionLabel: string
  actorName: string | null
}

const COLUMNS: Column<AuditRow>[] = [
  { header: '时间', cell: (row) => formatDateTime(new Date(row.at)) },
  { header: '操作人', cell: (row) => row.actorName ?? '—' },
  { header: '事项', cell: (row) => row.actionLabel },
]

/** A short "recent activity" list; every row comes from the append-only audit log. */
export function AuditTable({ rows, caption }: { rows: AuditRow[]; caption: string }) {
  return <DataTable rows={rows} columns={COLUMNS} className="audit-table" caption={caption} empty="暂无记录。" />
}

/**
 * The "最近操作" card of a home page (and a post's history): a titled section around an AuditTable.
 * Takes the heading, the rows and the table's hidden caption.
 */
export function AuditSection({ title, rows, caption }: { title: string; rows: AuditRow[]; caption: string }) {
  return (
    <section className="card">
      <h2>{title}</h2>
      <AuditTable rows={rows} caption={caption} />
    </section>
  )
}
