import fc from 'fast-check'
import { expect, test } from 'vitest'
import { countCandidates, listCandidates, type CandidateFilters } from '~/models/recommend-candidates.server'
import { updateWorker } from '~/models/worker.server'
import { archiveWorker, restoreWorker } from '~/models/worker-archive.server'
import { birthDatesForAges } from '~/rules/recommend'
import type { LedgerValues } from '~/rules/registry'
import type { SkillLevel } from '~/rules/registry-enums'
import { db } from '~/utils/db.server'
import { readRecommendFilters } from '~/utils/recommend-filters.server'
import { loader as importLoader } from '~/routes/west.imports.$importId'
import { createLedgerWorker, freshIdNumber } from '../factories'
import { csvText, ledgerRow } from '../fixtures/spreadsheets'
import { importAndConfirm, ledgerUpload, postImportIntent } from '../ledger-import'
import { actorFor, centreOf } from '../lookups'
import { callLoader, cookieFor } from '../request'

// Decision 019: the recommend page's skill box is matched against ledger_skill_texts (each county's distinct
// skill texts of live rows with how many rows hold each, kept by triggers on workers, migration 0048) and the
// rows are read through workers_org_skills_idx; an age range alone is counted from ledger_birth_counts (live rows
// per birth date, migration 0052). The kept figures must equal a plain GROUP BY over the live rows after every
// kind of write, through the models and by plain SQL; and the pick list must hold exactly the rows, in the same
// order, that a plain LIKE over the rows gives, whatever the texts, the query and the other filters.

const run = (sqlText: string, ...params: unknown[]) => db.$client.prepare(sqlText).run(...params)

/** A kept figure table and the same GROUP BY over the live rows, as sorted `county|key|rows` lines. */
function keptAndPlain(table: string, column: string) {
  const lines = (rows: unknown[]) => (rows as { o: number; k: string; n: number }[]).map((r) => `${r.o}|${r.k}|${r.n}`).sort()
  return {
    kept: lines(db.$client.prepare(`select organisation_id as o, ${column} as k, workers as n from ${table}`).all()),
    plain: lines(
      db.$client
        .prepare(`select organisation_id as o, ${column} as k, count(*) as n from workers where archived_at is null and ${column} is not null group by 1, 2`)
        .all(),
    ),
  }
}

/** The kept skill texts and birth-date figures of every county equal a GROUP BY over its live rows. */
function expectTextsMatchRows(when: string) {
  const texts = keptAndPlain('ledger_skill_texts', 'skills')
  expect(texts.kept, `skill texts ${when}`).toEqual(texts.plain)
  const births = keptAndPlain('ledger_birth_counts', 'birth_date')
  expect(births.kept, `birth dates ${when}`).toEqual(births.plain)
}

