import { Form, useLocation } from '@remix-run/react'
import { FormToken } from '~/components/forms'
import { useState, type FormEvent } from 'react'
import { RECOMMEND_AT_ONCE_MAX } from '~/rules/recommend'
import { useIsPending } from '~/utils/pending'
import { DataTable, type Column } from './data-table'
import { FormAlert } from './form-alert'
import { ErrorList, SubmitButton } from './forms'
import { Pager } from './pager'

export type Candidate = {
  id: number
  name: string
  sex: string
  age: number
  township: string
  phone: string
  skillLevel: string
  skills: string
  status: string
  need: string
  /** Why the person may not suit the post (rules/recommend.ts candidateWarnings); empty when nothing. */
  warnings: string[]
  applied: boolean
}

const CANDIDATE_COLUMNS: Column<Candidate>[] = [
  {
    header: '选择',
    cell: (c) => (
      <input
        type="checkbox"
        name="workerId"
        value={c.id}
        id={`pick-${c.id}`}
        disabled={c.applied}
        aria-label={c.applied ? `${c.name}（已报名）` : `选择 ${c.name}`}
      />
    ),
  },
  {
    header: '姓名',
    cell: (c) => (
      <>
        <label htmlFor={`pick-${c.id}`}>
          <strong>{c.name}</strong>{' '}
          <span className="muted small">
            {c.sex} · {c.age}岁
          </span>
        </label>{' '}
        {c.applied ? <span className="badge badge--info">已报名</span> : null}
        {c.warnings.map((w) => (
          <span key={w} className="candidate-warning">
            ⚠ {w}
          </span>
        ))}
      </>
    ),
  },
  { header: '乡镇', cell: (c) => c.township },
  { header: '技能', cell: (c) => [c.skillLevel, c.skills].filter(Boolean).join('：'), className: 'wrap' },
  { header: '就业状态', cell: (c) => c.status },
  { header: '就业需求', cell: (c) => c.need },
  { header: '手机号', cell: (c) => <span className="mono">{c.phone}</span> },
]

/** How many boxes of the pick form are ticked. */
function tickedIn(event: FormEvent<HTMLFormElement>) {
  return event.currentTarget.querySelectorAll('input[name="workerId"]:checked').length
}

/**
 * The recommend page's pick list (/west/jobs/:jobId/recommend): one page of the county's ledger (masked
 * phones) as checkboxes — people already applied are shown and cannot be ticked —, the pager, one optional
 * note for all and the submit button, posting intent `recommend` to the page's own URL (so the answer
 * keeps the filters). Works without JavaScript; with it, the button counts the ticked boxes. Takes the
 * page (`list`), the last reply's errors and whether a search is applied.
 */
export function RecommendCandidates({
  list: data,
  errors,
  searched,
  formToken,
}: {
  list: { candidates: Candidate[]; total: number; page: number; pageCount: number }
  /** This page's form token (issueFormToken), so a submission is recorded once however often it is sent. */
  formToken: string
  errors: Record<string, string[] | null> | null | undefined
  searched: boolean
}) {
  const location = useLocation()
  const busy = useIsPending({ intent: 'recommend' })
  // Null until a box changes, so the server's and the first client render agree.
  const [ticked, setTicked] = useState<number | null>(null)
  if (data.candidates.length === 0) return <p className="card muted">{searched ? '没有符合条件的人员，请调整查询条件。' : '台账还是空的。'}</p>
  return (
    <Form method="post" action={`${location.pathname}${location.search}`} className="form" key={location.key} onChange={(e) => setTicked(tickedIn(e))}>
      <input type="hidden" name="intent" value="recommend" />
      <FormToken value={formToken} />
      <p className="muted small" aria-live="polite">
        {searched ? '符合条件' : '台账共'} {data.total} 人，第 {data.page} / {data.pageCount} 页
      </p>
      <fieldset className="plain-fieldset">
        <legend className="sr-only">选择要推荐的人员</legend>
        <DataTable rows={data.candidates} columns={CANDIDATE_COLUMNS} className="pick-table" />
      </fieldset>
      <Pager page={data.page} pageCount={data.pageCount} />
      <div className="field">
        <label htmlFor="note">推荐说明（选填）</label>
        <textarea id="note" name="note" rows={2} maxLength={200} placeholder="如：有电焊证，愿意去山东" aria-invalid={errors?.note ? true : undefined} />
        <ErrorList errors={errors?.note} />
      </div>
      <FormAlert messages={errors?.['']} />
      <div className="actions">
        <SubmitButton pending={busy} disabled={ticked === 0 || (ticked ?? 0) > RECOMMEND_AT_ONCE_MAX}>
          {ticked == null ? '推荐所选人员' : `推荐所选（${ticked} 人）`}
        </SubmitButton>
        <span className="muted small">勾选本页中的人员，一次最多 {RECOMMEND_AT_ONCE_MAX} 人；已报名的人不能再选。</span>
      </div>
    </Form>
  )
}
