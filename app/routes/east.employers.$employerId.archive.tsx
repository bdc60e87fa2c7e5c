import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { FormErrors } from '~/components/forms'
import { SubmitButton } from '~/components/submit-button'
import { countOpenPostsOf, getEmployerForBureau, setEmployerArchived } from '~/models/employer.server'
import { formatDate } from '~/rules/dates'
import type { Actor } from '~/rules/permissions'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { failureReply, readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { pageTitle } from '~/utils/meta'
import { useIsPending } from '~/utils/pending'

// Archiving an employer the bureau no longer posts for, and restoring it (issue 11 §2): it leaves the
// posting form's choices; its posts stay as they are.

const IntentSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('archive') }), z.object({ intent: z.literal('restore') })])

function ownEmployer(actor: Actor, id: number) {
  const employer = getEmployerForBureau(actor, id)
  if (!employer) throw new Response('Not Found', { status: 404 })
  return employer
}

export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const employer = ownEmployer(actor, requireRecordId(args.params.employerId))
  return {
    id: employer.id,
    name: employer.name,
    archivedOn: employer.archivedAt ? formatDate(employer.archivedAt) : null,
    openPosts: countOpenPostsOf(actor, employer.id),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'east' })
  const id = requireRecordId(args.params.employerId)
  ownEmployer(actor, id)
  const intent = readIntent(await args.request.formData(), IntentSchema)
  const result = setEmployerArchived(actor, id, intent === 'archive')
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(null, result)
  throw await redirectWithNotice('/east/employers', {
    text: intent === 'archive' ? '已归档，发布岗位时不再列出该单位。' : '已恢复，可以继续为该单位发布岗位。',
  })
}

export default function ArchiveEmployerPage() {
  const e = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const pending = useIsPending()
  return (
    <main className="container page">
      <BackLink to="/east/employers">用人单位</BackLink>
      <h1>{e.archivedOn ? `恢复：${e.name}` : `归档：${e.name}`}</h1>
      <section className="card">
        {e.archivedOn ? (
          <p>该单位于 {e.archivedOn} 归档。恢复后，发布岗位时可以再选择该单位。</p>
        ) : (
          <>
            <p>归档后，发布岗位时不再列出该单位；已有的岗位保留不变，可以恢复。</p>
            {e.openPosts > 0 ? <p className="notice">该单位还有 {e.openPosts} 个招聘中的岗位，归档不会关闭它们；如需停止招聘，请到岗位页关闭。</p> : null}
          </>
        )}
        <Form method="post" className="form">
          <FormErrors errors={reply && 'error' in reply ? reply.error?.[''] : undefined} />
          <div className="actions">
            <SubmitButton pending={pending} name="intent" value={e.archivedOn ? 'restore' : 'archive'}>
              {e.archivedOn ? '恢复' : '归档'}
            </SubmitButton>
          </div>
        </Form>
      </section>
    </main>
  )
}

export const meta = pageTitle('归档用人单位')

export { ErrorPage as ErrorBoundary } from '~/components/error-page'
