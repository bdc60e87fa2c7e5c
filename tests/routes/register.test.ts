import { and, count, eq, isNotNull } from 'drizzle-orm'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { registrationReferrals, users } from '../../db/schema'
import { NOT_A_PAIRED_COUNTY, PHONE_TAKEN, REGISTRATION_REFERRED } from '~/models/registration.server'
import { loader as meLoader } from '~/routes/me._index'
import { action, loader } from '~/routes/register'
import { makeIdNumber } from '~/rules/id-number'
import { db } from '~/utils/db.server'
import { verifyPassword } from '~/utils/password.server'
import { auditCount, auditFromIp } from '../audit'
import { auditOf, centreOf, userOf } from '../lookups'
import { context, cookieFor, get, post, settle, toCookieHeader, unwrapData } from '../request'

type Reply = { error?: Record<string, string[] | null> }

let serial = 0
/** A valid ID number and phone that nobody in the seeded database has. */
function freshPerson(birthDate = '1991-03-15') {
  for (;;) {
    serial++
    const idNumber = makeIdNumber({ areaCode: '500154', birthDate, sequence: 900 + (serial % 99) })
    const phone = `1770099${String(1000 + serial).slice(-4)}`
    const takenId = db.select({ id: users.id }).from(users).where(eq(users.idNumber, idNumber)).get()
    const takenPhone = db.select({ id: users.id }).from(users).where(eq(users.username, phone)).get()
    if (!takenId && !takenPhone) return { idNumber, phone }
  }
}

function form(overrides: Record<string, string> = {}) {
  const { idNumber, phone } = freshPerson()
  return { name: '谭晓燕', idNumber, phone, countyCode: '500241', password: 'shan9dong', confirmPassword: 'shan9dong', ...overrides }
}

function register(fields: Record<string, string> | URLSearchParams, { cookie, ip = '127.0.0.1' }: { cookie?: string; ip?: string } = {}) {
  const body = fields instanceof URLSearchParams ? Object.fromEntries(fields) : fields
  const request =
    fields instanceof URLSearchParams
      ? new Request('http://localhost:3000/register', {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
          body: fields,
        })
      : post('/register', body, cookie)
  return settle(() => action({ request, context: context({ clientIp: ip }), params: {} }))
}

function userCount() {
  return db.select({ n: count() }).from(users).get()!.n
}

async function expectFieldError(fields: Record<string, string>, field: string, message: string) {
  const before = userCount()
  const result = await register(fields)
  expect('value' in result, `${field}: ${message}`).toBe(true)
  const reply = unwrapData<Reply>((result as { value: unknown }).value)
  expect(reply.status).toBe(400)
  expect(reply.data.error?.[field], JSON.stringify(reply.data.error)).toEqual([message])
  expect(userCount()).toBe(before)
}

test('注册页列出三个结对区县的简称 / the page offers the three paired counties by short name', async () => {
  const data = await loader({ request: get('/register'), context: context(), params: {} })
  expect(data.counties).toEqual([
    { code: '500154', name: '开州区' },
    { code: '500241', name: '秀山县' },
    { code: '500230', name: '丰都县' },
  ])
})

