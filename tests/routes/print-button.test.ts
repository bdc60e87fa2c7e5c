import { createElement } from 'react'
import { expect, test } from 'vitest'
import { PrintButton } from '~/components/print-button'
import { renderAt, textOf } from '../render'

// A 打印 button works only with JavaScript (window.print), so the server's HTML — all a browser without JavaScript
// ever has — carries no button, only the visible hint to print from the browser's menu (a tooltip is never seen on
// a phone); the button comes with hydration. Neither is printed (no-print).

test('服务器渲染没有打印按钮，只有看得见的提示 / the server HTML has no print button, only a visible hint', async () => {
  const html = await renderAt(createElement(PrintButton, { hint: '用浏览器菜单里的“打印”可以打印本报告（A4 一页）', children: '打印报告' }))
  expect(html).not.toContain('<button')
  expect(textOf(html)).toBe('用浏览器菜单里的“打印”可以打印本报告（A4 一页）')
  expect(html).toMatch(/class="[^"]*no-print[^"]*"/)
  expect(textOf(await renderAt(createElement(PrintButton)))).toBe('用浏览器菜单里的“打印”可以打印本页')
})
