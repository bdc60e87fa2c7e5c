import { Form, Link } from '@remix-run/react'
import { FormToken } from '~/components/forms'
import { SubmitButton } from '~/components/submit-button'

/**
 * The confirmation view of a ledger import's undo (/west/imports/:id?confirm=undo): exactly how many people
 * it removes and restores, then 确认撤销 (a POST carrying the page's form token) or 取消 back to the import.
 */
export function ConfirmUndo({
  removed,
  restored,
  formToken,
  importId,
  pending,
}: {
  removed: number
  restored: number
  formToken: string
  importId: number
  pending: boolean
}) {
  return (
    <section className="card" aria-labelledby="confirm-undo">
      <h2 id="confirm-undo">确认撤销这次导入？</h2>
      <ul>
        <li>
          从台账中<strong>删除</strong>这次新增的 <strong>{removed}</strong> 人；
        </li>
        <li>
          把这次更新过的 <strong>{restored}</strong> 人<strong>恢复</strong>为导入前的内容。
        </li>
      </ul>
      <p className="muted small">台账中的其他人不受影响。导入后如有人的记录被修改、关联了账号或报了名，整次撤销都不会进行，台账保持原样。</p>
      <Form method="post" action={`/west/imports/${importId}`} className="actions">
        <FormToken value={formToken} />
        <SubmitButton name="intent" value="undo" pending={pending} pendingLabel="正在撤销…" className="button button--danger">
          确认撤销
        </SubmitButton>
        <Link to={`/west/imports/${importId}`} className="button button--secondary">
          取消
        </Link>
      </Form>
    </section>
  )
}
