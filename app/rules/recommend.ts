import { ageOn } from './id-number'
import { normaliseTyped } from './normalise'

// Recommending a ledger worker to a post (issue 11 §4): which birth dates an age range means, and what a
// row is warned about against the post. Pure; the SQL that reads the ledger is
// app/models/recommend-candidates.server.ts.

/** The programme's working ages (16–65 周岁, as rules/id-number.ts parseLabourerIdNumber). */
export const WORKING_AGE = { min: 16, max: 65 } as const

/** The longest skill text a recommend search takes (characters). */
export const SKILL_SEARCH_MAX = 20

/**
 * The birth dates (YYYY-MM-DD, compared as strings) of people whose age on `today` is within
 * `from`…`to` whole years, by the same rule as ageOn (a birthday counts from its MM-DD): age ≥ from ⇔
 * born on or before (year − from)-MM-DD; age ≤ to ⇔ born after (year − to − 1)-MM-DD. Either end may be
 * null (open). Takes ages in whole years and today (YYYY-MM-DD); returns the bounds, null where open.
 */
export function birthDatesForAges(from: number | null, to: number | null, today: string) {
  const [y, md] = [Number(today.slice(0, 4)), today.slice(4)]
  const year = (n: number) => String(n).padStart(4, '0')
  return {
    bornOnOrBefore: from == null ? null : `${year(y - from)}${md}`,
    bornAfter: to == null ? null : `${year(y - to - 1)}${md}`,
  }
}

/**
 * A skill as typed into the recommend search, folded as stored text is compared (NFKC, spaces collapsed),
 * cut to SKILL_SEARCH_MAX and without LIKE's wildcard characters; null when nothing remains.
 */
export function normaliseSkillSearch(raw: string | null | undefined): string | null {
  const v = normaliseTyped((raw ?? '').normalize('NFKC'), 'collapse')
    .replace(/[%_\\]/g, '')
    .trim()
  return v === '' ? null : [...v].slice(0, SKILL_SEARCH_MAX).join('')
}

/** What the post asks of a person that can be checked against a ledger row: today its age range. */
export type PostConditions = { ageMin: number | null; ageMax: number | null }

/** The age range a post asks for as shown (18–45 岁), or null when it sets none. */
export function postAgeRange({ ageMin, ageMax }: PostConditions) {
  if (ageMin == null && ageMax == null) return null
  return `${ageMin ?? WORKING_AGE.min}–${ageMax ?? WORKING_AGE.max} 岁`
}

/**
 * Why a ledger row may not suit the post, as short Chinese sentences for the row (empty when nothing is
 * wrong): outside the post's age range (an unset end is the working-age end), or outside working age at
 * all. The post's other conditions (requirements) are free text the staff read on the page; the ledger
 * has no field to compare them with. Takes the post, the row's birth date and today (YYYY-MM-DD).
 */
export function candidateWarnings(post: PostConditions, person: { birthDate: string }, today: string): string[] {
  const age = ageOn(person.birthDate, today)
  const min = post.ageMin ?? WORKING_AGE.min
  const max = post.ageMax ?? WORKING_AGE.max
  if (age < min || age > max) return [`${age} 岁，不在岗位要求的 ${min}–${max} 岁之内`]
  return []
}

/** The most people one submission of the recommend page may put forward (a crafted form gets a 400). */
export const RECOMMEND_AT_ONCE_MAX = 50

/** The Chinese message for a submission picking more than RECOMMEND_AT_ONCE_MAX people. */
/** The notice for a recommendation sent again (a double click, a refresh, a replayed POST): nothing new was written. */
export const RECOMMEND_SENT_BEFORE = '这份推荐已经提交过，没有重复推荐。'

export const RECOMMEND_TOO_MANY = `一次最多推荐 ${RECOMMEND_AT_ONCE_MAX} 人，请分批推荐`

/**
 * The age filter a post's recommend list starts from (issue 11 §4): its own age range, each end kept
 * within working age; an end the post leaves open stays open (null). Takes the post's ages in years.
 */
