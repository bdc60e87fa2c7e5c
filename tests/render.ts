import { createElement, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { BASE } from './request'

// Renders a component that uses Remix's Form, Link and navigation hooks to static HTML, as the server would,
// inside a data router at `path` — for tests that must read what a card shows, not only what a loader returns.

/** The HTML `element` renders to at `path` (the element is the only route; no loaders run). */
export async function renderAt(element: ReactElement, path = '/') {
  const handler = createStaticHandler([{ path: '*', element }])
  const context = await handler.query(new Request(BASE + path))
  if (context instanceof Response) throw new Error(`render answered ${context.status}`)
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToStaticMarkup(createElement(StaticRouterProvider, { router, context, hydrate: false }))
}

/** The text of rendered HTML as a reader sees it: tags dropped, the common entities decoded, whitespace collapsed. */
export function textOf(html: string) {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}
