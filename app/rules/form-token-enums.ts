// What a create form can make, as stored in form_submissions.entity_kind (no imports: the schema reads it).

/** The kinds of record a create form makes: a post (also a copy), an employer, a ledger row, an account. */
export const FORM_ENTITY_KINDS = ['vacancy', 'employer', 'worker', 'account'] as const

export type FormEntityKind = (typeof FORM_ENTITY_KINDS)[number]
