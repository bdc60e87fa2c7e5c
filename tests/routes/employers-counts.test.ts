import { expect, test } from 'vitest'
import { loader as listLoader } from '~/routes/east.employers._index'
import { createTestEmployer, createTestVacancy } from '../factories'
import { context, cookieFor, get } from '../request'

// Issue 10: an employer's post counts are counted per row of the page in vacancies_employer_idx. They must
// be exactly its posts in every state, and open (招聘中) only for published posts within their date.

test('用人单位的岗位数和招聘中岗位数准确 / an employer shows all its posts and only the open ones as open', async () => {
  const employer = createTestEmployer('zaozhuang', { name: `计数测试单位${Date.now()}` })
  for (const status of ['published', 'published', 'expired', 'closed', 'filled', 'draft'] as const)
    createTestVacancy('zaozhuang', { status, employerId: employer.id })
  const lonely = createTestEmployer('zaozhuang', { name: `计数测试单位无岗位${Date.now()}` })
  const page = await listLoader({
    request: get(`/east/employers?q=${encodeURIComponent('计数测试单位')}`, await cookieFor('zaozhuang')),
    context: context(),
    params: {},
  })
  const row = page.rows.find((r) => r.id === employer.id)
  expect(row).toMatchObject({ posts: 6, openPosts: 2 })
  expect(page.rows.find((r) => r.id === lonely.id)).toMatchObject({ posts: 0, openPosts: 0 })
  // Another bureau searching the same words sees neither.
  const other = await listLoader({
    request: get(`/east/employers?q=${encodeURIComponent('计数测试单位')}`, await cookieFor('weifang')),
    context: context(),
    params: {},
  })
  expect(other.rows.map((r) => r.id)).not.toContain(employer.id)
})