test('注册成功：未核验账号落在所选区县中心，并直接登录到 /me / a registration creates an unverified account with the chosen county and signs in', async () => {
  const fields = form({ phone: '+86 177 0099 8801', countyCode: '500241', idNumber: '' })
  fields.idNumber = freshPerson()
    .idNumber.toLowerCase()
    .replace(/^(.{6})/, '$1 ')
  const result = await register(fields, { ip: '10.9.0.1' })
  expect('thrown' in result).toBe(true)
  const response = (result as { thrown: Response }).thrown
  expect(response.status).toBe(302)
  expect(response.headers.get('Location')).toBe('/me')
  const setCookie = response.headers.get('Set-Cookie')!
  expect(setCookie).toMatch(/^__session=.+HttpOnly/)

  const account = userOf('17700998801')
  expect(account.role).toBe('worker')
  expect(account.displayName).toBe('谭晓燕')
  expect(account.idNumber).toMatch(/^\d{17}[\dX]$/)
  expect(account.verifiedAt).toBeNull()
  expect(account.rejectedAt).toBeNull()
  expect(account.mustChangePassword).toBe(false)
  expect(account.organisationId).toBe(centreOf('500241').id)
  expect(account.passwordHash).not.toContain('shan9dong')
  expect(await verifyPassword(account.passwordHash, 'shan9dong')).toBe(true)

  const audit = auditOf('account.register', account.id)
  expect(audit).toHaveLength(1)
  expect(audit[0].actorUserId).toBe(account.id)
  expect(audit[0].organisationId).toBe(account.organisationId)
  expect(audit[0].ip).toBe('10.9.0.1')
  expect(JSON.stringify(audit[0])).not.toContain('17700998801')

  const me = await meLoader({ request: get('/me', toCookieHeader(setCookie)), context: context(), params: {} })
  expect(me.name).toBe('谭晓燕')
  expect(me.verified).toBe(false)
  expect(me.centreName).toBe('秀山土家族苗族自治县就业和人才中心')
})

test('多余的字段（角色、状态、单位、核验时间）被忽略 / extra fields (role, status, organisation, verifiedAt) are ignored', async () => {
  const fields = form({
    phone: '17700998802',
    countyCode: '500230',
    role: 'admin',
    status: 'verified',
    organisationId: String(centreOf('500154').id),
    verifiedAt: String(Date.now()),
    mustChangePassword: 'true',
    username: 'admin2',
  })
  const result = await register(fields)
  expect('thrown' in result && result.thrown.headers.get('Location')).toBe('/me')
  const account = userOf('17700998802')
  expect(account.role).toBe('worker')
  expect(account.verifiedAt).toBeNull()
  expect(account.organisationId).toBe(centreOf('500230').id)
  expect(db.select().from(users).where(eq(users.username, 'admin2')).get()).toBeUndefined()
})

test('每个字段的错误都是 400、中文提示在字段旁、不建账号 / each invalid field gives 400 with its Chinese message and no account', async () => {
  await expectFieldError(form({ name: 'Tom' }), 'name', '姓名“Tom”含有不能识别的字符“T”，姓名应为汉字，少数民族姓名可用“·”分隔')
  await expectFieldError(form({ name: '' }), 'name', '请填写姓名')
  await expectFieldError(form({ idNumber: '500154199103159999' }), 'idNumber', '身份证号码校验位不正确，请核对')
  await expectFieldError(form({ idNumber: '' }), 'idNumber', '请填写身份证号码')
  await expectFieldError(
    form({ idNumber: makeIdNumber({ areaCode: '500154', birthDate: '2015-06-01', sequence: 11 }) }),
    'idNumber',
    '劳动力年龄应在 16 至 65 周岁之间',
  )
  await expectFieldError(
    form({ idNumber: makeIdNumber({ areaCode: '500154', birthDate: '1940-06-01', sequence: 11 }) }),
    'idNumber',
    '劳动力年龄应在 16 至 65 周岁之间',
  )
  await expectFieldError(form({ phone: '1234567' }), 'phone', '手机号码应为 11 位，以 13–19 开头')
  await expectFieldError(form({ phone: '' }), 'phone', '请填写手机号码')
  await expectFieldError(form({ countyCode: '' }), 'countyCode', '请选择户籍所在区县')
  await expectFieldError(form({ countyCode: 'kaizhou' }), 'countyCode', '请选择列表中的区县')
  // A real area that is not the Chongqing side of a pairing: a Shandong city, an unpaired district.
  await expectFieldError(form({ countyCode: '370700' }), 'countyCode', NOT_A_PAIRED_COUNTY)
  await expectFieldError(form({ countyCode: '500101' }), 'countyCode', NOT_A_PAIRED_COUNTY)
  await expectFieldError(form({ password: 'ab1', confirmPassword: 'ab1' }), 'password', '密码至少 8 位')
  await expectFieldError(form({ password: 'abcdefghij', confirmPassword: 'abcdefghij' }), 'password', '密码须同时包含字母和数字')
  await expectFieldError(form({ password: 'Password1', confirmPassword: 'Password1' }), 'password', '这个密码太常见，容易被猜到，请换一个')
  await expectFieldError(form({ password: '', confirmPassword: '' }), 'password', '请设置密码')
  await expectFieldError(form({ confirmPassword: 'shan9dongX' }), 'confirmPassword', '两次输入的密码不一致')
  await expectFieldError(form({ confirmPassword: '' }), 'confirmPassword', '请再次输入密码')
  const { phone, idNumber } = freshPerson()
  await expectFieldError(form({ phone, idNumber, password: `a${phone}`, confirmPassword: `a${phone}` }), 'password', '密码不能包含手机号或身份证号码')
  await expectFieldError(form({ phone, idNumber, password: `x${idNumber}`, confirmPassword: `x${idNumber}` }), 'password', '密码不能包含手机号或身份证号码')
})

