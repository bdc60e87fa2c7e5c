import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { exportNames } from '~/exports/file-name.server'
import { MANIFEST_EXPORT, MANIFEST_EXPORT_FOOTER } from '~/exports/manifest.server'
import { fullManifestForCounty, manifestForCounty, manifestRowsInOrder, type Manifest } from '~/models/manifest.server'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'
import { xlsxResponse } from '~/utils/xlsx.server'

// The manifest as xlsx (issue 12 §5): GET is the masked file; POST with a purpose from the manifest page's
// form is the full-number file, audited (manifest.export_full). Another county's batch is a 404.

function download(manifest: Manifest) {
  const names = exportNames({
    organisation: manifest.countyName,
    list: '乘车名单',
    filters: [`第${manifest.batch.id}批`, manifest.batch.departureDate, manifest.planned ? '' : '预排'],
    // One batch: its rows are the people leaving on its departure day.
    range: manifest.batch.departureDate,
    full: manifest.full,
    ascii: `manifest-${manifest.batch.id}`,
  })
  return xlsxResponse(
    { ...MANIFEST_EXPORT, footer: manifest.full ? MANIFEST_EXPORT_FOOTER.full : MANIFEST_EXPORT_FOOTER.masked },
    manifestRowsInOrder(manifest),
    names,
  )
}

/** The masked manifest file. */
export async function loader(args: LoaderFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const manifest = manifestForCounty(actor, requireRecordId(args.params.batchId))
  if (!manifest) throw new Response('Not Found', { status: 404 })
  return download(manifest)
}

/** The full-number manifest file for a chosen purpose (the page's select is required; without one, a 400 in Chinese). */
export async function action(args: ActionFunctionArgs) {
  const { actor } = await requireActor(args, { role: 'west' })
  const form = await args.request.formData()
  const result = fullManifestForCounty(actor, requireRecordId(args.params.batchId), { reason: form.get('reason'), how: 'manifest.export_full' })
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return new Response(result.message, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  return download(result.manifest)
}
