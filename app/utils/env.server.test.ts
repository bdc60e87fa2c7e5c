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

test('地图瓦片的署名、坐标系和最大缩放：未配置瓦片时为空 / map tiles carry attribution, coordinate system and max zoom, and are null without MAP_TILE_URL', () => {
  expect(parseEnv({}).mapTiles).toBeNull()
  expect(parseEnv({ MAP_TILE_CRS: 'gcj02' }).mapTiles).toBeNull()
  expect(parseEnv({ MAP_TILE_URL: 'http://10.1.2.3:8080/{z}/{x}/{y}.png' }).mapTiles).toEqual({
    url: 'http://10.1.2.3:8080/{z}/{x}/{y}.png',
    attribution: '底图 10.1.2.3:8080',
    crs: 'wgs84',
    maxZoom: 18,
  })
  const gcj = parseEnv({
    MAP_TILE_URL: 'https://{s}.tiles.example.gov.cn/{z}/{x}/{y}.png',
    MAP_TILE_ATTRIBUTION: '© 某地图服务 审图号 GS(2026)0000号',
    MAP_TILE_CRS: 'gcj02',
    MAP_TILE_MAX_ZOOM: '17',
  }).mapTiles
  expect(gcj).toMatchObject({ attribution: '© 某地图服务 审图号 GS(2026)0000号', crs: 'gcj02', maxZoom: 17 })
  expect(() => parseEnv({ MAP_TILE_CRS: 'bd09' })).toThrow(/MAP_TILE_CRS/)
  expect(() => parseEnv({ MAP_TILE_MAX_ZOOM: '25' })).toThrow(/MAP_TILE_MAX_ZOOM/)
})
