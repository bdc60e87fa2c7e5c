import { eq } from 'drizzle-orm'
import { createElement } from 'react'
import { expect, test } from 'vitest'
import { sites } from '../../db/schema'
import { action as eastSiteAction, loader as eastSiteLoader } from '~/routes/east.sites.$siteId'
import { loader as eastListLoader } from '~/routes/east.sites._index'
import { action as eastNewAction, loader as eastNewLoader } from '~/routes/east.sites.new'
import { action as westSiteAction, loader as westSiteLoader } from '~/routes/west.sites.$siteId'
import { loader as westHome } from '~/routes/west._index'
import { loader as westListLoader } from '~/routes/west.sites._index'
import { action as westNewAction, loader as westNewLoader } from '~/routes/west.sites.new'
import { db } from '~/utils/db.server'
import { SiteListPage } from '~/components/site-list'
import { NewSitePage, SitePage } from '~/components/site-form'
import { loader as eastHome } from '~/routes/east._index'
import { createTestSite } from '../factories-sites'
import { actorFor, auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { renderAt } from '../render'
import { actionAs, callAction, callLoader, cookieFor, dataOf, unwrapData } from '../request'

// The owners' site pages (issue 14 §1): east keeps its city's sites, west its county's; another city's,
// county's or side's site is a 404, for a POST before the form is read.

type Reply = { error?: Record<string, string[] | null> }

let n = 0
function freshNumber(prefix = 'TS') {
  n += 1
  return `${prefix}-${n}-${Date.now().toString(36)}`.toUpperCase()
}

function siteForm(overrides: Record<string, string> = {}) {
  return {
    intent: 'save',
    type: 'workstation',
    siteNumber: freshNumber(),
    name: '潍坊高新区劳务工作站',
    address: '潍坊市高新区健康东街 6888 号',
    lat: '36.7066',
    lng: '119.1617',
    contactName: '王敏',
    contactPhone: '0536-8888888',
    openingHours: '周一至周五 8:30-17:30',
    services: 'job_referral',
    workersHelped: '120',
    ...overrides,
  }
}

/** Posts a form with several values of one field (checkboxes). */
async function postMulti(
  actionFn: typeof eastNewAction,
  path: string,
  username: string,
  fields: [string, string][],
  params: Record<string, string> = {},
): Promise<{ value: unknown } | { thrown: Response }> {
  const request = new Request(`http://localhost:3000${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: await cookieFor(username) },
    body: new URLSearchParams(fields),
  })
  try {
    return { value: await actionFn({ request, context: { cspNonce: 'n', clientIp: '127.0.0.1' }, params }) }
  } catch (error) {
    if (error instanceof Response) return { thrown: error }
    throw error
  }
}

function replyOf(result: { value: unknown } | { thrown: Response }) {
  expect('value' in result, 'expected a reply, not a redirect').toBe(true)
  return unwrapData<Reply>((result as { value: unknown }).value)
}

function siteByNumber(siteNumber: string) {
  return db.select().from(sites).where(eq(sites.siteNumber, siteNumber)).get()
}

test('东部新增、修改、关闭、重新开放本市站点，均记审计 / east creates, edits, closes and reopens its city’s site, each audited', async () => {
  const number = freshNumber('wf')
  const created = await postMulti(eastNewAction, '/east/sites/new', 'weifang', [
    ...Object.entries(siteForm({ siteNumber: ` ${number.toLowerCase()} `, contactPhone: '139 9600 0001' })).filter(([k]) => k !== 'services'),
    ['services', 'training'],
    ['services', 'job_referral'],
  ])
  const saved = siteByNumber(number)!
  expect('thrown' in created && (await noticeOf(created.thrown))).toEqual({ location: `/east/sites/${saved.id}`, text: '站点已保存，已显示在地图上。' })
  const weifang = actorFor('weifang')
  expect(saved).toMatchObject({
    organisationId: weifang.organisationId,
    areaCode: weifang.areaCode,
    contactPhone: '13996000001',
    services: '["job_referral","training"]',
    lat: 36.7066,
    version: 1,
    status: 'active',
  })
  expect(auditOf('site.create', saved.id)).toHaveLength(1)

  const params = { siteId: String(saved.id) }
  const page = await callLoader(eastSiteLoader, { path: `/east/sites/${saved.id}`, cookie: await cookieFor('weifang'), params })
  expect('value' in page && page.value.site).toMatchObject({ name: '潍坊高新区劳务工作站', services: ['job_referral', 'training'] })

  const edited = await actionAs('weifang', eastSiteAction, {
    path: `/east/sites/${saved.id}`,
    params,
    fields: siteForm({ siteNumber: number, name: '潍坊高新区劳务工作站（新址）', version: '1' }),
  })
  expect('thrown' in edited && (await noticeOf(edited.thrown)).text).toBe('修改已保存。')
  expect(siteByNumber(number)).toMatchObject({ name: '潍坊高新区劳务工作站（新址）', version: 2, services: '["job_referral"]' })
  expect(auditOf('site.update', saved.id)[0].detail).toMatchObject({ fields: ['name', 'contactPhone', 'services'] })

  const closed = await actionAs('weifang', eastSiteAction, { path: `/east/sites/${saved.id}`, params, fields: { intent: 'close', version: '2' } })
  expect('thrown' in closed && closed.thrown.status).toBe(302)
  expect(siteByNumber(number)).toMatchObject({ status: 'closed', version: 3 })
  expect(siteByNumber(number)!.closedAt).not.toBeNull()
  const reopened = await actionAs('weifang', eastSiteAction, { path: `/east/sites/${saved.id}`, params, fields: { intent: 'reopen', version: '3' } })
  expect('thrown' in reopened && (await noticeOf(reopened.thrown)).text).toContain('重新开放')
  expect(siteByNumber(number)).toMatchObject({ status: 'active', closedAt: null, version: 4 })
  expect(auditOf('site.close', saved.id)).toHaveLength(1)
  expect(auditOf('site.reopen', saved.id)).toHaveLength(1)

  const list = await callLoader(eastListLoader, { path: `/east/sites?q=${encodeURIComponent(number)}`, cookie: await cookieFor('weifang') })
  expect('value' in list && list.value.rows.map((r) => r.id)).toEqual([saved.id])
})

test('西部新增、修改、关闭本区县站点 / west creates, edits and closes its county’s site', async () => {
  const number = freshNumber('kz')
  const created = await actionAs('kaizhou', westNewAction, {
    path: '/west/sites/new',
    fields: siteForm({ siteNumber: number, type: 'workshop', name: '开州区汉丰街道帮扶车间', lat: '31.16', lng: '108.39', contactPhone: '023-52222608' }),
  })
  const saved = siteByNumber(number)!
  expect('thrown' in created && created.thrown.headers.get('Location')).toBe(`/west/sites/${saved.id}`)
  const kaizhou = actorFor('kaizhou')
  expect(saved).toMatchObject({ organisationId: kaizhou.organisationId, areaCode: kaizhou.areaCode, type: 'workshop' })
  const params = { siteId: String(saved.id) }
  const edited = await actionAs('kaizhou', westSiteAction, {
    path: `/west/sites/${saved.id}`,
    params,
    fields: siteForm({ siteNumber: number, type: 'workshop', name: '开州区汉丰帮扶车间', lat: '31.16', lng: '108.39', workersHelped: '300', version: '1' }),
  })
  expect('thrown' in edited && edited.thrown.status).toBe(302)
  expect(siteByNumber(number)).toMatchObject({ name: '开州区汉丰帮扶车间', workersHelped: 300, version: 2 })
  await actionAs('kaizhou', westSiteAction, { path: `/west/sites/${saved.id}`, params, fields: { intent: 'close', version: '2' } })
  expect(siteByNumber(number)).toMatchObject({ status: 'closed' })
  const list = await callLoader(westListLoader, { path: '/west/sites?status=closed', cookie: await cookieFor('kaizhou') })
  expect('value' in list && list.value.rows.every((r) => r.status === 'closed')).toBe(true)
  expect('value' in list && list.value.rows.map((r) => r.id)).toContain(saved.id)
})

test('校验失败：400，提示在字段旁，不写入 / bad input: 400, the message beside its field, nothing saved', async () => {
  const cases: [Record<string, string>, string, string][] = [
    [{ contactPhone: '8888888' }, 'contactPhone', '联系电话应为 11 位手机号，或带区号的固定电话'],
    [{ lat: '60.1' }, 'lat', '纬度应为 18 到 54 之间的数'],
    [{ lng: '-0.12' }, 'lng', '经度应为 73 到 136 之间的数'],
    [{ lat: '', lng: '' }, 'lat', '请在地图上选点'],
    [{ services: '' }, 'services', '请至少选择一项服务内容'],
    [{ siteNumber: '站点一' }, 'siteNumber', '站点编号应为 2 到 32 位字母、数字或短横线'],
    [{ siteNumber: '----' }, 'siteNumber', '站点编号应为 2 到 32 位字母、数字或短横线'],
    [{ siteNumber: '－－—' }, 'siteNumber', '站点编号应为 2 到 32 位字母、数字或短横线'],
    [{ workersHelped: '1.5' }, 'workersHelped', '服务人数应为 0 到 10,000,000 之间的整数'],
  ]
  for (const [overrides, field, message] of cases) {
    const form = siteForm(overrides)
    const result = await actionAs('weifang', eastNewAction, { path: '/east/sites/new', fields: form })
    const { status, data } = replyOf(result)
    expect(status, field).toBe(400)
    expect(data.error?.[field]?.[0], field).toContain(message)
    expect(siteByNumber(form.siteNumber)).toBeUndefined()
  }
})

test('站点位置须在本市县或对口区县：新增和修改都查，400 写在纬度旁 / a site’s point must lie in the owner’s area or its pair, on create and on edit, 400 beside 纬度', async () => {
  // Inside China's box but outside 潍坊 and 开州: Seoul, Ulaanbaatar, Hanoi, Osaka, Lhasa, and 德州 (another pair).
  const outside: [string, string, string][] = [
    ['首尔', '37.5665', '126.978'],
    ['乌兰巴托', '47.9184', '106.9177'],
    ['河内', '21.0278', '105.8342'],
    ['大阪', '34.6937', '135.5023'],
    ['拉萨', '29.65', '91.1'],
    ['德州', '37.4355', '116.3575'],
  ]
  for (const [place, lat, lng] of outside) {
    const form = siteForm({ lat, lng })
    const { status, data } = replyOf(await actionAs('weifang', eastNewAction, { path: '/east/sites/new', fields: form }))
    expect(status, place).toBe(400)
    expect(data.error?.lat?.[0], place).toBe('位置不在潍坊市或开州区境内，请核对纬度、经度')
    expect(siteByNumber(form.siteNumber), place).toBeUndefined()
  }
  // A 潍坊 workstation in 开州 (its pair) is usual; 秀山's own names its pair 德州.
  const inKaizhou = siteForm({ lat: '31.16', lng: '108.39' })
  await actionAs('weifang', eastNewAction, { path: '/east/sites/new', fields: inKaizhou })
  expect(siteByNumber(inKaizhou.siteNumber)).toMatchObject({ lat: 31.16 })
  const xiushan = replyOf(await actionAs('xiushan', westNewAction, { path: '/west/sites/new', fields: siteForm({ lat: '36.7066', lng: '119.1617' }) }))
  expect(xiushan.data.error?.lat?.[0]).toBe('位置不在秀山县或德州市境内，请核对纬度、经度')

  const site = createTestSite({ owner: 'weifang' })
  const edited = await actionAs('weifang', eastSiteAction, {
    path: `/east/sites/${site.id}`,
    params: { siteId: String(site.id) },
    fields: siteForm({ siteNumber: site.siteNumber, lat: '37.5665', lng: '126.978', version: '1' }),
  })
  expect(replyOf(edited)).toMatchObject({ status: 400, data: { error: { lat: ['位置不在潍坊市或开州区境内，请核对纬度、经度'] } } })
  expect(db.select().from(sites).where(eq(sites.id, site.id)).get()).toMatchObject({ lat: site.lat, lng: site.lng, version: 1 })
  expect(auditOf('site.update', site.id)).toHaveLength(0)
})

test('站点编号重复：400，写在编号旁（由唯一约束判定）/ a taken site number: 400 beside the field, decided by the unique index', async () => {
  // Another city's site holds the number: the form cannot know, only sites_number_uq does.
  const other = createTestSite({ owner: 'dezhou' })
  const result = await actionAs('weifang', eastNewAction, { path: '/east/sites/new', fields: siteForm({ siteNumber: other.siteNumber.toLowerCase() }) })
  const { status, data } = replyOf(result)
  expect(status).toBe(400)
  expect(data.error?.siteNumber).toEqual(['站点编号已被使用'])
  // Editing one's own site to a taken number is refused the same way.
  const own = createTestSite({ owner: 'weifang' })
  const edit = await actionAs('weifang', eastSiteAction, {
    path: `/east/sites/${own.id}`,
    params: { siteId: String(own.id) },
    fields: siteForm({ siteNumber: other.siteNumber, version: '1' }),
  })
  expect(replyOf(edit)).toMatchObject({ status: 400, data: { error: { siteNumber: ['站点编号已被使用'] } } })
  expect(db.select().from(sites).where(eq(sites.id, own.id)).get()!.siteNumber).toBe(own.siteNumber)
})

test('同一表单（同一令牌）重复提交只建一个站点 / the same form (one form token) sent twice makes one site', async () => {
  const cookie = await cookieFor('weifang')
  const page = await callLoader(eastNewLoader, { path: '/east/sites/new', cookie })
  const formToken = 'value' in page ? page.value.formToken : ''
  expect(formToken).toMatch(/^[A-Za-z0-9_-]{24}$/)
  const form = { ...siteForm(), formToken }
  const first = await callAction(eastNewAction, { path: '/east/sites/new', fields: form, cookie })
  const again = await callAction(eastNewAction, { path: '/east/sites/new', fields: form, cookie })
  const saved = siteByNumber(form.siteNumber)!
  for (const sent of [first, again]) {
    expect('thrown' in sent, 'a redirect').toBe(true)
    expect(await noticeOf((sent as { thrown: Response }).thrown)).toEqual({ location: `/east/sites/${saved.id}`, text: '站点已保存，已显示在地图上。' })
  }
  expect(auditOf('site.create', saved.id)).toHaveLength(1)
  // Another user's sending of the same token is refused (409), nothing made.
  const stolen = await actionAs('dezhou', eastNewAction, { path: '/east/sites/new', fields: { ...siteForm(), formToken } })
  expect(replyOf(stolen).status).toBe(409)
  // Without a token (not the portal's page) each sending is saved as it comes: the second finds the number taken.
  const bare = siteForm()
  await callAction(eastNewAction, { path: '/east/sites/new', fields: bare, cookie })
  const bareAgain = await callAction(eastNewAction, { path: '/east/sites/new', fields: bare, cookie })
  expect(replyOf(bareAgain)).toMatchObject({ status: 400, data: { error: { siteNumber: ['站点编号已被使用'] } } })
})

test('过期的表单被拒，不覆盖他人修改 / a stale form is refused, never overwriting a colleague’s change', async () => {
  const site = createTestSite({ owner: 'kaizhou', version: 3 })
  const result = await actionAs('kaizhou', westSiteAction, {
    path: `/west/sites/${site.id}`,
    params: { siteId: String(site.id) },
    fields: siteForm({ siteNumber: site.siteNumber, name: '旧表单', lat: '31.16', lng: '108.39', version: '2' }),
  })
  const { status, data } = replyOf(result)
  expect(status).toBe(409)
  expect(data.error?.['']?.[0]).toContain('已被他人修改')
  const close = await actionAs('kaizhou', westSiteAction, {
    path: `/west/sites/${site.id}`,
    params: { siteId: String(site.id) },
    fields: { intent: 'close', version: '1' },
  })
  expect(replyOf(close).status).toBe(409)
  expect(db.select().from(sites).where(eq(sites.id, site.id)).get()).toMatchObject({ name: site.name, status: 'active', version: 3 })
  expect(auditOf('site.update', site.id)).toHaveLength(0)

  // The page says it once: a stale save under the form it came from, a stale close at the top.
  const loaded = await callLoader(westSiteLoader, { path: `/west/sites/${site.id}`, params: { siteId: String(site.id) }, cookie: await cookieFor('kaizhou') })
  if (!('value' in loaded)) throw new Error('the site page redirected')
  for (const [reply, where] of [
    [data, 'form'],
    [replyOf(close).data, 'top'],
  ] as const) {
    const html = await renderAt(createElement(SitePage, { ...loaded.value, side: 'west', lastResult: reply }), `/west/sites/${site.id}`)
    expect(html.split('已被他人修改').length - 1, where).toBe(1)
    // Inside an alert region (role="alert" a few tags before it), so a screen reader hears it.
    const before = html.slice(0, html.indexOf('已被他人修改'))
    expect(before.length - before.lastIndexOf('role="alert"'), where).toBeLessThan(160)
    const form = html.indexOf('<details')
    expect(html.indexOf('已被他人修改') > form, where).toBe(where === 'form')
  }
})

test('别的城市、区县、另一方的站点：读取和提交都是 404 / another city’s, county’s or side’s site is a 404 to read and to post', async () => {
  const dezhou = createTestSite({ owner: 'dezhou' })
  const xiushan = createTestSite({ owner: 'xiushan' })
  const weifang = createTestSite({ owner: 'weifang' })
  const cases = [
    { who: 'weifang', loader: eastSiteLoader, action: eastSiteAction, side: 'east', site: dezhou },
    { who: 'kaizhou', loader: westSiteLoader, action: westSiteAction, side: 'west', site: xiushan },
    // A west centre reaching an east city's site through its own pages, and the other way round.
    { who: 'kaizhou', loader: westSiteLoader, action: westSiteAction, side: 'west', site: weifang },
    { who: 'weifang', loader: eastSiteLoader, action: eastSiteAction, side: 'east', site: xiushan },
  ] as const
  for (const c of cases) {
    const path = `/${c.side}/sites/${c.site.id}`
    const params = { siteId: String(c.site.id) }
    const cookie = await cookieFor(c.who)
    const read = await callLoader(c.loader, { path, cookie, params })
    expect('thrown' in read && read.thrown.status, `${c.who} GET ${path}`).toBe(404)
    // An empty body and a good one alike: the 404 comes before the form is read.
    const bodies: Record<string, string>[] = [{}, { intent: 'close', version: '1' }, siteForm({ siteNumber: c.site.siteNumber, version: '1' })]
    for (const fields of bodies) {
      const posted = await callAction(c.action, { path, cookie, params, fields })
      expect('thrown' in posted && posted.thrown.status, `${c.who} POST ${path}`).toBe(404)
    }
  }
  for (const s of [dezhou, xiushan, weifang]) {
    expect(db.select().from(sites).where(eq(sites.id, s.id)).get()).toMatchObject({ status: 'active', version: 1, name: s.name })
  }
})

test('另一方的工作人员打开站点页：GET 和 POST 都是 404，和不存在的编号一样 / the other side’s staff get 404 on a site page, GET and POST, like a missing id', async () => {
  const weifang = createTestSite({ owner: 'weifang' })
  const kaizhou = createTestSite({ owner: 'kaizhou' })
  // Each side through the other side's URL: another owner's site, its own organisation's site, and a missing id.
  const cases = [
    { who: 'kaizhou', loader: eastSiteLoader, action: eastSiteAction, side: 'east', ids: [weifang.id, kaizhou.id, 999_999_999] },
    { who: 'weifang', loader: westSiteLoader, action: westSiteAction, side: 'west', ids: [kaizhou.id, weifang.id, 999_999_999] },
  ] as const
  for (const c of cases) {
    const cookie = await cookieFor(c.who)
    for (const id of c.ids) {
      const path = `/${c.side}/sites/${id}`
      const params = { siteId: String(id) }
      const read = await callLoader(c.loader, { path, cookie, params })
      expect('thrown' in read && read.thrown.status, `${c.who} GET ${path}`).toBe(404)
      const bodies: Record<string, string>[] = [{}, { intent: 'close', version: '1' }]
      for (const fields of bodies) {
        const posted = await callAction(c.action, { path, cookie, params, fields })
        expect('thrown' in posted && posted.thrown.status, `${c.who} POST ${path}`).toBe(404)
      }
    }
  }
  for (const s of [weifang, kaizhou]) expect(db.select().from(sites).where(eq(sites.id, s.id)).get()).toMatchObject({ status: 'active', version: 1 })
  // The admin keeps the portal's usual refusal of a staff page.
  const admin = await callLoader(eastSiteLoader, {
    path: `/east/sites/${weifang.id}`,
    cookie: await cookieFor('admin'),
    params: { siteId: String(weifang.id) },
  })
  expect('thrown' in admin && admin.thrown.status).toBe(403)
})

test('务工人员和未登录者不能进入 / a worker and an anonymous visitor are refused', async () => {
  const site = createTestSite({ owner: 'weifang' })
  const params = { siteId: String(site.id) }
  const anonymous = await callLoader(eastListLoader, { path: '/east/sites' })
  expect('thrown' in anonymous && anonymous.thrown.status).toBe(302)
  const anonymousPost = await callAction(eastSiteAction, { path: `/east/sites/${site.id}`, params, fields: { intent: 'close', version: '1' } })
  expect('thrown' in anonymousPost && anonymousPost.thrown.status).toBe(302)
  const worker = await cookieFor('13996000001')
  for (const result of [
    await callLoader(eastNewLoader, { path: '/east/sites/new', cookie: worker }),
    await callAction(eastSiteAction, { path: `/east/sites/${site.id}`, params, cookie: worker, fields: { intent: 'close', version: '1' } }),
    await callAction(eastNewAction, { path: '/east/sites/new', cookie: worker, fields: siteForm() }),
  ]) {
    expect('thrown' in result).toBe(true)
    expect([302, 403, 404]).toContain('thrown' in result ? result.thrown.status : 200)
  }
  expect(db.select().from(sites).where(eq(sites.id, site.id)).get()!.status).toBe('active')
})

test('列表的“导出 Excel”带上当前筛选条件 / the list’s 导出 Excel form carries the list’s filters', async () => {
  const cookie = await cookieFor('weifang')
  /** The list at `search` rendered as the server sends it: the export form's action and hidden fields, and the page's links. */
  async function exportOf(search: string) {
    const loaded = await callLoader(eastListLoader, { path: `/east/sites${search}`, cookie })
    if (!('value' in loaded)) throw new Error('the list redirected')
    const html = await renderAt(createElement(SiteListPage, loaded.value), `/east/sites${search}`)
    const form = /<form method="get" action="([^"]+)" class="export-form">(.*?)<\/form>/.exec(html)
    expect(form, 'the export form').not.toBeNull()
    const hidden = [...form![2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => [m[1], m[2]])
    return { action: form![1], hidden, html }
  }
  const filtered = await exportOf(`?type=workstation&status=active&q=${encodeURIComponent('高新')}`)
  expect(filtered.action).toBe('/east/sites/export.xlsx')
  expect(filtered.hidden).toEqual([
    ['type', 'workstation'],
    ['status', 'active'],
    ['q', '高新'],
  ])
  expect(filtered.html).toContain('符合条件的站点')
  const all = await exportOf('')
  expect(all.hidden).toEqual([])
  expect(all.html).toMatch(/共 \d+ 个站点/)
  expect(all.html).toContain('href="/east/sites/import"')
  expect(all.html).toContain('href="/east/sites/template.xlsx"')
})

test('工作台显示本单位运营中的站点数 / the staff homes count the owner’s open sites', async () => {
  async function activeSites(side: 'east' | 'west', username: string) {
    const cookie = await cookieFor(username)
    const loaded = side === 'east' ? await callLoader(eastHome, { path: '/east', cookie }) : await callLoader(westHome, { path: '/west', cookie })
    if (!('value' in loaded)) throw new Error('the home redirected')
    return dataOf(loaded.value).activeSites
  }
  const [weifang, kaizhou] = [await activeSites('east', 'weifang'), await activeSites('west', 'kaizhou')]
  createTestSite({ owner: 'weifang' })
  createTestSite({ owner: 'weifang', status: 'closed', closedAt: new Date() })
  createTestSite({ owner: 'dezhou' })
  createTestSite({ owner: 'kaizhou' })
  expect(await activeSites('east', 'weifang')).toBe(weifang + 1)
  expect(await activeSites('west', 'kaizhou')).toBe(kaizhou + 1)
})

test('新增站点表单的提示是本单位的：开州看到开州的编号和 023 电话，潍坊看到潍坊的和 0536 / the new-site form’s hints are the owner’s own: 开州 a KZ number and a 023 phone, 潍坊 WF and 0536', async () => {
  const cases = [
    { side: 'east' as const, loader: eastNewLoader, username: 'weifang', own: ['如 WF-GZZ-01', '如 0536-'], other: ['如 023-', 'KZ-'] },
    { side: 'west' as const, loader: westNewLoader, username: 'kaizhou', own: ['如 KZ-CJ-01', '如 023-'], other: ['0536', 'WF-'] },
    { side: 'west' as const, loader: westNewLoader, username: 'xiushan', own: ['如 XS-CJ-01', '如 023-7666'], other: ['0536', 'WF-', 'KZ-'] },
  ]
  for (const { side, loader, username, own, other } of cases) {
    const loaded = await callLoader(loader, { path: `/${side}/sites/new`, cookie: await cookieFor(username) })
    if (!('value' in loaded)) throw new Error(`${username}: new-site page refused`)
    const html = await renderAt(createElement(NewSitePage, { ...loaded.value, side, lastResult: null }), `/${side}/sites/new`)
    for (const word of own) expect(html, `${username} ${word}`).toContain(word)
    for (const word of other) expect(html, `${username} ${word}`).not.toContain(word)
  }
})
