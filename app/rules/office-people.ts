// The dashboards' figures that count people once (issue 15 §1, §5): 录用 (人), 乘车 and 到岗确认. Each links to
// a list of its people, one row per person, as long as the figure. Which list, in words; the counting is in
// app/models/office-people.server.ts.

export const PEOPLE_KINDS = ['hired', 'boarded', 'arrived'] as const
export type PeopleKind = (typeof PEOPLE_KINDS)[number]

/** Each list's words: the page's title, the export's list name, its ASCII slug, what the count says and the period filter's label. */
export const PEOPLE_LISTS: Record<PeopleKind, { title: string; list: string; ascii: string; counted: string; monthLabel: string }> = {
  hired: { title: '录用人员（按人）', list: '录用人员名单', ascii: 'hired-people', counted: '录用', monthLabel: '录用月份' },
  boarded: { title: '包车乘车人员', list: '乘车人员名单', ascii: 'boarded-people', counted: '乘车', monthLabel: '发车月份' },
  arrived: { title: '到岗确认人员', list: '到岗确认人员名单', ascii: 'arrived-people', counted: '到岗确认', monthLabel: '确认月份' },
}

/** The `kind` parameter: one of PEOPLE_KINDS, or 'hired' when absent or anything else (a cut link still opens a list). */
export function readPeopleKind(raw: string | null): PeopleKind {
  return (PEOPLE_KINDS as readonly string[]).includes(raw ?? '') ? (raw as PeopleKind) : 'hired'
}
