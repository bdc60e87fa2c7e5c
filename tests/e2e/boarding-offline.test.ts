import { randomUUID } from 'node:crypto'
import { expect, inject, test } from 'vitest'
import { todayInShanghai } from '~/rules/dates'
import { formPoster, kaizhouBatchOverHttp, staffCookieAt } from './http-forms'
import { DEMO_PASSWORD, PHONE, screenshot, signIn, useBrowser, withDatabase } from './browser'
import { cuttableSignal } from './signal'

// Issue 12 §6 in a real Chromium on a 360 px phone against the production server: the escort opens the
// boarding list with a signal, the network goes off, three people are ticked, the page is reloaded with no
// signal and still shows the list with the three ticks queued; meanwhile another session marks one of them
// differently. When the signal returns the queue syncs by itself: the database holds each mark once, and the
// conflicting one is shown on the phone (not overwritten) until the escort chooses.

const baseURL = inject('baseURL')
const { freshContextPage, closeAll } = useBrowser()

const postAs = formPoster(baseURL)

/** A closed kaizhou batch leaving today with four ledger people seated, made over HTTP as staff would. Returns its id and seats in seat order. */
async function closedBatchToday(cookie: string) {
  const today = todayInShanghai()
  const { path, batchId } = await kaizhouBatchOverHttp(baseURL, cookie, { departureDate: today, plate: '渝D66001' })
  const candidates = withDatabase((db) =>
    db
      .prepare(
        `select w.id_number as id from workers w join organisations o on o.id = w.organisation_id
          where o.area_code = '500154' and w.archived_at is null
            and not exists (select 1 from batch_seats s where s.worker_id = w.id and s.departure_date = ? and s.status in ('seated', 'waitlisted'))
          order by w.id limit 40`,
      )
      .all(today),
  ) as { id: string }[]
  // Added as staff add people (by ID number); someone the page refuses (the demo data changes) is skipped.
  let added = 0
  for (const { id } of candidates) {
    if (added === 4) break
    if ((await postAs(cookie, path, { intent: 'add_worker', idNumber: id })).status === 302) added += 1
  }
  expect(added).toBe(4)
  expect((await postAs(cookie, path, { intent: 'close' })).status).toBe(302)
  const seats = withDatabase((db) =>
    db
      .prepare(`select s.id, w.name from batch_seats s join workers w on w.id = s.worker_id where s.batch_id = ? and s.status = 'seated' order by s.seat_no`)
      .all(batchId),
  ) as { id: number; name: string }[]
  expect(seats).toHaveLength(4)
  return { batchId, seats }
}

function marksOf(batchId: number) {
  return withDatabase((db) => {
    const seats = db.prepare('select id, boarding from batch_seats where batch_id = ? order by seat_no').all(batchId) as {
      id: number
      boarding: string | null
    }[]
    const checkins = (db.prepare('select count(*) as n from boarding_checkins where batch_id = ?').get(batchId) as { n: number }).n
    const audits = db
      .prepare(
        `select entity_id as seatId, count(*) as n from audit_log where action = 'seat.boarding' and entity_id in (select cast(id as text) from batch_seats where batch_id = ?) group by entity_id`,
      )
      .all(batchId) as { seatId: string; n: number }[]
    return { seats, checkins, audits: Object.fromEntries(audits.map((a) => [Number(a.seatId), a.n])) }
  })
}

