// Who may do what (security.md 1; product brief §1). Every loader and action gets one Actor from
// requireActor (utils/auth.server.ts) and every model call takes it; a pure table here says which role
// holds which permission, so a reader finds "who may pay a claim" in one place, and the rules that money
// needs — the person who approves a payment is not the one who pays it — sit beside it.

export const ROLES = ['east', 'west', 'worker', 'admin'] as const
export type Role = (typeof ROLES)[number]

/**
 * The one shape of "who is acting" that models take: the signed-in user, their organisation and its
 * six-digit area code (a county for `west`, a city for `east`, the platform's for `admin`, the worker's
 * county centre for `worker`), and the client address for the audit trail.
 */
export type Actor = {
  userId: number
  role: Role
  organisationId: number
  areaCode: string
  ip: string | null
}

/** Each permission and the roles that hold it. Tenancy (own county, own city) is the model's check. */
export const PERMISSIONS = {
  'apply:vacancy': ['worker'],
  'manage:ledger': ['west'],
  'reveal:personal-number': ['west', 'east'],
  'verify:account': ['west'],
  'recommend:worker': ['west'],
  'manage:vacancy': ['east'],
  'review:application': ['east'],
  'handle:report': ['east'],
  'review:claim': ['west'],
  'pay:claim': ['west'],
  'administer:platform': ['admin'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

/** Whether `actor`'s role holds `permission`. Pure; says nothing about whose record it is. */
export function can(actor: Pick<Actor, 'role'>, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role)
}

/**
 * Separation of duties for money (等保 2.0 安全管理 "关键岗位分离"; issue 13 §6): a claim may be put in a
 * payout or marked paid only by someone who holds `pay:claim` and did not approve it. Takes the actor
 * and the user id that approved the claim; returns whether the actor may pay it.
 */
export function mayPayClaim(actor: Pick<Actor, 'role' | 'userId'>, approvedByUserId: number | null): boolean {
  return can(actor, 'pay:claim') && approvedByUserId !== null && approvedByUserId !== actor.userId
}
