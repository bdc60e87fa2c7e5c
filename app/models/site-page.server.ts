import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { shortAreaName } from '~/rules/areas'
import type { Actor } from '~/rules/permissions'
import { siteExample } from '~/rules/site-examples'
import { SITE_STATUS_LABELS, SITE_TYPE_LABELS, siteFieldsSchema, type SiteStatus, type SiteType } from '~/rules/site'
import { z } from '~/rules/zod'
import { requireActor } from '~/utils/auth.server'
import { env } from '~/utils/env.server'
import { createOnce, formOnce, issueFormToken } from '~/utils/form-token.server'
import { pageInfo, paginateSearch, parseListParams } from '~/utils/list'
import { failureReply, parseForm, saveForm } from '~/utils/mutation.server'
import { redirectWithNotice } from '~/utils/notice.server'
import { requireRecordId } from '~/utils/params.server'
import { closeSite, countOwnSites, createSite, getOwnSite, listOwnSites, reopenSite, updateSite, type OwnSite, type SiteFilters } from './site.server'
import { getCityCentre } from './vacancy.server'

// The owner's pages of service sites (issue 14 §1), shared by /east/sites… (a city's bureau) and
// /west/sites… (a county's centre): each route file passes its side. Tenancy: requireActor with the side's
// role, then getOwnSite — another organisation's site, or the other side's, is a 404 before a form is read.

/** Which side's staff keep the sites: a Shandong city's bureau (east) or a Chongqing county's centre (west). */
export type SiteSide = 'east' | 'west'

const PAGE_SIZE = 30

const listSchemas = {
  type: z.enum(Object.keys(SITE_TYPE_LABELS) as [SiteType, ...SiteType[]]),
  status: z.enum(Object.keys(SITE_STATUS_LABELS) as [SiteStatus, ...SiteStatus[]]),
  // Site names, numbers and addresses are public, so the search may sit in the URL.
  q: z.string().transform((raw) => raw.trim().slice(0, 40)),
}

/**
 * The list's filters from a URL — `type` and `status` codes, `q` trimmed and cut to 40 characters; what does
 * not parse is dropped (no filter). The list page and its xlsx export both read them here, so the file holds
 * the rows the list shows. Returns listOwnSites' filters.
 */
export function readSiteFilters(search: URLSearchParams): SiteFilters {
  const f = parseListParams(search, listSchemas)
  return { ...(f.type ? { type: f.type } : {}), ...(f.status ? { status: f.status } : {}), ...(f.q ? { q: f.q } : {}) }
}

/** A site as a list row or the view page shows it (plain values for the browser). */
function siteView(s: OwnSite) {
  return {
    id: s.id,
    type: s.type,
    siteNumber: s.siteNumber,
    name: s.name,
    address: s.address,
    lat: s.lat,
    lng: s.lng,
    contactName: s.contactName,
    contactPhone: s.contactPhone,
    openingHours: s.openingHours,
    services: s.services,
    workersHelped: s.workersHelped,
    status: s.status,
    version: s.version,
  }
}

/**
 * The list page's data (/east/sites, /west/sites): the actor's organisation's sites filtered by `type`,
 * `status` and `q` from the URL (what does not parse is dropped), 30 a page. Returns the side, the
 * filters, the page info and the rows.
 */
export async function siteListLoader(args: LoaderFunctionArgs, side: SiteSide) {
  const { actor } = await requireActor(args, { role: side })
  const search = new URL(args.request.url).searchParams
  const filters = readSiteFilters(search)
  const list = paginateSearch(search, PAGE_SIZE, {
    total: () => countOwnSites(actor, filters),
    rows: (limit, offset) => listOwnSites(actor, filters, { limit, offset }),
  })
  return { side, filters: { type: filters.type ?? '', status: filters.status ?? '', q: filters.q ?? '' }, ...pageInfo(list), rows: list.rows.map(siteView) }
}

/** Where the site form's map starts (the owner's city or county centre, areas table), the operator's tiles and the owner's example site for the hints. */
function formContext(actor: Actor, side: SiteSide) {
  const centre = getCityCentre(actor.areaCode)
  const fallback = side === 'east' ? { name: '山东省', lat: 36.4, lng: 118.2 } : { name: '重庆市', lat: 29.56, lng: 106.55 }
  return {
    side,
    centre: centre ? { ...centre, name: shortAreaName(centre.name) } : fallback,
    tiles: env.mapTiles,
    example: siteExample(actor.areaCode, side),
  }
}

