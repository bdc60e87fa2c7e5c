import { eq } from 'drizzle-orm'
import { afterEach, expect, test, vi } from 'vitest'
import { sessions, users } from '../../db/schema'
import { getUser } from '~/utils/auth.server'
import { db } from '~/utils/db.server'
import { sessionCookie } from '~/utils/session.server'
import { createWorkerAccount } from '../factories'
import { cookieFor, get } from '../request'

// Issue 10 §2: what every signed-in page pays first. The session, user and organisation are one prepared
// statement, and the root's and the page's loaders of one request share one look-up — without keeping any
// answer after it is given, so a disabled account or an ended session is refused by the next request.

afterEach(() => {
  vi.restoreAllMocks()
})

test('同一请求的两个加载函数共用一次会话查询 / two loaders of one request share one session look-up', async () => {
  const cookie = await cookieFor('weifang')
  const parse = vi.spyOn(sessionCookie, 'parse')
  const [root, page] = await Promise.all([getUser(get('/east', cookie)), getUser(get('/east?_routes=x', cookie))])
  expect(parse).toHaveBeenCalledTimes(1)
  expect(root).toEqual(page)
  expect(root).toMatchObject({
    role: 'east',
    username: 'weifang',
    verified: true,
    mustChangePassword: false,
    organisation: { kind: 'bureau', areaCode: '370700' },
  })
  // Another browser's cookie is looked up on its own.
  const other = await cookieFor('kaizhou')
  const [a, b] = await Promise.all([getUser(get('/east', cookie)), getUser(get('/west', other))])
  expect(a?.username).toBe('weifang')
  expect(b?.username).toBe('kaizhou')
})

test('会话查询不再每次重新编译语句 / the session look-up prepares no statement per request', async () => {
  const cookie = await cookieFor('dezhou')
  await getUser(get('/east', cookie))
  const prepare = vi.spyOn(db.$client, 'prepare')
  for (let i = 0; i < 5; i++) expect((await getUser(get('/east', cookie)))?.username).toBe('dezhou')
  expect(prepare).not.toHaveBeenCalled()
})

test('停用账号、会话过期或删除后，下一个请求立即被拒 / a disabled account, an expired or ended session is refused by the very next request', async () => {
  const { user } = await createWorkerAccount('fengdu')
  const cookie = await cookieFor(user.username)
  const first = await getUser(get('/me', cookie))
  expect(first).toMatchObject({ id: user.id, role: 'worker', verified: true, organisation: { kind: 'centre', areaCode: '500230' } })

  db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id)).run()
  expect(await getUser(get('/me', cookie))).toBeNull()
  db.update(users).set({ disabledAt: null }).where(eq(users.id, user.id)).run()
  expect((await getUser(get('/me', cookie)))?.id).toBe(user.id)

  db.update(sessions)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(sessions.userId, user.id))
    .run()
  expect(await getUser(get('/me', cookie))).toBeNull()

  const again = await cookieFor(user.username)
  expect((await getUser(get('/me', again)))?.id).toBe(user.id)
  db.delete(sessions).where(eq(sessions.userId, user.id)).run()
  expect(await getUser(get('/me', again))).toBeNull()
})

test('没有或伪造的 cookie 得到未登录 / no cookie or a forged one is signed out', async () => {
  expect(await getUser(get('/east'))).toBeNull()
  expect(await getUser(get('/east', '__session=forged-value'))).toBeNull()
  const real = await cookieFor('zaozhuang')
  expect(await getUser(get('/east', real.slice(0, -3) + 'abc'))).toBeNull()
})
