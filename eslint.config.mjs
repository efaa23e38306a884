// Lint for the whole project: the recommended rules for JavaScript, TypeScript and Svelte, and the fences
// that keep the layers apart (see design.md): the domain is pure, the store does not know the API, the
// renderer sees the main process only through the API and shared types, and only the Electron shell
// touches Electron. Formatting is Prettier's job (npm run format:check), not this file's.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronPackage = {
  name: 'electron',
  message:
    'Only electron/main.ts, electron/preload.ts and electron/shell/ use Electron: everything else must run under plain Node and in the browser.',
};

/** `no-restricted-imports` options for an area: Electron is fenced off everywhere, plus the area's own fences. */
const fences = (patterns = [], paths = []) => ['error', { paths: [electronPackage, ...paths], patterns }];

const layer = (names, message) => ({ regex: `(^|/)(${names.join('|')})(/|$)`, message });

export default tseslint.config(
  {
    ignores: ['build/', 'dist/', 'release/', 'node_modules/', 'docs/', 'resources/', 'test-results/', '.tmp/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused names are errors, except the ones a signature needs (`_event`) and rest siblings.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-restricted-imports': fences(),
      // Code from strings only where a comment says why (the condition compiler).
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,svelte}', 'test/component/**/*.{ts,svelte}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      // API data is kept in $state.raw and replaced, never mutated; the Maps and Sets built along the way
      // (a page of rows, a caret per field) are not state. SvelteMap would make them deep-reactive for nothing.
      'svelte/prefer-svelte-reactivity': 'off',
      // {' · '} keeps a space Svelte would trim at the start of a block or between tags: not useless.
      'svelte/no-useless-mustaches': 'off',
    },
  },
  {
    // Tests build and read loose JSON on purpose (a payload broken by hand, an answer read field by field).
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The Electron shell: the only place that may import Electron.
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/shell/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // The domain is pure rules: no database, no API, no runtime, no transport, no UI.
    files: ['electron/domain/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': fences(
        [
          layer(
            ['store', 'api', 'runtime', 'server', 'transfer', 'shell'],
            'The domain is pure rules: it must not import the store, the API, the runtime, the server, transfer or the shell. Pass data in; let the caller write it.',
          ),
          layer(['renderer'], 'The domain must not import the renderer.'),
        ],
        [{ name: 'better-sqlite3', message: 'The domain does not touch the database: the store (electron/store) does.' }],
      ),
    },
  },
  {
    // The store is the SQL layer under the API: it must not reach back up.
    files: ['electron/store/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': fences([layer(['api'], 'The store is the layer under the API: it must not import it.')]),
    },
  },
  {
    // The renderer talks to the main process through the API only. It may use the contract's and the
    // domain's types, through the one alias $shared; nothing else from electron/.
    files: ['renderer/**/*.{ts,svelte}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': fences([
        {
          regex: '^(\\.\\./)+electron(/|$)',
          message: "The renderer imports from electron/ only through $shared (the contract's and the domain's types).",
        },
        {
          regex: '^\\$shared/(?!api/contract(/|$)|domain/)',
          message: 'Through $shared the renderer may use only the API contract (api/contract) and the domain (domain/).',
        },
        {
          // One value is shared: the contract's list of audit actions (a plain list of names), for the Activity filter.
          regex: '^\\$shared/(?!api/contract/audit-actions$)',
          allowTypeImports: true,
          message: "Only types come from $shared (`import type`): the renderer runs none of the main process's code.",
        },
      ]),
    },
  },
);
