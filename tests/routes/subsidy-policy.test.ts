import type { ActionFunctionArgs } from '@remix-run/node'
import { and, asc, eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { subsidyPolicies } from '../../db/schema'
import { action as adminAction, loader as adminLoader } from '~/routes/admin.subsidy-policies.$orgId.$year'
import { loader as adminListLoader } from '~/routes/admin.subsidy-policies._index'
import { action as westAction, loader as westLoader } from '~/routes/west.subsidy-policy.$year'
import { loader as westListLoader } from '~/routes/west.subsidy-policy._index'
import { db } from '~/utils/db.server'
import { createTestClaim } from '../factories-subsidy'
import { actorFor, auditOf } from '../lookups'
import { noticeOf } from '../notice'
import { BASE, callLoader, context, cookieFor, settle, unwrapData } from '../request'

// The county's policy by year (/west/subsidy-policy, issue 13 §1) and the operator's editor of any county's
// (/admin/subsidy-policies) through real requests: amounts typed in yuan stored as exact fen, refusals beside
// their field with 400, a version that claims were submitted under kept and a new one made, a stale form 409,
// another county or role refused. Each test uses its own county and year before the demo's policies (last year
// and this year), since the file shares one database.

type Fields = Record<string, string | string[]>

/** The editor's form as the page posts it (checkboxes as repeated fields), filled with the defaults for `year`. */
function policyForm(year: number, overrides: Fields = {}): Fields {
  return {
    opensOn: `${year}-01-01`,
    closesOn: `${year}-12-31`,
    lateUntil: `${year + 1}-02-28`,
    eligibleModes: ['train_hard_seat', 'train_hard_sleeper', 'hsr_second', 'coach'],
    capYuan: '',
    flatOutsideChongqingYuan: '200',
    flatOutsideCountyYuan: '50',
    acceptedProofs: ['employment_record', 'employer_certificate', 'labour_contract', 'wage_records', 'social_insurance'],
    stamp: 'new',
    ...overrides,
  }
}

async function postAs(username: string, run: (args: ActionFunctionArgs) => Promise<unknown>, path: string, params: Record<string, string>, fields: Fields) {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v)
  const request = new Request(BASE + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: await cookieFor(username) },
    body,
  })
  return settle(() => run({ request, context: context(), params }))
}

const westPost = (username: string, year: number, fields: Fields) =>
  postAs(username, westAction, `/west/subsidy-policy/${year}`, { year: String(year) }, fields)

async function westEditor(username: string, year: number) {
  const got = await callLoader(westLoader, { path: `/west/subsidy-policy/${year}`, cookie: await cookieFor(username), params: { year: String(year) } })
  if (!('value' in got)) throw new Error('expected the page')
  return got.value
}

function versionsOf(username: string, year: number) {
  return db
    .select()
    .from(subsidyPolicies)
    .where(and(eq(subsidyPolicies.organisationId, actorFor(username).organisationId), eq(subsidyPolicies.year, year)))
    .orderBy(asc(subsidyPolicies.version))
    .all()
}

async function redirected(result: Awaited<ReturnType<typeof postAs>>) {
  if (!('thrown' in result)) throw new Error(`expected a redirect, got ${JSON.stringify(result)}`)
  return noticeOf(result.thrown)
}

test('区县建立年度政策：默认值预填，元按分精确保存并记审计 / the county makes a year’s policy from prefilled defaults, yuan stored as exact fen, audited', async () => {
  const page = await westEditor('kaizhou', 2021)
  expect(page.current).toBeNull()
  expect(page.defaults).toEqual({ ...policyForm(2021), capYuan: '' })

  const made = await westPost('kaizhou', 2021, policyForm(2021, { capYuan: '1,234.56', flatOutsideChongqingYuan: '￥200.1', flatOutsideCountyYuan: '50.05' }))
  expect(await redirected(made)).toEqual({ location: '/west/subsidy-policy/2021', text: '2021年交通补助政策已建立（第 1 版）。' })
  const [v1] = versionsOf('kaizhou', 2021)
  expect(v1).toMatchObject({ version: 1, capFen: 123_456, flatOutsideChongqingFen: 20_010, flatOutsideCountyFen: 5_005, lateUntil: '2022-02-28' })
  expect(JSON.parse(v1.eligibleModes)).toEqual(['train_hard_seat', 'train_hard_sleeper', 'hsr_second', 'coach'])
  expect(auditOf('subsidy_policy.created', v1.id)).toHaveLength(1)
})