test('无信号时登记三人，离线刷新仍在，来信号后自动同步且只算一次，他人同时改过的显示冲突 / three ticks with no signal survive an offline reload, sync once when the signal returns, and a conflicting mark made meanwhile is shown', async () => {
  const cookie = await staffCookieAt(baseURL)
  const { batchId, seats } = await closedBatchToday(cookie)
  const [a, b, c, d] = seats
  const path = `/west/batches/${batchId}/boarding`
  // The phone reaches the portal through a relay the test can cut, so "no signal" stops the service worker's
  // requests too, not only the page's (the browser's offline switch alone does not always).
  const signal = await cuttableSignal(baseURL)
  const phoneURL = signal.url
  try {
    const { context, page } = await freshContextPage(PHONE)
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => (message.type() === 'error' ? errors.push(message.text()) : undefined))
    await signIn(page, phoneURL, 'kaizhou', DEMO_PASSWORD)
    // Reached by a link inside the app (no page load), as from the batch's page: the route's own script is
    // then loaded by the app, not named in the document, and must still be kept for a reload offline.
    await page.goto(`${phoneURL}/west/batches/${batchId}`)
    await page.waitForFunction(() => '__remixRouter' in window)
    await page.evaluate((to) => (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate(to), path)
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已同步' }).count(), { timeout: 15_000 }).toBe(1)
    // The service worker has kept the page and its files before the signal goes.
    await expect
      .poll(
        () =>
          page.evaluate(async (scope) => {
            const keys = await (await caches.open(`boarding:${scope}`)).keys()
            return keys.some((k) => new URL(k.url).pathname === scope) && keys.some((k) => new URL(k.url).pathname.startsWith('/build/'))
          }, path),
        { timeout: 20_000 },
      )
      .toBe(true)
    await screenshot(page, 'boarding-360-online')
    // The kept copy's render id (every render has its own): the offline reload must show exactly that copy.
    const keptRenderId = await page.evaluate(async (scope) => {
      const kept = await (await caches.open(`boarding:${scope}`)).match(scope)
      return /name="renderId" value="([^"]+)"/.exec((await kept?.text()) ?? '')?.[1] ?? null
    }, path)
    expect(keptRenderId).toMatch(/^[0-9a-f-]{36}$/)

    expect(errors).toEqual([])
    signal.cut()
    await context.setOffline(true)
    const card = (seat: { id: number }) => page.locator(`#seat-${seat.id}`)
    await card(a).getByRole('button', { name: '已上车' }).click()
    await card(b).getByRole('button', { name: '已上车' }).click()
    await card(c).getByRole('button', { name: '未到' }).click()
    await expect.poll(() => page.getByText('3 条待发送（无信号）').count()).toBe(1)
    await expect.poll(() => card(a).innerText()).toContain('待发送')
    // Meanwhile another session (staff at the office, a signal there) marks the third person 已上车.
    const other = await postAs(await staffCookieAt(baseURL), path, {
      intent: 'mark',
      renderId: randomUUID(),
      seatId: String(c.id),
      base: 'none',
      mark: 'boarded',
    })
    expect(other.status).toBe(302)

    // A reload with no signal: the kept page, the ticks still queued on the phone, nothing sent.
    await page.reload()
    await expect.poll(() => page.getByRole('heading', { name: '登记上车' }).count(), { timeout: 15_000 }).toBe(1)
    await expect.poll(() => page.getByText('3 条待发送（无信号）').count(), { timeout: 15_000 }).toBe(1)
    expect(await card(d).innerText()).toContain(d.name)
    expect(await card(d).locator('input[name="renderId"]').inputValue()).toBe(keptRenderId)
    expect(await card(c).innerText()).toContain('未到')
    expect(await page.locator('.boarding-figures').innerText()).toMatch(/已上车 2 \/ 未到 1 \/\s*未标 1/)
    await screenshot(page, 'boarding-360-offline-queued')
    expect(marksOf(batchId).seats.map((s) => s.boarding)).toEqual([null, null, 'boarded', null])

    // The signal returns: the queue goes by itself.
    signal.restore()
    await context.setOffline(false)
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已同步' }).count(), { timeout: 20_000 }).toBe(1)
    const conflict = card(c).getByRole('alert')
    await expect.poll(() => conflict.count()).toBe(1)
    expect(await conflict.innerText()).toMatch(/冲突：手机上标了未到，系统里已被 .+ 标为已上车/)
    await screenshot(page, 'boarding-360-conflict')
    const synced = marksOf(batchId)
    expect(synced.seats.map((s) => s.boarding)).toEqual(['boarded', 'boarded', 'boarded', null])
    expect(synced.checkins).toBe(4)
    expect(synced.audits).toEqual({ [a.id]: 1, [b.id]: 1, [c.id]: 1 })

    // The escort keeps the phone's mark: it goes as a new check-in over the other one.
    await conflict.getByRole('button', { name: '以手机为准：未到' }).click()
    await expect.poll(() => marksOf(batchId).seats[2].boarding, { timeout: 20_000 }).toBe('no_show')
    await expect.poll(() => conflict.count()).toBe(0)
    const settled = marksOf(batchId)
    expect(settled.checkins).toBe(5)
    expect(settled.audits).toEqual({ [a.id]: 1, [b.id]: 1, [c.id]: 2 })

    // Signing out on a shared phone: with a tick still waiting (here one kept for another batch), the escort
    // is warned first and may stay; once signed out the phone keeps no list, no queue and no service worker.
    await page.evaluate(() =>
      localStorage.setItem('boarding:999999', JSON.stringify({ queue: [{ seatId: 1, mark: 'boarded', checkinId: 'x', base: null, at: '' }], conflicts: [] })),
    )
    const dialogs: string[] = []
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await page.getByRole('button', { name: '退出登录' }).click()
    await expect.poll(() => dialogs.length).toBe(1)
    expect(dialogs[0]).toContain('还有 1 条上车登记没有发送')
    expect(await page.getByRole('button', { name: '退出登录' }).count()).toBe(1)
    page.once('dialog', (dialog) => void dialog.accept())
    await page.getByRole('button', { name: '退出登录' }).click()
    await expect.poll(() => page.getByText('您已安全退出登录').count(), { timeout: 40_000 }).toBe(1)
    const kept = () =>
      page.evaluate(async () => ({
        storage: Object.keys(localStorage).filter((k) => k.startsWith('boarding:')),
        caches: (await caches.keys()).filter((k) => k.startsWith('boarding:')),
        workers: (await navigator.serviceWorker.getRegistrations()).length,
      }))
    await expect.poll(kept, { timeout: 30_000 }).toEqual({ storage: [], caches: [], workers: 0 })
  } finally {
    await closeAll()
    await signal.close()
  }
}, 120_000)

