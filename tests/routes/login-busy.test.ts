import { count } from 'drizzle-orm'
import { afterEach, expect, test } from 'vitest'
import { attempts } from '../../db/schema'
import { action } from '~/routes/login'
import { db } from '~/utils/db.server'
import { hashPassword, verifyPassword } from '~/utils/password.server'
import { PASSWORD_WORK_AT_ONCE, PASSWORD_WORK_WAITING_AT_MOST, passwordWorkIsFull } from '~/utils/password-work.server'
import { DEMO_PASSWORD } from '../../db/seed'
import { context, post, settle, unwrapData } from '../request'

// Issue 10 §3: with the server's bounded password queue full, a sign-in is told to try again in a
// moment (503) before anything is counted against the account or the address — never a 500.

afterEach(() => {
  delete process.env.PASSWORD_HASHER
})

type Reply = { error?: Record<string, string[] | null> }

test('密码核对排满时登录回答 503 稍后再试，不计失败次数 / with the password queue full, sign-in answers 503 try again and counts nothing', async () => {
  process.env.PASSWORD_HASHER = 'in-process'
  const hash = await hashPassword('someone-else-1')
  const wave = Array.from({ length: PASSWORD_WORK_AT_ONCE + PASSWORD_WORK_WAITING_AT_MOST }, () => verifyPassword(hash, 'x'))
  expect(passwordWorkIsFull()).toBe(true)
  const attemptsBefore = db.select({ n: count() }).from(attempts).get()!.n

  const result = await settle(() =>
    action({ request: post('/login', { username: 'weifang', password: DEMO_PASSWORD }), context: context({ clientIp: '10.90.0.1' }), params: {} }),
  )
  expect('value' in result).toBe(true)
  const value = (result as { value: unknown }).value as { init?: { headers?: Record<string, string> } }
  const { status, data } = unwrapData<Reply>(value)
  expect(status).toBe(503)
  expect(data.error?.['']?.[0]).toContain('系统繁忙')
  expect(value.init?.headers?.['Retry-After']).toMatch(/^\d+$/)
  expect(db.select({ n: count() }).from(attempts).get()!.n).toBe(attemptsBefore)

  // The wave done, the same sign-in goes through.
  await Promise.all(wave)
  const again = await settle(() =>
    action({ request: post('/login', { username: 'weifang', password: DEMO_PASSWORD }), context: context({ clientIp: '10.90.0.1' }), params: {} }),
  )
  expect('thrown' in again && again.thrown.status).toBe(302)
  expect('thrown' in again && again.thrown.headers.get('Location')).toBe('/east')
})

test('排队中的登录照常核对密码 / a sign-in that finds a queue with room waits its turn and is checked', async () => {
  process.env.PASSWORD_HASHER = 'in-process'
  const hash = await hashPassword('someone-else-2')
  const others = Array.from({ length: PASSWORD_WORK_WAITING_AT_MOST - 1 }, () => verifyPassword(hash, 'x'))
  const [right, wrong] = await Promise.all([
    settle(() => action({ request: post('/login', { username: 'dezhou', password: DEMO_PASSWORD }), context: context({ clientIp: '10.90.0.2' }), params: {} })),
    settle(() => action({ request: post('/login', { username: 'dezhou', password: 'wrong-one' }), context: context({ clientIp: '10.90.0.2' }), params: {} })),
  ])
  await Promise.all(others)
  expect('thrown' in right && right.thrown.headers.get('Location')).toBe('/east')
  expect('value' in wrong && unwrapData(wrong.value).status).toBe(400)
})
