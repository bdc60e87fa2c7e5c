import { expect, test } from 'vitest'
import { clientWentAway } from './remix-handler'

test('访客中途离开的下载不算服务器错误，别的错误照常记录 / a download the visitor left is no server error; any other error still is', () => {
  for (const code of ['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE']) {
    expect(clientWentAway(Object.assign(new Error('closed'), { code }), { destroyed: true }), code).toBe(true)
    // The same code while the answer is still open is a fault of the portal's own streams: logged.
    expect(clientWentAway(Object.assign(new Error('closed'), { code }), { destroyed: false }), code).toBe(false)
  }
  for (const error of [new Error('boom'), Object.assign(new Error('x'), { code: 'SQLITE_BUSY' }), null, undefined, 'text'])
    expect(clientWentAway(error, { destroyed: true })).toBe(false)
})
