import { expect, test } from 'vitest'

// Example tables for the validator tests in app/rules/: one vitest test per row, the row in its name,
// so a failing example names itself.

/** A validator's answer: the cleaned value, or the Chinese message a person sees. */
type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

/** One test per `[input, expected]` row: `run(input)` must deep-equal `expected`. `title` says what the rows show. */
export function testExamples<I, O>(title: string, run: (input: I) => O, rows: ReadonlyArray<readonly [I, O]>) {
  test.each(rows.map(([input, expected]) => ({ input, expected })))(`${title}: $input → $expected`, ({ input, expected }) => {
    expect(run(input)).toEqual(expected)
  })
}

/** One test per raw input: `parse(raw)` must accept it as `value`. */
export function testAccepts<T>(title: string, parse: (raw: string) => Parsed<T>, value: T, raws: readonly string[]) {
  test.each([...raws])(`${title}: %j`, (raw) => {
    expect(parse(raw)).toEqual({ ok: true, value })
  })
}

/** One test per raw input: `parse(raw)` must refuse it with exactly `message`. */
export function testRefusals(title: string, parse: (raw: string) => Parsed<unknown>, message: string, raws: readonly string[]) {
  test.each([...raws])(`${title}: %j`, (raw) => {
    expect(parse(raw)).toEqual({ ok: false, message })
  })
}
