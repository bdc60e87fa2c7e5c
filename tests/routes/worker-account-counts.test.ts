import { expect, test } from 'vitest'
import { disableAccount, enableAccount } from '~/models/account-admin.server'
import { listOrganisationsWithCounts } from '~/models/organisation.server'
import { countWorkerAccounts } from '~/models/user.server'
import { confirmAccount, rejectAccount } from '~/models/verification.server'
import { db } from '~/utils/db.server'
import { actorFor, createPendingAccount, createWorkerAccount } from '../factories'
import { centreOf } from '../lookups'

// Issue 10: the county and bureau homes read a county's worker-account figures from the kept
// worker_account_counts (migration 0040), kept by triggers on users. After every kind of write — through the
// models and by plain SQL — each centre's figures must equal a plain count over users with the rules of
// app/rules/verification.ts (verified; turned down and not verified; neither and not disabled).

const run = (sqlText: string, ...params: unknown[]) => db.$client.prepare(sqlText).run(...params)

function countedFromAccounts(organisationId: number) {
  return db.$client
    .prepare(
      `select count(*) as total,
              coalesce(sum(verified_at is not null), 0) as verified,
              coalesce(sum(verified_at is null and rejected_at is not null), 0) as rejected,
              coalesce(sum(verified_at is null and rejected_at is null and disabled_at is null), 0) as unverified
       from users where organisation_id = ? and role = 'worker'`,
    )
    .get(organisationId)
}

function expectKeptEqualsAccounts(when: string) {
  for (const area of ['500154', '500241', '500230']) {
    const { id } = centreOf(area)
    expect(countWorkerAccounts(id), `${area} ${when}`).toEqual(countedFromAccounts(id))
  }
}

test('工作台的账号数等于按账号逐条统计 / the homes’ account figures equal a count over the accounts after every kind of write', async () => {
  expectKeptEqualsAccounts('as seeded')
  const verified = await createWorkerAccount('kaizhou')
  const waiting = await createPendingAccount('kaizhou')
  const another = await createPendingAccount('kaizhou', { inLedger: false })
  const third = await createPendingAccount('xiushan', { inLedger: false })
  expectKeptEqualsAccounts('after accounts are opened and registered')

  expect(confirmAccount(actorFor('kaizhou'), waiting.user.id)).toMatchObject({ ok: true })
  expect(rejectAccount(actorFor('kaizhou'), another.user.id, { code: 'not_in_ledger', text: '台账中没有此人' })).toMatchObject({ ok: true })
  expectKeptEqualsAccounts('after a verification and a rejection')

  expect(disableAccount(actorFor('xiushan'), third.user.id, { code: 'misuse', note: null })).toMatchObject({ ok: true })
  expect(disableAccount(actorFor('kaizhou'), verified.user.id, { code: 'misuse', note: null })).toMatchObject({ ok: true })
  expectKeptEqualsAccounts('after disabling a waiting and a verified account')
  expect(enableAccount(actorFor('xiushan'), third.user.id)).toMatchObject({ ok: true })
  expectKeptEqualsAccounts('after enabling again')

  // Whatever path writes users: plain SQL moving an account, clearing a rejection, changing a role, deleting.
  run('update users set organisation_id = ? where id = ?', centreOf('500230').id, third.user.id)
  run('update users set rejected_at = null where id = ?', another.user.id)
  run('update users set verified_at = null, disabled_at = ? where id = ?', Date.now(), verified.user.id)
  expectKeptEqualsAccounts('after plain SQL updates')
  run("update users set role = 'west', id_number = null where id = ?", third.user.id)
  expectKeptEqualsAccounts('after a role change')
  const bare = run(
    "insert into users (username, password_hash, role, organisation_id, display_name, created_at, updated_at) values ('13900009999', 'x', 'worker', ?, '某', 0, 0)",
    centreOf('500154').id,
  )
  expectKeptEqualsAccounts('after a plain SQL insert')
  run('delete from users where id = ?', bare.lastInsertRowid)
  expectKeptEqualsAccounts('after a delete')
  // Staff accounts are never counted.
  run(
    "insert into users (username, password_hash, role, organisation_id, display_name, created_at, updated_at) values ('kz_extra', 'x', 'west', ?, '某', 0, 0)",
    centreOf('500154').id,
  )
  expectKeptEqualsAccounts('after a staff account is added')
})

test('平台总览每个单位的账号数等于按账号统计 / the admin overview’s account counts per organisation equal a plain count', async () => {
  await createWorkerAccount('xiushan')
  await createPendingAccount('fengdu', { inLedger: false })
  const plain = db.$client
    .prepare(
      `select o.id, coalesce(sum(u.role <> 'worker'), 0) as staff, coalesce(sum(u.role = 'worker'), 0) as workers, count(u.id) as accounts
       from organisations o left join users u on u.organisation_id = o.id group by o.id order by o.id`,
    )
    .all()
  expect(listOrganisationsWithCounts().map(({ id, staff, workers, accounts }) => ({ id, staff, workers, accounts }))).toEqual(plain)
})
