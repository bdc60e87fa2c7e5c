import { monthDay } from './batch-title'
import { addDays, todayInShanghai } from './dates'
import type { DemandState } from './batch-enums'
import { idNumberField, optionalText, parseRecordId } from './fields'
import { parseIdNumber } from './id-number'
import { parseMobile } from './mobile'
import { defineStatuses } from './status'
import { isCalendarDate } from './vacancy'
import { z } from './zod'

// Travel demand (出行需求登记, issue 12 §1, decision 020): a worker's wish to travel between two days to a
// city, with companions who confirm. The form's rules and the county's week grouping live here; what needs
// the database (the pair's city, the employer of that city, the ledger rows of the companions) is the
// model's (app/models/travel-demand.server.ts).

/** How far ahead a demand may start (days): about six months, the horizon county staff plan batches for. */
export const MAX_DEMAND_DAYS_AHEAD = 183

/** The most companions one demand names (a family or a village group; a bigger group is a batch of its own). */
export const MAX_COMPANIONS = 5

/** A demand's states: label, badge tone and the states it may move to. */
export const DEMAND_STATE = defineStatuses<DemandState>({
  open: { label: '待安排', tone: 'warn', next: ['invited', 'withdrawn'] },
  invited: { label: '已邀请', tone: 'info', next: ['booked', 'open', 'withdrawn'] },
  booked: { label: '已报名', tone: 'ok', next: ['open'] },
  withdrawn: { label: '已撤回', tone: 'off', next: [] },
})

/** The states in which a demand is live: one per worker (index travel_demands_worker_live_uq); the worker may withdraw it. */
export const LIVE_DEMAND_STATES = ['open', 'invited'] as const satisfies readonly DemandState[]

/**
 * Why a demand's days cannot be taken, or null: each a real `YYYY-MM-DD` day, the earliest not before
 * `today` (Shanghai) nor more than MAX_DEMAND_DAYS_AHEAD days ahead, the latest not before the earliest
 * and within the same horizon. Returns `{ field, message }` for the field the message belongs beside.
 */
export function demandDatesRefusal(earliest: string, latest: string, today: string): { field: 'earliestDate' | 'latestDate'; message: string } | null {
  const horizon = addDays(today, MAX_DEMAND_DAYS_AHEAD)
  if (!isCalendarDate(earliest)) return { field: 'earliestDate', message: '最早出发日期应为 YYYY-MM-DD 格式的日期' }
  if (earliest < today) return { field: 'earliestDate', message: '最早出发日期不能早于今天' }
  if (earliest > horizon) return { field: 'earliestDate', message: '只能登记半年内的出行' }
  if (!isCalendarDate(latest)) return { field: 'latestDate', message: '最晚出发日期应为 YYYY-MM-DD 格式的日期' }
  if (latest < earliest) return { field: 'latestDate', message: '最晚出发日期不能早于最早出发日期' }
  if (latest > horizon) return { field: 'latestDate', message: '只能登记半年内的出行' }
  return null
}

/** A companion as typed: a mobile number or a resident ID number (normalised), to find a ledger row by. */
export type CompanionKey = { by: 'phone' | 'idNumber'; value: string }

/**
 * The companions typed into one box, one per line (or separated by commas, 、 or spaces): each an 11-digit
 * mobile number or an 18-character ID number. Returns the distinct keys in order, or the first bad one's
 * message (which entry, and why), or a message when more than MAX_COMPANIONS are named.
 */
export function parseCompanions(raw: string): { ok: true; value: CompanionKey[] } | { ok: false; message: string } {
  const entries = raw
    .normalize('NFKC')
    .split(/[\s,，、;；]+/u)
    .filter((e) => e !== '')
  const keys: CompanionKey[] = []
  for (const [i, entry] of entries.entries()) {
    const phone = parseMobile(entry)
    const id = phone.ok ? null : parseIdNumber(entry)
    const key: CompanionKey | null = phone.ok ? { by: 'phone', value: phone.value } : id?.ok ? { by: 'idNumber', value: id.value.idNumber } : null
    if (!key) return { ok: false, message: `第 ${i + 1} 位同行人“${[...entry].slice(0, 20).join('')}”不是有效的手机号码或身份证号码` }
    if (!keys.some((k) => k.by === key.by && k.value === key.value)) keys.push(key)
  }
  if (keys.length > MAX_COMPANIONS) return { ok: false, message: `同行人最多 ${MAX_COMPANIONS} 位` }
  return { ok: true, value: keys }
}

