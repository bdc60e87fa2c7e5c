import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { INDUSTRIES } from '~/rules/vacancy-enums'
import { EMPLOYMENT_STATUSES, HOUSEHOLD_STATUSES } from '~/rules/registry-enums'
import { db } from '~/utils/db.server'

// Issue 15 §5 (decision 029): the dashboards read hires by person and industry, posts per bureau and per
// county and month, and where a county's 脱贫/监测 people work from tables kept by the triggers of
// migrations 0069 and 0070. Here random sequences of every change those rows can undergo — hires with and without a
// post, undone hires, records moved in time, to another person, employer or city, edited industries,
// ledger rows moved county, archived or re-classified, posts published, re-timed, re-targeted and deleted —
// are written with plain SQL (so shapes the application never writes are tried too), and after each
// sequence every kept table must equal the count over the rows it stands for.

const client = db.$client
const MONTH = (column: string) => `strftime('%Y-%m', ${column} / 1000, 'unixepoch', '+8 hours')`
const INDUSTRY = 'coalesce(v.industry, em.industry)'
const HIRES_JOIN = `employment_records e join employers em on em.id = e.employer_id
  left join applications a on a.id = e.application_id left join vacancies v on v.id = a.vacancy_id`
// Each employment record once for its employer's bureau and once for its person's county.
const HIRES_BY_OFFICE = `
  select em.organisation_id as o, ${MONTH('e.created_at')} as m, e.worker_id as w, ${INDUSTRY} as i from ${HIRES_JOIN}
  union all
  select wk.organisation_id, ${MONTH('e.created_at')}, e.worker_id, ${INDUSTRY} from ${HIRES_JOIN} join workers wk on wk.id = e.worker_id`
const POVERTY = `w.archived_at is null and w.household_status in ('alleviated', 'monitored')`

