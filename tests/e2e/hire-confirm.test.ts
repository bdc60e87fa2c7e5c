import { expect, inject, test } from 'vitest'
import type { Page } from 'playwright-core'
import { DEMO_PASSWORD, openConfirmStep, PHONE, screenshot, signIn, useBrowser, withDatabase } from './browser'

// Issue 9 §4, §2, §12 on a 360 px phone, with JavaScript off and on: hire and decline ask first (the
// button opens a confirmation step; opening it writes nothing), both can be undone with a reason, the
// bureau shows an applicant's phone as a tel: link, and a worker withdraws an application still 已报名.

const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()

function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

type Target = { vacancyId: number; applicationId: number; name: string; phone: string }

/**
 * Submitted applicants on Weifang's open posts with room left, each name unique on its post; taken from
 * the newest, one per post, so another suite's pick (the oldest) is not disturbed.
 */
function applicantsToHire(n: number): Target[] {
  return withDatabase((db) =>
    db
      .prepare(
        `select v.id as vacancyId, max(a.id) as applicationId, w.name as name, w.phone as phone
           from applications a
           join vacancies v on v.id = a.vacancy_id
           join organisations o on o.id = v.organisation_id
           join workers w on w.id = a.worker_id
          where o.area_code = '370700' and v.status = 'published' and v.valid_until >= ? and a.status = 'submitted' and w.phone is not null
            and (select count(*) from applications h where h.vacancy_id = v.id and h.status = 'hired') + 1 < v.headcount
            and (select count(*) from applications a2 join workers w2 on w2.id = a2.worker_id where a2.vacancy_id = v.id and w2.name = w.name) = 1
          group by v.id order by v.id desc limit ?`,
      )
      .all(today(), n),
  ) as Target[]
}

function applicationState(applicationId: number) {
  return withDatabase((db) => ({
    status: (db.prepare('select status from applications where id = ?').get(applicationId) as { status: string }).status,
    records: (db.prepare('select count(*) as n from employment_records where application_id = ?').get(applicationId) as { n: number }).n,
  }))
}

async function notice(page: Page, text: string) {
  await page.getByRole('status').filter({ hasText: text }).waitFor({ timeout: 15_000 })
}

for (const javaScriptEnabled of [false, true]) {
  const mode = javaScriptEnabled ? 'js' : 'nojs'

  test(`录用、不录用先确认，可撤销；显示电话（${mode}）/ hire and decline are confirmed and undoable; the phone is a tel: link (${mode})`, async () => {
    const target = applicantsToHire(2)[javaScriptEnabled ? 1 : 0]
    expect(target).toBeTruthy()
    const page = await freshPage({ ...PHONE, javaScriptEnabled })
    try {
      await signIn(page, baseURL, 'weifang', DEMO_PASSWORD)
      await page.goto(`${baseURL}/east/jobs/${target.vacancyId}/applicants`)
      const row = page.getByRole('row').filter({ hasText: target.name })
      await row.getByRole('button', { name: '标记已联系' }).click()
      await notice(page, '已标记为“已联系”')

      // Opening the confirmation writes nothing.
      await openConfirmStep(row, '录用…')
      await row.getByText(`确认录用 ${target.name}？`).waitFor()
      expect(applicationState(target.applicationId)).toEqual({ status: 'contacted', records: 0 })
      await screenshot(page, `hire-confirm-step-${mode}`)
      await row.getByRole('button', { name: `确认录用 ${target.name}` }).click()
      await notice(page, '已录用，并生成了就业记录')
      expect(applicationState(target.applicationId)).toEqual({ status: 'hired', records: 1 })

      await openConfirmStep(row, '撤销…')
      await row.getByLabel('撤销原因（必填）').fill('本人未到岗')
      await screenshot(page, `hire-undo-step-${mode}`)
      await row.getByRole('button', { name: '确认撤销' }).click()
      await notice(page, '已撤销，恢复为“已联系”')
      expect(applicationState(target.applicationId)).toEqual({ status: 'contacted', records: 0 })

      await openConfirmStep(row, '不录用…')
      await row.getByRole('button', { name: '确认不录用' }).click()
      await notice(page, '已标记为“未录用”')
      expect(applicationState(target.applicationId).status).toBe('declined')
      await openConfirmStep(row, '撤销…')
      await row.getByLabel('撤销原因（必填）').fill('点错了')
      await row.getByRole('button', { name: '确认撤销' }).click()
      await notice(page, '已撤销，恢复为“已联系”')
      expect(applicationState(target.applicationId)).toEqual({ status: 'contacted', records: 0 })

      await row.getByRole('button', { name: '显示电话' }).click()
      const tel = row.getByRole('link', { name: target.phone })
      await tel.waitFor()
      expect(await tel.getAttribute('href')).toBe(`tel:${target.phone}`)
      await screenshot(page, `applicants-phone-revealed-${mode}`)
    } finally {
      await closeAll()
    }
  }, 90_000)

  test(`务工人员撤回仍是“已报名”的报名（${mode}）/ a worker withdraws an application still 已报名 (${mode})`, async () => {
    // A demo worker of Kaizhou and a Weifang post open to Kaizhou they have not applied to: the application is set up in the database.
    const setup = withDatabase(
      (db) => {
        const worker = db
          .prepare(
            `select u.username, w.id as workerId from users u join workers w on w.user_id = u.id join organisations o on o.id = w.organisation_id
              where u.role = 'worker' and u.verified_at is not null and u.disabled_at is null and u.must_change_password = 0 and o.area_code = '500154'
              order by u.id limit 1 offset ?`,
          )
          .get(javaScriptEnabled ? 3 : 4) as { username: string; workerId: number }
        const post = db
          .prepare(
            `select v.id, v.title from vacancies v join vacancy_targets t on t.vacancy_id = v.id and t.county_code = '500154'
              where v.status = 'published' and v.valid_until >= ? and not exists (select 1 from applications a where a.vacancy_id = v.id and a.worker_id = ?)
              order by v.id desc limit 1`,
          )
          .get(today(), worker.workerId) as { id: number; title: string }
        const now = Date.now()
        const { lastInsertRowid } = db
          .prepare(`insert into applications (vacancy_id, worker_id, source, status, created_at, updated_at) values (?, ?, 'self', 'submitted', ?, ?)`)
          .run(post.id, worker.workerId, now, now)
        return { username: worker.username, title: post.title, applicationId: Number(lastInsertRowid) }
      },
      { readonly: false },
    )
    const page = await freshPage({ ...PHONE, javaScriptEnabled })
    try {
      await signIn(page, baseURL, setup.username, DEMO_PASSWORD)
      await page.goto(`${baseURL}/me/applications`)
      const card = page
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: setup.title }) })
        .first()
      await card.locator('summary', { hasText: '撤回报名' }).click()
      await card.getByText(`确定撤回对“${setup.title}”的报名吗？`).waitFor()
      expect(applicationState(setup.applicationId).status).toBe('submitted')
      await screenshot(page, `withdraw-confirm-${mode}`)
      await card.getByRole('button', { name: '确认撤回' }).click()
      await notice(page, '已撤回报名')
      expect(applicationState(setup.applicationId).status).toBe('withdrawn')
      await card.getByRole('link', { name: '重新报名这个岗位' }).waitFor()
      await screenshot(page, `withdrawn-${mode}`)
    } finally {
      await closeAll()
    }
  }, 90_000)
}