test('错误回复不带回密码 / an error reply never echoes the passwords', async () => {
  const result = await register(form({ name: 'Tom', password: 'secret9word', confirmPassword: 'secret9word' }))
  expect(JSON.stringify((result as { value: unknown }).value)).not.toContain('secret9word')
})

test('手机号已被使用时中性提示，不说是谁的账号 / a phone already in use gets a neutral message that does not say whose account it is', async () => {
  expect(PHONE_TAKEN).toBe('该手机号无法用于注册，如已注册请直接登录，或联系区县就业和人才中心')
  await expectFieldError(form({ phone: '139 9600 0001' }), 'phone', PHONE_TAKEN)
  await expectFieldError(form({ phone: 'kaizhou' }), 'phone', '手机号码应为 11 位，以 13–19 开头')
})

// Issue 7 §6: the answer for a taken ID number must not confirm to an anonymous caller that the resident
// has an account (and so is on the programme): no field error, the same neutral page, the county is told.
test('身份证号码已有账号时不建账号、不点明，显示“已受理”，并告知该账号所在区县 / an ID number that already has an account creates nothing, names nothing, shows the neutral page and tells the county', async () => {
  const existing = userOf('13996000002')
  const before = userCount()
  const fields = form({ idNumber: existing.idNumber!.toLowerCase(), countyCode: '500241' })
  const result = await register(fields, { ip: '10.9.2.1' })
  expect('value' in result).toBe(true)
  const reply = unwrapData<{ referred?: string; error?: unknown }>((result as { value: unknown }).value)
  expect(reply.status).toBe(200)
  expect(reply.data).toEqual({ referred: '已受理。户籍所在区县就业和人才中心会按您留的手机号与您联系；也可以带上身份证到中心办理。' })
  expect(JSON.stringify(reply.data)).not.toContain(existing.idNumber!)
  expect(userCount()).toBe(before)
  const conflicts = auditFromIp('10.9.2.1', 'account.register_conflict')
  expect(conflicts).toHaveLength(1)
  expect(conflicts[0].organisationId).toBe(existing.organisationId)
  expect(conflicts[0].entityId).toBe(String(existing.id))
  expect(conflicts[0].actorUserId).toBeNull()
  const row = JSON.stringify(conflicts[0])
  for (const secret of [existing.idNumber!, existing.idNumber!.toLowerCase(), fields.phone, fields.name]) expect(row).not.toContain(secret)
})

