import { Form } from '@remix-run/react'
import type { FormEvent, ReactNode } from 'react'
import { useIsPending } from '~/utils/pending'
import { SubmitButton } from './forms'

/** What the bureau can do to a post from its page (east.jobs.$jobId._index): the action's intents. */
export type VacancyStateIntent = 'publish' | 'fill' | 'close' | 'copy' | 'delete'

/**
 * One of a post's state forms (发布, 标记为已招满, 关闭岗位, 复制为新草稿): a plain form posting `intent`
 * to the post page's own action, with any fields it needs as children, its button and a hint under it.
 * `confirm` asks before sending (with JavaScript); `primary` draws the main button.
 */
export function VacancyStateForm({
  intent,
  label,
  hint,
  primary,
  confirm,
  children,
}: {
  intent: VacancyStateIntent
  label: string
  hint: string
  primary?: boolean
  confirm?: string
  children?: ReactNode
}) {
  const pending = useIsPending({ intent })
  const onSubmit = confirm ? (e: FormEvent<HTMLFormElement>) => (window.confirm(confirm) ? undefined : e.preventDefault()) : undefined
  return (
    <Form method="post" className="state-form" onSubmit={onSubmit}>
      <input type="hidden" name="intent" value={intent} />
      {children}
      <div>
        <SubmitButton pending={pending} pendingLabel="正在处理…" className={primary ? 'button' : 'button button--secondary'}>
          {label}
        </SubmitButton>
        <p className="field__hint">{hint}</p>
      </div>
    </Form>
  )
}

/**
 * 删除草稿 (intent `delete`), for a draft only: the button opens a confirmation under it (a native
 * `<details>`, so it asks with and without JavaScript), and only "确定删除" sends the form.
 */
export function DeleteDraftForm() {
  const pending = useIsPending({ intent: 'delete' })
  return (
    <div className="state-form">
      <details>
        <summary className="button button--secondary">删除草稿</summary>
        <Form method="post" className="spaced-top">
          <input type="hidden" name="intent" value="delete" />
          <p className="notice" role="note">
            确定删除这份草稿吗？删除后不能恢复。草稿还没有发布，务工人员看不到它。
          </p>
          <SubmitButton pending={pending} pendingLabel="正在删除…">
            确定删除
          </SubmitButton>
        </Form>
      </details>
      <p className="field__hint">草稿保存错了或多存了一份，可以删除；已发布的岗位只能关闭。</p>
    </div>
  )
}
