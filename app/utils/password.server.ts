import argon2 from 'argon2'
import { runPasswordWork } from './password-work.server'

// OWASP Password Storage Cheat Sheet minimum for argon2id: 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const

// Every hash and check goes through the bounded password queue (./password-work.server.ts, issue 10 §3):
// in the server each throws its 503 "busy, try again" Response when the queue is full, which Remix answers
// as such (no 500); the sign-in page says it beside the form.

/** The argon2id hash of `password` (encoded, with its parameters). Throws the 503 busy Response when the queue is full. */
export function hashPassword(password: string) {
  return runPasswordWork({ op: 'hash', password, options: OPTIONS })
}

/** Whether `password` matches the stored `hash` (false for a malformed hash). Throws the 503 busy Response when the queue is full. */
export function verifyPassword(hash: string, password: string) {
  return runPasswordWork({ op: 'verify', hash, password })
}

let dummyHash: Promise<string> | undefined
/** Spends the same time as a real check, so an unknown user name cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string) {
  // A dummy hash refused as busy is made again by the next caller.
  dummyHash ??= hashPassword('dummy-password-for-timing').catch((error: unknown) => {
    dummyHash = undefined
    throw error
  })
  await verifyPassword(await dummyHash, password)
  return false
}

export function needsRehash(hash: string) {
  return argon2.needsRehash(hash, OPTIONS)
}