/** Each kept table beside the plain count of the rows it stands for (rows at zero left out). */
const PAIRS: { name: string; kept: string; plain: string }[] = [
  {
    name: 'hire_figures',
    kept: 'select organisation_id as o, month as m, worker_id as w, industry as i, hires as n from hire_figures where hires <> 0 order by 1, 2, 3, 4',
    plain: `select o, m, w, i, count(*) as n from (${HIRES_BY_OFFICE}) group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
  },
  {
    name: 'hire_industry_months',
    kept: 'select organisation_id as o, month as m, industry as i, hires as n from hire_industry_months where hires <> 0 order by 1, 2, 3',
    plain: `select o, m, i, count(*) as n from (${HIRES_BY_OFFICE}) group by 1, 2, 3 order by 1, 2, 3`,
  },
  {
    name: 'hire_people_years',
    kept: 'select organisation_id as o, year as y, worker_id as w, first_month as m from hire_people_years order by 1, 2, 3',
    plain: `select o, substr(m, 1, 4) as y, w, min(m) as m from (${HIRES_BY_OFFICE}) group by 1, 2, 3 order by 1, 2, 3`,
  },
  {
    name: 'bureau_post_months',
    kept: 'select organisation_id as o, month as m, posts as n, headcount as h from bureau_post_months where posts <> 0 or headcount <> 0 order by 1, 2',
    plain: `select organisation_id as o, ${MONTH('published_at')} as m, count(*) as n, sum(headcount) as h from vacancies
        where published_at is not null group by 1, 2 order by 1, 2`,
  },
  {
    name: 'county_post_months',
    kept: 'select county_code as c, month as m, posts as n, headcount as h from county_post_months where posts <> 0 or headcount <> 0 order by 1, 2',
    plain: `select t.county_code as c, ${MONTH('v.published_at')} as m, count(*) as n, sum(v.headcount) as h
        from vacancy_targets t join vacancies v on v.id = t.vacancy_id where v.published_at is not null group by 1, 2 order by 1, 2`,
  },
  {
    name: 'poverty_employment_counts',
    kept: 'select organisation_id as o, employment_status as s, shandong as d, people as n from poverty_employment_counts where people <> 0 order by 1, 2, 3',
    plain: `select w.organisation_id as o, w.employment_status as s,
          exists (select 1 from employment_records e where e.worker_id = w.id and e.city_code like '37%') as d, count(*) as n
        from workers w where ${POVERTY} group by 1, 2, 3 order by 1, 2, 3`,
  },
]

function expectKeptEqualsPlain() {
  for (const pair of PAIRS) expect({ [pair.name]: client.prepare(pair.kept).all() }).toEqual({ [pair.name]: client.prepare(pair.plain).all() })
}

const ids = (query: string) => (client.prepare(query).all() as { id: number }[]).map((r) => r.id)
const pick = <T>(pool: T[], i: number) => pool[i % pool.length]

// A moment in one of the months around the demo data's, at a random Shanghai hour (07:30 on the 1st included).
const moment = fc.record({ month: fc.integer({ min: 0, max: 14 }), day: fc.integer({ min: 0, max: 27 }), hour: fc.constantFrom(0, 7.5, 12, 23.99) })
const at = ({ month, day, hour }: { month: number; day: number; hour: number }) =>
  Date.UTC(2025, 10 + month, 1 + day) + Math.round(hour * 3600_000) - 8 * 3600_000

const index = fc.nat(10_000)
const operation = fc.oneof(
  fc.record({ kind: fc.constant('hire' as const), worker: index, employer: index, application: fc.option(index), city: index, when: moment }),
  fc.record({ kind: fc.constant('undo' as const), record: index }),
  fc.record({ kind: fc.constant('retime' as const), record: index, when: moment }),
  fc.record({ kind: fc.constant('repoint' as const), record: index, worker: index, employer: index, city: index, dropPost: fc.boolean() }),
  fc.record({ kind: fc.constant('postIndustry' as const), vacancy: index, industry: fc.constantFrom(...INDUSTRIES) }),
  fc.record({ kind: fc.constant('employerIndustry' as const), employer: index, industry: fc.constantFrom(...INDUSTRIES) }),
  fc.record({ kind: fc.constant('moveCounty' as const), worker: index, centre: index }),
  fc.record({ kind: fc.constant('archive' as const), worker: index }),
  fc.record({
    kind: fc.constant('classify' as const),
    worker: index,
    household: fc.constantFrom(...HOUSEHOLD_STATUSES),
    employment: fc.constantFrom(...EMPLOYMENT_STATUSES),
  }),
  fc.record({ kind: fc.constant('publish' as const), vacancy: index, when: fc.option(moment), headcount: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constant('retarget' as const), vacancy: index, counties: fc.subarray(['500154', '500241', '500230']) }),
  fc.record({ kind: fc.constant('copyPost' as const), vacancy: index, when: fc.option(moment) }),
  fc.record({ kind: fc.constant('deletePost' as const), vacancy: index }),
)
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never

const CITIES = ['370700', '371400', '370400', '500154', '500241']

function apply(op: Operation, pools: { workers: number[]; employers: number[]; applications: number[]; vacancies: number[]; centres: number[] }) {
  const records = ids('select id from employment_records order by id')
  const copies = ids("select id from vacancies where title like '副本-%' order by id")
  switch (op.kind) {
    case 'hire': {
      const application = op.application == null ? null : pick(pools.applications, op.application)
      if (application != null && client.prepare('select 1 from employment_records where application_id = ?').get(application)) return
      client
        .prepare(
          `insert into employment_records (worker_id, application_id, employer_id, city_code, start_date, created_at)
           values (?, ?, ?, ?, ?, ?)`,
        )
        .run(pick(pools.workers, op.worker), application, pick(pools.employers, op.employer), pick(CITIES, op.city), `2030-01-${records.length}`, at(op.when))
      return
    }
    case 'undo':
      if (records.length) client.prepare('delete from employment_records where id = ?').run(pick(records, op.record))
      return
    case 'retime':
      if (records.length) client.prepare('update employment_records set created_at = ? where id = ?').run(at(op.when), pick(records, op.record))
      return
    case 'repoint':
      if (records.length)
        client
          .prepare(
            `update employment_records set worker_id = ?, employer_id = ?, city_code = ?,
               application_id = case when ? then null else application_id end where id = ?`,
          )
          .run(pick(pools.workers, op.worker), pick(pools.employers, op.employer), pick(CITIES, op.city), op.dropPost ? 1 : 0, pick(records, op.record))
      return
    case 'postIndustry':
      client.prepare('update vacancies set industry = ? where id = ?').run(op.industry, pick(pools.vacancies, op.vacancy))
      return
    case 'employerIndustry':
      client.prepare('update employers set industry = ? where id = ?').run(op.industry, pick(pools.employers, op.employer))
      return
    case 'moveCounty':
      client.prepare('update workers set organisation_id = ? where id = ?').run(pick(pools.centres, op.centre), pick(pools.workers, op.worker))
      return
    case 'archive':
      client.prepare('update workers set archived_at = case when archived_at is null then 1 else null end where id = ?').run(pick(pools.workers, op.worker))
      return
    case 'classify':
      client
        .prepare('update workers set household_status = ?, employment_status = ? where id = ?')
        .run(op.household, op.employment, pick(pools.workers, op.worker))
      return
    case 'publish':
      client
        .prepare('update vacancies set published_at = ?, headcount = ? where id = ?')
        .run(op.when == null ? null : at(op.when), op.headcount, pick([...pools.vacancies, ...copies], op.vacancy))
      return
    case 'retarget': {
      const vacancy = pick([...pools.vacancies, ...copies], op.vacancy)
      client.prepare('delete from vacancy_targets where vacancy_id = ?').run(vacancy)
      for (const county of op.counties) client.prepare('insert into vacancy_targets (vacancy_id, county_code) values (?, ?)').run(vacancy, county)
      return
    }
    case 'copyPost': {
      const source = pick(pools.vacancies, op.vacancy)
      const columns = (
        client.prepare("select name from pragma_table_info('vacancies') where name not in ('id', 'title', 'published_at', 'copied_from_id')").all() as {
          name: string
        }[]
      )
        .map((c) => c.name)
        .join(', ')
      const { lastInsertRowid } = client
        .prepare(`insert into vacancies (title, published_at, ${columns}) select '副本-' || id, ?, ${columns} from vacancies where id = ?`)
        .run(op.when == null ? null : at(op.when), source)
      client
        .prepare('insert into vacancy_targets (vacancy_id, county_code) select ?, county_code from vacancy_targets where vacancy_id = ?')
        .run(lastInsertRowid, source)
      return
    }
    case 'deletePost':
      if (copies.length) client.prepare('delete from vacancies where id = ?').run(pick(copies, op.vacancy))
      return
  }
}

/** Applies `op`; a change the database refuses (a key in use, a duplicate) is skipped, its statement undone whole. */
function applyOrRefused(...args: Parameters<typeof apply>) {
  try {
    apply(...args)
  } catch (error) {
    if (!String((error as { code?: string }).code).startsWith('SQLITE_CONSTRAINT')) throw error
  }
}

describe('统计维护表由触发器维护 / the statistics tables are kept by triggers (migrations 0069, 0070)', () => {
  test('迁移之后与逐条统计一致 / after the migration they equal the plain counts of the demo data', () => {
    expect((client.prepare('select count(*) as n from hire_figures').get() as { n: number }).n).toBeGreaterThan(0)
    expect((client.prepare('select sum(people) as n from poverty_employment_counts').get() as { n: number }).n).toBeGreaterThan(0)
    expectKeptEqualsPlain()
  })

  test('任意一串改动之后仍与逐条统计一致 / after any sequence of changes they still equal the plain counts', () => {
    const pools = {
      // Few of each, so a sequence often changes one row twice: people hired in the demo data and 脱贫/监测
      // people, employers, posts with hires, applications without one.
      workers: [
        ...ids('select distinct worker_id as id from employment_records order by worker_id limit 5'),
        ...ids("select id from workers where household_status in ('alleviated', 'monitored') order by id desc limit 5"),
      ],
      employers: ids('select id from employers order by id limit 6'),
      vacancies: ids('select distinct a.vacancy_id as id from employment_records e join applications a on a.id = e.application_id order by 1 limit 6'),
      applications: ids(
        'select id from applications a where not exists (select 1 from employment_records e where e.application_id = a.id) order by id limit 20',
      ),
      centres: ids("select id from organisations where kind = 'centre' order by id"),
    }
    for (const pool of Object.values(pools)) expect(pool.length).toBeGreaterThan(1)
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 25 }), (operations) => {
        client.exec('savepoint kept')
        try {
          for (const op of operations) applyOrRefused(op, pools)
          expectKeptEqualsPlain()
        } finally {
          client.exec('rollback to kept')
          client.exec('release kept')
        }
      }),
      { numRuns: 60 },
    )
  })
})
