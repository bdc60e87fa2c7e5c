import { expect, test } from 'vitest'
import { asksForOldData, clientWentAway } from './remix-handler'

test('访客中途离开的下载不算服务器错误，别的错误照常记录 / a download the visitor left is no server error; any other error still is', () => {
  for (const code of ['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE']) {
    expect(clientWentAway(Object.assign(new Error('closed'), { code }), { destroyed: true }), code).toBe(true)
    // The same code while the answer is still open is a fault of the portal's own streams: logged.
    expect(clientWentAway(Object.assign(new Error('closed'), { code }), { destroyed: false }), code).toBe(false)
  }
  for (const error of [new Error('boom'), Object.assign(new Error('x'), { code: 'SQLITE_BUSY' }), null, undefined, 'text'])
    expect(clientWentAway(error, { destroyed: true })).toBe(false)
})

test('旧的 ?_data= 数据请求被认出，别的查询参数不算 / an old-protocol ?_data= request is told apart from other queries', () => {
  for (const url of ['/?_data=routes/root', '/jobs?q=1&_data=x', '/jobs?_data', '/east?_data=&month=2026-11']) expect(asksForOldData(url), url).toBe(true)
  for (const url of ['/', '/jobs?q=_data', '/jobs.data', '/jobs?data=1', '/jobs?x_data=1', '/_data']) expect(asksForOldData(url), url).toBe(false)
})
