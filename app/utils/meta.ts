import type { MetaFunction } from '@remix-run/node'

/** The portal's name, after every page title. */
export const SITE_NAME = '鲁渝劳务协作'

/**
 * The `<title>` of a page: `title · 鲁渝劳务协作`.
 * Takes the page's own Chinese name; returns the string for a `meta` export.
 */
export function titleOf(title: string): string {
  return `${title} · ${SITE_NAME}`
}

/**
 * A route's `meta` export for a page whose title does not depend on its data.
 * Takes the page's Chinese name; returns a Remix `MetaFunction` giving `title · 鲁渝劳务协作`.
 */
export function pageTitle(title: string): MetaFunction {
  return () => [{ title: titleOf(title) }]
}