// The "已受理" page promises a call back: the holder's centre gets the name and phone typed.
test("身份证号码已有账号的注册给该账号所在区县留一条受理记录（不是表单所选区县），不存身份证号 / a taken-ID registration leaves one referral with the holder's county, not the county chosen, and no ID number", async () => {
  const existing = userOf('13996000002')
  expect(existing.organisationId).toBe(centreOf('500154').id)
  const fields = form({ name: '冉小芳', phone: '+86 177 0077 0001', idNumber: existing.idNumber!, countyCode: '500230' })
  const answer = unwrapData(((await register(fields, { ip: '10.9.3.1' })) as { value: unknown }).value)
  expect(answer).toEqual({ status: 200, data: { referred: REGISTRATION_REFERRED } })
  const referrals = db.select().from(registrationReferrals).where(eq(registrationReferrals.phone, '17700770001')).all()
  expect(referrals).toHaveLength(1)
  expect(referrals[0]).toMatchObject({ organisationId: existing.organisationId, userId: existing.id, name: '冉小芳', phone: '17700770001', handledAt: null })
  expect(referrals[0].organisationId).not.toBe(centreOf('500230').id)
  expect(JSON.stringify(referrals[0])).not.toContain(existing.idNumber!)
  const [audit] = auditFromIp('10.9.3.1', 'account.register_conflict')
  expect(audit.detail).toEqual({ countyCode: '500230', referralId: referrals[0].id, repeated: false })
})

test('刷新或重复提交同一注册只留一条受理记录，换个手机号另留一条 / a refresh or double submit leaves one referral; another phone leaves another', async () => {
  const existing = userOf('13996000102')
  const fields = form({ phone: '17700770002', idNumber: existing.idNumber! })
  const first = await register(fields, { ip: '10.9.4.1' })
  const [again, raced] = await Promise.all([register({ ...fields, phone: '177 0077 0002' }, { ip: '10.9.4.1' }), register(fields, { ip: '10.9.4.2' })])
  for (const r of [first, again, raced]) expect(unwrapData((r as { value: unknown }).value)).toEqual({ status: 200, data: { referred: REGISTRATION_REFERRED } })
  const ofHolder = () => db.select().from(registrationReferrals).where(eq(registrationReferrals.userId, existing.id)).all()
  expect(ofHolder()).toHaveLength(1)
  const audit = auditOf('account.register_conflict', existing.id)
  expect(audit.map((a) => (a.detail as { repeated: boolean }).repeated).sort()).toEqual([false, true, true])
  await register(form({ phone: '17700770003', idNumber: existing.idNumber! }), { ip: '10.9.4.3' })
  expect(
    ofHolder()
      .map((r) => r.phone)
      .sort(),
  ).toEqual(['17700770002', '17700770003'])
})

test('无论身份证号码在哪个区县，答复一字不差 / the answer is word for word the same whichever county holds the ID number', async () => {
  const answers = []
  for (const [i, username] of ['13996000001', '13996000101', '13996000201'].entries()) {
    const holder = db.select().from(users).where(eq(users.username, username)).get()!
    const result = await register(form({ phone: `1770077001${i}`, idNumber: holder.idNumber!, countyCode: '500154' }), { ip: '10.9.5.1' })
    answers.push(JSON.stringify(unwrapData((result as { value: unknown }).value)))
  }
  expect(new Set(answers).size).toBe(1)
  expect(answers[0]).toBe(JSON.stringify({ status: 200, data: { referred: REGISTRATION_REFERRED } }))
})

test('同时提交同一手机号只建一个账号，另一个得到同样提示 / two simultaneous registrations with one phone make one account; the other gets the same message', async () => {
  const phone = '17700998803'
  const [a, b] = await Promise.all([register(form({ phone }), { ip: '10.9.1.1' }), register(form({ phone }), { ip: '10.9.1.2' })])
  const outcomes = [a, b].map((r) => ('thrown' in r ? r.thrown.status : unwrapData<Reply>(r.value)))
  expect(outcomes.filter((o) => o === 302)).toHaveLength(1)
  const refused = outcomes.find((o) => o !== 302) as { status: number; data: Reply }
  expect(refused.status).toBe(400)
  expect(refused.data.error?.phone).toEqual([PHONE_TAKEN])
  expect(db.select({ n: count() }).from(users).where(eq(users.username, phone)).get()!.n).toBe(1)
})

