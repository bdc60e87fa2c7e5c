import type { StatusSpec } from '~/rules/status'

/** A status as a coloured badge, its label and tone from the entity's status table (rules/status.ts). */
export function StatusBadge<S extends string>({ spec, status }: { spec: StatusSpec<S>; status: S }) {
  const { label, tone } = spec[status]
  return <span className={`badge badge--${tone}`}>{label}</span>
}
