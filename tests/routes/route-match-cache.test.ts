import { matchRoutes, type AgnosticRouteObject } from '@remix-run/router'
import { describe, expect, it } from 'vitest'

// patches/@remix-run+router+1.23.3.patch (decision 023): a path's matches are found once per route table and
// handed out as copies, so what one request does with its matches never reaches the next.

const routes: AgnosticRouteObject[] = [
  {
    id: 'root',
    path: '',
    children: [
      { id: 'me.trips', path: 'me/trips' },
      { id: 'west.batches.$batchId', path: 'west/batches/:batchId' },
      { id: 'west.batches.new', path: 'west/batches/new' },
      { id: 'files', path: 'files/*' },
    ],
  },
]

const summary = (matches: ReturnType<typeof matchRoutes>) => matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname }))

describe('路由匹配按路径缓存，每次给出新副本 / route matches are kept per path and handed out as fresh copies', () => {
  it('同一路径两次匹配结果相同但互不相干 / the same path twice: equal answers that share nothing', () => {
    const first = matchRoutes(routes, '/west/batches/12')!
    expect(summary(first)).toEqual([
      { id: 'root', params: { batchId: '12' }, pathname: '/' },
      { id: 'west.batches.$batchId', params: { batchId: '12' }, pathname: '/west/batches/12' },
    ])
    // Within one answer the matches share one params object, as the router makes them.
    expect(first[0].params).toBe(first[1].params)
    // A caller that changes its answer (the router's types say read-only; nothing stops it at run time).
    ;(first[0].params as Record<string, string>).batchId = 'changed'
    first.pop()
    const second = matchRoutes(routes, '/west/batches/12')!
    expect(summary(second)).toEqual([
      { id: 'root', params: { batchId: '12' }, pathname: '/' },
      { id: 'west.batches.$batchId', params: { batchId: '12' }, pathname: '/west/batches/12' },
    ])
    expect(second).not.toBe(first)
    expect(second[0].route).toBe(routes[0])
  })

  it('其他路径、静态优先、通配、不匹配和很长的路径照常 / other paths, static before dynamic, splats, no match and long paths as before', () => {
    expect(summary(matchRoutes(routes, '/west/batches/13'))?.[1]).toEqual({
      id: 'west.batches.$batchId',
      params: { batchId: '13' },
      pathname: '/west/batches/13',
    })
    expect(summary(matchRoutes(routes, '/west/batches/new'))?.[1]).toMatchObject({ id: 'west.batches.new', params: {} })
    expect(summary(matchRoutes(routes, '/me/trips'))?.map((m) => m.id)).toEqual(['root', 'me.trips'])
    expect(matchRoutes(routes, '/nowhere')).toBeNull()
    expect(matchRoutes(routes, '/nowhere')).toBeNull()
    const long = `/files/${'a'.repeat(300)}`
    expect(summary(matchRoutes(routes, long))?.[1]).toEqual({ id: 'files', params: { '*': 'a'.repeat(300) }, pathname: long })
    expect(summary(matchRoutes(routes, '/files/%E5%BC%80%E5%B7%9E'))?.[1].params).toEqual({ '*': '开州' })
  })
})
