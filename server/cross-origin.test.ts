import { expect, test } from 'vitest'
import { isCrossOriginWrite } from './cross-origin'

const own = 'https://luyu.example.gov.cn'

test('读请求从不拦截 / reads are never refused', () => {
  for (const method of ['GET', 'HEAD', 'OPTIONS']) {
    expect(isCrossOriginWrite({ method, origin: 'https://evil.example', secFetchSite: 'cross-site', ownOrigin: own })).toBe(false)
  }
})

test('同源写请求放行 / same-origin writes pass', () => {
  expect(isCrossOriginWrite({ method: 'POST', origin: own, secFetchSite: 'same-origin', ownOrigin: own })).toBe(false)
  expect(isCrossOriginWrite({ method: 'POST', origin: undefined, secFetchSite: 'same-origin', ownOrigin: own })).toBe(false)
  expect(isCrossOriginWrite({ method: 'POST', origin: 'HTTPS://LUYU.EXAMPLE.GOV.CN', secFetchSite: undefined, ownOrigin: own })).toBe(false)
})

test('同站不同源（其他 gov.cn 网站）也拒绝 / same-site but other-origin (another gov.cn host) is refused', () => {
  expect(isCrossOriginWrite({ method: 'POST', origin: 'https://other.example.gov.cn', secFetchSite: 'same-site', ownOrigin: own })).toBe(true)
  expect(isCrossOriginWrite({ method: 'POST', origin: undefined, secFetchSite: 'same-site', ownOrigin: own })).toBe(true)
  expect(isCrossOriginWrite({ method: 'DELETE', origin: 'https://other.example.gov.cn', secFetchSite: undefined, ownOrigin: own })).toBe(true)
})

test('跨站、null 来源和不同端口都拒绝 / cross-site, a null origin and another port are refused', () => {
  expect(isCrossOriginWrite({ method: 'POST', origin: 'https://evil.example', secFetchSite: 'cross-site', ownOrigin: own })).toBe(true)
  expect(isCrossOriginWrite({ method: 'POST', origin: 'null', secFetchSite: undefined, ownOrigin: own })).toBe(true)
  expect(isCrossOriginWrite({ method: 'PUT', origin: `${own}:8443`, secFetchSite: undefined, ownOrigin: own })).toBe(true)
})

test('用户在地址栏直接发起的请求放行 / a user-initiated navigation (Sec-Fetch-Site: none) passes', () => {
  expect(isCrossOriginWrite({ method: 'POST', origin: undefined, secFetchSite: 'none', ownOrigin: own })).toBe(false)
})