const date = (label: string) =>
  z.string({ error: () => `请选择${label}` }).transform((raw, ctx) => {
    const v = raw.normalize('NFKC').trim()
    if (!isCalendarDate(v)) {
      ctx.addIssue({ code: 'custom', message: v === '' ? `请选择${label}` : `${label}应为 YYYY-MM-DD 格式的日期` })
      return z.NEVER
    }
    return v
  })

/** An optional id chosen from a list: blank is null, anything else must be a record id. */
const optionalId = (message: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw == null || raw.trim() === '') return null
      const id = parseRecordId(raw.trim())
      if (id == null) {
        ctx.addIssue({ code: 'custom', message })
        return z.NEVER
      }
      return id
    })

const demandFields = {
  cityCode: z.string({ error: () => '请选择目的地城市' }).regex(/^\d{6}$/, '请选择目的地城市'),
  employerId: optionalId('请从列表中选择用人单位'),
  vacancyId: optionalId('请从列表中选择已录用的岗位'),
  pickupTownshipCode: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const v = (raw ?? '').trim()
      if (v === '') return null
      if (!/^\d{9}$/.test(v)) {
        ctx.addIssue({ code: 'custom', message: '请从列表中选择上车乡镇（街道）' })
        return z.NEVER
      }
      return v
    }),
  companions: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const parsed = parseCompanions(raw ?? '')
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message })
        return z.NEVER
      }
      return parsed.value
    }),
  note: optionalText('备注', 200, { multiline: true }),
}

/**
 * The two days as their own object, checked together (demandDatesRefusal, issues beside their fields).
 * Apart from the other fields on purpose: zod runs an object's refinement only when every field parsed,
 * so a bad companion would hide the date order until the next submit (issue 12 §1, every error at once).
 */
const DemandDatesSchema = z.object({ earliestDate: date('最早出发日期'), latestDate: date('最晚出发日期') }).superRefine((v, ctx) => {
  const refusal = demandDatesRefusal(v.earliestDate, v.latestDate, todayInShanghai())
  if (refusal) ctx.addIssue({ code: 'custom', path: [refusal.field], message: refusal.message })
})

/** The worker's own demand form at /me/trips/demand (intent `register`); every field's error in one round. */
export const OwnDemandSchema = z.intersection(z.object({ intent: z.literal('register'), ...demandFields }), DemandDatesSchema)

/** Staff's form at /west/demand/new: the same, for the ledger worker with this ID number. */
export const StaffDemandSchema = z.intersection(z.object({ idNumber: idNumberField, ...demandFields }), DemandDatesSchema)

export type DemandInput = z.output<typeof OwnDemandSchema>

/** What the model takes from either form: the days, destination, employer or post, township, companions, note. */
export type DemandValues = Pick<
  DemandInput,
  'earliestDate' | 'latestDate' | 'cityCode' | 'employerId' | 'vacancyId' | 'pickupTownshipCode' | 'companions' | 'note'
>

/** The model's values from a parsed form (the intent or the ID number left out). */
export function demandValuesOf({
  earliestDate,
  latestDate,
  cityCode,
  employerId,
  vacancyId,
  pickupTownshipCode,
  companions,
  note,
}: DemandValues): DemandValues {
  return { earliestDate, latestDate, cityCode, employerId, vacancyId, pickupTownshipCode, companions, note }
}

/** A week of the county's demand list: its Monday (the key, `YYYY-MM-DD`) and its label, e.g. 12月7日–12月13日. */
export type DemandWeek = { key: string; label: string }

