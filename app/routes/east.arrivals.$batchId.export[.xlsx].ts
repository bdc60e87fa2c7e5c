import type { LoaderFunctionArgs } from '@remix-run/node'
import { EAST_ARRIVAL_MANIFEST_EXPORT } from '~/exports/east-arrival-manifest.server'
import { exportNames } from '~/exports/file-name.server'
import { getAreaName } from '~/models/area.server'
import { arrivalManifestForBureau } from '~/models/arrival.server'
import { manifestRowsInOrder } from '~/models/manifest.server'
import { shortAreaName } from '~/rules/areas'
import { batchTitle } from '~/rules/batch-title'
import { requireActor } from '~/utils/auth.server'
import { requireRecordId } from '~/utils/params.server'
import { xlsxResponse } from '~/utils/xlsx.server'

/**
 * One batch heading to the bureau's city as xlsx (issue 15 §3): the people of /east/arrivals/:batchId bus by
 * bus in seat order (or 预排), with the escort's 上车 and the bureau's 到岗 marks, ID numbers and phones masked
 * as the page shows them. The title row names the city, the batch (day and route) and its departure day as
 * the range. East staff only; another city's batch, or a draft, is a 404 as on the page.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'east' })
  const manifest = arrivalManifestForBureau(actor, requireRecordId(args.params.batchId))
  if (!manifest) throw new Response('Not Found', { status: 404 })
  const cityName = shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
  const { batch } = manifest
  const names = exportNames({
    organisation: cityName,
    list: '到岗名单',
    filters: [batchTitle({ departureDate: batch.departureDate, countyName: shortAreaName(manifest.countyName), cityName }), manifest.planned ? '' : '预排'],
    // One batch: its people are those leaving on its departure day.
    range: batch.departureDate,
    ascii: `arrivals-${batch.id}`,
  })
  return xlsxResponse(EAST_ARRIVAL_MANIFEST_EXPORT, manifestRowsInOrder(manifest), names)
}
