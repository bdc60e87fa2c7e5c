import type { LoaderFunctionArgs } from '@remix-run/node'
import { ALL_DATES, exportNames } from './file-name.server'
import { SITES_EXPORT, sitesTemplateBytes } from './sites.server'
import type { Actor } from '~/rules/permissions'
import { siteExample } from '~/rules/site-examples'
import { SITE_STATUS_LABELS, SITE_TYPE_LABELS } from '~/rules/site'
import { requireActor } from '~/utils/auth.server'
import { downloadHeaders, xlsxResponse } from '~/utils/xlsx.server'
import { siteOwnerName } from '~/models/site-import.server'
import { readSiteFilters, type SiteSide } from '~/models/site-page.server'
import { listOwnSites, type OwnSite, type SiteFilters } from '~/models/site.server'

// The downloads of an owner's service sites (issue 14 §1): the list's rows as xlsx with the list's filters
// (type, status, q) applied, and the import template. Each side's staff get their own organisation's
// sites only; the routes are /east|west/sites/export.xlsx and /east|west/sites/template.xlsx.

/** How many sites one read of the export takes (listOwnSites' page). */
const EXPORT_PAGE = 100

/**
 * The actor's organisation's sites matching `filters`, in the list's order, read a page at a time through
 * listOwnSites so the export has exactly the list's rows and memory stays flat.
 */
export function* listSitesForExport(actor: Actor, filters: SiteFilters): Generator<OwnSite> {
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const page = listOwnSites(actor, filters, { limit: EXPORT_PAGE, offset })
    yield* page
    if (page.length < EXPORT_PAGE) return
  }
}

/** The labels of the filters applied, for the file name and title row (a search only as 查找结果: its words stay out of file names). */
function filterLabels({ type, status, q }: SiteFilters) {
  return [type ? SITE_TYPE_LABELS[type] : null, status ? SITE_STATUS_LABELS[status] : null, q ? '查找结果' : null].filter((l): l is string => l != null)
}

/**
 * The export route's answer: `side`'s staff only (requireActor); the organisation's own sites with the
 * query string's filters as an xlsx download, named and titled by organisation, filters, 全部日期 (a site list has no date filter) and Shanghai date.
 */
export async function sitesExportResponse(args: LoaderFunctionArgs, side: SiteSide) {
  const { user, actor } = await requireActor(args, { role: side })
  const filters = readSiteFilters(new URL(args.request.url).searchParams)
  const names = exportNames({ organisation: siteOwnerName(user, actor), list: '服务站点', filters: filterLabels(filters), range: ALL_DATES, ascii: 'sites' })
  return xlsxResponse(SITES_EXPORT, listSitesForExport(actor, filters), names)
}

/** The template route's answer: `side`'s staff only; the import template named for the organisation. */
export async function sitesTemplateResponse(args: LoaderFunctionArgs, side: SiteSide) {
  const { user, actor } = await requireActor(args, { role: side })
  const ownerName = siteOwnerName(user, actor)
  return new Response(await sitesTemplateBytes(ownerName, siteExample(actor.areaCode, side)), {
    headers: downloadHeaders(`${ownerName}服务站点导入模板.xlsx`, 'sites-template.xlsx'),
  })
}
