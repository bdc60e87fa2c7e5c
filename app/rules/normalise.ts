// Text that people type or paste carries characters nobody sees. Copied from a web page, a chat message,
// a PDF or a county's spreadsheet, an ID number or a phone number can hold a zero-width space (U+200B),
// bidirectional marks and embeddings (U+200E, U+202A … U+202E, U+2066 … U+2069 — phones add these around
// numbers), a word joiner (U+2060), a soft hyphen (U+00AD) or a byte-order mark (U+FEFF), besides the
// no-break space (U+00A0) and the ideographic space (U+3000) of Chinese alignment habits. This file is
// the one place that removes them: every normaliser of the rules (ID number, phone, login name, USCC,
// bank card, person name, amounts of money, search text) starts here.

/**
 * Characters that show nothing: every Unicode format character (general category Cf — U+00AD, U+061C,
 * U+180E, U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+2066–U+2069, U+FEFF, tags …) and the other
 * default-ignorable code points (variation selectors, the combining grapheme joiner U+034F, the Hangul
 * fillers U+115F, U+1160, U+3164, U+FFA0), which render as nothing just the same.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu
const ONE_INVISIBLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u
/**
 * Code points that are no character at all: the noncharacters (U+FDD0–U+FDEF, U+FFFE, U+FFFF and the last two
 * of every plane) and halves of surrogate pairs. They show nothing useful, and XML 1.0 forbids U+FFFE, U+FFFF
 * and lone surrogates, so one of them in a stored text would make every xlsx export carrying it unreadable.
 */
const NOT_A_CHARACTER = /[\p{Noncharacter_Code_Point}\p{Cs}]/gu
/**
 * White space as JavaScript's `\s` knows it: ASCII space, tab and line breaks, U+00A0, U+1680,
 * U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 (every Zs) and U+FEFF.
 */
const WHITE_SPACE_RUN = /\s+/gu

/** What becomes of white space: dropped everywhere (codes, names), trimmed at the ends, or collapsed to single spaces. */
export type SpaceHandling = 'drop' | 'trim' | 'collapse'

/**
 * The one normaliser of typed and pasted text. Drops every invisible character (Unicode Cf and the
 * other default-ignorable code points) and every code point that is not a character (noncharacters,
 * lone surrogates), then handles white space as `spaces` says:
 * - `'drop'` removes all of it — for codes and names, where a space is never part of the value
 *   (`'5001 0119…'`, `'张<U+3000>三'`);
 * - `'trim'` (the default) removes it only at the ends;
 * - `'collapse'` turns each run into one ASCII space and trims — for search text.
 *
 * Takes any string; returns a string no longer than it. Nothing else changes (no case or width folding:
 * each caller folds what its own value needs). Never throws.
 */
export function normaliseTyped(raw: string, spaces: SpaceHandling = 'trim'): string {
  const visible = raw.replace(INVISIBLE, '').replace(NOT_A_CHARACTER, '')
  if (spaces === 'drop') return visible.replace(WHITE_SPACE_RUN, '')
  if (spaces === 'collapse') return visible.replace(WHITE_SPACE_RUN, ' ').trim()
  return visible.trim()
}

/** Whether a character is one normaliseTyped always drops (Cf or default-ignorable); for tests and messages. */
export function isInvisible(ch: string): boolean {
  return ONE_INVISIBLE.test(ch)
}

/**
 * What a visitor typed, as a message may quote it back: control, format, surrogate, private-use and unassigned
 * characters dropped, cut to `max` characters (20 by default) with `…` when it was longer. Takes any string;
 * returns the text to put between 「」. Never throws.
 */
export function quoteTyped(text: string, max = 20): string {
  const shown = text.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, '')
  return shown.length > max ? `${shown.slice(0, max)}…` : shown
}
