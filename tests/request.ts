import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { users } from '../db/schema'
import { db } from '~/utils/db.server'
import { createSession } from '~/utils/session.server'

export const BASE = 'http://localhost:3000'

export function context(overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  return { cspNonce: 'test-nonce', clientIp: '127.0.0.1', ...overrides }
}

/** A real session row for a demo account, as the Cookie header a browser would send. */
export async function cookieFor(username: string) {
  const user = db.select().from(users).where(eq(users.username, username)).get()
  if (!user) throw new Error(`no demo account ${username}`)
  const setCookie = await createSession({ userId: user.id, role: user.role, ip: '127.0.0.1', userAgent: 'vitest' })
  return toCookieHeader(setCookie)
}

export function toCookieHeader(setCookie: string) {
  return setCookie.split(';')[0]
}

export function get(path: string, cookie?: string) {
  return new Request(BASE + path, { headers: cookie ? { Cookie: cookie } : {} })
}

export function post(path: string, fields: Record<string, string>, cookie?: string) {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
  if (cookie) headers.Cookie = cookie
  return new Request(BASE + path, { method: 'POST', headers, body: new URLSearchParams(fields) })
}

/** Runs a loader or action and returns what it threw (a redirect or an error Response) or returned. */
export async function settle<T>(run: () => Promise<T>): Promise<{ thrown: Response } | { value: T }> {
  try {
    return { value: await run() }
  } catch (error) {
    if (error instanceof Response) return { thrown: error }
    throw error
  }
}

/** The status and body of a `data()` result (single fetch returns { data, init } instead of a Response). */
export function unwrapData<T>(result: unknown): { status: number; data: T } {
  const r = result as { type?: string; data: T; init?: { status?: number } | null }
  if (r && r.type === 'DataWithResponseInit') return { status: r.init?.status ?? 200, data: r.data }
  return { status: 200, data: result as T }
}

/** What a loader or action gave, bare or wrapped by `data()` (single fetch's DataWithResponseInit): its data's type. */
export type DataOf<R> = R extends { type: string; data: infer D; init: ResponseInit | null } ? D : R

/** The data a loader or action gave, whether bare or through `data()` (whose status unwrapData reads). */
export function dataOf<R>(value: R): DataOf<R> {
  return unwrapData<DataOf<R>>(value).data
}

type RouteFn<A, R> = (args: A) => Promise<R>
type RouteArgs = { request: Request; context: AppLoadContext; params: Record<string, string | undefined> }

/**
 * Calls a route's loader as Remix would: a GET of `path` (with `cookie` as the Cookie header, if any),
 * the test load context and `params`. Returns what the loader threw (`thrown`, a redirect or error
 * Response) or returned (`value`, typed as the loader's own return).
 */
export function callLoader<R>(
  loaderFn: RouteFn<LoaderFunctionArgs, R>,
  { path, cookie, params = {} }: { path: string; cookie?: string; params?: Record<string, string> },
) {
  return settle(() => loaderFn({ request: get(path, cookie), context: context(), params } satisfies RouteArgs))
}

/**
 * Calls a route's action as Remix would: a urlencoded POST of `fields` to `path` (with `cookie`, if any),
 * the test load context and `params`. Returns `thrown` (a redirect or error Response) or `value`, typed as
 * the action's own return (pass it to unwrapData for a `data()` reply's status and body).
 */
export function callAction<R>(
  actionFn: RouteFn<ActionFunctionArgs, R>,
  { path, fields, cookie, params = {} }: { path: string; fields: Record<string, string>; cookie?: string; params?: Record<string, string> },
) {
  return settle(() => actionFn({ request: post(path, fields, cookie), context: context(), params } satisfies RouteArgs))
}

/**
 * Signs in as `username` (a fresh session, see cookieFor) and calls a route's action with a urlencoded
 * POST of `fields` to `path`; returns what callAction returns.
 */
export async function actionAs<R>(
  username: string,
  actionFn: RouteFn<ActionFunctionArgs, R>,
  { path, fields, params = {} }: { path: string; fields: Record<string, string>; params?: Record<string, string> },
) {
  return callAction(actionFn, { path, fields, cookie: await cookieFor(username), params })
}

/**
 * The "new record" form of one route as a function: `(username, fields)` signs in as `username` and posts
 * `fields` to `path`'s action (see actionAs), returning what callAction returns.
 */
export function formAs<R>(actionFn: RouteFn<ActionFunctionArgs, R>, path: string) {
  return (username: string, fields: Record<string, string>) => actionAs(username, actionFn, { path, fields })
}
