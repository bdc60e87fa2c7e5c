import type { LoaderFunctionArgs } from '@remix-run/node'
import { shortAreaName } from '~/rules/areas'
import type { Actor } from '~/rules/permissions'
import { requireActor } from '~/utils/auth.server'
import { getAreaName, listTownships, type Township } from './area.server'

// The county's lists of its people (ledger, hires, applications) and their exports open alike: county
// staff only, the URL's filters read against the county's own townships, and the county's name for the
// export's file name.

/**
 * Opens a county list's request. Takes the loader's arguments and the function reading the filters
 * from the URL's search parameters, the county's townships and the actor. Returns the user and actor (county staff:
 * anyone else is turned away by requireActor), the search parameters, the townships, the filters and
 * the county's short name (开州区). Throws requireActor's redirect or 403/404.
 */
export async function openCountyList<F>(args: LoaderFunctionArgs, read: (search: URLSearchParams, townships: Township[], actor: Actor) => F) {
  const { user, actor } = await requireActor(args, { role: 'west' })
  const search = new URL(args.request.url).searchParams
  const townships = listTownships(actor.areaCode)
  const countyName = shortAreaName(getAreaName(actor.areaCode) ?? user.organisation.shortName)
  return { user, actor, search, townships, filters: read(search, townships, actor), countyName }
}
