// Reading a long list (an export of 100,000 rows) without holding it all: the ids come first, in the
// list's order (a few bytes each), then the rows a chunk at a time, each chunk put back into that order.

/** How many rows one chunk reads: small enough to stay well below SQLite's 32,766 bound parameters. */
export const CHUNK_SIZE = 500

/**
 * The rows of `ids`, in the order of `ids`, read `CHUNK_SIZE` at a time. Takes the ordered ids, a
 * function reading the rows of some ids (any order) and a function giving a row's id. Yields each row
 * once; an id whose row has gone (deleted meanwhile) is skipped.
 */
export function* readInChunks<T>(ids: readonly number[], read: (ids: number[]) => T[], idOf: (row: T) => number): Generator<T> {
  for (let start = 0; start < ids.length; start += CHUNK_SIZE) {
    const chunk = ids.slice(start, start + CHUNK_SIZE)
    const byId = new Map(read(chunk).map((row) => [idOf(row), row]))
    for (const id of chunk) {
      const row = byId.get(id)
      if (row) yield row
    }
  }
}

/** Where a newest-first walk stopped: the last row's moment (ms since the epoch) and id. */
export type NewestFirstMark = { id: number; at: number }

/**
 * A list newest first, read in bounded steps for an export: `nextMarks(after, limit)` gives up to `limit`
 * marks (id, moment) newest first after `after` (null: from the newest) — a keyset on (moment, id), so each
 * step is an index range and no step holds the server for long — and their rows are then read a chunk at a
 * time (`read`, as readInChunks). Stops after `cap` ids (Infinity: none) or at the end. Yields each row once.
 */
export function* newestFirstInSteps<T>(
  nextMarks: (after: NewestFirstMark | null, limit: number) => NewestFirstMark[],
  read: (ids: number[]) => T[],
  idOf: (row: T) => number,
  { step, cap = Infinity }: { step: number; cap?: number },
): Generator<T> {
  let after: NewestFirstMark | null = null
  for (let taken = 0; taken < cap;) {
    const limit = Math.min(step, cap - taken)
    const marks = nextMarks(after, limit)
    if (marks.length === 0) return
    taken += marks.length
    after = marks[marks.length - 1]
    yield* readInChunks(
      marks.map((m) => m.id),
      read,
      idOf,
    )
    if (marks.length < limit) return
  }
}

/** Each row of `rows` through `f`, lazily. */
export function* mapRows<A, B>(rows: Iterable<A>, f: (row: A) => B): Generator<B> {
  for (const row of rows) yield f(row)
}