test('没有 JavaScript 也能逐人登记和按纸质名单补录 / without JavaScript a row’s buttons and the paper entry work, on a 360 px phone', async () => {
  const cookie = await staffCookieAt(baseURL)
  const { batchId, seats } = await closedBatchToday(cookie)
  const [a, b] = seats
  const path = `/west/batches/${batchId}/boarding`
  try {
    const { page } = await freshContextPage({ ...PHONE, javaScriptEnabled: false })
    await signIn(page, baseURL, 'kaizhou', DEMO_PASSWORD)
    await page.goto(baseURL + path)
    await page.locator(`#seat-${a.id}`).getByRole('button', { name: '未到' }).click()
    await page.waitForLoadState('load')
    expect(new URL(page.url()).hash).toBe(`#seat-${a.id}`)
    expect(await page.getByRole('status').filter({ hasText: '已登记：未到。' }).count()).toBe(1)
    expect(await page.locator(`#seat-${a.id}`).innerText()).toContain('未到')
    expect(await page.locator('.boarding-figures').innerText()).toMatch(/已上车 0 \/ 未到 1 \/\s*未标 3/)

    await page.getByRole('link', { name: '按纸质名单补录' }).click()
    await page
      .getByRole('radiogroup', { name: `${b.name} 的登记` })
      .getByLabel('已上车')
      .check()
    await page
      .getByRole('radiogroup', { name: `${a.name} 的登记` })
      .getByLabel('已上车')
      .check()
    await screenshot(page, 'boarding-360-paper')
    await page.getByRole('button', { name: '保存补录' }).click()
    await page.waitForLoadState('load')
    expect(await page.getByRole('status').filter({ hasText: '已按纸质名单补录 2 人。' }).count()).toBe(1)
    const marks = withDatabase((db) => db.prepare('select boarding from batch_seats where batch_id = ? order by seat_no').all(batchId)) as {
      boarding: string | null
    }[]
    expect(marks.map((m) => m.boarding)).toEqual(['boarded', 'boarded', null, null])
    const paper = withDatabase((db) =>
      db
        .prepare(
          `select count(*) as n from audit_log where action = 'seat.boarding' and reason = 'paper'
              and entity_id in (select cast(id as text) from batch_seats where batch_id = ?)`,
        )
        .get(batchId),
    ) as { n: number }
    expect(paper.n).toBe(2)

    // Departure freezes the list: the page says so and offers no buttons; the manifest carries the marks.
    expect((await postAs(cookie, `/west/batches/${batchId}`, { intent: 'depart' })).status).toBe(302)
    await page.goto(baseURL + path)
    expect(await page.getByText('批次已发车，乘车名单已冻结，不能再登记上车。').count()).toBe(1)
    expect(await page.getByRole('button', { name: '已上车' }).count()).toBe(0)
    expect(await page.getByRole('link', { name: '按纸质名单补录' }).count()).toBe(0)
    await screenshot(page, 'boarding-360-frozen')
    await page.goto(`${baseURL}/west/batches/${batchId}/manifest`)
    expect(await page.getByRole('row').filter({ hasText: a.name }).innerText()).toContain('已上车')
  } finally {
    await closeAll()
  }
}, 120_000)