export type SiteFormContext = ReturnType<typeof formContext>

/** The new-site page's data: the map's start and the form's token (issueFormToken: the form is saved once). */
export async function newSiteLoader(args: LoaderFunctionArgs, side: SiteSide) {
  const { actor } = await requireActor(args, { role: side })
  return { ...formContext(actor, side), formToken: issueFormToken() }
}

/**
 * Adds a site of the actor's organisation from the new-site form: 400 with each message beside its field,
 * a taken number beside 站点编号. The form is saved once per form token (createOnce, kind 'site'): a second
 * sending of the same form redirects to the site the first made, with the same notice. On success,
 * redirects to the new site's page.
 */
export async function newSiteAction(args: ActionFunctionArgs, side: SiteSide) {
  const { actor } = await requireActor(args, { role: side })
  const formData = await args.request.formData()
  const once = formOnce(formData, actor.userId, 'site')
  return saveForm(parseForm(formData, siteFieldsSchema), (values) => createOnce(once, () => createSite(actor, values)), {
    to: (created) => `/${side}/sites/${created.id}`,
    notice: '站点已保存，已显示在地图上。',
  })
}

/**
 * The site page's actor (issue 14 §1 "another side's edit: 404"): staff of either side are let in, and staff
 * of the other side get the same 404 as a missing id (a site's page never tells them whether the id exists);
 * anyone else gets requireActor's usual refusal (sign-in redirect, 403).
 */
async function requireSitePageActor(args: LoaderFunctionArgs | ActionFunctionArgs, side: SiteSide) {
  const { actor } = await requireActor(args, { role: ['east', 'west'] })
  if (actor.role !== side) throw new Response('Not Found', { status: 404 })
  return { actor }
}

/** The actor's organisation's site of the URL, or a 404 Response (missing, not a number, another owner's). */
function requireOwnSite(actor: Actor, raw: unknown) {
  const site = getOwnSite(actor, requireRecordId(raw))
  if (!site) throw new Response('Not Found', { status: 404 })
  return site
}

/** The view-and-edit page's data (/east/sites/:siteId): the site, and the form's map start. */
export async function siteLoader(args: LoaderFunctionArgs, side: SiteSide) {
  const { actor } = await requireSitePageActor(args, side)
  const site = requireOwnSite(actor, args.params.siteId)
  return { site: siteView(site), ...formContext(actor, side) }
}

const versionField = z.string().regex(/^\d{1,9}$/)

/**
 * The view-and-edit page's action: `intent` save (the form, with the `version` it was opened at), close or
 * reopen (with the page's `version`). Another owner's site, and any site to the other side's staff, is a 404
 * before the form is read; an unknown
 * intent or a missing version a 400; a stale form a 409 with the message above the form. Redirects back to
 * the site with a notice when done.
 */
export async function siteAction(args: ActionFunctionArgs, side: SiteSide) {
  const { actor } = await requireSitePageActor(args, side)
  const site = requireOwnSite(actor, args.params.siteId)
  const formData = await args.request.formData()
  const intent = formData.get('intent')
  const version = versionField.safeParse(formData.get('version'))
  if ((intent !== 'save' && intent !== 'close' && intent !== 'reopen') || !version.success) {
    throw new Response('Bad Request', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  const to = `/${side}/sites/${site.id}`
  if (intent === 'save') {
    const { submission, values } = parseForm(formData, siteFieldsSchema)
    if (!values) return data(submission.reply(), { status: 400 })
    const result = updateSite(actor, site.id, values, Number(version.data))
    if (!result) throw new Response('Not Found', { status: 404 })
    if (!result.ok) return failureReply(submission, result)
    throw await redirectWithNotice(to, { text: '修改已保存。' })
  }
  const result = (intent === 'close' ? closeSite : reopenSite)(actor, site.id, Number(version.data))
  if (!result) throw new Response('Not Found', { status: 404 })
  if (!result.ok) return failureReply(null, result)
  throw await redirectWithNotice(to, { text: intent === 'close' ? '站点已关闭，不再显示在公开地图上。' : '站点已重新开放，重新显示在地图上。' })
}
