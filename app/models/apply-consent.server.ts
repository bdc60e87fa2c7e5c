import { eq } from 'drizzle-orm'
import { organisations } from '../../db/schema'
import type { Actor } from '~/rules/permissions'
import { writeActorAudit } from '~/utils/audit.server'
import { db, writeTransaction } from '~/utils/db.server'
import { applyToVacancy } from './application.server'

// Applying shares the worker's name and phone with the bureau of the post, so that it can call them
// (issue 9 §2; security.md §2). The apply form on /jobs/:id says so beside its button; this records that
// the worker applied on those terms, in the same transaction as the application.

/** The name of the bureau that published a post (its organisation), or null for an unknown id. */
export function getBureauName(organisationId: number) {
  return db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).get()?.name ?? null
}

/**
 * The worker (the actor) applies to a post, agreeing that its bureau (`bureauOrganisationId`) may see their
 * name and phone. Takes what applyToVacancy takes and returns what it returns; a new application also gets
 * an `application.contact_consent` audit row (the bureau, the fields shared) in the same transaction. An
 * application that already existed is returned as it is, without a second row.
 */
export function applyWithContactConsent(actor: Actor, vacancyId: number, note: string | null, bureauOrganisationId: number) {
  return writeTransaction((tx) => {
    const result = applyToVacancy(actor, vacancyId, note)
    if (result?.ok && !result.existing) {
      writeActorAudit(tx, actor, {
        action: 'application.contact_consent',
        entity: 'application',
        entityId: result.id,
        detail: { vacancyId, sharedWith: bureauOrganisationId, fields: ['name', 'phone'] },
      })
    }
    return result
  })
}
