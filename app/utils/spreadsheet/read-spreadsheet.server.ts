import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { GridOptions, GridResult } from './grid.server'

// Spreadsheets are read off the main thread (issue 7): a hostile file may still cost CPU up to the
// reader's limits, and that must not stall every other user's request. Each read gets a fresh worker
// thread with its own small heap and a wall-clock limit; one read runs at a time per process, a few
// wait their turn, and the rest are told to come back later. The queue is shared by every account,
// so each account (owner) has at most one read running or waiting: one county's ten uploads cannot
// make another county's one-line file wait behind them. A read whose request is gone (its signal
// aborted) leaves the queue, or stops its worker, at once.

/** Reads running at once in this process (the machine has two cores; the other serves requests). */
const RUNNING_AT_ONCE = 1
/** Reads allowed to wait for their turn; more are refused as busy. */
const WAITING_AT_MOST = 4
/** Wall-clock limit of one read, in ms, after which its worker is terminated. */
export const READ_TIMEOUT_MS = 15_000
/** Heap of a reading worker: V8 stops the worker (not the process) when it runs out. */
const WORKER_HEAP_MB = 128

// The worker is a real file resolved at run time: routes are bundled into build/index.js, so a path
// relative to this module would point into the build folder. The server runs from the repository root.
const WORKER_FILE = path.resolve(process.cwd(), 'app/utils/spreadsheet/worker.mjs')

/**
 * A read's outcome: the grid or a reader failure, or why it was not read — `busy` (the queue is
 * full), `owner-busy` (this owner already has a read running or waiting), `aborted` (the signal
 * fired), `timeout`, `memory` (the worker's heap ran out).
 */
export type SpreadsheetReadResult = GridResult | { ok: false; reason: 'busy' | 'owner-busy' | 'aborted' | 'timeout' | 'memory' }

export type ReadRequest = {
  /** Wall-clock limit in ms, counted from the worker's start; default READ_TIMEOUT_MS. */
  timeoutMs?: number
  /** Whose read this is (the signed-in user's id): one read running or waiting per owner. */
  owner?: string | number
  /** The request's signal: when it aborts, a waiting read leaves the queue and a running one is stopped. */
  signal?: AbortSignal
}

let running = 0
const queue: { start: () => void }[] = []
const owners = new Set<string | number>()

/**
 * Reads a spreadsheet's grid in a worker thread under `options.limits`, at most one at a time per
 * process and one per owner. Resolves to the grid, a reader failure, or a SpreadsheetReadResult reason
 * (`owner-busy` and `busy` at once, without waiting). Throws only if the worker file is missing.
 */
export async function readSpreadsheetGrid(
  bytes: Uint8Array,
  options: GridOptions,
  { timeoutMs = READ_TIMEOUT_MS, owner, signal }: ReadRequest = {},
): Promise<SpreadsheetReadResult> {
  if (signal?.aborted) return { ok: false, reason: 'aborted' }
  if (owner != null && owners.has(owner)) return { ok: false, reason: 'owner-busy' }
  if (running >= RUNNING_AT_ONCE) {
    if (queue.length >= WAITING_AT_MOST) return { ok: false, reason: 'busy' }
    if (owner != null) owners.add(owner)
    // The finishing read hands its slot over directly, so no newcomer can slip in between.
    const started = await new Promise<boolean>((resolve) => {
      const waiting = {
        start() {
          signal?.removeEventListener('abort', leave)
          resolve(true)
        },
      }
      function leave() {
        const at = queue.indexOf(waiting)
        if (at === -1) return
        queue.splice(at, 1)
        resolve(false)
      }
      queue.push(waiting)
      signal?.addEventListener('abort', leave, { once: true })
    })
    if (!started) {
      if (owner != null) owners.delete(owner)
      return { ok: false, reason: 'aborted' }
    }
  } else {
    running += 1
    if (owner != null) owners.add(owner)
  }
  try {
    return await runWorker(bytes, options, timeoutMs, signal)
  } finally {
    if (owner != null) owners.delete(owner)
    const next = queue.shift()
    if (next) next.start()
    else running -= 1
  }
}

function runWorker(bytes: Uint8Array, options: GridOptions, timeoutMs: number, signal: AbortSignal | undefined): Promise<SpreadsheetReadResult> {
  if (!fs.existsSync(WORKER_FILE)) throw new Error(`spreadsheet worker not found at ${WORKER_FILE}; start the server from the repository root`)
  // The worker gets its own copy of the bytes, moved rather than cloned.
  const copy = bytes.slice()
  return new Promise((resolve, reject) => {
    let result: SpreadsheetReadResult | null = null
    const worker = new Worker(WORKER_FILE, {
      workerData: { bytes: copy, options },
      transferList: [copy.buffer],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      execArgv: [],
    })
    const timer = setTimeout(() => {
      result ??= { ok: false, reason: 'timeout' }
      void worker.terminate()
    }, timeoutMs)
    // Nobody is waiting for the answer any more: the thread stops, and the next read starts.
    const abort = () => {
      result ??= { ok: false, reason: 'aborted' }
      void worker.terminate()
    }
    if (signal?.aborted) abort()
    else signal?.addEventListener('abort', abort, { once: true })
    worker.once('message', (message: GridResult) => {
      result ??= message
      void worker.terminate()
    })
    worker.once('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        result ??= { ok: false, reason: 'memory' }
        return
      }
      // Whatever else a file makes the reader throw is a file that cannot be read, not a server error.
      console.error(`spreadsheet worker failed: ${error.message}`)
      result ??= { ok: false, reason: options.format === 'xlsx' ? 'corrupt' : 'csv' }
    })
    // The slot is released only when the thread is gone and its memory with it.
    worker.once('exit', () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', abort)
      if (result) resolve(result)
      else reject(new Error('spreadsheet worker exited without an answer'))
    })
  })
}
