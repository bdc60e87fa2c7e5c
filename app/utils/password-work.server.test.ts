import os from 'node:os'
import argon2 from 'argon2'
import { afterEach, expect, test } from 'vitest'
import fs from 'node:fs'
import { hashPassword, needsRehash, verifyPassword } from './password.server'
import {
  PASSWORD_HASHER_NICE,
  PASSWORD_WORK_AT_ONCE,
  PASSWORD_WORK_WAITING_AT_MOST,
  isPasswordBusy,
  passwordHasherPid,
  passwordWorkIsFull,
  stopPasswordHasher,
} from './password-work.server'

// The bounded password queue (issue 10 §3). Each test sets the mode the way the server's supervisor does.

afterEach(() => {
  delete process.env.PASSWORD_HASHER
  delete process.env.PASSWORD_HASHER_TIMEOUT_MS
  stopPasswordHasher()
})

/** Starts `n` checks of a real hash at once; each settles to true/false or to the error it threw. */
async function checksAtOnce(n: number) {
  const hash = await argon2.hash('Luyu@2026', { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 })
  return Promise.all(Array.from({ length: n }, (_, i) => verifyPassword(hash, i === 0 ? 'Luyu@2026' : `wrong-${i}`).catch((error: unknown) => error)))
}

test('排队满了立即回答 503 请稍后再试，其余照常核对 / a full queue refuses at once with 503 and Retry-After, the rest are checked', async () => {
  process.env.PASSWORD_HASHER = 'in-process'
  const room = PASSWORD_WORK_AT_ONCE + PASSWORD_WORK_WAITING_AT_MOST
  const pending = checksAtOnce(room + 3)
  const answers = await pending
  const refused = answers.filter(isPasswordBusy)
  expect(refused).toHaveLength(3)
  expect(refused[0].headers.get('Retry-After')).toMatch(/^\d+$/)
  expect(await refused[0].text()).toContain('系统繁忙')
  expect(answers[0]).toBe(true)
  expect(answers.slice(1, room).every((a) => a === false)).toBe(true)
  // Once the queue has drained, a new check runs again.
  expect(passwordWorkIsFull()).toBe(false)
  expect(await verifyPassword(await hashPassword('again-1234'), 'again-1234')).toBe(true)
})

test('队列满时 passwordWorkIsFull 为真 / passwordWorkIsFull says so while every place is taken', async () => {
  process.env.PASSWORD_HASHER = 'in-process'
  const hash = await hashPassword('Luyu@2026')
  const running = Array.from({ length: PASSWORD_WORK_AT_ONCE + PASSWORD_WORK_WAITING_AT_MOST }, () => verifyPassword(hash, 'x'))
  expect(passwordWorkIsFull()).toBe(true)
  await Promise.all(running)
  expect(passwordWorkIsFull()).toBe(false)
})

test('不设 PASSWORD_HASHER（脚本、种子）时不限排队 / unset (scripts, the seed) nothing is refused', async () => {
  const answers = await checksAtOnce(PASSWORD_WORK_AT_ONCE + PASSWORD_WORK_WAITING_AT_MOST + 3)
  expect(answers.filter(isPasswordBusy)).toHaveLength(0)
  expect(answers[0]).toBe(true)
  expect(passwordWorkIsFull()).toBe(false)
})

test('子进程以较低优先级做哈希，结果与本进程一致 / the child hashes at a lower priority and agrees with argon2 here', async () => {
  process.env.PASSWORD_HASHER = 'child'
  const hash = await hashPassword('Qiao-2026-lu')
  const pid = passwordHasherPid()
  expect(pid).not.toBeNull()
  expect(pid).not.toBe(process.pid)
  expect(os.getPriority(pid!)).toBe(PASSWORD_HASHER_NICE)
  // The child's hash is a real argon2id hash with today's parameters, checked here and there alike.
  expect(hash).toMatch(/^\$argon2id\$/)
  expect(needsRehash(hash)).toBe(false)
  // Every thread of the child (argon2 runs on libuv's pool) has the lower priority, not only the main one.
  const threads = fs.readdirSync(`/proc/${pid}/task`)
  for (const tid of threads) expect(os.getPriority(Number(tid)), `thread ${tid}`).toBe(PASSWORD_HASHER_NICE)
  expect(await argon2.verify(hash, 'Qiao-2026-lu')).toBe(true)
  expect(await verifyPassword(hash, 'Qiao-2026-lu')).toBe(true)
  expect(await verifyPassword(hash, 'Qiao-2026-lX')).toBe(false)
  expect(await verifyPassword('not-a-hash', 'x')).toBe(false)
})

test('子进程退出后下一次操作重新启动它 / a child that died is started again by the next operation', async () => {
  process.env.PASSWORD_HASHER = 'child'
  await hashPassword('first-1234')
  const first = passwordHasherPid()!
  process.kill(first, 'SIGKILL')
  await new Promise((resolve) => setTimeout(resolve, 200))
  expect(await verifyPassword(await hashPassword('second-1234'), 'second-1234')).toBe(true)
  const second = passwordHasherPid()
  expect(second).not.toBeNull()
  expect(second).not.toBe(first)
  expect(os.getPriority(second!)).toBe(PASSWORD_HASHER_NICE)
})

test('子进程卡住（不退出）时换掉它，在本进程完成 / a hung child (stopped, not dead) is killed and the work done here', async () => {
  process.env.PASSWORD_HASHER = 'child'
  process.env.PASSWORD_HASHER_TIMEOUT_MS = '1000'
  await hashPassword('first-1234')
  const hung = passwordHasherPid()!
  process.kill(hung, 'SIGSTOP')
  const hash = await hashPassword('second-1234')
  expect(await argon2.verify(hash, 'second-1234')).toBe(true)
  // The stopped child was killed (SIGKILL works on a stopped process) and the next operation starts another.
  await new Promise((resolve) => setTimeout(resolve, 200))
  expect(() => process.kill(hung, 0)).toThrow()
  expect(await verifyPassword(hash, 'second-1234')).toBe(true)
  expect(passwordHasherPid()).not.toBe(hung)
})
