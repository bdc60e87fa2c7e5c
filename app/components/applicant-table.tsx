import type { ReactNode } from 'react'
import { ApplicantPhone } from '~/components/applicant-actions'
import type { Column } from '~/components/data-table'
import { StatusBadge } from '~/components/status-badge'
import { APPLICATION_STATUS, type ApplicationStatus } from '~/rules/application'

// The columns of the bureau's applicants table (east.jobs.$jobId.applicants): who, where from, skills,
// the phone (masked, revealable one row at a time) and masked ID, source, note, dates and status.

export type ApplicantRowView = {
  id: number
  name: string
  sexAge: string
  township: string
  skills: string
  /** The masked phone, or 未登记. */
  phone: string
  hasPhone: boolean
  idNumber: string
  source: string
  note: string | null
  status: ApplicationStatus
  appliedOn: string
  startDate: string | null
}

/**
 * The applicants table's columns. Takes the revealed phone (which row, which number) and the row's
 * actions, drawn by the page; the last column holds them.
 */
export function applicantColumns<A extends ApplicantRowView>(
  revealed: { applicationId: number; phone: string } | null,
  actions: (a: A) => ReactNode,
): Column<A>[] {
  return [
    {
      header: '姓名',
      cell: (a) => (
        <>
          <strong>{a.name}</strong>
          <span className="muted small cell-line">{a.sexAge}</span>
        </>
      ),
    },
    { header: '乡镇', cell: (a) => a.township },
    { header: '技能', cell: (a) => a.skills, className: 'wrap' },
    {
      header: '手机号 / 身份证号',
      label: '号码',
      cell: (a) => (
        <>
          <ApplicantPhone applicationId={a.id} masked={a.hasPhone ? a.phone : null} revealed={revealed?.applicationId === a.id ? revealed.phone : null} />
          <span className="mono cell-line">{a.idNumber}</span>
        </>
      ),
    },
    { header: '来源', cell: (a) => a.source },
    { header: '备注', cell: (a) => a.note ?? '—', className: 'wrap' },
    { header: '报名日期', cell: (a) => a.appliedOn },
    {
      header: '状态',
      cell: (a) => (
        <>
          <StatusBadge spec={APPLICATION_STATUS} status={a.status} />
          {a.startDate ? <span className="muted small cell-line">到岗 {a.startDate}</span> : null}
        </>
      ),
    },
    { header: '操作', cell: actions },
  ]
}