test('技能词表和出生日期计数在每种写法之后都等于台账在册人员的统计 / the kept skill texts and birth-date figures equal a GROUP BY over the live rows after every kind of write', async () => {
  const kaizhou = actorFor<'west'>('kaizhou')
  expectTextsMatchRows('as seeded')
  const a = createLedgerWorker('kaizhou', { skills: '词表电焊' })
  const b = createLedgerWorker('kaizhou', { skills: '词表电焊' })
  const c = createLedgerWorker('xiushan', { skills: '词表叉车' })
  createLedgerWorker('kaizhou', { skills: null })
  expectTextsMatchRows('after the form adds rows')

  const values: LedgerValues = {
    name: a.name,
    idNumber: a.idNumber,
    sex: a.sex,
    birthDate: a.birthDate,
    phone: a.phone,
    townshipCode: a.townshipCode,
    villageCode: a.villageCode,
    householdStatus: a.householdStatus,
    employmentStatus: a.employmentStatus,
    employmentNeed: a.employmentNeed,
    skillLevel: a.skillLevel,
    skills: '词表电焊、叉车',
    difficulties: null,
    assistanceMeasures: null,
    notes: null,
  }
  expect(updateWorker(kaizhou, a.id, values)).toMatchObject({ ok: true })
  expectTextsMatchRows('after the form changes a skill text')
  expect(archiveWorker(kaizhou, b.id, { reason: 'moved_away', note: null })).toMatchObject({ ok: true })
  expectTextsMatchRows('after archiving the last row of a text')
  expect(db.$client.prepare("select count(*) as n from ledger_skill_texts where skills = '词表电焊'").get()).toEqual({ n: 0 })
  expect(restoreWorker(kaizhou, b.id)).toMatchObject({ ok: true })
  expectTextsMatchRows('after restoring it')

  // The spreadsheet import: new rows, a re-import that changes a text, an undo that deletes the new rows.
  const cookie = await cookieFor('kaizhou')
  const imported = [ledgerRow(301, { 技能特长: '导入焊工' }), ledgerRow(303, { 技能特长: '导入焊工' }), ledgerRow(305)]
  const first = await importAndConfirm(ledgerUpload(csvText(imported), '开州台账.csv', cookie), cookie)
  expect('thrown' in first.confirmed && first.confirmed.thrown.status).toBe(302)
  expectTextsMatchRows('after an import')
  const again = await importAndConfirm(
    ledgerUpload(csvText([ledgerRow(301, { 技能特长: '导入电工' }), ledgerRow(307, { 技能特长: '导入电工' })]), '开州台账-6月.csv', cookie),
    cookie,
  )
  expect('thrown' in again.confirmed && again.confirmed.thrown.status).toBe(302)
  expectTextsMatchRows('after a re-import changes a text and adds a row')
  const asked = await callLoader(importLoader, { path: `/west/imports/${again.id}?confirm=undo`, cookie, params: { importId: String(again.id) } })
  const token = (asked as { value: { confirmUndo: { formToken: string } } }).value.confirmUndo.formToken
  const undone = await postImportIntent(again.id, 'undo', cookie, token)
  expect('thrown' in undone && undone.thrown.status).toBe(302)
  expect(db.$client.prepare("select count(*) as n from workers where skills = '导入电工'").get()).toEqual({ n: 0 })
  expectTextsMatchRows('after undoing the re-import')

  // Whatever path writes workers: plain SQL changing the text, moving a row, archiving, clearing, deleting.
  run("update workers set skills = '词表砌筑' where id = ?", c.id)
  run('update workers set organisation_id = ? where id = ?', centreOf('500230').id, a.id)
  run("update workers set birth_date = '1979-02-03' where id = ?", b.id)
  expectTextsMatchRows('after plain SQL changes a text and moves a row')
  run('update workers set archived_at = ?, archive_reason = ? where id = ?', Date.now(), 'duplicate', c.id)
  run("update workers set skills = '归档后改' where id = ?", c.id)
  expectTextsMatchRows('after archiving and changing an archived row')
  run('update workers set archived_at = null, archive_reason = null where id = ?', c.id)
  run('update workers set skills = null where id = ?', b.id)
  run("update workers set skills = '' where id = ?", a.id)
  expectTextsMatchRows('after restoring by SQL and clearing texts')
  const bare = run(
    `insert into workers (organisation_id, name, id_number, sex, birth_date, township_code, household_status, employment_status,
       employment_need, skill_level, skills, created_at, updated_at)
     select organisation_id, '某', ?, sex, birth_date, township_code, household_status, employment_status, employment_need, skill_level, '词表叉车', 0, 0
     from workers where id = ?`,
    freshIdNumber(kaizhou.areaCode),
    c.id,
  )
  expectTextsMatchRows('after a plain SQL insert')
  run('delete from workers where id in (?, ?)', bare.lastInsertRowid, c.id)
  expectTextsMatchRows('after deletes')
})

