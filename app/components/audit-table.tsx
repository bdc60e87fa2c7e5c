import { formatDateTime } from '~/rules/dates'

type AuditRow = {
  id: number
  at: Date | string | number
  action: string
  actionLabel: string
  actorName: string | null
}

/** A short "recent activity" list; every row comes from the append-only audit log. */
export function AuditTable({ rows, caption }: { rows: AuditRow[]; caption: string }) {
  if (rows.length === 0) return <p className="muted">暂无记录。</p>
  return (
    <div className="table-wrap">
      <table className="audit-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">操作人</th>
            <th scope="col">事项</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{formatDateTime(new Date(row.at))}</td>
              <td>{row.actorName ?? '—'}</td>
              <td>{row.actionLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
