// ESLint (flat config): the recommended rules of ESLint, typescript-eslint (type-aware), React, React hooks
// and jsx-a11y, with zero warnings allowed (`npm run lint`). Formatting is Prettier's, not ESLint's.
// Every rule turned off or changed here says why on its line.
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
  globalIgnores(['build/', 'public/build/', '.cache/', 'coverage/', 'data/', '.test-results/', 'tests/.tmp/', 'tests/e2e/screenshots/', '.bench/', 'tmp/']),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // One TypeScript program for the whole repository, from tsconfig.json (the same one `tsc` checks).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Remix's way to stop a loader or action is to throw a Response (404, redirect): allowed, nothing else.
      '@typescript-eslint/only-throw-error': [
        'error',
        {
          allow: [
            { from: 'lib', name: 'Response' },
            { from: 'package', package: '@remix-run/server-runtime', name: 'TypedResponse' },
          ],
        },
      ],
      // A leading underscore names a value left out on purpose (`const { id: _id, ...rest } = row`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  {
    files: ['**/*.{jsx,tsx}'],
    extends: [react.configs.flat.recommended, react.configs.flat['jsx-runtime'], jsxA11y.flatConfigs.recommended],
    settings: { react: { version: '18.3' } },
    rules: {
      // Props are typed by TypeScript; prop-types would be a second, runtime copy of the same types.
      'react/prop-types': 'off',
      // A label's text may sit in a <strong> inside a <span> (three levels); the default looks only two deep.
      'jsx-a11y/label-has-associated-control': ['error', { depth: 3 }],
      // Safari drops the list role of a <ul> styled `list-style: none`; role="list" puts it back (as plugin default, nav too).
      'jsx-a11y/no-redundant-roles': ['error', { ul: ['list'], nav: ['navigation'] }],
    },
  },
  {
    // React code lives in app/ only; elsewhere a `use…` name is not a hook (tests/e2e's useBrowser).
    files: ['app/**/*.{js,jsx,ts,tsx,mjs}'],
    extends: [reactHooks.configs.flat.recommended],
  },

  {
    // app/ runs in the browser and on the server; everything else runs in Node only.
    files: ['app/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['server/**', 'scripts/**', 'db/**', 'tests/**', '*.{js,mjs,cjs,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // public/*.js are served as they are: the boarding page's service worker (decision 022).
    files: ['public/**/*.js'],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'tests/**'],
    rules: {
      // Asymmetric matchers (expect.any, expect.stringContaining) are typed `any` by design.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // Plain JavaScript files are outside tsconfig.json's program (it includes only *.ts and *.tsx).
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // CommonJS config files (dependency-cruiser reads .dependency-cruiser.cjs with require).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      // `require` is how a .cjs file imports.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
)
