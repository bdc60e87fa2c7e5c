import ExcelJS from 'exceljs'
import { expect, test } from 'vitest'
import { archiveWorker } from '~/models/worker-archive.server'
import { action, loader } from '~/routes/west.jobs.$jobId.recommend'
import { loader as exportLoader } from '~/routes/west.jobs.$jobId.recommend[.xlsx]'
import { loader as printLoader } from '~/routes/west.jobs.$jobId.recommend_.print'
import { loader as postLoader } from '~/routes/west.jobs.$jobId._index'
import { loader as noticeLoader } from '~/routes/west.jobs.$jobId.notice'
import { action as newAccountAction } from '~/routes/west.accounts.new'
import { addDays, todayInShanghai } from '~/rules/dates'
import { ageOn } from '~/rules/id-number'
import { birthDatesForAges, candidateWarnings } from '~/rules/recommend'
import { createLedgerWorker, createTestVacancy, freshIdNumber } from '../factories'
import { actorFor } from '../lookups'
import { actionAs, callAction, callLoader, cookieFor, unwrapData } from '../request'

const KAIZHOU = '500154'

/** A ledger row of 开州 aged `age` today with `skills`, its ID number made for that birth date. */
function personAged(age: number, overrides: Parameters<typeof createLedgerWorker>[1] = {}, seq = 0) {
  const birthDate = addDays(`${Number(todayInShanghai().slice(0, 4)) - age - 1}-${todayInShanghai().slice(5)}`, 1 + seq)
  return createLedgerWorker('kaizhou', {
    idNumber: freshIdNumber(KAIZHOU, birthDate),
    ...overrides,
  })
}

async function page(jobId: number, query = '', username = 'kaizhou') {
  const r = await callLoader(loader, { path: `/west/jobs/${jobId}/recommend${query}`, cookie: await cookieFor(username), params: { jobId: String(jobId) } })
  if (!('value' in r)) throw r.thrown
  return r.value
}

test('年龄范围换算成出生日期，与 ageOn 一致 / an age range means exactly the birth dates ageOn puts in it', () => {
  for (const today of ['2026-03-01', '2028-02-29', '2026-12-31', '2026-01-01']) {
    const { bornOnOrBefore, bornAfter } = birthDatesForAges(18, 45, today)
    for (let d = -60 * 366; d < -10 * 366; d += 17) {
      const born = addDays(today, d)
      const inRange = born <= bornOnOrBefore! && born > bornAfter!
      const age = ageOn(born, today)
      expect(inRange, `${born} on ${today}`).toBe(age >= 18 && age <= 45)
    }
  }
  expect(candidateWarnings({ ageMin: 18, ageMax: 45 }, { birthDate: '1970-01-01' }, '2026-06-01')).toEqual(['56 岁，不在岗位要求的 18–45 岁之内'])
  expect(candidateWarnings({ ageMin: null, ageMax: null }, { birthDate: '1990-01-01' }, '2026-06-01')).toEqual([])
})

