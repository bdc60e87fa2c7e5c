import type { ActionFunctionArgs } from '@remix-run/node'
import { isCountyBatch } from '~/models/batch-read.server'
import { markBoarding } from '~/models/boarding.server'
import { SyncSchema } from '~/rules/boarding'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'

// The escort's phone sends its queue of boarding ticks here (issue 12 §6, decision 022): one form post with
// the check-ins as JSON in the field `checkins`, answered with JSON — what became of each check-in and every
// seated person's mark now — so the page's script can read it without a navigation. An action of its own,
// not the page's: a page action answers a document post with the whole page, and a Remix fetcher that loses
// the network shows the error page, which on a bus with no signal is exactly the wrong thing. Another
// county's batch is a 404; anything malformed a 400; a frozen batch a 409; never a 500.

const NO_STORE = { 'Cache-Control': 'private, no-store' }

function answer(body: object, status = 200) {
  return Response.json(body, { status, headers: NO_STORE })
}

export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const batchId = requireRecordId(args.params.batchId)
  // Another county's batch is a 404 before the form is read: a bad form must not tell it exists.
  if (!isCountyBatch(actor, batchId)) throw new Response('Not Found', { status: 404 })
  const raw = (await args.request.formData()).get('checkins')
  let json: unknown = null
  try {
    json = typeof raw === 'string' ? JSON.parse(raw) : null
  } catch {
    // not JSON: answered below as any other malformed body
  }
  const parsed = SyncSchema.safeParse(json)
  if (!parsed.success) return answer({ ok: false, error: '登记内容有误，请刷新页面后重试' }, 400)
  const result = markBoarding(actor, batchId, parsed.data, { source: 'phone' })
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return answer({ ok: false, error: result.message }, result.status ?? 400)
  return answer(result)
}

/** Nothing to read here: the list is the page's. */
export function loader() {
  throw new Response('Not Found', { status: 404 })
}
