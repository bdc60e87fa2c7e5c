import type { LoaderFunctionArgs } from '@remix-run/node'
import { PROACTIVE_EXPORT } from '~/exports/claims-proactive.server'
import { exportNames } from '~/exports/file-name.server'
import { listTownships } from '~/models/area.server'
import { proactiveForExport } from '~/models/claims-proactive.server'
import { todayInShanghai } from '~/rules/dates'
import { requireActor } from '~/utils/auth.server'
import { xlsxResponse } from '~/utils/xlsx.server'

// The proactive list (免申即享, issue 13 §9) as xlsx, for the county's own people: the same filter as the page (a
// township), ID numbers masked.

export async function loader(args: LoaderFunctionArgs) {
  const { user, actor } = await requireActor(args, { role: 'west' })
  const year = Number(todayInShanghai().slice(0, 4))
  const asked = new URL(args.request.url).searchParams.get('township')
  const township = listTownships(actor.areaCode).find((t) => t.code === asked) ?? null
  const names = exportNames({
    organisation: user.organisation.shortName,
    list: `${year}年免申即享名单`,
    filters: township ? [township.name] : [],
    // The people who could claim this year's subsidy: the list's range is the year (already in its name).
    range: `${year}年`,
    ascii: 'proactive',
  })
  return xlsxResponse(PROACTIVE_EXPORT, proactiveForExport(actor, year, { township: township?.code ?? null }), names)
}
