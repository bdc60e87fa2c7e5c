// BUILD_DIR lets a test run build into its own folder, so two runs never overwrite each other's bundle.
const out = process.env.BUILD_DIR ?? '.'

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverBuildPath: `${out}/build/index.js`,
  assetsBuildDirectory: `${out}/public/build`,
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  // db/ lives beside app/ and is imported by server modules through the `#db/*` path alias.
  watchPaths: ['db/schema/**'],
  future: {
    v3_fetcherPersist: true,
    // Off: with it, every document request matched the route tree once more per path prefix to inline a
    // partial manifest (5–6 % of a signed-in page's CPU, issue 10). The whole manifest is one file of
    // about 30 kB, fetched once per deploy and cached for good, and no /__manifest requests follow.
    v3_lazyRouteDiscovery: false,
    v3_relativeSplatPath: true,
    v3_singleFetch: true,
    v3_throwAbortReason: true,
  },
}