test('同时提交同一身份证号码只建一个账号 / two simultaneous registrations with one ID number make one account', async () => {
  const { idNumber } = freshPerson('1985-11-30')
  const [a, b] = await Promise.all([register(form({ idNumber, phone: '17700998804' })), register(form({ idNumber, phone: '17700998805' }))])
  const statuses = [a, b].map((r) => ('thrown' in r ? r.thrown.status : unwrapData(r.value).status))
  expect(statuses.sort()).toEqual([200, 302])
  const refused = [a, b].find((r) => 'value' in r) as { value: unknown }
  expect(unwrapData(refused.value).data).toEqual({ referred: REGISTRATION_REFERRED })
  expect(db.select({ n: count() }).from(users).where(eq(users.idNumber, idNumber)).get()!.n).toBe(1)
})

test.each([
  ['kaizhou', '/west'],
  ['13996000001', '/me'],
  ['weifang', '/east'],
])('已登录用户打开注册页或提交注册被送回首页 / a signed-in user is sent home from the page and the action: %s → %s', async (username, home) => {
  const cookie = await cookieFor(username)
  const page = await settle(() => loader({ request: get('/register', cookie), context: context(), params: {} }))
  expect('thrown' in page && page.thrown.headers.get('Location')).toBe(home)
  const before = userCount()
  const submitted = await register(form(), { cookie })
  expect('thrown' in submitted && submitted.thrown.headers.get('Location')).toBe(home)
  expect(userCount()).toBe(before)
})

test('随机乱填的表单总是 400 或跳转，从不抛错，也不留半条记录 / a fuzzed form always gives 400 or a redirect, never a throw or a partial row', async () => {
  const nasty = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom('\u0000', '\u202e500154199103151234', '__proto__', '../../etc/passwd', '<script>', '１３９９６０００００１', '500154', ' '),
    fc.integer({ min: 1000, max: 70_000 }).map((n) => '汉'.repeat(n)),
  )
  const keys = fc.constantFrom(
    'name',
    'idNumber',
    'phone',
    'countyCode',
    'password',
    'confirmPassword',
    '__proto__',
    'constructor',
    'prototype',
    'role',
    'name[0]',
    'phone.x',
  )
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(keys, nasty), { maxLength: 12 }), async (pairs) => {
      const before = userCount()
      const result = await register(new URLSearchParams(pairs))
      if ('thrown' in result) {
        expect(result.thrown.status).toBe(302)
      } else {
        expect(unwrapData(result.value).status).toBe(400)
        expect(userCount()).toBe(before)
      }
    }),
    { numRuns: 50 },
  )
}, 60_000)

test('同一网络一小时内注册过多被限制，其他网络不受影响 / one address is throttled after many registrations in an hour; others are not', async () => {
  const ip = '10.9.9.9'
  for (let i = 0; i < 30; i++) {
    const done = await register(form({ ...freshPerson(`1986-02-${String(1 + (i % 28)).padStart(2, '0')}`) }), { ip })
    expect('thrown' in done && done.thrown.status).toBe(302)
  }
  const before = db.select({ n: count() }).from(users).get()!.n
  const throttled = unwrapData<{ error?: Record<string, string[]> }>(((await register(form(), { ip })) as { value: unknown }).value)
  expect(throttled.status).toBe(429)
  expect(throttled.data.error?.['']?.[0]).toContain('注册次数过多')
  expect(db.select({ n: count() }).from(users).get()!.n).toBe(before)
  const elsewhere = await register(form(), { ip: '10.9.9.10' })
  expect('thrown' in elsewhere && elsewhere.thrown.headers.get('Location')).toBe('/me')
}, 60_000)