// Few letters, so texts repeat and a one-letter query matches many rows: the page then walks the recommend
// index (dense matches) as well as reading the skills index (rare ones); both must give the LIKE's rows.
const ALPHABET = ['焊', '电', 'a', 'B', '、', ' ']
const LEVELS: SkillLevel[] = ['none', 'junior', 'senior']
const TODAY = '2026-06-15'

const text = (min: number, max: number) => fc.array(fc.constantFrom(...ALPHABET), { minLength: min, maxLength: max }).map((a) => a.join(''))
const person = fc.record({
  skills: fc.option(text(1, 4), { nil: null, freq: 4 }),
  level: fc.constantFrom(...LEVELS),
  status: fc.constantFrom('unemployed', 'in_city'),
  born: fc.integer({ min: 1962, max: 2008 }),
  updated: fc.integer({ min: 1, max: 6 }),
  archived: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
})
const query = fc.record({
  skill: fc.option(fc.oneof(text(1, 1), text(1, 2), fc.constantFrom('A', 'b', '电焊', '普工')), { nil: null, freq: 5 }),
  skillLevel: fc.option(fc.constantFrom(...LEVELS), { nil: null }),
  employmentStatus: fc.option(fc.constantFrom('unemployed', 'in_city'), { nil: null }),
  ageFrom: fc.option(fc.integer({ min: 18, max: 40 }), { nil: null }),
  ageTo: fc.option(fc.integer({ min: 30, max: 65 }), { nil: null }),
  byName: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
})

/** The rows a plain LIKE over the county's live rows gives, newest change first (what the page meant before decision 019). */
function plainLike(organisationId: number, q: CandidateFilters) {
  const where = ['organisation_id = ?', 'archived_at is null']
  const params: unknown[] = [organisationId]
  const add = (term: string, value: unknown) => {
    where.push(term)
    params.push(value)
  }
  if (q.skill != null) add('skills like ?', `%${q.skill}%`)
  if (q.skillLevel) add('skill_level = ?', q.skillLevel)
  if (q.employmentStatus) add('employment_status = ?', q.employmentStatus)
  if (q.search.kind === 'name') add('name like ?', `%${q.search.value}%`)
  const born = birthDatesForAges(q.ageFrom, q.ageTo, TODAY)
  if (born.bornOnOrBefore) add('birth_date <= ?', born.bornOnOrBefore)
  if (born.bornAfter) add('birth_date > ?', born.bornAfter)
  const sqlText = `select id from workers where ${where.join(' and ')} order by updated_at desc, id desc`
  return (db.$client.prepare(sqlText).all(...params) as { id: number }[]).map((r) => r.id)
}

