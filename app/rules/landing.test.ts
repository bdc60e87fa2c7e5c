import fc from 'fast-check'
import { expect, test } from 'vitest'
import { ROLES } from './permissions'
import { HOME_OF, landingAfterLogin, loginRedirectFor, MAX_REDIRECT_LENGTH } from './landing'

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
    fc.property(
      fc.constantFrom(...ROLES),
      fc.oneof(
        fc.string(),
        fc.webUrl(),
        fc.webPath(),
        fc.constantFrom(...areas).chain((a) => fc.webPath().map((p) => a + p)),
      ),
      (role, target) => {
        const landing = landingAfterLogin(role, target)
        expect(landing.startsWith('/')).toBe(true)
        expect(landing.startsWith('//')).toBe(false)
        expect(landing).not.toMatch(/[\p{Cc}\\]/u)
        for (const area of areas.filter((a) => a !== HOME_OF[role])) {
          expect(landing === area || landing.startsWith(`${area}/`) || landing.startsWith(`${area}?`)).toBe(false)
        }
      },
    ),
  )
})

const SAFE_LOCATION = /^\/(?![/\\])[\x21-\x7e]*$/

test('非 ASCII 和编码过的地址转成百分号编码的本站路径 / non-ASCII and encoded targets become percent-encoded paths of this site', () => {
  expect(landingAfterLogin('worker', '/jobs?x=工人')).toBe('/jobs?x=%E5%B7%A5%E4%BA%BA')
  expect(landingAfterLogin('worker', '/jobs/工人 电焊')).toBe('/jobs/%E5%B7%A5%E4%BA%BA%20%E7%94%B5%E7%84%8A')
  expect(landingAfterLogin('worker', '/jobs?x=%E5%B7%A5')).toBe('/jobs?x=%E5%B7%A5')
  expect(landingAfterLogin('west', '/west/workers?q=张三#top')).toBe('/west/workers?q=%E5%BC%A0%E4%B8%89#top')
})

test('解码、大小写、点段之后仍不进入别方页面 / decoding, case and dot segments do not lead into another side', () => {
  for (const sneaky of ['/EAST', '/%65ast/jobs', '/West/../east', '/%2e%2e/east', '/jobs/../admin', '/./east', '/east.data', '/me.data', '/LOGIN', '/logout']) {
    expect(landingAfterLogin('west', sneaky), sneaky).toBe('/west')
  }
  expect(landingAfterLogin('west', '/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example')
  // Off the site once resolved, control characters, a broken escape, too long: the home page.
  for (const odd of ['/./' + '/evil.example', '/\t/evil.example', '/\u0000', '/%', '/' + 'x'.repeat(MAX_REDIRECT_LENGTH)]) {
    expect(landingAfterLogin('east', odd), odd).toBe('/east')
  }
})

test('任意 Unicode 输入都得到 Location 头能承载的本站路径 / for any Unicode input the landing is a same-origin path a Location header can carry', () => {
  const areas = Object.values(HOME_OF)
  const pathish = fc
    .array(
      fc.oneof(
        fc.constantFrom('/', '\\', '.', '..', '%', '%2e', '%2F', '?', '#', '工', '\t', '\n', '\u0000', '\u2028', 'east', 'EAST', '\ud800'),
        fc.string({ unit: 'grapheme', maxLength: 4 }),
      ),
      { maxLength: 12 },
    )
    .map((parts) => `/${parts.join('')}`)
  fc.assert(
    fc.property(fc.constantFrom(...ROLES), fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), pathish), (role, target) => {
      const landing = landingAfterLogin(role, target)
      expect(landing).toMatch(SAFE_LOCATION)
      expect(landing.length).toBeLessThanOrEqual(MAX_REDIRECT_LENGTH)
      expect(() => new Headers({ Location: landing })).not.toThrow()
      const url = new URL(landing, 'http://portal.test')
      expect(url.origin).toBe('http://portal.test')
      const path = decodeURIComponent(url.pathname).toLowerCase()
      for (const area of areas.filter((a) => a !== HOME_OF[role])) {
        expect(path === area || path.startsWith(`${area}/`)).toBe(false)
      }
    }),
    { numRuns: 2000 },
  )
})

test('转去登录页时带上百分号编码的原地址，过长则不带 / the way to /login carries the page asked for, percent-encoded, or nothing when too long', () => {
  expect(loginRedirectFor('http://x/me')).toBe('/login?redirectTo=%2Fme')
  expect(loginRedirectFor('http://x/me/profile.data?_routes=routes%2Fme.profile')).toBe('/login?redirectTo=%2Fme%2Fprofile')
  expect(loginRedirectFor('http://x/west/workers?q=工人')).toBe('/login?redirectTo=%2Fwest%2Fworkers%3Fq%3D%25E5%25B7%25A5%25E4%25BA%25BA')
  expect(loginRedirectFor(`http://x/west/workers?q=${'a'.repeat(2000)}`)).toBe('/login')
  fc.assert(
    fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string({ unit: 'grapheme', maxLength: 50 }), (base, extra) => {
      const url = new URL(base)
      url.pathname += extra
      const location = loginRedirectFor(url.href)
      expect(location).toMatch(SAFE_LOCATION)
      expect(location.startsWith('/login')).toBe(true)
    }),
  )
})
