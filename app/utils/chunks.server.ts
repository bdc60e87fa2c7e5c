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