test('推荐页按技能、技能等级、年龄、就业状态筛选台账，年龄不符的行有提示 / the recommend page filters by skill, level, age and status and warns on age', async () => {
  const job = createTestVacancy('weifang', { ageMin: 20, ageMax: 40, requirements: '能吃苦，持焊工证优先' })
  const skill = `焊接${Date.now() % 100000}`
  const young = personAged(30, { skills: `${skill}、叉车`, skillLevel: 'junior', employmentStatus: 'unemployed' }, 1)
  const old = personAged(50, { skills: skill, skillLevel: 'junior', employmentStatus: 'unemployed' }, 2)
  const senior = personAged(35, { skills: skill, skillLevel: 'senior', employmentStatus: 'in_county' }, 3)
  createLedgerWorker('kaizhou', { skills: '缝纫' })

  // ages=all: the age range the page starts from (the post's) cleared.
  const bySkill = await page(job.id, `?skill=${encodeURIComponent(skill)}&ages=all`)
  expect(bySkill.candidates.map((c) => c.id).sort()).toEqual([young.id, old.id, senior.id].sort())
  expect(bySkill.total).toBe(3)
  expect(bySkill.candidates.find((c) => c.id === old.id)!.warnings).toEqual([`50 岁，不在岗位要求的 20–40 岁之内`])
  expect(bySkill.candidates.find((c) => c.id === young.id)!.warnings).toEqual([])
  // The post in full is on the page.
  expect(bySkill.post).toMatchObject({ requirements: '能吃苦，持焊工证优先', ages: '20–40 岁' })

  const level = await page(job.id, `?skill=${encodeURIComponent(skill)}&skillLevel=senior&ages=all`)
  expect(level.candidates.map((c) => c.id)).toEqual([senior.id])
  const ages = await page(job.id, `?skill=${encodeURIComponent(skill)}&ageFrom=25&ageTo=40`)
  expect(ages.candidates.map((c) => c.id).sort()).toEqual([young.id, senior.id].sort())
  const status = await page(job.id, `?skill=${encodeURIComponent(skill)}&employmentStatus=unemployed&ageFrom=45`)
  expect(status.candidates.map((c) => c.id)).toEqual([old.id])
  // Ages outside 16–65 or not numbers are dropped, not a 500.
  const bad = await page(job.id, `?skill=${encodeURIComponent(skill)}&ageFrom=abc&ageTo=99&skillLevel=wizard&ages=all`)
  expect(bad.total).toBe(3)
})

test('已归档的人员从不出现在推荐名单中，URL 里的 state=archived 也不行 / archived rows are never offered, not even with ?state=archived', async () => {
  const job = createTestVacancy('weifang')
  const skill = `归档测试${Date.now() % 100000}`
  const live = createLedgerWorker('kaizhou', { skills: skill })
  const gone = createLedgerWorker('kaizhou', { skills: skill })
  expect(archiveWorker(actorFor('kaizhou'), gone.id, { reason: 'moved_away', note: null })).toMatchObject({ ok: true })
  for (const query of [`?skill=${encodeURIComponent(skill)}`, `?state=archived&skill=${encodeURIComponent(skill)}`]) {
    const p = await page(job.id, query)
    expect(p.candidates.map((c) => c.id)).toEqual([live.id])
  }
  // The search form's redirect drops state as well.
  const r = await actionAs('kaizhou', action, {
    path: `/west/jobs/${job.id}/recommend`,
    fields: { intent: 'search', state: 'archived', skill, ageFrom: '20', q: '' },
    params: { jobId: String(job.id) },
  })
  const location = 'thrown' in r ? r.thrown.headers.get('Location')! : ''
  expect(location).toContain(`skill=${encodeURIComponent(skill)}`)
  expect(location).toContain('ageFrom=20')
  expect(location).not.toContain('state')
})

test('推荐名单导出 xlsx 和打印：筛选一致、手机号打码 / the list exports and prints with the same filters, phones masked', async () => {
  const job = createTestVacancy('weifang', { ageMax: 30 })
  const skill = `导出测试${Date.now() % 100000}`
  const a = personAged(45, { skills: skill }, 4)
  createLedgerWorker('kaizhou', { skills: '别的技能' })
  const cookie = await cookieFor('kaizhou')
  const params = { jobId: String(job.id) }
  const r = await callLoader(exportLoader, { path: `/west/jobs/${job.id}/recommend.xlsx?skill=${encodeURIComponent(skill)}&ages=all`, cookie, params })
  const response = (r as { value: Response }).value
  expect(response.headers.get('Content-Type')).toContain('spreadsheetml')
  // The file is named by exportNames: county, list, post, the filters applied, the day.
  const fileName = decodeURIComponent(response.headers.get('Content-Disposition')!.split("UTF-8''")[1])
  expect(fileName).toMatch(new RegExp(`^开州区.*-推荐名单-${job.title.slice(0, 20)}-.*技能含${skill}.*-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`))
  expect(response.headers.get('Content-Disposition')).toContain(`filename="recommend-${job.id}-filtered-`)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await response.arrayBuffer())
  const sheet = book.worksheets[0]
  // Two title rows (the post; the filters), the header, the one row.
  expect(sheet.actualRowCount).toBe(4)
  expect(sheet.getRow(4).getCell(1).text).toBe(a.name)
  expect(sheet.getRow(4).getCell(5).text).toMatch(/^1\d\d\*{4}\d{4}$/)
  expect(sheet.getRow(4).getCell(10).text).toContain('不在岗位要求')
  expect(JSON.stringify(sheet.getSheetValues())).not.toContain(a.phone!)

  const printed = await callLoader(printLoader, { path: `/west/jobs/${job.id}/recommend/print?skill=${encodeURIComponent(skill)}&ages=all`, cookie, params })
  const v = (printed as { value: Awaited<ReturnType<typeof printLoader>> }).value
  expect(v.total).toBe(1)
  expect(v.rows[0]).toMatchObject({ id: a.id, name: a.name })
  expect(JSON.stringify(v)).not.toContain(a.phone!)
})

