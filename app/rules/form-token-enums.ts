// What a create form can make, as stored in form_submissions.entity_kind (no imports: the schema reads it).

/** The kinds of record a once-only form makes: a post (also a copy), an employer, a ledger row, an account, a recommendation (its first application), an import's undo, a point-to-point batch, a travel demand, a subsidy claim, a payout batch, a service site, a sites import. */
export const FORM_ENTITY_KINDS = [
  'vacancy',
  'employer',
  'worker',
  'account',
  'application',
  'ledger_import_undo',
  'batch',
  'travel_demand',
  'subsidy_claim',
  'subsidy_payout',
  'site',
  'site_import',
] as const

export type FormEntityKind = (typeof FORM_ENTITY_KINDS)[number]
