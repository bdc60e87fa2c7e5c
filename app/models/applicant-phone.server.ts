import { and, eq } from 'drizzle-orm'
import { applications, vacancies, workers } from '../../db/schema'
import type { Actor } from '~/rules/permissions'
import { writeActorAudit } from '~/utils/audit.server'
import { writeTransaction } from '~/utils/db.server'

// The bureau calls its applicants (issue 9 §2): applying shares the worker's name and phone with the
// bureau of that post, so the bureau may show the full phone of an applicant to ITS OWN post, one at a
// time, on request. Each reveal is audited like the county's (`registry.reveal`, `referral.reveal`): who,
// which application, never the number. The ID number stays masked on the east side, and exports stay
// masked. The county's reveal is not throttled, so this one is not either.

/**
 * The full phone of the applicant of `applicationId`, for the bureau (the actor) that owns the post,
 * audited (`application.reveal`, detail `{ field: 'phone', vacancyId }`) in the same transaction. Null
 * when the application is not on one of the actor's bureau's posts, or the person has no phone on record
 * (the route answers 404 for the first; the page shows 未登记 for the second and offers no button).
 */
export function revealApplicantPhone(actor: Actor, applicationId: number): string | null {
  return writeTransaction((tx) => {
    const row = tx
      .select({ phone: workers.phone, vacancyId: vacancies.id })
      .from(applications)
      .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
      .innerJoin(workers, eq(workers.id, applications.workerId))
      .where(and(eq(applications.id, applicationId), eq(vacancies.organisationId, actor.organisationId)))
      .get()
    if (!row?.phone) return null
    writeActorAudit(tx, actor, {
      action: 'application.reveal',
      entity: 'application',
      entityId: applicationId,
      detail: { field: 'phone', vacancyId: row.vacancyId },
    })
    return row.phone
  })
}
