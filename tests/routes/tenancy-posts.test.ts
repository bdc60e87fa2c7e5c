import fs from 'node:fs'
import path from 'node:path'
import type { ActionFunctionArgs } from '@remix-run/node'
import { expect, test } from 'vitest'
import { db } from '~/utils/db.server'
import { actorFor, createWorkerAccount } from '../factories'
import { callAction, cookieFor } from '../request'

// Issue 13 §6, the whole kind: a POST to another tenant's record answers 404 before the form is read — never a
// 400 that carries a 404 page, never a refusal that tells the record exists. Swept over every route file with a
// `$param` and an action (read from app/routes, so a new route is swept at once): signed in as one tenant (a
// county against another county's records, a city against another city's, a worker against another worker's),
// an empty body and a garbage one, with the ids of the other tenant's real rows.

type Tenant = 'west' | 'east' | 'worker'

/** Who posts, per tenant: kaizhou against xiushan's rows, weifang against dezhou's, one worker against another's. */
const POSTER: Record<Tenant, () => Promise<string>> = {
  west: () => cookieFor('kaizhou'),
  east: () => cookieFor('weifang'),
  worker: async () => cookieFor((await createWorkerAccount('kaizhou')).user.username),
}

const one = (sql: string, ...args: unknown[]) => {
  const row = db.$client.prepare(sql).get(...args) as { id: number } | undefined
  if (!row) throw new Error(`no row for ${sql}`)
  return row.id
}

const XIUSHAN = actorFor('xiushan')
const DEZHOU = actorFor('dezhou')
const KAIZHOU = actorFor('kaizhou')
const WEIFANG = actorFor('weifang')

/** A ledger import of xiushan's (the demo has none): a preview row, as the import leaves it. */
function xiushanImport() {
  const now = Date.now()
  return Number(
    db.$client
      .prepare(
        `insert into ledger_imports (organisation_id, created_by_user_id, file_name, status, fields, created_at, updated_at)
         values (?, ?, '台账.csv', 'previewed', '[]', ?, ?)`,
      )
      .run(XIUSHAN.organisationId, XIUSHAN.userId, now, now).lastInsertRowid,
  )
}

/**
 * Param name → the id of a row the poster of that tenant does not own. A param of a route's tenant missing here
 * fails the sweep: a new kind of record must say whose it is.
 */
const OTHER_TENANTS_ROW: Record<Tenant, Partial<Record<string, () => number>>> = {
  west: {
    siteId: () => one('select id from sites where organisation_id = ?', XIUSHAN.organisationId),
    claimId: () => one(`select id from subsidy_claims where organisation_id = ? and state = 'submitted'`, XIUSHAN.organisationId),
    payoutId: () => one('select id from subsidy_payouts where organisation_id = ?', XIUSHAN.organisationId),
    batchId: () => one(`select id from batches where organisation_id = ? and state = 'open'`, XIUSHAN.organisationId),
    workerId: () => one('select id from workers where organisation_id = ? and archived_at is null', XIUSHAN.organisationId),
    userId: () => one(`select id from users where organisation_id = ? and role = 'worker' and verified_at is null`, XIUSHAN.organisationId),
    importId: xiushanImport,
    // A post not open to kaizhou: another pair's, targeting another county only.
    jobId: () =>
      one(
        `select id from vacancies v where organisation_id = ? and status = 'published'
         and not exists (select 1 from vacancy_targets t where t.vacancy_id = v.id and t.county_code = ?)`,
        DEZHOU.organisationId,
        KAIZHOU.areaCode,
      ),
  },
  east: {
    siteId: () => one('select id from sites where organisation_id = ?', DEZHOU.organisationId),
    batchId: () => one(`select id from batches where city_code <> ? and state <> 'open'`, WEIFANG.areaCode),
    employerId: () => one('select id from employers where organisation_id = ?', DEZHOU.organisationId),
    jobId: () => one('select id from vacancies where organisation_id = ?', DEZHOU.organisationId),
  },
  worker: {
    // Another worker's claim: a draft (what the worker's own page edits) of a demo claimant.
    claimId: () => one(`select id from subsidy_claims where state = 'draft' and user_id is not null`),
    // A post no worker may see: a draft.
    jobId: () => one(`select id from vacancies where status = 'draft'`),
  },
}