export function postAgeFilter({ ageMin, ageMax }: PostConditions): { ageFrom: number | null; ageTo: number | null } {
  const clamp = (n: number | null) => (n == null ? null : Math.min(WORKING_AGE.max, Math.max(WORKING_AGE.min, n)))
  return { ageFrom: clamp(ageMin), ageTo: clamp(ageMax) }
}

/** Why a picked person was not recommended: already applied to the post, or the ledger row is archived. */
export type RecommendSkipReason = 'applied' | 'archived'

const SKIP_LABELS: Record<RecommendSkipReason, string> = { applied: '已报名此岗位', archived: '已归档' }

/** What one submission of the recommend page did: who was put forward, who was skipped and why, and how many picked ids were not the county's. */
export type RecommendOutcome = {
  recommended: { id: number; name: string }[]
  skipped: { id: number; name: string; reason: RecommendSkipReason }[]
  /** Picked ids that are not a row of the county's ledger (never named: they may be another county's people). */
  notOwn: number
}

/** At most this many names are listed per group in the notice (it holds 200 characters). */
const NAMES_SHOWN = 6

function names(list: { name: string }[]) {
  const shown = list.slice(0, NAMES_SHOWN).map((p) => p.name)
  return list.length > NAMES_SHOWN ? `${shown.join('、')} 等 ${list.length} 人` : shown.join('、')
}

/**
 * The one-time notice after a recommend submission: how many were recommended, then who was skipped and
 * why (names grouped by reason, at most NAMES_SHOWN per group), then how many picked ids were not in the
 * county's ledger. Always within the notice's 200 characters. Takes the outcome; returns the text and
 * its tone (amber when anyone was skipped).
 */
export function recommendNotice(o: RecommendOutcome): { text: string; tone: 'ok' | 'amber' } {
  const parts: string[] = []
  parts.push(
    o.recommended.length > 0 ? `已推荐 ${o.recommended.length} 人（${names(o.recommended)}），用人单位所在的人社局会在报名人员中看到。` : '没有推荐新的人员。',
  )
  for (const reason of ['applied', 'archived'] as const) {
    const group = o.skipped.filter((s) => s.reason === reason)
    if (group.length > 0) parts.push(`${names(group)}${SKIP_LABELS[reason]}，未推荐。`)
  }
  if (o.notOwn > 0) parts.push(`${o.notOwn} 人不在本县台账，未推荐。`)
  const text = parts.join('')
  return { text: [...text].length > 200 ? `${[...text].slice(0, 199).join('')}…` : text, tone: o.skipped.length + o.notOwn > 0 ? 'amber' : 'ok' }
}

/** The recommend filters as describeRecommendFilters reads them (labels already looked up by the caller). */
export type RecommendFilterSummary = {
  /** How the person box was used: a name is shown, a number never is (the copy leaves the office). */
  search: { kind: 'none' | 'idNumber' | 'digits' | 'name'; value?: string }
  township: string | null
  employmentStatus: string | null
  employmentNeed: string | null
  skill: string | null
  skillLevel: string | null
  ageFrom: number | null
  ageTo: number | null
}

/**
 * The filters a shared recommend list (xlsx title row, print header) was made with, as one Chinese line:
 * 筛选条件：年龄 18–45 岁；技能含“电焊”；… or 筛选条件：无 when none. Takes the filters with township and
 * code values already turned into labels.
 */
export function describeRecommendFilters(f: RecommendFilterSummary): string {
  const parts: string[] = []
  if (f.ageFrom != null || f.ageTo != null) parts.push(`年龄 ${f.ageFrom ?? WORKING_AGE.min}–${f.ageTo ?? WORKING_AGE.max} 岁`)
  if (f.skill) parts.push(`技能含“${f.skill}”`)
  if (f.skillLevel) parts.push(`技能等级 ${f.skillLevel}`)
  if (f.township) parts.push(`乡镇 ${f.township}`)
  if (f.employmentStatus) parts.push(`就业状态 ${f.employmentStatus}`)
  if (f.employmentNeed) parts.push(`就业需求 ${f.employmentNeed}`)
  if (f.search.kind === 'name') parts.push(`姓名含“${f.search.value}”`)
  else if (f.search.kind !== 'none') parts.push('按号码查找')
  return `筛选条件：${parts.length > 0 ? parts.join('；') : '无（本县台账全部在册人员）'}`
}
