import { expect, test } from 'vitest'
import { baseURL, workerProcesses } from './server'

// Issue 7 §4: if a process dies anyway, the way the README starts the portal in production starts it
// again. Here every worker process is killed outright (SIGKILL: no clean-up, as an out-of-memory kill
// would); the supervisor must bring the portal back.

async function answersWithin(ms: number) {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(1_000) })
      if (response.ok) return true
    } catch {
      // not back yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return false
}

test('所有工作进程被杀掉后门户自己恢复 / with every worker process killed, the portal answers again by itself', async () => {
  const before = workerProcesses()
  expect(before.length).toBeGreaterThanOrEqual(1)
  for (const pid of before) process.kill(pid, 'SIGKILL')
  expect(await answersWithin(30_000)).toBe(true)
  const after = workerProcesses()
  expect(after.length).toBe(before.length)
  for (const pid of after) expect(before).not.toContain(pid)
  // Pages, not only the health check: a sign-in page renders.
  const page = await fetch(`${baseURL}/login`)
  expect(page.status).toBe(200)
  expect(await page.text()).toContain('登录')
})