test('填错时 400，中文提示在字段旁，什么也不存 / bad input is a 400 with Chinese messages beside the fields and nothing saved', async () => {
  const cases: [Fields, Record<string, string[]>][] = [
    [{ flatOutsideChongqingYuan: '200.001' }, { flatOutsideChongqingYuan: ['市外务工定额：金额最多精确到分（小数点后两位）'] }],
    [{ flatOutsideCountyYuan: '' }, { flatOutsideCountyYuan: ['请填写市内县外务工定额'] }],
    [{ capYuan: '0' }, { capYuan: ['封顶金额应大于 0；不封顶请留空'] }],
    [{ capYuan: '100', flatOutsideChongqingYuan: '200' }, { flatOutsideChongqingYuan: ['定额不能高于每人封顶金额'] }],
    [{ capYuan: '20000' }, { capYuan: ['每人封顶金额不能超过 1 万元，请核对'] }],
    [{ closesOn: '2021-12-31', opensOn: '2022-03-01' }, { closesOn: ['受理截止日期不能早于开始日期'] }],
    [{ lateUntil: '2022-12-31' }, { lateUntil: ['补报截止日期应晚于受理截止日期'] }],
    [{ opensOn: '2022-02-30' }, { opensOn: ['受理开始日期应为 YYYY-MM-DD 格式的真实日期'] }],
    [{ eligibleModes: [] }, { eligibleModes: ['请至少勾选一种可补贴的乘坐方式'] }],
    // Every problem at once: a field's own and a comparison between two others.
    [
      { flatOutsideChongqingYuan: '200.001', opensOn: '2022-06-01', closesOn: '2022-05-01' },
      { flatOutsideChongqingYuan: ['市外务工定额：金额最多精确到分（小数点后两位）'], closesOn: ['受理截止日期不能早于开始日期'] },
    ],
    [{ acceptedProofs: ['rocket'] }, { acceptedProofs: ['请至少勾选一种务工证明'] }],
    [{ opensOn: '2021-12-01' }, { opensOn: ['2022年政策的受理开始日期应在2022年内'] }],
    [{ lateUntil: '2024-01-31' }, { lateUntil: ['补报截止日期最晚为 2023-12-31'] }],
  ]
  for (const [overrides, errors] of cases) {
    const refused = await westPost('xiushan', 2022, policyForm(2022, overrides))
    if (!('value' in refused)) throw new Error(`expected a reply for ${JSON.stringify(overrides)}`)
    const reply = unwrapData<{ error: Record<string, string[]> }>(refused.value)
    expect(reply.status).toBe(400)
    expect(reply.data.error).toEqual(errors)
  }
  expect(versionsOf('xiushan', 2022)).toEqual([])
})

test('没有申请时原版修改；内容没变不写 / without claims the version changes in place; the same values write nothing', async () => {
  await redirected(await westPost('fengdu', 2023, policyForm(2023)))
  const [v1] = versionsOf('fengdu', 2023)
  const page = await westEditor('fengdu', 2023)
  expect(page.current).toMatchObject({ version: 1, claims: 0 })

  const saved = await westPost('fengdu', 2023, policyForm(2023, { stamp: page.defaults.stamp, capYuan: '800', eligibleModes: ['coach'] }))
  expect((await redirected(saved)).text).toBe('2023年交通补助政策（第 1 版）已保存。')
  const after = versionsOf('fengdu', 2023)
  expect(after).toHaveLength(1)
  expect(after[0]).toMatchObject({ id: v1.id, version: 1, capFen: 80_000, eligibleModes: '["coach"]' })
  expect(auditOf('subsidy_policy.updated', v1.id)).toHaveLength(1)

  // The same form sent again (a double click, a refresh) changes nothing and audits nothing, whatever its stamp.
  const again = await westPost('fengdu', 2023, policyForm(2023, { stamp: page.defaults.stamp, capYuan: '800', eligibleModes: ['coach'] }))
  expect((await redirected(again)).text).toBe('内容没有变化，政策未作修改。')
  expect(auditOf('subsidy_policy.updated', v1.id)).toHaveLength(1)
})

test('已有申请提交的版本不改，保存另存为新版本并告知 / a version claims were submitted under is kept; saving makes the next version and says so', async () => {
  await redirected(await westPost('kaizhou', 2024, policyForm(2024)))
  const [v1] = versionsOf('kaizhou', 2024)
  await createTestClaim('kaizhou', { state: 'submitted', year: 2024 })
  const page = await westEditor('kaizhou', 2024)
  expect(page.current).toMatchObject({ version: 1, claims: 1 })

  const saved = await westPost('kaizhou', 2024, policyForm(2024, { stamp: page.defaults.stamp, flatOutsideChongqingYuan: '150' }))
  expect((await redirected(saved)).text).toBe('已有申请按第 1 版提交，第 1 版保持不变；修改已另存为第 2 版，此后提交的申请按第 2 版办理。')
  const [kept, v2] = versionsOf('kaizhou', 2024)
  expect(kept).toEqual(v1)
  expect(v2).toMatchObject({ version: 2, flatOutsideChongqingFen: 15_000 })
  expect(auditOf('subsidy_policy.versioned', v2.id)).toHaveLength(1)

  // Version 2 has no claims yet: the next save changes it in place, and the page lists version 1 as earlier.
  const next = await westEditor('kaizhou', 2024)
  expect(next.earlier.map((v) => [v.version, v.claims])).toEqual([[1, 1]])
  expect((await redirected(await westPost('kaizhou', 2024, policyForm(2024, { stamp: next.defaults.stamp, flatOutsideChongqingYuan: '180' })))).text).toBe(
    '2024年交通补助政策（第 2 版）已保存。',
  )
  expect(versionsOf('kaizhou', 2024).map((v) => [v.version, v.flatOutsideChongqingFen])).toEqual([
    [1, 20_000],
    [2, 18_000],
  ])
})

