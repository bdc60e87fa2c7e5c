import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { count, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { auditLog, users, workers } from '../../db/schema'
import { action, loader } from '~/routes/west.accounts.new'
import { db } from '~/utils/db.server'
import { createLedgerWorker, freshPhone } from '../factories'
import { callAction, callLoader, cookieFor, unwrapData } from '../request'

// Issue 11 review: 代为开通账号 sent twice at once (a double click without JavaScript, a re-sent request)
// must open one account and tell the second sending that the form was sent before — not "该手机号已被其他账号使用"
// or "请选择一位尚未开通账号的人员". The form's token is recorded with the account in one write transaction
// (createOnce in utils/form-token.server.ts), as the operator's new-staff form does.

const PATH = '/west/accounts/new'
const run = promisify(execFile)

async function formToken(cookie: string) {
  const loaded = await callLoader(loader, { path: PATH, cookie })
  return String(unwrapData<{ formToken: string }>('value' in loaded ? loaded.value : null).data.formToken)
}

function accountsWithPhone(phone: string) {
  return db.select({ n: count() }).from(users).where(eq(users.username, phone)).get()!.n
}

test('代为开通账号表单同时提交两次：只开一个账号，另一次说明已经提交过 / the assisted-account form sent twice at once opens one account and tells the other sending it was sent before', async () => {
  const cookie = await cookieFor('kaizhou')
  const person = createLedgerWorker('kaizhou')
  const phone = freshPhone()
  const fields = { intent: 'create', q: person.name, workerId: String(person.id), phone, formToken: await formToken(cookie) }
  const send = () => callAction(action, { path: PATH, cookie, fields })
  const answers = (await Promise.all([send(), send(), send()])).map((r) => unwrapData<Record<string, unknown>>('value' in r ? r.value : null))

  expect(accountsWithPhone(phone)).toBe(1)
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
  expect(answers.filter((a) => a.data.kind === 'created')).toHaveLength(1)
  expect(answers.filter((a) => a.data.kind === 'sent-before')).toHaveLength(2)
  const account = db.select().from(users).where(eq(users.username, phone)).get()!
  expect(db.select({ userId: workers.userId }).from(workers).where(eq(workers.id, person.id)).get()!.userId).toBe(account.id)
  expect(db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'account.assisted_create')).all()[0].n).toBeGreaterThan(0)

  // Sent again later (the back button, then 开通账号 once more): still the same answer, still one account.
  const later = unwrapData<Record<string, unknown>>(await send().then((r) => ('value' in r ? r.value : null)))
  expect(later).toEqual({ status: 200, data: { kind: 'sent-before' } })
  expect(accountsWithPhone(phone)).toBe(1)

  // A new form (a fresh token) for the same person is a real second attempt: refused beside the field, 400.
  const again = unwrapData<{ result: { error: Record<string, string[]> } }>(
    await callAction(action, { path: PATH, cookie, fields: { ...fields, formToken: await formToken(cookie) } }).then((r) => ('value' in r ? r.value : null)),
  )
  expect(again.status).toBe(400)
  expect(Object.keys(again.data.result.error)).toEqual(['phone'])
})

test('三个进程同时用同一令牌开通账号：只开一个，其余说已提交过 / three processes opening an account with one token at once: one account, the others told it was sent before', async () => {
  // The portal runs several worker processes: the losers of the race must find the token recorded with the
  // account (createOnce, under the write lock), not refuse because the phone or the ledger row is now taken.
  const person = createLedgerWorker('kaizhou')
  const phone = freshPhone()
  const token = 'assisted-cross-process-0001'
  const startAt = Date.now() + 4000
  const outputs = await Promise.all(
    Array.from({ length: 3 }, () =>
      run(process.execPath, ['--import', 'tsx', 'tests/routes/fixtures/assisted-once.ts', 'kaizhou', String(person.id), phone, token, String(startAt)], {
        env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH, NODE_ENV: 'test' },
        timeout: 30_000,
      }),
    ),
  )
  const answers = outputs.map(({ stdout }) => JSON.parse(stdout) as { ok: boolean; userId?: number; sentBefore?: boolean; message?: string })
  expect(accountsWithPhone(phone)).toBe(1)
  const account = db.select().from(users).where(eq(users.username, phone)).get()!
  expect(answers, JSON.stringify(answers)).toEqual(expect.arrayContaining([{ ok: true, userId: account.id }]))
  expect(
    answers.filter((a) => a.ok && a.userId === account.id && a.sentBefore === true),
    JSON.stringify(answers),
  ).toHaveLength(2)
}, 60_000)
