import type { Key, ReactNode } from 'react'

/** One column of a DataTable: its heading and how a row fills its cell. */
export type Column<Row> = {
  /** The heading, a `<th scope="col">` (and a stacked cell's label on a phone). */
  header: string
  /** The cell of one row. */
  cell: (row: Row) => ReactNode
  /** Class of the cell only (e.g. `wrap`, `mono`). */
  className?: string
  /** A number column: heading and cell right-aligned (`num`). */
  num?: boolean
  /** On a stacked table, the cell's label on a phone when it is not the heading. */
  label?: string
}

/**
 * The one way to write a list table: `<div class="table-wrap"><table>` with a visually hidden caption,
 * a heading row and one row per item. Takes the rows, the columns as data, how to key a row (its `id`
 * by default), the table's class, `stacked` (a `stack-table`: one card per row on a phone, each cell
 * labelled by its heading or `label`) and a caption. With no rows it shows `empty` instead, as a
 * paragraph of class `emptyClassName` (`muted` by default); without `empty` the bare table stays.
 */
export function DataTable<Row extends object>({
  rows,
  columns,
  rowKey = (row) => (row as { id: Key }).id,
  className,
  stacked = false,
  caption,
  empty,
  emptyClassName = 'muted',
}: {
  rows: Row[]
  columns: Column<Row>[]
  rowKey?: (row: Row) => Key
  className?: string
  stacked?: boolean
  caption?: string
  empty?: ReactNode
  emptyClassName?: string
}) {
  if (rows.length === 0 && empty != null) return <p className={emptyClassName}>{empty}</p>
  const tableClass = [stacked ? 'stack-table' : null, className].filter(Boolean).join(' ') || undefined
  const cellClass = (column: Column<Row>) => [column.className, column.num ? 'num' : null].filter(Boolean).join(' ') || undefined
  return (
    <div className="table-wrap">
      <table className={tableClass}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" className={column.num ? 'num' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, i) => (
                <td key={i} className={cellClass(column)} data-label={stacked ? (column.label ?? column.header) : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
