import { SITE_SERVICES, type SiteService, type SiteStatus, type SiteType } from './site-enums'
import { defineStatuses, statusLabels } from './status'

// The words pages print about service sites (issue 14 §1): types, services and statuses. No zod here, so
// the public map's browser code stays small (like ./vacancy-labels.ts); the form's schema is ./site.ts,
// which re-exports all of this.

/** 站点类型 as people say them (seed 004). */
export const SITE_TYPE_LABELS: Readonly<Record<SiteType, string>> = {
  workstation: '劳务工作站',
  workshop: '就业帮扶车间',
  base: '就业帮扶基地',
  service_point: '零工市场（服务站点）',
}

/** 服务内容, in SITE_SERVICES order. */
export const SITE_SERVICE_LABELS: Readonly<Record<SiteService, string>> = {
  job_referral: '岗位推荐',
  rights_protection: '维权服务',
  training: '技能培训',
  policy_advice: '政策咨询',
  return_home: '返乡服务',
  entrepreneurship: '创业指导',
  gig_work: '零工对接',
}

/** A site's statuses (issue 8 §8 pattern): open sites show on the public map; a closed one may be reopened. */
export const SITE_STATUS = defineStatuses<SiteStatus>({
  active: { label: '运营中', tone: 'ok', next: ['closed'] },
  closed: { label: '已关闭', tone: 'off', next: ['active'] },
})

export const SITE_STATUS_LABELS = statusLabels(SITE_STATUS)

/** The services' labels joined for a popup or a table cell, e.g. "岗位推荐、技能培训"; unknown codes are skipped. */
export function siteServicesText(services: readonly string[]): string {
  return services
    .filter((s): s is SiteService => s in SITE_SERVICE_LABELS)
    .map((s) => SITE_SERVICE_LABELS[s])
    .join('、')
}

/**
 * A site's services as stored (sites.services, a JSON array the CHECK keeps an array) read back as codes in
 * SITE_SERVICES order — the order the form and the import save — so a stored list and a typed one compare
 * equal whatever order they were written in. Unknown codes and unreadable text give none (issue 14 §1).
 */
export function storedServices(text: string): SiteService[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return []
  }
  return Array.isArray(parsed) ? SITE_SERVICES.filter((s) => parsed.includes(s)) : []
}
