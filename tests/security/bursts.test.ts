import { expect, test } from 'vitest'
import { baseURL } from './server'

// Issue 7 §5: throttles raced. The attempt is now counted in the database under BEGIN IMMEDIATE before the
// password is checked, so a burst cannot slip past the limit — and the portal runs several worker
// processes, so only a count shared through the database holds. These bursts go over HTTP to all of them.

function login(username: string, password: string, ip: string) {
  return fetch(`${baseURL}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': ip },
    body: new URLSearchParams({ username, password }),
  }).then(async (r) => {
    await r.arrayBuffer()
    return r.status
  })
}

test('同一账号并发 60 次猜密码：最多 5 次被核对，之后正确密码也被挡住 / 60 parallel guesses on one account: at most 5 are checked, then even the right password waits', async () => {
  const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => login('13996000201', `wrong-${i}`, `10.3.${i}.1`)))
  const checked = statuses.filter((s) => s !== 429)
  expect(checked.length).toBeLessThanOrEqual(5)
  expect(checked.every((s) => s === 400)).toBe(true)
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(55)
  expect(await login('13996000201', 'Luyu@2026', '10.3.200.1')).toBe(429)
})

test('同一地址并发 100 次不存在的账号：最多 30 次被核对 / 100 parallel attempts on unknown names from one address: at most 30 are checked', async () => {
  const statuses = await Promise.all(Array.from({ length: 100 }, (_, i) => login(`nobody-${i}`, 'x', '10.4.0.1')))
  expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(30)
  expect(statuses.every((s) => s === 400 || s === 429)).toBe(true)
})
