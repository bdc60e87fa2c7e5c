import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { expect, inject, test } from 'vitest'
import { SITE_SHEET_COLUMNS } from '~/rules/site-sheet'
import { staffCookieAt } from './http-forms'

// Issue 14 §1, the sites import through the production server (server/index.ts, its request-body policy,
// CSRF check and Remix build), as a browser without JavaScript sends it: the route tests call the action
// directly and so missed that the server refused every upload with 415. Each side imports its own file,
// the same form sent twice imports once, an 11 MB body is a 413, and another city's site is a 404.

const baseURL = inject('baseURL')
const databasePath = inject('databasePath')

const HEADERS = SITE_SHEET_COLUMNS.map((c) => c.header)
const run = `${process.pid % 10_000}-${Date.now().toString(36).toUpperCase()}`

/** An xlsx of the template's headers and one row per site, numbered `<prefix>-<run>-<i>`, near `lat`, `lng`. */
async function sitesXlsx(prefix: string, place: { city: string; lat: number; lng: number }, count = 2) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('服务站点')
  sheet.addRow(HEADERS)
  const numbers = Array.from({ length: count }, (_, i) => `${prefix}-${run}-${i + 1}`)
  for (const [i, siteNumber] of numbers.entries()) {
    const cells: Record<string, string | number> = {
      站点编号: siteNumber,
      站点类型: i === 0 ? '劳务工作站' : '就业帮扶车间',
      站点名称: `${place.city}HTTP测试站点${i + 1}`,
      地址: `${place.city}测试路 ${i + 1} 号`,
      纬度: place.lat + i * 0.01,
      经度: place.lng + i * 0.01,
      联系人: '王老师',
      联系电话: '13800001111',
      开放时间: '周一至周五 8:30-17:30',
      服务内容: '岗位推荐、政策咨询',
      服务人数: 10,
    }
    sheet.addRow(HEADERS.map((h) => cells[h] ?? ''))
  }
  return { bytes: new Uint8Array(await workbook.xlsx.writeBuffer()), numbers }
}

/** The import page's form token, read from the page as the browser gets it. */
async function formTokenAt(path: string, cookie: string) {
  const page = await fetch(baseURL + path, { headers: { Cookie: cookie } })
  expect(page.status).toBe(200)
  const token = /name="formToken" value="([A-Za-z0-9_-]+)"/.exec(await page.text())?.[1]
  expect(token, 'the import form carries a token').toBeTruthy()
  return token!
}

/** A multipart POST of the import form (token and file) to `path`, from the portal's own origin; redirects are not followed. */
function postImport(path: string, cookie: string, fields: { formToken?: string; bytes: Uint8Array; fileName?: string }) {
  const form = new FormData()
  if (fields.formToken) form.append('formToken', fields.formToken)
  form.append(
    'file',
    new File([new Uint8Array(fields.bytes)], fields.fileName ?? '站点.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  )
  return fetch(baseURL + path, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: baseURL }, body: form })
}

/** The stored sites with these numbers: id, owner's area, name and version. */
function sitesNumbered(numbers: string[]) {
  const db = new Database(databasePath, { readonly: true })
  try {
    return db
      .prepare(
        `select id, site_number as siteNumber, area_code as areaCode, name, version from sites where site_number in (${numbers.map(() => '?').join(',')}) order by site_number`,
      )
      .all(...numbers) as { id: number; siteNumber: string; areaCode: string; name: string; version: number }[]
  } finally {
    db.close()
  }
}

/** How many sites imports (site.import audit rows) staff `username` has made. */
function importAudits(username: string) {
  const db = new Database(databasePath, { readonly: true })
  try {
    return (
      db
        .prepare(`select count(*) as n from audit_log a join users u on u.id = a.actor_user_id where u.username = ? and a.action = 'site.import'`)
        .get(username) as {
        n: number
      }
    ).n
  } finally {
    db.close()
  }
}

test('经生产服务器导入站点：潍坊和开州各导入本单位站点，同一表单再提交不重复写入 / the sites import through the production server: weifang and kaizhou each import their own, the same form sent again writes once', async () => {
  const weifang = await staffCookieAt(baseURL, 'weifang')
  const east = await sitesXlsx('WFH', { city: '潍坊市', lat: 36.70612, lng: 119.16123 })
  const token = await formTokenAt('/east/sites/import', weifang)
  const auditsBefore = importAudits('weifang')
  const first = await postImport('/east/sites/import', weifang, { formToken: token, bytes: east.bytes })
  expect(first.status, await first.clone().text()).toBe(302)
  expect(first.headers.get('location')).toBe('/east/sites')
  const eastSites = sitesNumbered(east.numbers)
  expect(eastSites.map((s) => [s.siteNumber, s.areaCode, s.version])).toEqual(east.numbers.map((n) => [n, '370700', 1]))
  // The list shows them, found by number.
  const list = await fetch(`${baseURL}/east/sites?q=${encodeURIComponent(east.numbers[0])}`, { headers: { Cookie: weifang } })
  expect(await list.text()).toContain('潍坊市HTTP测试站点1')

  // The same sending again: the same redirect, nothing written twice.
  const again = await postImport('/east/sites/import', weifang, { formToken: token, bytes: east.bytes })
  expect(again.status).toBe(302)
  expect(again.headers.get('location')).toBe('/east/sites')
  expect(sitesNumbered(east.numbers)).toEqual(eastSites)
  expect(importAudits('weifang')).toBe(auditsBefore + 1)

  const kaizhou = await staffCookieAt(baseURL, 'kaizhou')
  const west = await sitesXlsx('KZH', { city: '开州区', lat: 31.16012, lng: 108.39345 })
  const westAnswer = await postImport('/west/sites/import', kaizhou, { formToken: await formTokenAt('/west/sites/import', kaizhou), bytes: west.bytes })
  expect(westAnswer.status, await westAnswer.clone().text()).toBe(302)
  expect(westAnswer.headers.get('location')).toBe('/west/sites')
  expect(sitesNumbered(west.numbers).map((s) => [s.siteNumber, s.areaCode])).toEqual(west.numbers.map((n) => [n, '500154']))

  // Another city's staff: weifang's site is a 404, to read and to post.
  const dezhou = await staffCookieAt(baseURL, 'dezhou')
  const other = await fetch(`${baseURL}/east/sites/${eastSites[0].id}`, { headers: { Cookie: dezhou } })
  expect(other.status).toBe(404)
  const otherPost = await fetch(`${baseURL}/east/sites/${eastSites[0].id}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: dezhou, Origin: baseURL, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ intent: 'close', version: '1' }),
  })
  expect(otherPost.status).toBe(404)
  expect(sitesNumbered([east.numbers[0]])[0].version).toBe(1)
}, 60_000)

test('经生产服务器上传 11 MB：413，不写入 / an 11 MB upload through the production server: 413, nothing written', async () => {
  const weifang = await staffCookieAt(baseURL, 'weifang')
  const big = new Uint8Array(11 * 1024 * 1024)
  // A zip's signature, so only its size is wrong.
  big.set([0x50, 0x4b, 0x03, 0x04])
  const auditsBefore = importAudits('weifang')
  const answer = await postImport('/east/sites/import', weifang, { formToken: await formTokenAt('/east/sites/import', weifang), bytes: big })
  expect(answer.status).toBe(413)
  expect(importAudits('weifang')).toBe(auditsBefore)
}, 60_000)
