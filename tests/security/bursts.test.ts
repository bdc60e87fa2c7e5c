import { expect, test } from 'vitest'
import { makeIdNumber } from '~/rules/id-number'
import { baseURL, query } from './server'

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

function register(fields: { idNumber: string; phone: string }, ip: string) {
  return fetch(`${baseURL}/register`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': ip },
    body: new URLSearchParams({ name: '试注册', countyCode: '500154', password: 'Qiao-2026-lu', confirmPassword: 'Qiao-2026-lu', ...fields }),
  }).then(async (r) => ({ status: r.status, body: await r.text() }))
}

test('同一地址并发 60 次注册：最多 30 个账号 / 60 parallel sign-ups from one address create at most 30 accounts', async () => {
  const before = query<{ n: number }>("select count(*) n from users where role = 'worker'")[0].n
  const answers = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      register(
        { idNumber: makeIdNumber({ areaCode: '500154', birthDate: '1991-07-13', sequence: 700 + i }), phone: `177${String(20_000_000 + i).padStart(8, '0')}` },
        '10.5.0.1',
      ),
    ),
  )
  const created = query<{ n: number }>("select count(*) n from users where role = 'worker'")[0].n - before
  expect(created).toBeLessThanOrEqual(30)
  expect(answers.filter((a) => a.status === 302).length).toBe(created)
  expect(answers.every((a) => a.status === 302 || a.status === 429)).toBe(true)
})

test('用已登记的身份证号试探：回答中立、计入限流、不告诉是否登记 / probing with registered ID numbers gets the neutral answer, counts toward the limit and confirms nothing', async () => {
  const taken = query<{ idNumber: string }>("select id_number idNumber from users where role = 'worker' and id_number is not null limit 40")
  expect(taken.length).toBe(40)
  const answers = await Promise.all(taken.map((t, i) => register({ idNumber: t.idNumber, phone: `177${String(30_000_000 + i).padStart(8, '0')}` }, '10.5.0.2')))
  expect(answers.every((a) => a.status === 200 || a.status === 429)).toBe(true)
  const answered = answers.filter((a) => a.status === 200)
  expect(answered.length).toBeLessThanOrEqual(30)
  expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(10)
  for (const a of answered) {
    expect(a.body).toContain('已受理')
    expect(a.body).not.toMatch(/已注册|已被注册|已登记|身份证号码已/)
  }
})