/**
 * Routes whose `$param` names no other tenant's record, each with the reason. Only these are left out.
 */
const NO_OTHER_TENANT: Record<string, string> = {
  'admin.accounts.$userId._index.tsx': 'the admin is the one platform-wide tenant',
  'admin.accounts.$userId.reset.tsx': 'the admin is the one platform-wide tenant',
  'admin.organisations.$orgId.tsx': 'the admin is the one platform-wide tenant',
  'admin.subsidy-policies.$orgId.$year.tsx': 'the admin is the one platform-wide tenant',
  'west.subsidy-policy.$year.tsx': 'the year picks the county’s own policy; there is no other county’s row to name',
}

const TENANT_OF: Partial<Record<string, Tenant>> = { west: 'west', east: 'east', me: 'worker', jobs: 'worker' }

/** Every route file with a `$param` and an action, with its tenant and the params its path names. */
function postedRoutes() {
  return fs
    .readdirSync(path.resolve('app/routes'))
    .filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.') && f.includes('$'))
    .filter((f) => /export (async function |const |\{[^}]*\b)action\b/.test(fs.readFileSync(path.resolve('app/routes', f), 'utf8')))
    .map((file) => ({
      file,
      tenant: TENANT_OF[file.split('.')[0]],
      params: [...file.matchAll(/\$(\w+)/g)].map((m) => m[1]),
      path: `/${file
        .replace(/\.tsx?$/, '')
        .replace(/\[\.(\w+)\]/g, '.$1')
        .split('.')
        .filter((s) => s !== '_index')
        .join('/')
        .replace(/\/(xlsx)$/, '.$1')}`,
    }))
}

const GARBAGE = {
  intent: 'zz<script>',
  version: '-1',
  seenState: '\u0000',
  'tickets[0].id': 'abc',
  decision: 'x'.repeat(5000),
  formToken: '',
  checkins: '{not json',
}

test('另一个租户的记录：任何带参数的表单提交，空的或乱填的，一律 404 / a POST to another tenant’s record is a 404, empty or garbage, on every route with a param', async () => {
  const routes = postedRoutes()
  expect(routes.length).toBeGreaterThan(25)
  const swept: string[] = []
  const faults: string[] = []
  for (const route of routes) {
    if (NO_OTHER_TENANT[route.file]) continue
    expect(route.tenant, `${route.file}: whose records does it hold? Add its tenant to TENANT_OF or its reason to NO_OTHER_TENANT`).toBeDefined()
    const params: Record<string, string> = {}
    let urlPath = route.path
    for (const name of route.params) {
      const other = OTHER_TENANTS_ROW[route.tenant!][name]
      expect(other, `${route.file}: no mapping for $${name} of a ${route.tenant} — map it to another tenant’s row`).toBeDefined()
      params[name] = String(other!())
      urlPath = urlPath.replace(`$${name}`, params[name])
    }
    const { action } = (await import(/* @vite-ignore */ `~/routes/${route.file}`)) as { action: (args: ActionFunctionArgs) => Promise<unknown> }
    const cookie = await POSTER[route.tenant!]()
    for (const [label, fields] of [
      ['empty', {}],
      ['garbage', GARBAGE],
    ] as const) {
      const posted = await callAction(action, { path: urlPath, fields, cookie, params })
      const status =
        'thrown' in posted
          ? posted.thrown.status
          : posted.value instanceof Response
            ? posted.value.status
            : ((posted.value as { init?: { status?: number } } | null)?.init?.status ?? 200)
      if (status !== 404) faults.push(`${route.file} (${label} body, ${urlPath}) → ${status}`)
    }
    swept.push(route.file)
  }
  expect(faults).toEqual([])
  expect(swept).toContain('west.claims.$claimId.tsx')
  expect(swept).toContain('me.claims.$claimId._index.tsx')
  expect(swept).toContain('east.jobs.$jobId.edit.tsx')
})