/**
 * The ISO week (Monday to Sunday) that a Shanghai calendar day `YYYY-MM-DD` falls in: its Monday as the
 * key and a label of its first and last day, e.g. 12月7日–12月13日. The year is named where the label
 * would otherwise mislead: a week across the year's end (2026年12月28日–2027年1月3日) or one wholly in
 * another year than `today` (2027年1月4日–1月10日). Pure; both days are already Shanghai dates.
 */
export function demandWeek(date: string, today: string): DemandWeek {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() // 0 Sunday … 6 Saturday
  const monday = addDays(date, -((weekday + 6) % 7))
  const sunday = addDays(monday, 6)
  const [from, to, now] = [monday, sunday, today].map((d) => d.slice(0, 4))
  const label =
    from !== to
      ? `${from}年${monthDay(monday)}–${to}年${monthDay(sunday)}`
      : from !== now
        ? `${from}年${monthDay(monday)}–${monthDay(sunday)}`
        : `${monthDay(monday)}–${monthDay(sunday)}`
  return { key: monday, label }
}

/** Whether `key` is a week key demandWeek gives (a real day that is a Monday): the list's week filter. */
export function isWeekKey(key: string) {
  return isCalendarDate(key) && demandWeek(key, key).key === key
}

/**
 * Demand rows in groups by week of their earliest day (labelled as seen on `today`), then destination:
 * each group's week, city and rows.
 */
export function groupDemandByWeek<R extends { earliestDate: string; cityCode: string; cityName: string }>(rows: readonly R[], today: string) {
  const groups = new Map<string, { week: DemandWeek; cityCode: string; cityName: string; rows: R[] }>()
  for (const row of rows) {
    const week = demandWeek(row.earliestDate, today)
    const key = `${week.key}|${row.cityCode}`
    const group = groups.get(key) ?? { week, cityCode: row.cityCode, cityName: row.cityName, rows: [] }
    group.rows.push(row)
    groups.set(key, group)
  }
  return [...groups.values()].sort((a, b) => a.week.key.localeCompare(b.week.key) || a.cityCode.localeCompare(b.cityCode))
}

/**
 * What a batch made from chosen demand starts with: the destination (all must share one; otherwise a
 * message), the earliest common day (the latest of the earliest days, refused when it is after some
 * demand's latest day), the employers named and the most named pickup township. Pure.
 */
export function batchPrefillOf(
  demands: readonly { earliestDate: string; latestDate: string; cityCode: string; employerId: number | null; pickupTownshipCode: string | null }[],
): { ok: true; cityCode: string; departureDate: string; employerIds: number[]; pickupTownshipCode: string | null } | { ok: false; message: string } {
  if (demands.length === 0) return { ok: false, message: '请先选择出行需求' }
  const cities = new Set(demands.map((d) => d.cityCode))
  if (cities.size > 1) return { ok: false, message: '所选需求的目的地不同，一个批次只去一个城市' }
  const departureDate = demands.map((d) => d.earliestDate).reduce((a, b) => (a > b ? a : b))
  if (demands.some((d) => d.latestDate < departureDate)) return { ok: false, message: '所选需求没有共同的出发日期，请分开建批次' }
  const employerIds = [...new Set(demands.map((d) => d.employerId).filter((id): id is number => id != null))]
  const townships = new Map<string, number>()
  for (const d of demands) if (d.pickupTownshipCode) townships.set(d.pickupTownshipCode, (townships.get(d.pickupTownshipCode) ?? 0) + 1)
  const pickupTownshipCode = [...townships.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null
  return { ok: true, cityCode: [...cities][0], departureDate, employerIds, pickupTownshipCode }
}

/** The `demand` parameter of /west/batches/new: comma-separated record ids, distinct, at most `max`; null when none parse. */
export function parseDemandIds(raw: string | null, max = 200): number[] | null {
  if (raw == null) return null
  const ids = [...new Set(raw.split(',').map((s) => parseRecordId(s.trim())))]
  if (ids.length === 0 || ids.length > max || ids.some((id) => id == null)) return null
  return ids as number[]
}
