// Search terms for Chinese text without a word segmenter: overlapping character bigrams (the classic
// CJK indexing of Lucene's CJKAnalyzer). A query's bigrams, as an FTS5 phrase, match exactly the
// documents that contain the query as a substring: 焊工 finds 电焊工, 电焊工 finds 招电焊工若干.
import { normaliseTyped } from './normalise'

/** The longest search a person may type on the board (characters). */
export const SEARCH_TEXT_MAX = 40

const HAN = /\p{Script=Han}/u
/**
 * The token between fields and runs, so a phrase never matches across two of them. A private-use
 * character: FTS5's unicode61 keeps it as a token (category Co), but WORD below never yields one, so no
 * typed search can reach it (issue 9 §11: the word "zzsep" used to match every post).
 */
export const SEARCH_SEPARATOR = '\uE000'
const WORD = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu

/**
 * The words of a text, folded (NFKC, lower case). Invisible characters go first (app/rules/normalise.ts),
 * so a zero-width space pasted inside 电焊工 does not cut it into two words.
 */
function runs(text: string) {
  return (normaliseTyped(text, 'collapse').normalize('NFKC').toLowerCase().match(WORD) ?? []) as string[]
}

function bigramsOf(run: string) {
  const chars = [...run]
  if (!HAN.test(chars[0] ?? '')) return [run]
  if (chars.length === 1) return chars
  const out: string[] = []
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1])
  return out
}

/** The two indexed columns of a document: single Han characters and Latin/number words, and bigrams. */
export function searchDocument(...fields: (string | null | undefined)[]) {
  const uni: string[] = []
  const bi: string[] = []
  for (const field of fields) {
    for (const run of runs(field ?? '')) {
      const chars = [...run]
      if (HAN.test(chars[0])) uni.push(...chars)
      else uni.push(run)
      bi.push(...bigramsOf(run))
      bi.push(SEARCH_SEPARATOR)
    }
  }
  return { uni: uni.join(' '), bi: bi.join(' ') }
}

/**
 * An FTS5 MATCH expression for what a person typed, or null when nothing searchable remains. Each run
 * must occur (AND); a one-character Han run searches the single-character column.
 */
export function searchQuery(typed: string) {
  const parts: string[] = []
  for (const run of runs(typed).slice(0, 8)) {
    const chars = [...run]
    if (HAN.test(chars[0]) && chars.length === 1) parts.push(`uni : "${run}"`)
    else parts.push(`bi : "${bigramsOf(run).join(' ')}"`)
  }
  return parts.length > 0 ? parts.join(' AND ') : null
}