// ---------------------------------------------------------------------------------------------------
// Bursts and probing (issue 7 §5, §6)

type Answer = { status: number; data?: unknown }
const answerOf = (r: Awaited<ReturnType<typeof register>>): Answer => ('thrown' in r ? { status: r.thrown.status } : unwrapData(r.value))

test('同一地址并发 60 个注册最多建 30 个账号，其余 429 / 60 parallel sign-ups from one address make at most 30 accounts, the rest 429', async () => {
  const ip = '10.60.0.1'
  const before = userCount()
  const people = Array.from({ length: 60 }, (_, i) => freshPerson(`1984-${String(1 + (i % 12)).padStart(2, '0')}-07`))
  const answers = (await Promise.all(people.map((p) => register(form(p), { ip })))).map(answerOf)
  const created = answers.filter((a) => a.status === 302).length
  expect(created).toBeLessThanOrEqual(30)
  expect(userCount() - before).toBe(created)
  expect(answers.filter((a) => a.status === 429).length).toBe(60 - created)
  expect(auditCount('account.register_throttled', { ip })).toBe(60 - created)
}, 60_000)

test('探测身份证号或手机号是否已注册：一个地址最多得到 30 次答复，答复不点明身份证号 / probing which ID numbers or phones are registered: one address gets at most 30 answers, none naming the ID number', async () => {
  const ip = '10.61.0.1'
  const holders = db
    .select()
    .from(users)
    .where(and(eq(users.role, 'worker'), isNotNull(users.idNumber)))
    .limit(45)
    .all()
  expect(holders.length).toBe(45)
  const before = userCount()
  const probes = [
    ...holders.map((h, i) => ({
      kind: 'id' as const,
      holder: h,
      fields: form({ ...freshPerson(`1983-${String(1 + (i % 12)).padStart(2, '0')}-21`), idNumber: h.idNumber! }),
    })),
    ...holders.map((h, i) => ({
      kind: 'phone' as const,
      holder: h,
      fields: form({ ...freshPerson(`1982-${String(1 + (i % 12)).padStart(2, '0')}-21`), phone: h.username }),
    })),
  ]
  const answers = (await Promise.all(probes.map((p) => register(p.fields, { ip })))).map(answerOf)
  const answered = answers.filter((a) => a.status !== 429)
  expect(answered.length).toBeLessThanOrEqual(30)
  expect(userCount()).toBe(before)
  for (const [i, answer] of answers.entries()) {
    const probe = probes[i]
    if (answer.status === 429) continue
    if (probe.kind === 'id') {
      expect(answer).toEqual({ status: 200, data: { referred: REGISTRATION_REFERRED } })
    } else {
      expect(answer.status).toBe(400)
      expect((answer.data as Reply).error?.phone).toEqual([PHONE_TAKEN])
      expect((answer.data as Reply).error?.idNumber).toBeUndefined()
    }
    expect(JSON.stringify(answer)).not.toContain(probe.holder.idNumber!)
  }
  const audit = auditFromIp(ip)
  const answeredIds = answers.filter((a, i) => a.status !== 429 && probes[i].kind === 'id').length
  expect(audit.filter((a) => a.action === 'account.register_conflict')).toHaveLength(answeredIds)
  expect(audit.filter((a) => a.action === 'account.register_refused')).toHaveLength(answered.length - answeredIds)
  expect(audit.filter((a) => a.action === 'account.register_throttled')).toHaveLength(90 - answered.length)
  for (const row of audit.filter((a) => a.action === 'account.register_conflict')) {
    const holder = holders.find((h) => String(h.id) === row.entityId)!
    expect(row.organisationId).toBe(holder.organisationId)
  }
  const text = JSON.stringify(audit)
  for (const h of holders) {
    expect(text).not.toContain(h.idNumber!)
    expect(text).not.toContain(h.username)
  }
}, 60_000)
