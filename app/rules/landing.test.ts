import fc from 'fast-check'
import { expect, test } from 'vitest'
import { ROLES } from '../../db/schema'
import { HOME_OF, landingAfterLogin } from './landing'

test('没有回跳地址时进入本方首页 / without a way back each role goes to its home', () => {
  expect(landingAfterLogin('east', null)).toBe('/east')
  expect(landingAfterLogin('west', '')).toBe('/west')
  expect(landingAfterLogin('worker', undefined)).toBe('/me')
  expect(landingAfterLogin('admin', null)).toBe('/admin')
})

test('回到本方页面或公开页面 / back to a page of the own side or a public page', () => {
  expect(landingAfterLogin('west', '/west/workers?page=2')).toBe('/west/workers?page=2')
  expect(landingAfterLogin('worker', '/jobs/12')).toBe('/jobs/12')
  expect(landingAfterLogin('east', '/eastern-news')).toBe('/eastern-news')
})

test('不会跳到别方、登录页或站外 / never to another side, back to login, or off the site', () => {
  expect(landingAfterLogin('west', '/east')).toBe('/west')
  expect(landingAfterLogin('worker', '/admin/users')).toBe('/me')
  expect(landingAfterLogin('east', '/login?redirectTo=/east')).toBe('/east')
  for (const hostile of ['https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/west\n/x']) {
    expect(landingAfterLogin('west', hostile)).toBe('/west')
  }
})

test('任意输入都落在本站且不进入别方页面 / for any input the landing is a path on this site outside other sides', () => {
  const areas = Object.values(HOME_OF)
  fc.assert(
    fc.property(fc.constantFrom(...ROLES), fc.oneof(fc.string(), fc.webUrl(), fc.webPath(), fc.constantFrom(...areas).chain((a) => fc.webPath().map((p) => a + p))), (role, target) => {
      const landing = landingAfterLogin(role, target)
      expect(landing.startsWith('/')).toBe(true)
      expect(landing.startsWith('//')).toBe(false)
      expect(landing).not.toMatch(/[\u0000-\u001f\\]/)
      for (const area of areas.filter((a) => a !== HOME_OF[role])) {
        expect(landing === area || landing.startsWith(`${area}/`) || landing.startsWith(`${area}?`)).toBe(false)
      }
    }),
  )
})
