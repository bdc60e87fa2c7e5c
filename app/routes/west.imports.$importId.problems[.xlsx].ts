import type { LoaderFunctionArgs } from '@remix-run/node'
import { problemWorkbookResponse } from '~/exports/ledger-import-problems.server'
import { listProblemRowsForDownload } from '~/models/ledger-import.server'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'

/** A refused import's full problem list as xlsx, bad cells marked; 404 for another county's import or once its rows have expired. */
export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const found = listProblemRowsForDownload(actor, requireRecordId(args.params.importId))
  if (!found) throw new Response('Not Found', { status: 404 })
  const base = found.import.fileName.replace(/\.[^.]*$/, '')
  return problemWorkbookResponse(found.rows, `${base}-问题清单.xlsx`, `import-${found.import.id}-problems.xlsx`)
}
