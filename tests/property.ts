import fc from 'fast-check'
import { expect } from 'vitest'

// fast-check patterns the validator tests in app/rules/ share: one typo in a checked number, and how
// much of a masked value still shows.

/**
 * A value from `valid` and the same value with exactly one character swapped for another one of
 * `alphabetAt(index)` (the characters that position may hold, which must include the original). The
 * replacement always differs from the original, so a check digit that catches every single typo must
 * refuse `mutated`. Returns an arbitrary of `{ original, mutated, index }`.
 */
export function oneCharChanged(valid: fc.Arbitrary<string>, alphabetAt: (index: number) => string) {
  return valid.chain((original) =>
    fc.integer({ min: 0, max: original.length - 1 }).chain((index) => {
      const alphabet = alphabetAt(index)
      return fc.integer({ min: 1, max: alphabet.length - 1 }).map((shift) => {
        const replacement = alphabet[(alphabet.indexOf(original[index]) + shift) % alphabet.length]
        return { original, mutated: original.slice(0, index) + replacement + original.slice(index + 1), index }
      })
    }),
  )
}

/**
 * Checks a display mask two ways: a `valid` value (always `fullLength` characters) keeps exactly its
 * first `head` and last `tail` characters with '*' between; any string of `unit` characters up to
 * `maxLength` long shows (leaves other than '*') at most `head + tail` characters when the mask is
 * `fullLength` long and at most 2 otherwise. Counts code points, so a split surrogate pair counts as shown.
 */
export function assertMaskRule(mask: (raw: string) => string, valid: fc.Arbitrary<string>, { fullLength, head, tail, unit, maxLength }: MaskRule) {
  fc.assert(
    fc.property(valid, (value) => {
      const masked = mask(value)
      expect(masked).toHaveLength(fullLength)
      expect(masked).toBe(value.slice(0, head) + '*'.repeat(fullLength - head - tail) + value.slice(fullLength - tail))
    }),
  )
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...unit), maxLength }), (raw) => {
      const masked = [...mask(raw)]
      const shown = masked.filter((c) => c !== '*').length
      expect(shown).toBeLessThanOrEqual(masked.length === fullLength ? head + tail : 2)
    }),
  )
}

/** What assertMaskRule checks: the masked length of a well-formed value, the characters it keeps at each end, and the random input to try. */
export type MaskRule = { fullLength: number; head: number; tail: number; unit: string; maxLength: number }