test('县里查看对口岗位详情和岗位公告；别的对子、草稿是 404 / the county opens a post of its pair and its notice; another pair or a draft is 404', async () => {
  const mine = createTestVacancy('weifang', { contactName: '王经理', contactPhone: '13900001111' })
  const cookie = await cookieFor('kaizhou')
  const params = { jobId: String(mine.id) }
  const view = await callLoader(postLoader, { path: `/west/jobs/${mine.id}`, cookie, params })
  expect('value' in view && view.value.post).toMatchObject({ id: mine.id, contactName: '王经理', contactPhone: '13900001111' })
  const notice = await callLoader(noticeLoader, { path: `/west/jobs/${mine.id}/notice`, cookie, params })
  const n = (notice as { value: Awaited<ReturnType<typeof noticeLoader>> }).value
  expect(n.url).toBe(`http://localhost:3000/jobs/${mine.id}`)
  expect(n.qr).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
  expect(n.qr).not.toMatch(/<script|href=/i)
  expect(n.county.name).toContain('开州')

  for (const other of [createTestVacancy('dezhou'), createTestVacancy('weifang', { status: 'draft' })]) {
    for (const fn of [postLoader, noticeLoader, loader, exportLoader, printLoader]) {
      const r = await callLoader(fn as typeof postLoader, { path: `/west/jobs/${other.id}`, cookie, params: { jobId: String(other.id) } })
      expect('thrown' in r && r.thrown.status).toBe(404)
    }
  }
  // Only county staff: a bureau's staff are not let in.
  const east = await callLoader(postLoader, { path: `/west/jobs/${mine.id}`, cookie: await cookieFor('weifang'), params })
  expect('thrown' in east && east.thrown.status).not.toBe(200)
})

test('代为开通后的账号告知单：登录网址二维码和本县联系方式，不缓存 / the account slip after assisted registration carries the sign-in QR and the county contact, not cached', async () => {
  const target = createLedgerWorker('kaizhou', { name: '单告知' })
  const phone = `1770${String(Date.now()).slice(-7)}`
  const result = await callAction(newAccountAction, {
    path: '/west/accounts/new',
    fields: { intent: 'create', q: target.name, workerId: String(target.id), phone },
    cookie: await cookieFor('kaizhou'),
  })
  const value = (result as { value: unknown }).value
  const reply = unwrapData<{ kind: string; account: { initialPassword: string }; slip: { loginUrl: string; qr: string; county: { name: string } } }>(value)
  expect(reply.data.kind).toBe('created')
  expect(reply.data.slip.loginUrl).toBe('http://localhost:3000/login')
  expect(reply.data.slip.qr).toMatch(/^<svg/)
  expect(reply.data.slip.county.name).toContain('开州')
  expect((value as { init: { headers: Record<string, string> } }).init.headers['Cache-Control']).toBe('no-store')
})