test('按技能筛选的名单与对台账逐行 LIKE 的结果相同（随机技能与查询）/ the skill filter lists exactly the rows of a plain LIKE scan, in order, for random skill texts and queries', () => {
  const actor = actorFor<'west'>('kaizhou')
  const township = (db.$client.prepare('select township_code as t from workers where organisation_id = ? limit 1').get(actor.organisationId) as { t: string }).t
  const insert = db.$client.prepare(
    `insert into workers (organisation_id, name, id_number, sex, birth_date, township_code, household_status, employment_status,
       employment_need, skill_level, skills, archived_at, archive_reason, created_at, updated_at)
     values (?, ?, ?, 'male', ?, ?, 'alleviated', ?, 'to_shandong', ?, ?, ?, ?, 0, ?)`,
  )
  fc.assert(
    fc.property(fc.array(person, { maxLength: 160, size: 'max' }), fc.array(query, { minLength: 1, maxLength: 6 }), (people, queries) => {
      const ids = db.$client.transaction(() =>
        people.map((p, i) => {
          // Around today's month and day too, so an age bound off by a day shows.
          const born = `${p.born}-${['03-01', '06-14', '06-15', '06-16'][i % 4]}`
          const name = i % 3 === 0 ? '随机测' : '随机'
          const archived = p.archived ? [1, 'duplicate'] : [null, null]
          return Number(
            insert.run(
              actor.organisationId,
              name,
              freshIdNumber(actor.areaCode, born),
              born,
              township,
              p.status,
              p.level,
              p.skills,
              ...archived,
              1_800_000_000_000 + p.updated,
            ).lastInsertRowid,
          )
        }),
      )()
      // An age range alone whose both ends fall on a row born on today's month and day (index 2 mod 4).
      const onBoundary = people.filter((_, i) => i % 4 === 2)
      const ages =
        onBoundary.length > 0
          ? [
              {
                skill: null,
                skillLevel: null,
                employmentStatus: null,
                ageFrom: 2026 - onBoundary[0].born,
                ageTo: 2025 - onBoundary.at(-1)!.born,
                byName: false,
              },
            ]
          : []
      try {
        expectTextsMatchRows('after random rows')
        for (const q of [...queries, ...ages]) {
          const { byName, ...choices } = q
          const filters: CandidateFilters = {
            ...choices,
            search: byName ? { kind: 'name', value: '测' } : { kind: 'none' },
            township: null,
            employmentNeed: null,
          }
          const expected = plainLike(actor.organisationId, filters)
          expect(countCandidates(actor, filters, TODAY)).toBe(expected.length)
          for (const [limit, offset] of [
            [10, 0],
            [10, 10],
            [3, Math.max(0, expected.length - 2)],
          ])
            expect(listCandidates(actor, filters, TODAY, { limit, offset }).map((r) => r.id)).toEqual(expected.slice(offset, offset + limit))
          // A list asked for without its count first (the share copies count first; any other caller may not).
          expect(listCandidates(actor, { ...filters }, TODAY, { limit: 5, offset: 0 }).map((r) => r.id)).toEqual(expected.slice(0, 5))
        }
      } finally {
        db.$client.prepare(`delete from workers where id in (${ids.map(() => '?').join(',') || 'null'})`).run(...ids)
      }
    }),
    { numRuns: 60 },
  )
  expectTextsMatchRows('after the random rows are deleted')
})

test('推荐页打开时的人数读维护好的计数，不逐行数 / the counts the page opens with come from the kept figures, given the route’s own filter values', () => {
  const actor = actorFor<'west'>('kaizhou')
  const today = '2026-06-15'
  const { q: _q, ...unfiltered } = readRecommendFilters(new URLSearchParams('ages=all'), actor)
  const { q: _q2, ...postAges } = readRecommendFilters(new URLSearchParams(), actor, { ageMin: 20, ageMax: 55 })
  const { q: _q3, ...skillOnly } = readRecommendFilters(new URLSearchParams('ages=all&skill=焊'), actor)
  expect(postAges).toMatchObject({ ageFrom: 20, ageTo: 55, skill: null })
  const before = [unfiltered, postAges, skillOnly].map((f) => countCandidates(actor, f, today))
  // Shift each kept figure by a marker: a count that read the rows instead would not move.
  const shift = (delta: number) => {
    run('update ledger_counts set workers = workers + ? where organisation_id = ?', delta, actor.organisationId)
    run(
      "update ledger_birth_counts set workers = workers + ? where organisation_id = ? and birth_date = (select min(birth_date) from ledger_birth_counts where organisation_id = ? and birth_date between '1971-06-16' and '2006-06-15')",
      delta,
      actor.organisationId,
      actor.organisationId,
    )
    run(
      "update ledger_skill_texts set workers = workers + ? where organisation_id = ? and skills = (select min(skills) from ledger_skill_texts where organisation_id = ? and skills like '%焊%')",
      delta,
      actor.organisationId,
      actor.organisationId,
    )
  }
  shift(1000)
  try {
    expect([unfiltered, postAges, skillOnly].map((f) => countCandidates(actor, f, today))).toEqual(before.map((n) => n + 1000))
  } finally {
    shift(-1000)
  }
})
