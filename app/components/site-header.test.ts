import { expect, test } from 'vitest'
import { currentNavItem } from './site-header'

const WEST = [
  { to: '/west', label: '工作台' },
  { to: '/west/workers', label: '务工人员台账' },
  { to: '/west/claims', label: '补助审核' },
  { to: '/west/claims/proactive', label: '免申即享' },
]

test('菜单标出当前页：最长的前缀，工作台只在本页 / the phone menu names the current page: the longest prefix, the home item only on itself', () => {
  expect(currentNavItem(WEST, '/west')?.label).toBe('工作台')
  expect(currentNavItem(WEST, '/west/')?.label).toBe('工作台')
  expect(currentNavItem(WEST, '/west/claims/12')?.label).toBe('补助审核')
  expect(currentNavItem(WEST, '/west/claims/proactive')?.label).toBe('免申即享')
  expect(currentNavItem(WEST, '/west/workers/3/edit')?.label).toBe('务工人员台账')
  // Not under any item (and not a look-alike prefix): no name, the summary says only 菜单.
  expect(currentNavItem(WEST, '/west/accounts/new')).toBeNull()
  expect(currentNavItem(WEST, '/west/claimsx')).toBeNull()
})
