// Stored codes of the county ledger (五清台账, seed 003; issue 8 §8: enums live in app/rules, db/schema
// imports them). The labels staff see and type are in ./registry, typed against these lists.

export const SEXES = ['male', 'female'] as const
export type Sex = (typeof SEXES)[number]

export const HOUSEHOLD_STATUSES = ['alleviated', 'monitored', 'other'] as const
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number]

export const EMPLOYMENT_STATUSES = ['out_of_province', 'in_city', 'in_county', 'self_employed', 'public_post', 'unemployed'] as const
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number]

export const EMPLOYMENT_NEEDS = ['to_shandong', 'other_province', 'local', 'training', 'startup', 'none'] as const
export type EmploymentNeed = (typeof EMPLOYMENT_NEEDS)[number]

export const SKILL_LEVELS = ['none', 'uncertified', 'junior', 'intermediate', 'senior'] as const
export type SkillLevel = (typeof SKILL_LEVELS)[number]
