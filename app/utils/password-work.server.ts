import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import argon2 from 'argon2'

// Argon2 is meant to be expensive (19 MiB and tens of milliseconds of a core per check), so a wave of
// sign-ins must not take the cores that render everybody else's pages (issue 10 §3: a request never
// waits on another user's sign-in). The server's supervisor (server/index.ts) sets PASSWORD_HASHER=child
// for its worker processes, which bounds the work twice, per worker process:
// - at most PASSWORD_WORK_AT_ONCE argon2 operations run at a time, PASSWORD_WORK_WAITING_AT_MOST wait for
//   their turn, and the rest are refused at once as busy (503, "try again") — never queued without end;
// - the work runs in a child process started at a lower OS priority (nice PASSWORD_HASHER_NICE), so the
//   kernel gives page requests the CPU first and hashing gets what is left.
// PASSWORD_HASHER=in-process keeps the queue but hashes in this process (the fallback, also used when
// the child fails). Unset (scripts such as the seed, vitest by default, `npm run dev`), argon2 runs in
// this process without a queue, as many at once as asked.

/** argon2 operations running at once in one server process. */
export const PASSWORD_WORK_AT_ONCE = 1
/**
 * argon2 operations allowed to wait for their turn in one server process; more are refused as busy. At
 * about 40 ms a check the last one waits some 2.5 s: a burst of 100 parallel guesses (the security
 * suite) is still answered 400/429 by the throttle, not 503, while a flood cannot queue without end.
 */
export const PASSWORD_WORK_WAITING_AT_MOST = 64
/** The nice value of the hashing child (0 normal … 19 lowest): pages first, hashing on idle CPU. */
export const PASSWORD_HASHER_NICE = 10
/** How long a refused caller is told to wait before trying again, in seconds. */
export const PASSWORD_BUSY_RETRY_SECONDS = 2

// A real file resolved at run time: routes are bundled into the build, and the server runs from the
// repository root (as for the spreadsheet worker).
const HASHER_FILE = path.resolve(process.cwd(), 'app/utils/password-hasher.mjs')

export type PasswordWork = { op: 'hash'; password: string; options: argon2.HashOptions & { raw?: false } } | { op: 'verify'; hash: string; password: string }

let running = 0
const queue: (() => void)[] = []

/** Whether a new argon2 operation would be refused right now (bounded, and every slot and waiting place taken). */
export function passwordWorkIsFull() {
  const mode = process.env.PASSWORD_HASHER
  return (mode === 'child' || mode === 'in-process') && running >= PASSWORD_WORK_AT_ONCE && queue.length >= PASSWORD_WORK_WAITING_AT_MOST
}

/**
 * The answer to a request that found the password queue full: 503 with Retry-After and a Chinese
 * "busy, try again" text. Thrown by runPasswordWork; the sign-in page turns it into a form message.
 */
export function passwordBusyResponse() {
  return new Response('系统繁忙，请稍后再试。', {
    status: 503,
    statusText: 'Service Unavailable',
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(PASSWORD_BUSY_RETRY_SECONDS) },
  })
}

/** Whether `error` is the busy answer of runPasswordWork. */
export function isPasswordBusy(error: unknown): error is Response {
  return error instanceof Response && error.status === 503
}

/**
 * Runs one argon2 operation within the bounds above (PASSWORD_HASHER): in the low-priority child, or in
 * this process under the queue, or in this process unbounded. Takes the work (`hash` with its options, or `verify`); returns the encoded
 * hash, or whether the password matches (false for a malformed hash). Throws passwordBusyResponse()
 * (503) at once when the queue is full; an operation that fails in the child is retried in this process.
 */
