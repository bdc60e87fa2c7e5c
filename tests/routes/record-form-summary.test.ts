import { createElement } from 'react'
import { expect, test } from 'vitest'
import { NewSitePage } from '~/components/site-form'
import { action as eastNewAction, loader as eastNewLoader } from '~/routes/east.sites.new'
import { renderAt } from '../render'
import { actionAs, callLoader, cookieFor, unwrapData } from '../request'

// Every record form (RecordForm: posts, employers, ledger rows, sites, batches, policies) lists a refused
// sending's problems at its top (new user, issue 14: without JavaScript a refused site form reloaded at the
// top of a phone's page with nothing to say what was wrong; the messages sat two screens further down).

test('被拒的站点表单在顶部列出问题，每条链接到对应的输入框 / a refused site form lists its problems at the top, each linked to its input', async () => {
  const loaded = await callLoader(eastNewLoader, { path: '/east/sites/new', cookie: await cookieFor('weifang') })
  if (!('value' in loaded)) throw new Error('new-site page refused')
  const fields = {
    intent: 'save',
    type: 'workstation',
    siteNumber: 'SUM-1',
    name: '汇总测试站',
    address: '潍坊市',
    lat: '36.7',
    lng: '119.16',
    contactName: '王',
    contactPhone: '12345',
    openingHours: '周一',
  }
  const refused = await actionAs('weifang', eastNewAction, { path: '/east/sites/new', fields })
  if (!('value' in refused)) throw new Error('expected a refusal')
  const { status, data: lastResult } = unwrapData<Parameters<typeof NewSitePage>[0]['lastResult']>(refused.value)
  expect(status).toBe(400)
  const html = await renderAt(createElement(NewSitePage, { ...loaded.value, lastResult }), '/east/sites/new')
  const summary = /<div[^>]*class="form-error error-summary"[^>]*>(.*?)<\/div>/s.exec(html)?.[1]
  expect(summary).toMatch(/有 (<!-- -->)?2(<!-- -->)? 处需要修改/)
  const links = [...summary!.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ id: m[1], message: m[2] }))
  expect(links.map((l) => l.message)).toEqual([expect.stringContaining('联系电话应为'), '请至少选择一项服务内容'])
  // Each link leads to an element of the page, and the summary comes before the fields.
  for (const { id } of links) expect(html, id).toContain(`id="${id}"`)
  expect(html.indexOf('error-summary')).toBeLessThan(html.indexOf('站点信息'))
})
