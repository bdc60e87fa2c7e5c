import { and, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { users, type WorkerAccountState } from '../../db/schema'
import { awaitingDecisionSql, rejectedWorkerSql, verifiedWorkerSql, waitingWorkerSql } from '~/models/rule-sql.server'
import { verificationState } from '~/rules/verification'
import { db } from '~/utils/db.server'
import { centreOf } from '../lookups'

// Issue 11 review: worker_account_counts is kept by triggers (migration 0040) that write the verification rule
// of app/rules/verification.ts again, as a CASE in SQL; migrations are history and are not edited. So every
// combination of the inputs — verified or not, turned down or not, disabled or not, worker or staff — is
// written by plain SQL, inserted and moved into every other combination, and the state the triggers count
// must be the rule's (verificationState; a waiting account that is disabled is counted apart, as
// awaitingDecisionSql leaves it out of the queue). A change to the rule or to the triggers alone fails here.

type Inputs = { worker: boolean; verified: boolean; rejected: boolean; disabled: boolean }

// A staff account is never verified (users_worker_fields_check), so 14 combinations and 196 moves.
const COMBINATIONS: Inputs[] = [true, false]
  .flatMap((worker) =>
    [true, false].flatMap((verified) => [true, false].flatMap((rejected) => [true, false].map((disabled) => ({ worker, verified, rejected, disabled })))),
  )
  .filter((i) => i.worker || !i.verified)

const at = (on: boolean) => (on ? new Date(1_700_000_000_000) : null)

/** The state the rule gives these inputs, or null for a staff account (never counted). */
function stateByTheRule(i: Inputs): WorkerAccountState | null {
  if (!i.worker) return null
  const state = verificationState({ verifiedAt: at(i.verified), rejectedAt: at(i.rejected) })
  return state === 'waiting' && i.disabled ? 'disabled' : state
}

const sqlValues = (i: Inputs) => [
  i.worker ? 'worker' : 'west',
  at(i.verified)?.getTime() ?? null,
  at(i.rejected)?.getTime() ?? null,
  at(i.disabled)?.getTime() ?? null,
]

function countsOf(organisationId: number): Record<WorkerAccountState, number> {
  const rows = db.$client.prepare('select state, accounts from worker_account_counts where organisation_id = ?').all(organisationId) as {
    state: WorkerAccountState
    accounts: number
  }[]
  const counts = { verified: 0, rejected: 0, waiting: 0, disabled: 0 }
  for (const r of rows) counts[r.state] = r.accounts
  return counts
}

/** What a write did to the counts: +1 / -1 per state, zeros left out. */
function change(before: Record<WorkerAccountState, number>, after: Record<WorkerAccountState, number>) {
  return Object.fromEntries((Object.keys(after) as WorkerAccountState[]).filter((s) => after[s] !== before[s]).map((s) => [s, after[s] - before[s]]))
}

const expectedChange = (from: WorkerAccountState | null, to: WorkerAccountState | null) =>
  from === to ? {} : { ...(from ? { [from]: -1 } : {}), ...(to ? { [to]: 1 } : {}) }

let serial = 0

test('台账账号数触发器的状态与核验规则逐一相符 / the account-count triggers put every combination of inputs in the state the verification rule gives', () => {
  const { id: organisationId } = centreOf('500154')
  const insert = db.$client.prepare(
    `insert into users (username, password_hash, role, organisation_id, display_name, verified_at, rejected_at, disabled_at, created_at, updated_at)
     values (?, 'x', ?, ?, '某', ?, ?, ?, 0, 0)`,
  )
  const update = db.$client.prepare('update users set role = ?, verified_at = ?, rejected_at = ?, disabled_at = ? where id = ?')
  const remove = db.$client.prepare('delete from users where id = ?')
  const seen = new Set<WorkerAccountState | null>()

  for (const from of COMBINATIONS) {
    for (const to of COMBINATIONS) {
      const label = `${JSON.stringify(from)} → ${JSON.stringify(to)}`
      let before = countsOf(organisationId)
      const [role, ...stamps] = sqlValues(from)
      const { lastInsertRowid } = insert.run(`1390000${String(++serial).padStart(4, '0')}`, role, organisationId, ...stamps)
      const id = Number(lastInsertRowid)
      let after = countsOf(organisationId)
      expect(change(before, after), `insert ${label}`).toEqual(expectedChange(null, stateByTheRule(from)))
      expectRuleSql(id, from, label)

      before = after
      update.run(...sqlValues(to), id)
      after = countsOf(organisationId)
      expect(change(before, after), `update ${label}`).toEqual(expectedChange(stateByTheRule(from), stateByTheRule(to)))
      expectRuleSql(id, to, label)
      seen.add(stateByTheRule(to))

      before = after
      remove.run(id)
      expect(change(before, countsOf(organisationId)), `delete ${label}`).toEqual(expectedChange(stateByTheRule(to), null))
    }
  }
  // Every state the table counts was reached (and staff, counted in none).
  expect([...seen].sort()).toEqual(['disabled', 'rejected', 'verified', 'waiting', null].sort())
})

/** The SQL forms of the rule (rule-sql.server.ts) pick this account exactly when its state says so. */
function expectRuleSql(id: number, inputs: Inputs, label: string) {
  const state = inputs.worker ? verificationState({ verifiedAt: at(inputs.verified), rejectedAt: at(inputs.rejected) }) : null
  const picks = (where: ReturnType<typeof verifiedWorkerSql>) =>
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, id), eq(users.role, 'worker'), where))
      .get() != null
  expect(
    {
      verified: picks(verifiedWorkerSql()),
      rejected: picks(rejectedWorkerSql()),
      waiting: picks(waitingWorkerSql()),
      queue: picks(awaitingDecisionSql()),
    },
    label,
  ).toEqual({
    verified: state === 'verified',
    rejected: state === 'rejected',
    waiting: state === 'waiting',
    queue: stateByTheRule(inputs) === 'waiting',
  })
}
