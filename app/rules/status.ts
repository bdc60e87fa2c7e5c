// One status pattern (issue 8 §8): an entity's statuses are defined together — the label people read,
// the badge tone, and the statuses it may move to — so a page, a badge and a transition check all read
// the same table, and a full transition test can walk it (see app/rules/vacancy.test.ts).

/** Badge tones, one CSS class each (`badge--ok` …). */
export type Tone = 'ok' | 'warn' | 'off' | 'info' | 'draft'

export type StatusSpec<S extends string> = Readonly<Record<S, { label: string; tone: Tone; next: readonly S[] }>>

/** Declares an entity's statuses; returns the table as given, typed. */
export function defineStatuses<S extends string>(spec: StatusSpec<S>): StatusSpec<S> {
  return spec
}

/** Whether `spec` allows moving from `from` to `to`. */
export function canMoveStatus<S extends string>(spec: StatusSpec<S>, from: S, to: S): boolean {
  return spec[from].next.includes(to)
}

/** The labels of a status table, e.g. for a filter's options. */
export function statusLabels<S extends string>(spec: StatusSpec<S>): Record<S, string> {
  return Object.fromEntries(Object.entries(spec).map(([s, v]) => [s, (v as { label: string }).label])) as Record<S, string>
}
