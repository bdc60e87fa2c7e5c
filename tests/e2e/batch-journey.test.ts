import fs from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { expect, inject, test } from 'vitest'
import { addDays, todayInShanghai } from '~/rules/dates'
import { verifiedWorkersWithSessions } from '../factories-trips'
import { DEMO_PASSWORD, openConfirmStep, PHONE, signIn, useBrowser, withDatabase } from './browser'
import { cuttableSignal } from './signal'

// Issue 12's "done when" as one browser journey through the real pages on 360 px phones, against the
// production server: a worker registers travel demand, kaizhou makes a batch from it, adds a small bus and
// opens it; the worker is invited on /me and books, a second books, a third is waitlisted and promoted when
// the first cancels; staff close (seat plan) and read the manifest; the escort boards with no signal and the
// marks sync; staff mark departed (the boarding list freezes); the paired bureau confirms arrival and the
// county sees it; another county and another bureau get a 404. Each step is screenshotted into /tmp/h5/.

const baseURL = inject('baseURL')
const databasePath = inject('databasePath')
const SECRET = 'e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz'
const SHOTS = '/tmp/h5'

const { freshContextPage, closeAll } = useBrowser()

let shotNo = 0
/** A full-page screenshot numbered in journey order, e.g. /tmp/h5/03-batch-open.png. */
async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true })
  shotNo += 1
  await page.screenshot({ path: path.join(SHOTS, `${String(shotNo).padStart(2, '0')}-${name}.png`), fullPage: true })
}

/** The one-time notice the page shows after a post (role status), waited for by its text. */
async function notice(page: Page, text: string | RegExp) {
  await expect.poll(() => page.getByRole('status').filter({ hasText: text }).count(), { timeout: 15_000 }).toBeGreaterThan(0)
}

function mainText(page: Page) {
  return page
    .getByRole('main')
    .innerText()
    .then((t) => t.replace(/\s+/g, ' '))
}

/** A phone whose browser holds `cookie` (a worker's session made by the factory): the worker is signed in. */
async function workerPhone(cookie: string): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await freshContextPage(PHONE)
  const [name, value] = cookie.split('=')
  await context.addCookies([{ name, value, url: baseURL, httpOnly: true, sameSite: 'Lax' }])
  return { context, page }
}

async function staffPhone(username: string, at = baseURL) {
  const opened = await freshContextPage(PHONE)
  await signIn(opened.page, at, username, DEMO_PASSWORD)
  return opened
}

type SeatRow = {
  id: number
  workerId: number
  status: string
  seatNo: number | null
  waitlistSeq: number | null
  boarding: string | null
  arrival: string | null
}

function seatsOf(batchId: number): SeatRow[] {
  return withDatabase(
    (db) =>
      db
        .prepare(
          `select id, worker_id as workerId, status, seat_no as seatNo, waitlist_seq as waitlistSeq, boarding, arrival
             from batch_seats where batch_id = ? order by id`,
        )
        .all(batchId) as SeatRow[],
  )
}

function nameOf(workerId: number) {
  return withDatabase((db) => (db.prepare('select name from workers where id = ?').get(workerId) as { name: string }).name)
}

