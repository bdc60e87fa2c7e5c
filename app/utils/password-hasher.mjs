// Child-process entry for argon2 work (see password-work.server.ts). A plain .mjs file, never bundled:
// each server worker process starts it by path at run time, so the same file runs under vitest and the
// production build. It lowers its own scheduling priority before argon2 starts any thread (Linux keeps
// a nice value per thread and new threads inherit it), so hashing only takes CPU that pages leave idle.
import os from 'node:os'

const NICE = Number(process.env.PASSWORD_HASHER_NICE ?? 10)
try {
  os.setPriority(NICE)
} catch {
  // Not permitted here: the parent's setPriority on this pid and the queue still bound the work.
}

const { default: argon2 } = await import('argon2')

process.on('message', async (message) => {
  const { id, op, hash, password, options } = message
  try {
    if (op === 'hash') process.send({ id, ok: true, value: await argon2.hash(password, options) })
    else {
      let valid = false
      try {
        valid = await argon2.verify(hash, password)
      } catch {
        // A malformed stored hash verifies nothing.
      }
      process.send({ id, ok: true, value: valid })
    }
  } catch (error) {
    process.send({ id, ok: false, message: error instanceof Error ? error.message : String(error) })
  }
})
// The worker process that started this one is gone: nothing more will be asked.
process.on('disconnect', () => process.exit(0))
process.send({ ready: true })
