import { expect, test } from 'vitest'
import { parseEnv } from './env.server'

test('生产环境没有 SESSION_SECRET 拒绝启动 / production refuses to start without SESSION_SECRET', () => {
  expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET must be set/)
  expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: ' , ' })).toThrow(/SESSION_SECRET must be set/)
  expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(/at least 32/)
})

test('SESSION_SECRET 以逗号分隔，第一个用于签名，其余用于轮换 / comma-separated secrets: the first signs, the rest still verify', () => {
  const a = 'a'.repeat(32)
  const b = 'b'.repeat(40)
  const env = parseEnv({ NODE_ENV: 'production', SESSION_SECRET: `${a}, ${b}` })
  expect(env.sessionSecrets).toEqual([a, b])
  expect(env.isProduction).toBe(true)
})

test('开发环境有默认值 / development has defaults for a quick start', () => {
  const env = parseEnv({})
  expect(env.PORT).toBe(3000)
  expect(env.DATABASE_PATH).toBe('data/portal.db')
  expect(env.sessionSecrets).toHaveLength(1)
  expect(env.isProduction).toBe(false)
})

test('错误的端口号给出可读的错误 / a bad port gives a readable error', () => {
  expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/)
})

test('地图瓦片地址：校验格式，并得出 CSP 允许的来源 / MAP_TILE_URL is validated and yields the CSP image origin', () => {
  expect(parseEnv({}).mapTileSource).toBeNull()
  const env = parseEnv({ MAP_TILE_URL: 'https://{s}.tiles.example.gov.cn/osm/{z}/{x}/{y}.png' })
  expect(env.mapTileSource).toBe('https://*.tiles.example.gov.cn')
  expect(parseEnv({ MAP_TILE_URL: 'http://10.1.2.3:8080/{z}/{x}/{y}.png' }).mapTileSource).toBe('http://10.1.2.3:8080')
  expect(() => parseEnv({ MAP_TILE_URL: 'https://tiles.example.gov.cn/tile.png' })).toThrow(/MAP_TILE_URL/)
  expect(() => parseEnv({ MAP_TILE_URL: 'ftp://tiles.example/{z}/{x}/{y}' })).toThrow(/MAP_TILE_URL/)
})
