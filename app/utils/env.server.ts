import path from 'node:path'
import { z } from 'zod'
import type { MapTiles } from '~/rules/map'

const DEV_SECRET = 'dev-only-secret-do-not-use-in-production'

const schema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('data/portal.db'),
  /**
   * Where uploaded claim files are kept (issue 13 §4, security.md 10): outside `public/`, so nothing
   * uploaded is ever served except through the authorised route. Relative paths are from the working directory.
   */
  UPLOADS_DIR: z
    .string()
    .min(1)
    .default('data/uploads')
    .refine((dir) => !isUnderPublic(dir), 'must not be inside public/ (uploads are served only through an authorised route)'),
  /** Comma-separated; the first signs new cookies, the rest are still accepted (rotation). */
  SESSION_SECRET: z.string().optional(),
  /** Public origin when behind a proxy, e.g. https://luyu.example.gov.cn; otherwise taken from Host. */
  APP_ORIGIN: z.string().url().optional(),
  /** Worker processes serving requests (server/index.ts); default one per core. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(32).optional(),
  /** Trust X-Forwarded-For from this many proxies (express "trust proxy"). */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  /**
   * Map tiles, e.g. https://tiles.example.gov.cn/{z}/{x}/{y}.png ({s} for subdomains allowed). Unset:
   * maps show no tiles (government intranets often cannot reach public tile servers) but still work.
   */
  MAP_TILE_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v) && ['{z}', '{x}', '{y}'].every((p) => v.includes(p)), 'must be an http(s) URL with {z}, {x} and {y}')
    .optional(),
  /** Attribution shown on the map for MAP_TILE_URL's tiles (their licence usually requires it); default: the tile host. */
  MAP_TILE_ATTRIBUTION: z.string().trim().max(200).optional(),
  /**
   * The coordinate system MAP_TILE_URL's tiles are drawn in: `wgs84` (OpenStreetMap, Tianditu) or `gcj02`
   * (most Chinese commercial tiles); points are stored in WGS-84 and shifted for display on gcj02 tiles.
   */
  MAP_TILE_CRS: z.enum(['wgs84', 'gcj02']).default('wgs84'),
  /** The deepest zoom MAP_TILE_URL serves (Leaflet's maxZoom), 3–20. */
  MAP_TILE_MAX_ZOOM: z.coerce.number().int().min(3).max(20).default(18),
})

/** Whether `dir` is `public/` of the working directory or inside it. */
function isUnderPublic(dir: string) {
  const relative = path.relative(path.resolve('public'), path.resolve(dir))
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

/** The CSP img-src source for the tile server: its origin, with a {s} subdomain as a wildcard. */
function tileSource(url: string | undefined) {
  if (!url) return null
  const origin = /^(https?:\/\/[^/]+)/.exec(url)?.[1] ?? null
  return origin ? origin.replace('{s}', '*') : null
}

/**
 * The operator's tiles for every map (issue 14 §3): MAP_TILE_URL with its attribution (default 底图 <host>),
 * coordinate system and deepest zoom; null when MAP_TILE_URL is unset (maps show the bundled outline only).
 */
function mapTiles(value: z.infer<typeof schema>): MapTiles | null {
  if (!value.MAP_TILE_URL) return null
  return {
    url: value.MAP_TILE_URL,
    attribution: value.MAP_TILE_ATTRIBUTION || `底图 ${tileHost(value.MAP_TILE_URL)}`,
    crs: value.MAP_TILE_CRS,
    maxZoom: value.MAP_TILE_MAX_ZOOM,
  }
}

/** The tile server's host (a {s} subdomain shown as-is), for the default attribution. */
function tileHost(url: string) {
  return /^https?:\/\/([^/]+)/.exec(url)?.[1] ?? url
}

/** Reads and checks the environment; throws with a readable message when it is unusable. */
export function parseEnv(source: Record<string, string | undefined>) {
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  const value = parsed.data
  const secrets = (value.SESSION_SECRET ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (value.NODE_ENV === 'production') {
    if (secrets.length === 0) throw new Error('SESSION_SECRET must be set in production (comma-separated for rotation).')
    if (secrets.some((s) => s.length < 32)) throw new Error('Each SESSION_SECRET must be at least 32 characters.')
  }
  return {
    ...value,
    sessionSecrets: secrets.length > 0 ? secrets : [DEV_SECRET],
    isProduction: value.NODE_ENV === 'production',
    mapTileSource: tileSource(value.MAP_TILE_URL),
    mapTiles: mapTiles(value),
  }
}

export const env = parseEnv(process.env)
