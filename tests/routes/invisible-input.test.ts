import { eq } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { employers, users, workers } from '../../db/schema'
import { action as employerAction } from '~/routes/east.employers.new'
import { action as loginAction } from '~/routes/login'
import { action as registerAction } from '~/routes/register'
import { action as ledgerAction } from '~/routes/west.workers.new'
import { REGISTRY_COLUMNS } from '~/rules/registry'
import { db } from '~/utils/db.server'
import { DEMO_PASSWORD } from '../../db/seed'
import { freshIdNumber, freshPhone, freshUscc } from '../factories'
import { noticeOf } from '../notice'
import { importAndConfirm, ledgerUpload, runImport } from '../ledger-import'
import { actionAs, context, cookieFor, post, settle, unwrapData } from '../request'

// Issue 9, items 6–9, through the routes: what people paste (invisible characters, full-width spaces,
// look-alike dots, Excel's ="…" text cells, a resident ID in the credit-code field) on the real forms.

type Reply = { error?: Record<string, string[] | null> }
type Problems = { problems: { line: number; column: string; message: string }[] | null }

const HEADERS = REGISTRY_COLUMNS.map((c) => c.header)

function ledgerRow(values: Record<string, string>) {
  const row: Record<string, string> = {
    '乡镇（街道）': '汉丰街道',
    户类型: '脱贫人口',
    就业状态: '未就业',
    就业需求: '赴山东务工',
    技能水平: '初级工',
    ...values,
  }
  return HEADERS.map((h) => row[h] ?? '')
}

/** The ledger import of `text` as the CSV file 台账.csv, signed in by `cookie`. */
function importCsv(text: string, cookie: string) {
  return runImport(ledgerUpload(text, '台账.csv', cookie))
}

test('问题 9-6：登录名前后带方向控制符也能登录 / issue 9 item 6: signing in with bidi marks around the phone works', async () => {
  const result = await settle(() =>
    loginAction({
      request: post('/login', { username: '\u202a13996000001\u202c', password: DEMO_PASSWORD }),
      context: context({ clientIp: '10.61.0.1' }),
      params: {},
    }),
  )
  expect('thrown' in result && result.thrown.status).toBe(302)
  expect((result as { thrown: Response }).thrown.headers.get('Location')).toBe('/me')
  const staff = await settle(() =>
    loginAction({
      request: post('/login', { username: '\u200bkai\u200dzhou\ufeff', password: DEMO_PASSWORD }),
      context: context({ clientIp: '10.61.0.2' }),
      params: {},
    }),
  )
  expect((staff as { thrown: Response }).thrown.headers.get('Location')).toBe('/west')
})

