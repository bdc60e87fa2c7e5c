// A township typed without its suffix (issue 11 §1): counties write 和谦 for 和谦镇, 汉丰 for 汉丰街道. The
// name is matched on its stem when exactly one township of the county has that stem; two (a 镇 and a
// 乡 of one name) are listed for the person to choose, never guessed.

const SUFFIX = /(街道办事处|街道办|街道|土家族苗族乡|土家族乡|苗族乡|民族乡|镇|乡)$/

/** A township's name without its suffix: 和谦镇 → 和谦, 汉丰街道 → 汉丰. */
export function townshipStem(name: string) {
  return name.trim().replace(SUFFIX, '')
}

/** What a typed township stem found among the county's townships: one, several (their names), or none. */
export type StemMatch = { kind: 'one'; code: string } | { kind: 'many'; names: string[] } | { kind: 'none' }

/**
 * Finds the county's townships whose stem equals the typed name's stem (和谦 or 和谦乡 → 和谦镇).
 * Takes the typed name and the county's townships; returns the one match, the candidates, or none.
 */
export function matchTownshipStem(typed: string, townships: readonly { code: string; name: string }[]): StemMatch {
  const stem = townshipStem(typed.normalize('NFKC').replace(/\s/g, ''))
  if (stem.length < 2) return { kind: 'none' }
  const found = townships.filter((t) => townshipStem(t.name) === stem)
  if (found.length === 1) return { kind: 'one', code: found[0].code }
  if (found.length > 1) return { kind: 'many', names: found.map((t) => t.name) }
  return { kind: 'none' }
}
