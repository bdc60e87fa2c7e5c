import { z } from '~/rules/zod'
import { parseListParams } from './list'

// The bureau's employers list and its export read one search from the URL: part of a name or a 统一社会信用代码.
// Employer names and codes are not personal data, so the search may sit in a URL (and a file name).

const SEARCH = z.string().transform((raw) => raw.trim().slice(0, 40))

/** The employers search of a URL's search parameters, trimmed and at most 40 characters ('' when none). Never throws. */
export function readEmployerSearch(search: URLSearchParams): string {
  return parseListParams(search, { q: SEARCH }).q ?? ''
}
