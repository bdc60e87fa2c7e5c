import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { answerEmploymentQuestion } from '~/models/worker-archive.server'
import { getWorker } from '~/models/worker.server'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { readIntent } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'

// The answer to "hired — update 就业状态?" on a ledger row (issue 11 §3, decision 017). The question and its
// two buttons are on the row's page; this route only takes the answer and goes back there.

const AnswerSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('update') }), z.object({ intent: z.literal('keep') })])

/** Nothing to show here: the question lives on the row's page. */
export async function loader(args: LoaderFunctionArgs) {
  await requireActor(args, { role: 'west' })
  throw redirect(`/west/workers/${requireRecordId(args.params.workerId)}`)
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const id = requireRecordId(args.params.workerId)
  // Another county's ledger row is a 404 before the form is read: a bad form must not tell it exists.
  if (!getWorker(actor, id)) throw new Response('Not Found', { status: 404 })
  const answer = readIntent(await args.request.formData(), AnswerSchema)
  const result = answerEmploymentQuestion(actor, id, answer)
  if (!result) throw new Response('Not Found', { status: 404 })
  // Already answered (a second click, another tab): the page shows the row as it now is.
  if (!result.ok) throw await redirectWithNotice(`/west/workers/${id}`, { text: result.message, tone: 'amber' })
  throw await redirectWithNotice(`/west/workers/${id}`, { text: answer === 'update' ? '就业状态已更新为“省外务工”。' : '已确认，就业状态保持不变。' })
}
