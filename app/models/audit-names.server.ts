import { sql, type SQL } from 'drizzle-orm'
import { ENTITY_LABELS } from '~/rules/audit-reasons'
import { db } from '~/utils/db.server'

// The audit trail's 对象 column by name (issue 11 follow-up): an entry stores only its record's kind and
// id, so a page of 50 (or an export step of 1,000) reads each kind's names once, by primary key — one
// `id in (…)` read per kind present on the page, never a join per row. Accounts are named by the page's
// own join (searchAuditForAdmin); every other kind the trail writes is named here.

/** For one kind: the read of `id, label` rows for the given ids (a primary-key lookup each). */
const NAME_READS: Record<string, (ids: SQL) => SQL> = {
  organisation: (ids) => sql`select id, short_name as label from organisations where id in (${ids})`,
  pairing: (ids) => sql`select p.id, coalesce(c.name, p.county_code) || ' ⇄ ' || coalesce(t.name, p.city_code) as label
    from pairings p left join areas c on c.code = p.county_code left join areas t on t.code = p.city_code where p.id in (${ids})`,
  employer: (ids) => sql`select id, name as label from employers where id in (${ids})`,
  vacancy: (ids) => sql`select id, title as label from vacancies where id in (${ids})`,
  subsidy_policy: (ids) =>
    sql`select p.id, o.short_name || ' ' || p.year || '年 第' || p.version || '版' as label from subsidy_policies p join organisations o on o.id = p.organisation_id where p.id in (${ids})`,
  claim: (ids) => sql`select c.id, w.name || ' ' || c.year || '年' as label from subsidy_claims c join workers w on w.id = c.worker_id where c.id in (${ids})`,
  payout: (ids) => sql`select id, title as label from subsidy_payouts where id in (${ids})`,
  // A ledger row: the person's name and the last four characters of the ID number (enough to tell two 张伟 apart).
  worker: (ids) => sql`select id, name || '（身份证尾号 ' || substr(id_number, -4) || '）' as label from workers where id in (${ids})`,
  site: (ids) => sql`select id, name || '（' || site_number || '）' as label from sites where id in (${ids})`,
  batch: (ids) => sql`select id, pickup_name || ' ' || departure_date || ' 出发' as label from batches where id in (${ids})`,
  batch_seat: (ids) => sql`select s.id, w.name || ' · ' || b.pickup_name || ' ' || b.departure_date as label
    from batch_seats s join workers w on w.id = s.worker_id join batches b on b.id = s.batch_id where s.id in (${ids})`,
  travel_demand: (ids) => sql`select d.id, w.name || ' · ' || d.earliest_date || ' 起' as label
    from travel_demands d join workers w on w.id = d.worker_id where d.id in (${ids})`,
  application: (ids) => sql`select a.id, w.name || ' → ' || v.title as label
    from applications a join workers w on w.id = a.worker_id join vacancies v on v.id = a.vacancy_id where a.id in (${ids})`,
  employment_record: (ids) => sql`select r.id, w.name || ' @ ' || e.name as label
    from employment_records r join workers w on w.id = r.worker_id join employers e on e.id = r.employer_id where r.id in (${ids})`,
  ledger_import: (ids) => sql`select id, file_name as label from ledger_imports where id in (${ids})`,
  registration_referral: (ids) => sql`select id, name || '（注册受理）' as label from registration_referrals where id in (${ids})`,
}

/** The kinds this module names (the account kind `user` is named by the search's own join). */
export const NAMED_KINDS = Object.keys(NAME_READS)

/** Key of one record in the map recordNamesOf returns (the id as a number, so "6" and "6.0" are one record). */
export const recordKey = (entity: string, entityId: string | number) => `${entity}:${Number(entityId)}`

/**
 * The names of the records a page of entries refers to. Takes the entries' `entity` and `entityId`
 * (at most a page or export step: the ids go into one `in (…)` list per kind). Returns a map from
 * recordKey(entity, id) to the record's name; a record since deleted, a kind named elsewhere and an id
 * that is not a number are absent. Reads one statement per kind present, by primary key.
 */
export function recordNamesOf(entries: readonly { entity: string; entityId: string | null }[]) {
  const idsByKind = new Map<string, Set<number>>()
  for (const e of entries) {
    if (e.entityId == null || !NAME_READS[e.entity]) continue
    const id = Number(e.entityId)
    if (!Number.isSafeInteger(id)) continue
    const set = idsByKind.get(e.entity) ?? new Set<number>()
    set.add(id)
    idsByKind.set(e.entity, set)
  }
  const names = new Map<string, string>()
  for (const [kind, ids] of idsByKind) {
    const rows = db.all<{ id: number; label: string | null }>(
      NAME_READS[kind](
        sql.join(
          [...ids].map((id) => sql`${id}`),
          sql`, `,
        ),
      ),
    )
    for (const r of rows) if (r.label) names.set(recordKey(kind, r.id), r.label)
  }
  return names
}

/**
 * How the trail shows a record that is not an account: its name when it still exists, its kind and id
 * followed by （已删除） when it does not, the kind alone when the entry has no id (e.g. 数据库).
 */
export function recordLabelOf(names: Map<string, string>, entity: string, entityId: string | null) {
  const kind = ENTITY_LABELS[entity] ?? entity
  if (entityId == null) return kind
  const name = names.get(recordKey(entity, entityId))
  if (name) return `${kind}：${name}`
  return NAME_READS[entity] ? `${kind} #${entityId}（已删除）` : `${kind} #${entityId}`
}
