import crypto from 'node:crypto'
import { expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, DESKTOP, fillPostForm, openConfirmStep, PHONE, screenshot, signIn, useBrowser, withDatabase } from './browser'

// The whole story of issue 4 in one journey, as the three people would live it: the Weifang bureau
// posts and publishes a vacancy, a verified Kaizhou worker finds it on the public board and applies,
// the bureau contacts and hires them, and the worker sees the outcome — with the employment record
// in the database at the end.

const baseURL = inject('baseURL')
const { freshPage, closeAll } = useBrowser()

test('潍坊发布岗位 → 开州务工人员搜索并报名 → 潍坊录用 → 务工人员看到已录用 / post → apply → hire, end to end', async () => {
  const title = `冷库叉车司机${crypto.randomInt(100, 999)}`
  try {
    // 1. The bureau posts and publishes.
    const bureau = await freshPage(DESKTOP)
    await signIn(bureau, baseURL, 'weifang', DEMO_PASSWORD)
    await bureau.goto(`${baseURL}/east/jobs/new`)
    await bureau.getByRole('heading', { level: 1, name: '发布新岗位' }).waitFor()
    await fillPostForm(bureau, {
      title,
      address: '山东省潍坊市坊子区凤山路 18 号',
      meals: true,
      housing: true,
      requirements: '持叉车证，能适应冷库环境',
      contactName: '孙主管',
      contactPhone: '0536-7651234',
    })
    await bureau.getByRole('button', { name: '保存为草稿' }).click()
    await bureau.waitForURL((url) => /^\/east\/jobs\/\d+$/.test(url.pathname))
    const vacancyId = Number(new URL(bureau.url()).pathname.split('/')[3])
    await bureau.getByRole('button', { name: '发布' }).click()
    await bureau
      .getByRole('status')
      .getByText(/岗位已发布/)
      .waitFor()

    // 2. The worker searches the public board on a phone and applies.
    const worker = await freshPage(PHONE)
    await worker.goto(`${baseURL}/jobs`)
    await worker.getByRole('searchbox', { name: '搜索岗位' }).fill('叉车')
    await worker.getByRole('button', { name: '搜索', exact: true }).click()
    await worker.getByRole('list', { name: '岗位列表' }).getByRole('link', { name: title }).click()
    await worker.getByRole('heading', { level: 1, name: title }).waitFor()
    expect(await worker.getByRole('main').innerText()).toContain('¥6,500–8,000/月')
    await worker.getByRole('link', { name: '登录后报名' }).click()
    await worker.getByLabel('用户名或手机号').fill('13996000001')
    await worker.getByLabel('密码').fill(DEMO_PASSWORD)
    await worker.getByRole('button', { name: '登录' }).click()
    await worker.getByRole('button', { name: '我要报名' }).waitFor()
    await worker.getByLabel('给招聘单位留言（可不填）').fill('有叉车证，想和老乡一起去')
    await worker.getByRole('button', { name: '我要报名' }).click()
    await worker.getByRole('status').getByText(`报名成功：${title}`).waitFor()
    await screenshot(worker, 'story-1-applied-phone')

    // 3. The bureau contacts and hires.
    await bureau.goto(`${baseURL}/east/jobs/${vacancyId}/applicants`)
    const name = withDatabase((db) => (db.prepare("select display_name as n from users where username = '13996000001'").get() as { n: string }).n, {
      readonly: true,
    })
    const row = () => bureau.getByRole('row').filter({ hasText: name })
    await row().getByRole('button', { name: '标记已联系' }).click()
    await bureau.getByRole('status').filter({ hasText: '已标记为“已联系”' }).waitFor()
    await openConfirmStep(row(), '录用…')
    await row()
      .getByRole('button', { name: `确认录用 ${name}` })
      .click()
    await bureau.getByRole('status').filter({ hasText: '已录用，并生成了就业记录' }).waitFor()
    await screenshot(bureau, 'story-2-hired')

    // 4. The worker sees the outcome.
    await worker.goto(`${baseURL}/me/applications`)
    const mine = worker
      .getByRole('list', { name: '报名记录' })
      .getByRole('listitem')
      .filter({ has: worker.getByRole('link', { name: title }) })
    await mine.getByText('已录用').first().waitFor()
    await screenshot(worker, 'story-3-outcome-phone')

    const record = withDatabase(
      (db) =>
        db
          .prepare(
            `select e.city_code as cityCode, a.status as status, v.employer_id = e.employer_id as sameEmployer
               from employment_records e join applications a on a.id = e.application_id join vacancies v on v.id = a.vacancy_id
              where v.id = ?`,
          )
          .all(vacancyId),
      { readonly: true },
    )
    expect(record).toEqual([{ cityCode: '370700', status: 'hired', sameEmployer: 1 }])
  } finally {
    await closeAll()
  }
})
