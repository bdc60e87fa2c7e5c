import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

// patches/@remix-run+server-runtime+2.17.5.patch (decision 023): Remix hands a loader or action a copy of the
// request only when its URL carries a parameter Remix strips (`index`, `_routes`, `_data`); otherwise the
// request itself, instead of two fresh copies per call.

type Args = { request: Request }
/** Remix's internal call of a route's action (`action`) or loader (`loader`); not exported from its index. */
type CallRoute = (options: {
  loadContext: unknown
  action?: (args: Args) => Promise<unknown>
  loader?: (args: Args) => Promise<unknown>
  params: Record<string, string>
  request: Request
  routeId: string
  singleFetch: boolean
}) => Promise<unknown>

const { callRouteAction, callRouteLoader } = createRequire(import.meta.url)('@remix-run/server-runtime/dist/data.js') as {
  callRouteAction: CallRoute
  callRouteLoader: CallRoute
}

/** The request an action is given for `url`, posted with a form body; its body read as text. */
async function actionSees(url: string, singleFetch = true) {
  const request = new Request(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'intent=book&batchId=7' })
  let seen: Request | null = null
  await callRouteAction({
    loadContext: {},
    action: (args) => {
      seen = args.request
      return Promise.resolve(null)
    },
    params: {},
    request,
    routeId: 'routes/me.trips',
    singleFetch,
  })
  const given = seen as unknown as Request
  return { same: given === request, url: given.url, body: await given.text() }
}

describe('Remix 只在地址带有要去掉的参数时复制请求 / Remix copies the request only when its URL has a parameter to strip', () => {
  it('没有这些参数时，操作拿到的就是原请求，表单内容不变 / without them the action gets the request itself, its form intact', async () => {
    expect(await actionSees('http://localhost/me/trips')).toEqual({ same: true, url: 'http://localhost/me/trips', body: 'intent=book&batchId=7' })
    expect(await actionSees('http://localhost/me/trips?page=2', false)).toMatchObject({ same: true, url: 'http://localhost/me/trips?page=2' })
  })

  it('带 ?index、_routes 或 _data 时照旧去掉它们，其余参数和表单内容保留 / with ?index, _routes or _data they are stripped as before, the rest kept', async () => {
    expect(await actionSees('http://localhost/west/batches?index')).toEqual({
      same: false,
      url: 'http://localhost/west/batches',
      body: 'intent=book&batchId=7',
    })
    expect(await actionSees('http://localhost/west/batches?index=1&q=a')).toMatchObject({ same: false, url: 'http://localhost/west/batches?q=a&index=1' })
    expect(await actionSees('http://localhost/me/trips?_routes=root&page=2')).toMatchObject({ same: false, url: 'http://localhost/me/trips?page=2' })
    expect(await actionSees('http://localhost/me/trips?_data=root', false)).toMatchObject({ same: false, url: 'http://localhost/me/trips' })
  })

  it('加载函数同样：无参数时原请求，有 ?index 时去掉 / loaders likewise: the request itself, or ?index stripped', async () => {
    const seenBy = async (url: string) => {
      const request = new Request(url)
      let seen: Request | null = null
      await callRouteLoader({
        loadContext: {},
        loader: (args) => {
          seen = args.request
          return Promise.resolve(null)
        },
        params: {},
        request,
        routeId: 'routes/me.trips',
        singleFetch: true,
      })
      const given = seen as unknown as Request
      return { same: given === request, url: given.url }
    }
    expect(await seenBy('http://localhost/me/trips')).toEqual({ same: true, url: 'http://localhost/me/trips' })
    expect(await seenBy('http://localhost/west/batches?index&q=a')).toEqual({ same: false, url: 'http://localhost/west/batches?q=a' })
  })
})
