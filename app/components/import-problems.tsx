import { DataTable } from './data-table'

type Group = { lines: string; text: string; count: number; firstLine: number }
/** One problem of an uploaded sheet: its line (as the spreadsheet numbers it), column, what was typed and why it is refused. */
export type Problem = { line: number; column: string; message: string; value: string }

/** A refused import's problems line by line (the ledger's and the sites'): line, column, what was typed, the problem. */
export function ProblemTable({ problems }: { problems: Problem[] }) {
  return (
    <DataTable
      rows={problems.map((p, i) => ({ ...p, id: i }))}
      stacked
      caption="逐行列出的问题"
      columns={[
        { header: '行号', num: true, cell: (p) => p.line },
        { header: '列', cell: (p) => p.column },
        { header: '填写的内容', cell: (p) => (p.value === '' ? '（空）' : p.value), className: 'wrap' },
        { header: '问题', cell: (p) => p.message, className: 'wrap' },
      ]}
    />
  )
}

/**
 * A refused ledger import's problems (issue 11 §1): grouped ("第 2–2001 行：户类型“贫困户”：…"), the
 * link to the full list as a marked-up xlsx, and the first problems line by line. Takes the groups, the
 * first problems, their total and the import whose list downloads (none: no link).
 */
export function ImportProblems({ groups, problems, total, importId }: { groups: Group[]; problems: Problem[]; total: number; importId: number | null }) {
  return (
    <section className="card" aria-labelledby="problems-heading">
      <h2 id="problems-heading">检查结果</h2>
      <p className="form-error" role="alert">
        共 {total.toLocaleString('en-US')} 处问题，未导入任何数据。请在文件中改正后重新上传。
      </p>
      {importId != null ? (
        <p>
          <a href={`/west/imports/${importId}/problems.xlsx`} download>
            下载问题清单（xlsx，问题单元格标红并附说明）
          </a>
        </p>
      ) : null}
      <ul>
        {groups.map((g) => (
          <li key={g.firstLine + g.text}>
            <strong>第 {g.lines} 行</strong>
            {g.count > 1 ? <span className="muted small">（{g.count.toLocaleString('en-US')} 行）</span> : null}：{g.text}
          </li>
        ))}
      </ul>
      {problems.length > 0 ? (
        <details>
          <summary>逐行查看{total > problems.length ? `（前 ${problems.length} 处）` : ''}</summary>
          <ProblemTable problems={problems} />
        </details>
      ) : null}
    </section>
  )
}