test('从出行需求到到岗确认的完整流程 / demand → batch → book, waitlist and promotion → close → manifest → board offline → depart → arrival confirmed, and no one else sees it', async () => {
  fs.rmSync(SHOTS, { recursive: true, force: true })
  const today = todayInShanghai()
  const { workerIds, cookies } = await verifiedWorkersWithSessions(databasePath, 'kaizhou', 3, SECRET)
  const [first, second, third] = workerIds.map((id, i) => ({ id, name: nameOf(id), cookie: cookies[i] }))
  let signal: Awaited<ReturnType<typeof cuttableSignal>> | undefined
  try {
    // 1. The first worker registers travel demand on their phone, leaving from today within a week.
    const w1 = await workerPhone(first.cookie)
    await w1.page.goto(`${baseURL}/me/trips/demand`)
    await w1.page.getByLabel('最早出发日期', { exact: true }).fill(today)
    await w1.page.getByLabel('最晚出发日期', { exact: true }).fill(addDays(today, 7))
    await shot(w1.page, 'worker-demand-form')
    await w1.page.getByRole('button', { name: '登记出行需求' }).click()
    await notice(w1.page, '出行需求已登记')
    await w1.page.getByRole('heading', { name: '我的出行需求' }).waitFor()
    await shot(w1.page, 'worker-demand-registered')
    const demandId = withDatabase(
      (db) => (db.prepare(`select id from travel_demands where worker_id = ? and state = 'open'`).get(first.id) as { id: number } | undefined)?.id,
    )
    expect(demandId).toBeTypeOf('number')

    // Staff kaizhou tick that demand at /west/demand and make a batch from it.
    const staff = await staffPhone('kaizhou')
    await staff.page.goto(`${baseURL}/west/demand`)
    const demandBox = staff.page.locator(`input[name="demand"][value="${demandId}"]`)
    await demandBox.check()
    await shot(staff.page, 'staff-demand-list')
    await staff.page.getByRole('button', { name: '用所选需求建批次' }).click()
    await staff.page.waitForURL((url) => url.pathname === '/west/batches/new' && url.searchParams.getAll('demand').includes(String(demandId)))
    await staff.page.getByText('来自 1 条出行需求').waitFor()
    expect(await staff.page.getByText('来自 1 条出行需求').innerText()).toContain(first.name)
    expect(await staff.page.getByLabel('发车日期', { exact: true }).inputValue()).toBe(today)
    await staff.page.getByLabel('集合地点', { exact: true }).fill('汉丰街道汽车站')
    await staff.page.getByLabel('集合地址', { exact: true }).fill('开州区汉丰街道滨湖路 1 号')
    await staff.page.getByLabel('发车时间', { exact: true }).fill('07:00')
    await staff.page.getByLabel('带队干部', { exact: true }).fill('王干部')
    await staff.page.getByLabel('带队干部手机', { exact: true }).fill('13800002222')
    await shot(staff.page, 'staff-new-batch-from-demand')
    await staff.page.getByRole('button', { name: '保存草稿' }).click()
    await staff.page.waitForURL(/\/west\/batches\/\d+$/, { timeout: 15_000 })
    const batchId = Number(new URL(staff.page.url()).pathname.split('/').pop())
    await notice(staff.page, '1 条出行需求已编入')
    expect(withDatabase((db) => db.prepare('select state, batch_id as batchId from travel_demands where id = ?').get(demandId))).toEqual({
      state: 'invited',
      batchId,
    })

    // A bus of two seats, then open.
    await staff.page.getByLabel('车牌号', { exact: true }).fill('渝D20261')
    await staff.page.getByLabel('座位数', { exact: true }).fill('2')
    await staff.page.getByRole('button', { name: '添加车辆' }).click()
    await notice(staff.page, '车辆已添加。')
    await staff.page.getByRole('button', { name: '开放报名' }).click()
    await notice(staff.page, '批次已开放报名。')
    expect(await mainText(staff.page)).toContain('已占 0 / 共 2，候补 0 人')
    await shot(staff.page, 'staff-batch-open')

    // 2. The first worker sees the invitation on /me and books at /me/trips.
    await w1.page.goto(`${baseURL}/me`)
    const trips = w1.page.getByRole('region', { name: '行程消息' })
    expect(await trips.innerText()).toMatch(new RegExp(`区县邀请您乘坐${today} 07:00 开往潍坊市的包车`))
    await shot(w1.page, 'worker1-me-invited')
    await trips.getByRole('link', { name: '查看我的行程' }).click()
    await w1.page.waitForURL(`${baseURL}/me/trips`)
    const card = (page: Page) => page.getByRole('listitem').filter({ hasText: `${today} 07:00 开往潍坊` })
    await card(w1.page).getByRole('button', { name: '报名乘车' }).click()
    await notice(w1.page, '报名成功，占到座位。')
    await shot(w1.page, 'worker1-booked')

    // A second worker books the last seat; a third finds it full and joins the waitlist.
    const w2 = await workerPhone(second.cookie)
    await w2.page.goto(`${baseURL}/me/trips`)
    await card(w2.page).getByRole('button', { name: '报名乘车' }).click()
    await notice(w2.page, '报名成功，占到座位。')
    const w3 = await workerPhone(third.cookie)
    await w3.page.goto(`${baseURL}/me/trips`)
    expect(await card(w3.page).innerText()).toContain('已满，可排队候补')
    await card(w3.page).getByRole('button', { name: '排队候补' }).click()
    await notice(w3.page, '报名成功，座位已满，您在候补第 1 位。')
    await shot(w3.page, 'worker3-waitlisted')

    // The first cancels (with the confirmation); the third is promoted in the same moment and told on /me.
    await w1.page.goto(`${baseURL}/me/trips`)
    const own = w1.page.getByRole('region', { name: '我的乘车' })
    await own.getByText('取消乘车', { exact: true }).click()
    await shot(w1.page, 'worker1-cancel-confirm')
    await own.getByRole('button', { name: '确认取消' }).click()
    await notice(w1.page, '已取消乘车。')
    expect(seatsOf(batchId).map((s) => [s.workerId, s.status])).toEqual([
      [first.id, 'cancelled'],
      [second.id, 'seated'],
      [third.id, 'seated'],
    ])
    await w3.page.goto(`${baseURL}/me`)
    expect(await w3.page.getByRole('region', { name: '行程消息' }).innerText()).toMatch(
      new RegExp(`有人取消了，您已从候补转为占座：${today} 07:00 开往潍坊市?。`),
    )
    await shot(w3.page, 'worker3-me-promoted')

    // 3. Staff close the batch: the seat plan gives the two seated people seats 1 and 2 of the bus.
    await staff.page.goto(`${baseURL}/west/batches/${batchId}`)
    await openConfirmStep(staff.page.locator('main'), '截止报名并排座')
    await staff.page.getByRole('button', { name: '确定截止并排座' }).click()
    await notice(staff.page, '报名已截止，座位已排好并通知本人。')
    await shot(staff.page, 'staff-batch-closed')
    const planned = seatsOf(batchId).filter((s) => s.status === 'seated')
    expect(planned.map((s) => s.seatNo).sort()).toEqual([1, 2])
    await staff.page.getByRole('link', { name: '乘车名单' }).click()
    await staff.page.waitForURL(`${baseURL}/west/batches/${batchId}/manifest`)
    const bus = staff.page.getByRole('region', { name: '车辆 渝D20261' })
    await bus.waitFor()
    const rows = await bus.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')))
    const byName = new Map(planned.map((s) => [nameOf(s.workerId), s.seatNo]))
    expect(rows.map(([seat, name]) => [Number(seat), name])).toEqual([...byName].sort((a, b) => a[1]! - b[1]!).map(([name, seat]) => [seat, name]))
    expect(await bus.innerText()).toContain('2 / 2 座')
    await shot(staff.page, 'staff-manifest')

    // 4. The escort opens the boarding list, the signal goes, one is ticked boarded and one no-show; the
    // signal returns and the marks sync.
    const seatOf = (workerId: number) => planned.find((s) => s.workerId === workerId)!
    // The escort's phone reaches the portal through a relay the test can cut (see tests/e2e/signal.ts).
    signal = await cuttableSignal(baseURL)
    const escort = await staffPhone('kaizhou', signal.url)
    await escort.page.goto(`${signal.url}/west/batches/${batchId}/boarding`)
    await escort.page.getByRole('heading', { name: '登记上车' }).waitFor()
    await expect.poll(() => escort.page.getByRole('status').filter({ hasText: '已同步' }).count(), { timeout: 15_000 }).toBe(1)
    await shot(escort.page, 'escort-boarding-online')
    signal.cut()
    await escort.context.setOffline(true)
    await escort.page
      .locator(`#seat-${seatOf(second.id).id}`)
      .getByRole('button', { name: '已上车' })
      .click()
    await escort.page
      .locator(`#seat-${seatOf(third.id).id}`)
      .getByRole('button', { name: '未到' })
      .click()
    await expect.poll(() => escort.page.getByText('2 条待发送（无信号）').count()).toBe(1)
    await shot(escort.page, 'escort-boarding-offline')
    expect(seatsOf(batchId).map((s) => s.boarding)).toEqual([null, null, null])
    signal.restore()
    await escort.context.setOffline(false)
    await expect.poll(() => escort.page.getByRole('status').filter({ hasText: '已同步' }).count(), { timeout: 20_000 }).toBe(1)
    expect(await escort.page.locator('.boarding-figures').innerText()).toMatch(/已上车 1 \/ 未到 1 \/\s*未标 0/)
    await shot(escort.page, 'escort-boarding-synced')
    const boarded = new Map(seatsOf(batchId).map((s) => [s.workerId, s.boarding]))
    expect([boarded.get(second.id), boarded.get(third.id)]).toEqual(['boarded', 'no_show'])
    expect(withDatabase((db) => (db.prepare('select count(*) as n from boarding_checkins where batch_id = ?').get(batchId) as { n: number }).n)).toBe(2)

    // 5. Staff mark the batch departed; the boarding list is then read-only.
    await staff.page.goto(`${baseURL}/west/batches/${batchId}`)
    await staff.page.getByRole('button', { name: '标记已发车' }).click()
    await notice(staff.page, '批次已标记为已发车，乘车名单已冻结。')
    await shot(staff.page, 'staff-departed')
    await escort.page.reload()
    await escort.page.getByText('批次已发车，乘车名单已冻结，不能再登记上车。').waitFor()
    expect(await escort.page.getByRole('button', { name: '已上车' }).count()).toBe(0)
    expect(await escort.page.getByRole('button', { name: '未到' }).count()).toBe(0)
    expect(await escort.page.getByRole('link', { name: '按纸质名单补录' }).count()).toBe(0)
    await shot(escort.page, 'escort-boarding-frozen')

    // 6. The paired bureau (weifang) confirms the boarded worker's arrival; the no-show cannot be ticked.
    const bureau = await staffPhone('weifang')
    await bureau.page.goto(`${baseURL}/east/arrivals/${batchId}`)
    expect(await bureau.page.getByRole('checkbox', { name: `选择 ${third.name}` }).isDisabled()).toBe(true)
    await bureau.page.getByRole('checkbox', { name: `选择 ${second.name}` }).check()
    await shot(bureau.page, 'bureau-arrivals')
    await bureau.page.getByRole('button', { name: '确认到岗' }).click()
    await notice(bureau.page, /已确认到岗 1 人/)
    await shot(bureau.page, 'bureau-confirmed')
    expect(new Map(seatsOf(batchId).map((s) => [s.workerId, s.arrival])).get(second.id)).toBe('arrived')

    // The county sees the confirmation on its batch page (the worker's row says 已到岗).
    await staff.page.goto(`${baseURL}/west/batches/${batchId}`)
    await shot(staff.page, 'staff-sees-arrival')
    const secondRow = staff.page.getByRole('main').locator('tr, li').filter({ hasText: second.name }).last()
    expect.soft(await secondRow.innerText(), 'the county batch page shows the bureau’s 已到岗').toContain('已到岗')
    // Its manifest shows the marks already (登记: 已上车 · 已到岗).
    await staff.page.goto(`${baseURL}/west/batches/${batchId}/manifest`)
    const marked = staff.page.getByRole('region', { name: '车辆 渝D20261' }).locator('tbody tr').filter({ hasText: second.name })
    expect(await marked.innerText()).toContain('已上车 · 已到岗')

    // 7. Another county and another bureau see nothing of it.
    const xiushan = await staffPhone('xiushan')
    for (const page of ['', '/manifest', '/boarding']) {
      const response = await xiushan.page.goto(`${baseURL}/west/batches/${batchId}${page}`)
      expect(response!.status(), `xiushan /west/batches/${batchId}${page}`).toBe(404)
    }
    expect(await mainText(xiushan.page)).not.toContain(second.name)
    await shot(xiushan.page, 'xiushan-404')
    const dezhou = await staffPhone('dezhou')
    const response = await dezhou.page.goto(`${baseURL}/east/arrivals/${batchId}`)
    expect(response!.status()).toBe(404)
    expect(await mainText(dezhou.page)).not.toContain(second.name)
    await shot(dezhou.page, 'dezhou-404')
  } finally {
    await closeAll()
    await signal?.close()
  }
}, 240_000)
