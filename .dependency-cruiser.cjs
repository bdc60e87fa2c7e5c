// Layer rules (decision 013, issue 8 §5), checked by `npm run deps:check` inside `npm test`:
//   routes → models → rules; utils/ is plumbing; rules/ is pure; db/schema takes only enums from rules/.
// Tests (*.test.ts beside the code, and tests/) may import anything: every `from` below leaves them out.
// Type-only imports count (tsPreCompilationDeps): a type from db/ in rules/ is still a dependency on db/.

const TEST = '\\.test\\.tsx?$'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'rules-are-pure',
      comment:
        'app/rules holds pure domain logic, also bundled for the browser: it imports only other rules and zod — nothing from models, utils, routes, components, exports or db, no node: built-in and no other package.',
      severity: 'error',
      from: { path: '^app/rules/', pathNot: TEST },
      to: {
        pathNot: ['^app/rules/', '(^|/)node_modules/zod/'],
      },
    },
    {
      name: 'utils-are-plumbing',
      comment: 'app/utils is plumbing (db, session, auth, uploads, lists, notices): it never imports a model, a route, a component or an export.',
      severity: 'error',
      from: { path: '^app/utils/', pathNot: TEST },
      to: { path: '^app/(models|routes|components|exports)/' },
    },
    {
      name: 'models-below-routes',
      comment: 'Models are called by routes and exports; a model never imports a route, a component or an export definition.',
      severity: 'error',
      from: { path: '^app/models/', pathNot: TEST },
      to: { path: '^app/(routes|components|exports)/' },
    },
    {
      name: 'components-are-ui',
      comment: 'Components render what a route gives them: no model, no *.server module (it would leak server code into the browser bundle), no route.',
      severity: 'error',
      from: { path: '^app/components/', pathNot: TEST },
      to: { path: ['^app/models/', '^app/routes/', '\\.server\\.tsx?$'] },
    },
    {
      name: 'nothing-imports-routes',
      comment: 'Routes are the top layer: only tests import a route module (Remix loads them itself).',
      severity: 'error',
      from: { path: '^(app|db|server|scripts)/', pathNot: [TEST, '^app/routes/'] },
      to: { path: '^app/routes/' },
    },
    {
      name: 'schema-takes-only-enums',
      comment: 'db/schema may import the enum lists from app/rules (each is a CHECK constraint) and nothing else from app/.',
      severity: 'error',
      from: { path: '^db/schema/', pathNot: TEST },
      to: { path: '^app/', pathNot: '^app/rules/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles: each module can be read (and loaded) after the ones it imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      comment: 'A package that is imported is named in package.json (not just present in node_modules by chance).',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-dev-dep',
      comment: 'Code that runs in production does not import devDependencies (`npm ci --omit=dev` would break it); types only are fine.',
      severity: 'error',
      from: { path: '^(app|server|db)/', pathNot: [TEST, '^db/.*\\.test\\.ts$'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: ['node_modules/@types/'] },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^build/', '^public/build/', '^db/migrations/', '^tests/\\.tmp/'] },
    // Resolve `~/…` and `#db/…` through tsconfig.json's paths, as tsc, tsx and the Remix compiler do.
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
}
