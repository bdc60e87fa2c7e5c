// Stored codes of accounts (issue 8 §8: enums live in app/rules, db/schema imports them). Roles are in
// ./permissions (ROLES), beside what each role may do. No imports besides that.

/**
 * What an attempt row counts (app/models/throttle.server.ts): sign-ins, registrations, password re-entry,
 * and staff's identity checks of a worker account (ID and phone tails) before a reset or a phone change.
 */
export const THROTTLE_SCOPES = ['login', 'register', 'current_password', 'identity_check'] as const
export type ThrottleScope = (typeof THROTTLE_SCOPES)[number]