export async function runPasswordWork(work: Extract<PasswordWork, { op: 'hash' }>): Promise<string>
export async function runPasswordWork(work: Extract<PasswordWork, { op: 'verify' }>): Promise<boolean>
export async function runPasswordWork(work: PasswordWork): Promise<string | boolean> {
  const mode = process.env.PASSWORD_HASHER
  if (mode !== 'child' && mode !== 'in-process') return inProcess(work)
  if (running >= PASSWORD_WORK_AT_ONCE) {
    if (queue.length >= PASSWORD_WORK_WAITING_AT_MOST) throw passwordBusyResponse()
    // The finishing operation hands its slot over directly, so no newcomer can slip in between.
    await new Promise<void>((resolve) => queue.push(resolve))
  } else {
    running += 1
  }
  try {
    if (mode === 'child') {
      try {
        return await inChild(work)
      } catch (error) {
        console.error(`password hasher child failed (${error instanceof Error ? error.message : String(error)}); hashing in this process`)
      }
    }
    return await inProcess(work)
  } finally {
    const next = queue.shift()
    if (next) next()
    else running -= 1
  }
}

async function inProcess(work: PasswordWork) {
  if (work.op === 'hash') return argon2.hash(work.password, work.options)
  try {
    return await argon2.verify(work.hash, work.password)
  } catch {
    return false
  }
}

type Pending = { resolve: (value: string | boolean) => void; reject: (error: Error) => void }
let child: ChildProcess | null = null
let nextId = 1
const pending = new Map<number, Pending>()

function startChild() {
  if (!fs.existsSync(HASHER_FILE)) throw new Error(`password hasher not found at ${HASHER_FILE}; start the server from the repository root`)
  // A bare node (none of the parent's --import tsx or heap flags): it only needs argon2.
  const started = fork(HASHER_FILE, [], { execArgv: [], env: { ...process.env, PASSWORD_HASHER_NICE: String(PASSWORD_HASHER_NICE) }, serialization: 'json' })
  if (started.pid != null) {
    try {
      os.setPriority(started.pid, PASSWORD_HASHER_NICE)
    } catch {
      // The child lowers its own priority as well.
    }
  }
  started.on('message', (message: { id?: number; ok?: boolean; value?: string | boolean; message?: string }) => {
    if (message.id == null) return
    const waiting = pending.get(message.id)
    if (!waiting) return
    pending.delete(message.id)
    if (message.ok) waiting.resolve(message.value!)
    else waiting.reject(new Error(message.message ?? 'argon2 failed'))
  })
  started.on('exit', () => {
    if (child === started) child = null
    for (const [id, waiting] of pending) {
      pending.delete(id)
      waiting.reject(new Error('password hasher exited'))
    }
  })
  started.on('error', () => started.kill())
  // The child never keeps this process alive on its own.
  started.unref()
  started.channel?.unref()
  return started
}

/**
 * Longest wait for the child's answer to one operation, in ms. One argon2 operation takes ~50 ms, and the
 * child runs one at a time, so only a hung child (stopped, deadlocked) comes near it: it is killed and the
 * work is done in this process, instead of every sign-in of this process waiting behind it for ever.
 * PASSWORD_HASHER_TIMEOUT_MS overrides it (tests).
 */
const childAnswerTimeoutMs = () => Number(process.env.PASSWORD_HASHER_TIMEOUT_MS) || 10_000

function inChild(work: PasswordWork) {
  child ??= startChild()
  const id = nextId++
  const target = child
  return new Promise<string | boolean>((resolve, reject) => {
    const timeoutMs = childAnswerTimeoutMs()
    const timer = setTimeout(() => {
      if (!pending.delete(id)) return
      if (child === target) child = null
      target.kill('SIGKILL')
      reject(new Error(`no answer in ${timeoutMs} ms`))
    }, timeoutMs)
    timer.unref()
    const settle =
      <T>(finish: (value: T) => void) =>
      (value: T) => {
        clearTimeout(timer)
        finish(value)
      }
    pending.set(id, { resolve: settle(resolve), reject: settle(reject) })
    target.send({ id, ...work }, (error) => {
      if (!error || !pending.delete(id)) return
      clearTimeout(timer)
      reject(error)
    })
  })
}

/** The hashing child's pid, or null when none runs (for tests and diagnostics). */
export function passwordHasherPid() {
  return child?.pid ?? null
}

/** Stops the hashing child, if any (tests; the server's child ends with its parent). */
export function stopPasswordHasher() {
  child?.kill()
  child = null
}