test('别人已保存过的旧表单 409，不覆盖 / a form loaded before someone else saved is refused with 409 and overwrites nothing', async () => {
  // 2023 is before the demo's policies (last year and this year) and unused by the other tests of this file.
  const stale = (await westEditor('xiushan', 2023)).defaults.stamp
  expect(stale).toBe('new')
  await redirected(await westPost('xiushan', 2023, policyForm(2023, { flatOutsideCountyYuan: '60' })))
  const late = await westPost('xiushan', 2023, policyForm(2023, { stamp: stale, flatOutsideCountyYuan: '70' }))
  if (!('value' in late)) throw new Error('expected a reply')
  expect(unwrapData<{ error: Record<string, string[]> }>(late.value)).toMatchObject({
    status: 409,
    data: { error: { '': ['这份政策刚被其他人修改过，请刷新页面，在最新内容上重新修改。'] } },
  })
  expect(versionsOf('xiushan', 2023).map((v) => v.flatOutsideCountyFen)).toEqual([6_000])
})

test('平台管理员可编辑任一区县；区县列表与年度范围 / the operator edits any county; the lists and the range of years', async () => {
  const kaizhou = actorFor('kaizhou').organisationId
  const admin = await cookieFor('admin')
  const year = 2020
  const opened = await callLoader(adminLoader, {
    path: `/admin/subsidy-policies/${kaizhou}/${year}`,
    cookie: admin,
    params: { orgId: String(kaizhou), year: String(year) },
  })
  expect('value' in opened && opened.value.county.name).toMatch(/开州/)
  const saved = await postAs(
    'admin',
    adminAction,
    `/admin/subsidy-policies/${kaizhou}/${year}`,
    { orgId: String(kaizhou), year: String(year) },
    policyForm(year),
  )
  expect(await redirected(saved)).toEqual({ location: `/admin/subsidy-policies/${kaizhou}/${year}`, text: '2020年交通补助政策已建立（第 1 版）。' })
  const [row] = versionsOf('kaizhou', year)
  expect(auditOf('subsidy_policy.created', row.id)[0]).toMatchObject({ actorUserId: actorFor('admin').userId })

  const list = await callLoader(adminListLoader, { path: `/admin/subsidy-policies?year=${year}`, cookie: admin })
  if (!('value' in list)) throw new Error('expected the list')
  expect(list.value.rows.find((r) => r.id === kaizhou)).toMatchObject({ version: '第 1 版', flat: '市外 ¥200.00 · 县外 ¥50.00', cap: '不封顶' })
  expect(list.value.rows.length).toBeGreaterThanOrEqual(3)

  const own = await callLoader(westListLoader, { path: '/west/subsidy-policy', cookie: await cookieFor('kaizhou') })
  if (!('value' in own)) throw new Error('expected the list')
  expect(own.value.rows.find((r) => r.year === year)?.current?.version).toBe(1)
  const thisYear = Number(new Date().toISOString().slice(0, 4))
  expect(own.value.rows.map((r) => r.year)).toEqual(expect.arrayContaining([thisYear, thisYear + 1]))
})

test('其他区县、其他角色、不存在的年度：404 或 403 / another county, another role, a year out of range: 404 or 403', async () => {
  const kaizhou = actorFor('kaizhou').organisationId
  const weifang = actorFor('weifang').organisationId
  const admin = await cookieFor('admin')
  const statusOf = (r: { thrown: Response } | { value: unknown }) => ('thrown' in r ? r.thrown.status : 200)

  // A city bureau is not a county: the operator's editor answers 404.
  expect(statusOf(await callLoader(adminLoader, { path: '/', cookie: admin, params: { orgId: String(weifang), year: '2026' } }))).toBe(404)
  expect(statusOf(await callLoader(adminLoader, { path: '/', cookie: admin, params: { orgId: '999999', year: '2026' } }))).toBe(404)
  // West staff cannot reach another county's editor through the operator's page, nor post to it.
  expect(statusOf(await callLoader(adminLoader, { path: '/', cookie: await cookieFor('xiushan'), params: { orgId: String(kaizhou), year: '2026' } }))).toBe(403)
  const post = await postAs('xiushan', adminAction, '/', { orgId: String(kaizhou), year: '2019' }, policyForm(2019))
  expect(statusOf(post)).toBe(403)
  // East staff and workers get the refusal other west pages give.
  expect(statusOf(await callLoader(westLoader, { path: '/', cookie: await cookieFor('weifang'), params: { year: '2026' } }))).toBe(403)
  for (const year of ['2019', '2099', '20x6', '']) {
    expect(statusOf(await callLoader(westLoader, { path: '/', cookie: await cookieFor('kaizhou'), params: { year } }))).toBe(404)
  }
})
