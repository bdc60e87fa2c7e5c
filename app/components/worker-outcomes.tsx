import { Form } from '@remix-run/react'
import { DataTable, type Column } from '~/components/data-table'
import { StatusBadge } from '~/components/status-badge'
import { APPLICATION_STATUS } from '~/rules/application'
import type { ApplicationStatus } from '~/rules/application-enums'

// What became of one ledger row's person (issue 11 §3): their applications and employment records, and
// the question a hire raises about the row's 就业状态 (decision 017). Rendered on /west/workers/:id.

export type AppliedRow = { id: number; vacancyId: number; title: string; bureauName: string; status: ApplicationStatus; source: string; on: string }
export type EmployedRow = { id: number; employerName: string; cityName: string; startDate: string; on: string }

const APPLIED_COLUMNS: Column<AppliedRow>[] = [
  { header: '岗位', cell: (r) => r.title },
  { header: '发布单位', cell: (r) => r.bureauName },
  { header: '状态', cell: (r) => <StatusBadge spec={APPLICATION_STATUS} status={r.status} /> },
  { header: '方式', cell: (r) => r.source },
  { header: '报名日期', cell: (r) => r.on },
]

const EMPLOYED_COLUMNS: Column<EmployedRow>[] = [
  { header: '用人单位', cell: (r) => r.employerName },
  { header: '城市', cell: (r) => r.cityName },
  { header: '到岗日期', cell: (r) => r.startDate },
  { header: '录用日期', cell: (r) => r.on },
]

/** The person's applications and employment records, newest first (at most `shown` of each). */
export function WorkerOutcomes({ applied, employed, shown }: { applied: AppliedRow[]; employed: EmployedRow[]; shown: number }) {
  return (
    <section className="card">
      <h2>报名和就业</h2>
      <h3 className="small">就业记录</h3>
      <DataTable rows={employed} columns={EMPLOYED_COLUMNS} stacked caption="就业记录" empty="还没有通过平台录用的记录。" />
      <h3 className="small">报名记录</h3>
      <DataTable rows={applied} columns={APPLIED_COLUMNS} stacked caption="报名记录" empty="还没有报名记录。" />
      {applied.length >= shown || employed.length >= shown ? <p className="muted small">只显示最近的 {shown} 条。</p> : null}
    </section>
  )
}

/** The question after a hire: update 就业状态 to 省外务工, or keep it (both recorded). */
export function EmploymentQuestion({
  workerId,
  hire,
  current,
}: {
  workerId: number
  hire: { employerName: string; cityName: string; startDate: string }
  current: string
}) {
  return (
    <section className="card notice" aria-labelledby="employment-question">
      <h2 id="employment-question">就业状态待确认</h2>
      <p>
        此人已被<strong>{hire.cityName}</strong>的<strong>{hire.employerName}</strong>录用（到岗日期 {hire.startDate}），台账中的就业状态仍是“{current}”。
      </p>
      <Form method="post" action={`/west/workers/${workerId}/employment`} className="actions">
        <button type="submit" name="intent" value="update" className="button">
          更新为“省外务工”
        </button>
        <button type="submit" name="intent" value="keep" className="button button--secondary">
          保持不变（如未到岗）
        </button>
      </Form>
    </section>
  )
}
