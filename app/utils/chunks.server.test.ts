import fc from 'fast-check'
import { expect, test } from 'vitest'
import { CHUNK_SIZE, newestFirstInSteps, readInChunks, type NewestFirstMark } from './chunks.server'

test('按给定顺序逐批读出，每批不超过上限，已删除的跳过 / rows come back in the given order, a bounded chunk at a time, deleted ones skipped', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { maxLength: 2_000 }), fc.integer({ min: 0, max: 9 }), (ids, gone) => {
      const calls: number[][] = []
      // The store returns the rows of a chunk in its own order and has lost every id ending in `gone`.
      const read = (chunk: number[]) => {
        calls.push(chunk)
        return [...chunk]
          .sort((a, b) => b - a)
          .filter((id) => id % 10 !== gone)
          .map((id) => ({ id }))
      }
      const rows = [...readInChunks(ids, read, (r) => r.id)]
      expect(rows.map((r) => r.id)).toEqual(ids.filter((id) => id % 10 !== gone))
      expect(calls.every((c) => c.length > 0 && c.length <= CHUNK_SIZE)).toBe(true)
      expect(calls.length).toBe(Math.ceil(ids.length / CHUNK_SIZE))
    }),
    { numRuns: 50 },
  )
})

test('不取就不读：生成器按需读下一批 / nothing is read until asked: the next chunk is read when the rows are', () => {
  let reads = 0
  const rows = readInChunks(
    Array.from({ length: CHUNK_SIZE * 3 }, (_, i) => i + 1),
    (chunk) => (reads++, chunk.map((id) => ({ id }))),
    (r) => r.id,
  )
  expect(reads).toBe(0)
  rows.next()
  expect(reads).toBe(1)
})

test('最新在前分步读：每步从上一步停下处接着读，不重不漏，至多 cap 条 / newest first in steps: each step goes on from where the last stopped, every row once, at most cap', () => {
  fc.assert(
    fc.property(
      // Rows with moments that repeat (a keyset must break ties by id), a step size and a cap.
      fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 5_000 }), at: fc.integer({ min: 0, max: 20 }) }), { selector: (r) => r.id, maxLength: 300 }),
      fc.integer({ min: 1, max: 40 }),
      fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
      (rows, step, cap) => {
        const newest = [...rows].sort((a, b) => b.at - a.at || b.id - a.id)
        const limits: number[] = []
        const nextMarks = (after: NewestFirstMark | null, limit: number) => {
          limits.push(limit)
          return newest.filter((r) => !after || r.at < after.at || (r.at === after.at && r.id < after.id)).slice(0, limit)
        }
        const read = [
          ...newestFirstInSteps(
            nextMarks,
            (ids) => ids.map((id) => ({ id })),
            (r) => r.id,
            { step, cap },
          ),
        ]
        expect(read.map((r) => r.id)).toEqual(newest.slice(0, cap ?? Infinity).map((r) => r.id))
        expect(limits.every((l) => l > 0 && l <= step)).toBe(true)
      },
    ),
    { numRuns: 100 },
  )
})