test('问题 9-6/7/9：导入的 CSV 里带零宽空格的身份证号、="…" 身份证号、全角空格和片假名中点的姓名都收下 / issue 9 items 6, 7, 9: an imported ID ending in U+200B, a ="…" ID, and names with a full-width space or U+30FB are accepted', async () => {
  const cookie = await cookieFor('kaizhou')
  const ids = [freshIdNumber('500154'), freshIdNumber('500154'), freshIdNumber('500154')]
  const phone = freshPhone()
  const rows = [
    ledgerRow({ 姓名: '张　三', 身份证号码: `${ids[0]}\u200b`, 手机号码: `${phone}\u200b` }),
    ledgerRow({ 姓名: '阿依・木拉提', 身份证号码: `="${ids[1]}"` }),
    ledgerRow({ 姓名: '冉\u00a0秀英', 身份证号码: `"=""${ids[2]}"""` }),
  ]
  // Cells written as they are: the ="…" forms are what Excel and people put in a CSV.
  const text = [HEADERS.join(','), ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n'
  // Previewed as three new rows, then confirmed (issue 11 §1).
  const { confirmed } = await importAndConfirm(ledgerUpload(text, '台账.csv', cookie), cookie)
  if ('value' in confirmed) throw new Error(JSON.stringify(confirmed.value))
  expect(confirmed.thrown.status).toBe(302)
  expect((await noticeOf(confirmed.thrown)).text).toMatch(/新增 3 /)
  const saved = ids.map((id) => db.select().from(workers).where(eq(workers.idNumber, id)).get())
  expect(saved.map((w) => w?.name)).toEqual(['张三', '阿依·木拉提', '冉秀英'])
  expect(saved[0]?.phone).toBe(phone)
})

test('问题 9-7：被拒绝的姓名在提示里写出来 / issue 9 item 7: a refused name is shown in its message', async () => {
  const cookie = await cookieFor('kaizhou')
  const text = [HEADERS.join(','), ledgerRow({ 姓名: '张三A', 身份证号码: freshIdNumber('500154') }).join(',')].join('\r\n')
  const result = await importCsv(text, cookie)
  expect('value' in result).toBe(true)
  const { status, data } = unwrapData<Problems>((result as { value: unknown }).value)
  expect(status).toBe(400)
  expect(data.problems).toContainEqual({
    line: 2,
    column: '姓名',
    value: '张三A',
    message: '姓名“张三A”含有不能识别的字符“A”，姓名应为汉字，少数民族姓名可用“·”分隔',
  })
})

test('问题 9-7：台账表单和注册用同一条姓名规则 / issue 9 item 7: the ledger form and registration use the same name rule', async () => {
  const idNumber = freshIdNumber('500154')
  const created = await actionAs('kaizhou', ledgerAction, {
    path: '/west/workers/new',
    fields: {
      name: ' 阿依 ・ 木拉提 ',
      idNumber: `\u2066${idNumber}\u2069`,
      phone: '',
      township: '500154001',
      village: '',
      householdStatus: 'alleviated',
      employmentStatus: 'unemployed',
      employmentNeed: 'to_shandong',
      skillLevel: 'junior',
    },
  })
  expect('thrown' in created && created.thrown.status).toBe(302)
  expect(db.select().from(workers).where(eq(workers.idNumber, idNumber)).get()?.name).toBe('阿依·木拉提')

  const phone = freshPhone()
  const registration = {
    name: '张　三',
    idNumber: `${freshIdNumber('500241')}\u200b`,
    phone: `\u202a${phone}\u202c`,
    countyCode: '500241',
    password: 'shan9dong',
    confirmPassword: 'shan9dong',
  }
  const registered = await settle(() => registerAction({ request: post('/register', registration), context: context({ clientIp: '10.61.1.1' }), params: {} }))
  expect('thrown' in registered && registered.thrown.headers.get('Location')).toBe('/me')
  expect(db.select().from(users).where(eq(users.username, phone)).get()?.displayName).toBe('张三')
})

test('问题 9-8：身份证号和结构不对的代码不能登记为用人单位 / issue 9 item 8: a resident ID and a malformed code are refused as an employer code', async () => {
  const fields = (uscc: string) => ({
    name: '潍坊鲁丰农机装备有限公司',
    uscc,
    industry: 'manufacturing',
    address: '山东省潍坊市潍城区北宫西街 88 号',
    contactName: '孙经理',
    contactPhone: '0536-8881234',
  })
  for (const [uscc, message] of [
    ['370702198805170658', '这是身份证号码，请填写单位的统一社会信用代码（营业执照上的 18 位代码）'],
    ['91ABCDEFMA0000001K', '统一社会信用代码第 3–8 位“ABCDEF”应为登记机关所在地的 6 位行政区划代码'],
  ]) {
    const result = await actionAs('weifang', employerAction, { path: '/east/employers/new', fields: fields(uscc) })
    expect('value' in result, uscc).toBe(true)
    const reply = unwrapData<Reply>((result as { value: unknown }).value)
    expect(reply.status).toBe(400)
    expect(reply.data.error?.uscc).toEqual([message])
    expect(db.select().from(employers).where(eq(employers.uscc, uscc)).get()).toBeUndefined()
  }
  // A good code with invisible characters pasted around it is saved clean.
  const code = freshUscc()
  const saved = await actionAs('weifang', employerAction, { path: '/east/employers/new', fields: fields(`\u200e${code}\u200b`) })
  expect('thrown' in saved && saved.thrown.status).toBe(302)
  expect(db.select().from(employers).where(eq(employers.uscc, code)).get()).toBeTruthy()
})
