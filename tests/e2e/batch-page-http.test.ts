import { expect, inject, test } from 'vitest'
import { addDays, todayInShanghai } from '~/rules/dates'
import { formPoster, kaizhouBatchOverHttp, staffCookieAt } from './http-forms'
import { withDatabase } from './browser'

// The county's batch page without JavaScript (issue 12 §2–§4, session 7 walkthrough): plain form posts to the
// production server and the HTML they get back. A refused field comes back as a 400 page whose top carries
// the error summary linking to the field; closing and reopening are confirmation steps; before the day the
// depart button is there, disabled, with the day it can be used.

const baseURL = inject('baseURL')

const postAs = formPoster(baseURL)

/** The ID number of a live ledger row of 开州区 with no seat on any batch. */
function freeKaizhouIdNumber() {
  return withDatabase(
    (db) =>
      (
        db
          .prepare(
            `select w.id_number as idNumber from workers w
             join organisations o on o.id = w.organisation_id join areas a on a.code = o.area_code
             where a.name = '开州区' and w.archived_at is null and not exists (select 1 from batch_seats s where s.worker_id = w.id)
             order by w.id limit 1`,
          )
          .get() as { idNumber: string }
      ).idNumber,
    { readonly: true },
  )
}

/** The error summary's part of a page: from its box to the end of its list. */
function summaryOf(html: string) {
  const start = html.indexOf('class="form-error error-summary"')
  return start < 0 ? null : html.slice(start, html.indexOf('</ul>', start))
}

test('没有 JavaScript：身份证号码不对或已在批次里，页面顶部列出错误并链接到字段 / without JavaScript a bad or repeated ID number comes back with a summary at the top linking to the field', async () => {
  const staff = await staffCookieAt(baseURL)
  const { path } = await kaizhouBatchOverHttp(baseURL, staff, { departureDate: addDays(todayInShanghai(), 9), plate: '渝D45047' })

  const bad = await postAs(staff, path, { intent: 'add_worker', idNumber: '123' })
  expect(bad.status).toBe(400)
  const html = await bad.text()
  const summary = summaryOf(html)
  expect(summary).toContain('role="alert"')
  expect(summary).toContain('tabindex="-1"')
  expect(summary).toMatch(/有 (<!-- -->)?1(<!-- -->)? 处需要修改/)
  expect(summary).toMatch(/<a href="#add_worker-idNumber">[^<]+<\/a>/)
  expect(html).toMatch(/<input[^>]*id="add_worker-idNumber"[^>]*aria-invalid="true"/)
  // The summary comes before everything else of the batch: it is what the reloaded page shows first.
  expect(html.indexOf('error-summary')).toBeLessThan(html.indexOf('批次信息'))

  const idNumber = freeKaizhouIdNumber()
  expect((await postAs(staff, path, { intent: 'add_worker', idNumber })).status).toBe(302)
  const again = await postAs(staff, path, { intent: 'add_worker', idNumber })
  expect(again.status).toBe(409)
  expect(summaryOf(await again.text())).toContain('<a href="#add_worker-idNumber">已在此批次占座</a>')

  const page = await (await fetch(baseURL + path, { headers: { Cookie: staff } })).text()
  expect(summaryOf(page)).toBeNull()
})

test('截止和重新开放要先确认；截止后发车日前“标记已发车”灰显并说明日期 / closing and reopening ask first; a closed batch before its day shows 标记已发车 disabled with the day', async () => {
  const staff = await staffCookieAt(baseURL)
  const departureDate = addDays(todayInShanghai(), 9)
  const made = await postAs(staff, '/west/batches/new', {
    cityCode: '370700',
    pickupName: '汉丰街道汽车站',
    pickupAddress: '开州区汉丰街道滨湖路 1 号',
    departureDate,
    departureTime: '07:00',
    escortName: '王干部',
    escortPhone: '13800002222',
  })
  const path = made.headers.get('location')!
  expect((await postAs(staff, path, { intent: 'add_vehicle', plate: '渝D45048', seats: '45' })).status).toBe(302)
  expect((await postAs(staff, path, { intent: 'open' })).status).toBe(302)
  const open = await (await fetch(baseURL + path, { headers: { Cookie: staff } })).text()
  expect(open).toMatch(
    /<details[^>]*><summary class="button">截止报名并排座<\/summary><form[^>]*>[\s\S]*?截止后不再接受报名[\s\S]*?确定截止并排座<\/button><\/form><\/details>/,
  )
  expect(open).not.toContain('标记已发车')

  expect((await postAs(staff, path, { intent: 'close' })).status).toBe(302)
  const closed = await (await fetch(baseURL + path, { headers: { Cookie: staff } })).text()
  const day = `${Number(departureDate.slice(5, 7))}月${Number(departureDate.slice(8, 10))}日`
  expect(closed).toMatch(/<button type="button" class="button button--secondary" disabled="" aria-describedby="depart-hint">标记已发车<\/button>/)
  expect(closed).toContain(`发车当天（${day}）可标记已发车，登记上车也在当天进行。`)
  expect(closed).toMatch(/<summary class="button button--secondary">重新开放报名<\/summary><form[^>]*>[\s\S]*?座位表作废[\s\S]*?确定重新开放报名<\/button>/)
  expect(closed).toContain(`<h1>${day} 开州区→潍坊市`)
})
