// Stored codes of service sites on the map (issue 14). db/schema/sites.ts builds its CHECK constraints
// from these lists; labels and rules are in ./site. No imports.

/**
 * A site's kind (issue 14 §1; seed 004): 劳务工作站 where many workers are (Shandong side), 就业帮扶车间
 * and 就业帮扶基地 (either side), 零工市场 / 服务站点 (a gig market or service point).
 */
export const SITE_TYPES = ['workstation', 'workshop', 'base', 'service_point'] as const
export type SiteType = (typeof SITE_TYPES)[number]

/** What a site offers (issue 14 §1): job referral, rights protection, training, policy advice, and more. */
export const SITE_SERVICES = ['job_referral', 'rights_protection', 'training', 'policy_advice', 'return_home', 'entrepreneurship', 'gig_work'] as const
export type SiteService = (typeof SITE_SERVICES)[number]

/** Open (shown on the map) or closed (kept, hidden from the public map). */
export const SITE_STATUSES = ['active', 'closed'] as const
export type SiteStatus = (typeof SITE_STATUSES)[number]
