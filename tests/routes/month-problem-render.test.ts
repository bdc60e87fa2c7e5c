import { createElement } from 'react'
import { expect, test } from 'vitest'
import { FilterMonth } from '~/components/list-filters'
import { MonthHeader } from '~/components/statistics-dashboard'
import { renderAt, textOf } from '../render'

// A month asked for in the URL and not used is said beside its field, never passed over in silence: on a
// list the period filter is dropped (the list shows every month), on a statistics page this month is shown.

test('列表网址里的月份无效时，月份框旁说明没有按月份筛选 / a list says beside its month field that a bad URL period was not applied', async () => {
  for (const bad of ['2026-13', '2026-11/2026-01', 'abc%00def', '2000-01/2026-11']) {
    const html = await renderAt(createElement(FilterMonth, { label: '录用月份', value: null }), `/east/hires?month=${bad}`)
    expect(html, bad).toContain('aria-invalid="true"')
    expect(textOf(html), bad).toContain('不是月份（如 2026-11），下面没有按录用月份筛选。')
  }
  expect(textOf(await renderAt(createElement(FilterMonth, { label: '录用月份', value: null }), '/east/hires?month=abc%00def'))).toContain('「abcdef」')
  // A period the list took, or none asked for, says nothing.
  for (const [path, value] of [
    ['/east/hires?month=2026-11', '2026-11'],
    ['/east/hires', null],
    ['/east/hires?month=', null],
  ] as const) {
    const html = await renderAt(createElement(FilterMonth, { label: '录用月份', value }), path)
    expect(html, path).not.toContain('aria-invalid')
    expect(textOf(html), path).not.toContain('不是月份')
  }
})

test('统计页的月份不能用时，选月份处说明原因 / a statistics page says beside its month picker why the month asked for is not shown', async () => {
  const view = { month: '2026-12', previousMonth: '2026-11', nextMonth: null, thisMonth: '2026-12' }
  const problem = '2027年1月还没有到，下面是本月（2026年12月）的数字。'
  const html = await renderAt(createElement(MonthHeader, { title: '2026年12月统计', view: { ...view, monthProblem: problem } }), '/west?month=2027-01')
  expect(html).toContain('aria-invalid="true"')
  expect(html).toContain('role="alert"')
  expect(textOf(html)).toContain(problem)
  const fine = await renderAt(createElement(MonthHeader, { title: '2026年12月统计', view: { ...view, monthProblem: null } }), '/west?month=2026-12')
  expect(fine).not.toContain('role="alert"')
})
