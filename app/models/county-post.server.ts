import { eq } from 'drizzle-orm'
import { organisations } from '../../db/schema'
import type { Actor } from '~/rules/permissions'
import { VACANCY_STATUS_LABELS } from '~/rules/vacancy'
import { db } from '~/utils/db.server'
import { postDetails, type PublicPost } from './post-details.server'
import { getPublicVacancy } from './vacancy-board.server'

// A post as the county centre sees it (issue 11 §4, §7): any post of its pair that is open to the county
// (its targets include the county), in any state but draft, with the recruitment contact — the county
// passes it on to villages. Another pair's post, or one not open to this county, is "not found".

/** The post with its employer, city and targets, or null when it is not open to the actor's county (404). */
export function getPostForCounty(actor: Actor, id: number) {
  const post = getPublicVacancy(id)
  if (!post || !post.targets.some((t) => t.code === actor.areaCode)) return null
  return post
}

/** The actor's own centre as a notice names it: name, phone and address (the last two may be unset). */
export function getCountyContact(actor: Actor) {
  return (
    db
      .select({ name: organisations.name, phone: organisations.contactPhone, address: organisations.address })
      .from(organisations)
      .where(eq(organisations.id, actor.organisationId))
      .get() ?? { name: '', phone: null, address: null }
  )
}

/**
 * The post shaped for the county's pages (the post, the recommend page, the notice): JobDetails' fields
 * (postDetails), the age bounds the recommend list checks, the state, and the recruitment contact.
 */
export function countyPostView(post: PublicPost) {
  const v = post.vacancy
  return {
    ...postDetails(post),
    ageMin: v.ageMin,
    ageMax: v.ageMax,
    open: post.status === 'published',
    statusLabel: VACANCY_STATUS_LABELS[post.status],
    contactName: v.contactName,
    contactPhone: v.contactPhone,
  }
}
